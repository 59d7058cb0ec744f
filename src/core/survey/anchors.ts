import type { Language, Role } from '../instrument/types.js';

/** What the ends of a rating scale mean, per role and language (shown on every question). */
const ANCHORS: Readonly<
  Record<Language, Readonly<Record<Role | 'agreement', readonly [string, string]>>>
> = {
  en: {
    importance: ['not at all important', 'extremely important'],
    performance: ['very poor', 'excellent'],
    expectation: ['not at all expected', 'absolutely expected'],
    adequate: ['very low minimum', 'very high minimum'],
    desired: ['very low level', 'very high level'],
    agreement: ['strongly disagree', 'strongly agree'],
  },
  zh: {
    importance: ['非常不重要', '非常重要'],
    performance: ['非常差', '非常好'],
    expectation: ['完全不期望', '非常期望'],
    adequate: ['最低要求很低', '最低要求很高'],
    desired: ['期望水平很低', '期望水平很高'],
    agreement: ['非常不同意', '非常同意'],
  },
};

/** The question each role asks, per language. */
const QUESTIONS: Readonly<Record<Language, Readonly<Record<Role | 'agreement', string>>>> = {
  en: {
    importance: 'How important is this to you?',
    performance: 'How well do we do it?',
    expectation: 'What do you expect of an excellent firm?',
    adequate: 'What is the minimum you would accept?',
    desired: 'What level do you desire?',
    agreement: 'How much do you agree?',
  },
  zh: {
    importance: '这一点对您有多重要？',
    performance: '我们做得怎么样？',
    expectation: '您对一家优秀企业的期望是？',
    adequate: '您能接受的最低水平是？',
    desired: '您希望达到的水平是？',
    agreement: '您在多大程度上同意？',
  },
};

export function scaleAnchors(
  role: Role,
  outcome: boolean,
  lang: Language,
): readonly [string, string] {
  return ANCHORS[lang][outcome ? 'agreement' : role];
}

export function roleQuestion(role: Role, outcome: boolean, lang: Language): string {
  return QUESTIONS[lang][outcome ? 'agreement' : role];
}
