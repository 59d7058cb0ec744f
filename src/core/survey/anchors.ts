import { textIn, type Language } from '../instrument/types.js';
import { SURVEY_MESSAGES, type Wording } from './survey-messages.js';
import type { SurveyQuestion } from './survey-plan.js';

/** What a respondent reads for one rating: the item, the question under it, the scale's ends. */
export interface QuestionText {
  /** The item's wording (or, for a statement's importance, the whole question). */
  readonly title: string;
  /** The question under the title; null when the title is the question. */
  readonly question: string | null;
  readonly anchors: readonly [string, string];
}

/**
 * The wording of one question, per item kind and role:
 *
 * - a feature: its label, then the role's question ("How important is this to you?", "How well do
 *   we do it?", "What is the minimum level you would accept?", "What level do you desire?"), the
 *   ends labelled for that role;
 * - a statement's performance: its label as worded (reverse-keyed ones too), then "How much do you
 *   agree?", 1 = strongly disagree … n = strongly agree;
 * - a statement's importance: "How important is this to you: <topic>?" alone, the importance ends.
 */
export function questionText(q: SurveyQuestion, lang: Language): QuestionText {
  const M = SURVEY_MESSAGES[lang];
  if (q.kind === 'statement' && q.role === 'importance' && q.attribute.topic !== null) {
    return {
      title: M.topicImportance(textIn(q.attribute.topic, lang)),
      question: null,
      anchors: M.anchors.importance,
    };
  }
  const wording: Wording = q.kind === 'statement' ? 'agreement' : q.role;
  return {
    title: textIn(q.attribute.label, lang),
    question: M.question[wording],
    anchors: M.anchors[wording],
  };
}
