import type { Language, Role } from '../instrument/types.js';

/**
 * A problem of a `survey --answers` file, as data (`importAnswers`), at 1-based line and column
 * where it has one: the header differs from the survey's (the first differing column: what the file
 * has there and what the survey expects, null beyond either's end), a row with another number of
 * fields, a completion value other than complete/partial, a desired level below the adequate one,
 * response hours that are not a number ≥ 0, a cell that is not a rating on the scale, or a file
 * that cannot be read.
 */
export type AnswerProblem =
  | {
      readonly kind: 'header';
      readonly found: string | null;
      readonly expected: string | null;
      readonly columns: number;
    }
  | { readonly kind: 'fields'; readonly found: number; readonly expected: number }
  | { readonly kind: 'completion'; readonly found: string }
  | {
      readonly kind: 'desired-below';
      readonly column: string;
      readonly desired: number;
      readonly adequate: number;
    }
  | { readonly kind: 'hours'; readonly column: string; readonly found: string }
  | {
      readonly kind: 'rating';
      readonly column: string;
      readonly found: string;
      readonly min: number;
      readonly max: number;
    }
  | { readonly kind: 'unreadable'; readonly code: string };

/** How a rating is worded: a role of a feature, or agreement with a statement. */
export type Wording = Role | 'agreement';

/**
 * Every word `servqual survey` shows a respondent or interviewer, in English and Simplified Chinese
 * (one object per language, both of this type, so a message cannot exist in one language only).
 */
export interface SurveyMessages {
  /** The question under an item, per wording. */
  readonly question: Readonly<Record<Wording, string>>;
  /** What the ends of the scale mean, per wording. */
  readonly anchors: Readonly<Record<Wording, readonly [string, string]>>;
  /** A statement's importance question, naming its topic. */
  topicImportance(topic: string): string;
  welcome(name: string, questions: number, minutes: number, min: number, max: number): string[];
  readonly na: string;
  readonly naShort: string;
  readonly back: string;
  readonly backShort: string;
  /** Key help under a rating on scales a digit key can answer. */
  readonly keys: string;
  /** Key help under a rating on wider scales. */
  readonly arrowKeys: string;
  /** Key help under a menu. */
  readonly choiceKeys: string;
  /** Enter pressed before a rating was chosen. */
  readonly chooseFirst: string;
  /** The "no answer" entry of a respondent field with choices. */
  readonly skip: string;
  respondent(id: string): string;
  readonly next: string;
  readonly yes: string;
  readonly no: string;
  readonly interrupted: string;
  readonly save: string;
  readonly discard: string;
  readonly resume: string;
  saved(file: string, complete: number, partial: number): string;
  nothingSaved(file: string, discarded: number): string;
  readonly analyze: string;
  resumed(id: string, question: number): string;
  pending(journal: string): string;
  /** Response hours that are not a number ≥ 0: refused, asked again. */
  readonly hoursRefused: string;
  /** Desired below adequate: refused, asked again. */
  zoneRefused(adequate: number, desired: number): string;
  /** Why the survey stopped, per signal. */
  readonly stopReason: Readonly<Record<'SIGHUP' | 'SIGTERM', string>>;
  stopped(reason: string, file: string, id: string | null, journal: string): string;
  lockHeld(file: string, pid: number): string;
  headerMismatch(file: string, found: number | null, expected: number): string;
  cannotRead(file: string, reason: string): string;
  cannotWrite(file: string, reason: string): string;
  notSaved(file: string, reason: string, journal: string): string;
  /** `survey` without a terminal (and without --answers). */
  readonly notATerminal: string;
  /** `survey --answers`: rows appended. */
  appended(file: string, rows: number): string;
  /** `survey --answers FILE`: a problem of the file, in words (its place is printed before it). */
  answerProblem(problem: AnswerProblem): string;
  /** After the first 20 problems: how many more. */
  moreProblems(count: number): string;
  /** File-system error codes in words. */
  readonly reasons: Readonly<Record<string, string>>;
}

const en: SurveyMessages = {
  question: {
    importance: 'How important is this to you?',
    performance: 'How well do we do it?',
    expectation: 'What do you expect of an excellent firm?',
    adequate: 'What is the minimum level you would accept?',
    desired: 'What level do you desire?',
    agreement: 'How much do you agree?',
  },
  anchors: {
    importance: ['not at all important', 'extremely important'],
    performance: ['very poor', 'excellent'],
    expectation: ['not at all expected', 'absolutely expected'],
    adequate: ['very low minimum', 'very high minimum'],
    desired: ['very low level', 'very high level'],
    agreement: ['strongly disagree', 'strongly agree'],
  },
  topicImportance: (topic) => `How important is this to you: ${topic}?`,
  welcome: (name, q, minutes, min, max) => [
    `servqual survey — ${name}`,
    `${q} questions per respondent, about ${minutes} minute${minutes === 1 ? '' : 's'}, each on a ${min}–${max} scale (the ends are labelled on every question).`,
    'Answers are saved as they are given: a crash or power cut loses at most the answer being typed.',
    'A number key answers; n = not applicable (left empty); b = back to the previous answer; Ctrl-C asks what to do.',
  ],
  na: 'n/a — not applicable',
  naShort: 'n/a',
  back: '← back (change the previous answer)',
  backShort: '← back',
  keys: 'a number key answers · n = not applicable · b = back · ↑↓ then Enter',
  arrowKeys: '↑↓ to choose · Enter to answer · n = not applicable · b = back',
  choiceKeys: 'a number key chooses · ↑↓ then Enter',
  chooseFirst: 'Choose a rating first (a number key, or ↑↓).',
  skip: '— (no answer)',
  respondent: (id) => `Respondent ${id}`,
  next: 'Next respondent?',
  yes: 'Yes, the next respondent',
  no: 'No, finish',
  interrupted: 'Interrupted. What about this respondent?',
  save: 'Save the answers given so far (marked partial)',
  discard: 'Discard this respondent',
  resume: 'Continue the survey',
  saved: (file, c, p) =>
    `Saved to ${file}: ${c} complete respondent${c === 1 ? '' : 's'}${p > 0 ? `, ${p} partial` : ''}.`,
  nothingSaved: (file, d) => `No respondents saved to ${file}${d > 0 ? ` (${d} discarded)` : ''}.`,
  analyze: 'Analyse them with:',
  resumed: (id, n) => `Resuming respondent ${id} at question ${n + 1}.`,
  pending: (journal) =>
    `An unfinished respondent is saved in ${journal}: run with --resume to continue it.`,
  hoursRefused: 'Enter a number of hours (0 or more), or leave it empty.',
  zoneRefused: (adequate, desired) =>
    `The desired level (${desired}) cannot be below the minimum you would accept (${adequate}). Please answer again.`,
  stopReason: { SIGHUP: 'the terminal closed', SIGTERM: 'stopped by SIGTERM' },
  stopped: (reason, file, id, journal) =>
    id === null
      ? `servqual survey: ${reason}; ${file} is unlocked.`
      : `servqual survey: ${reason}; respondent ${id} saved to ${file} as partial, answers kept in ${journal} (--resume continues).`,
  lockHeld: (file, pid) => `${file}: another survey (process ${pid}) is writing this file`,
  headerMismatch: (file, found, expected) =>
    `${file}: its header does not match this instrument${found === null ? '' : ` (${found} columns, the survey writes ${expected})`}; choose another --out file (the file was not changed)`,
  cannotRead: (file, reason) => `${file}: cannot read: ${reason}`,
  cannotWrite: (file, reason) => `${file}: cannot write: ${reason}`,
  notSaved: (file, reason, journal) =>
    `${file}: the respondent could not be saved: ${reason} (the answers are kept in ${journal})`,
  notATerminal:
    "survey is interactive and stdin is not a terminal: run it in a terminal, or give --answers FILE (a CSV with the survey's columns) for scripted respondents",
  appended: (file, n) => `${file}: ${n} respondent${n === 1 ? '' : 's'} appended`,
  moreProblems: (n) => `… and ${n} more problem${n === 1 ? '' : 's'}`,
  answerProblem: (p) => {
    switch (p.kind) {
      case 'header':
        return (
          `the header differs from the survey's ${p.columns} columns: ` +
          (p.found === null
            ? `column "${p.expected}" is missing`
            : p.expected === null
              ? `"${p.found}" is one column too many`
              : `"${p.found}" where the survey has "${p.expected}"`)
        );
      case 'fields':
        return `${p.found} fields where the survey has ${p.expected}`;
      case 'completion':
        return `completion "${p.found}": expected "complete" or "partial"`;
      case 'desired-below':
        return `column "${p.column}": the desired level ${p.desired} is below the adequate level ${p.adequate}`;
      case 'hours':
        return `column "${p.column}": "${p.found}" is not a number of hours (0 or more)`;
      case 'rating':
        return `column "${p.column}": "${p.found}" is not a rating from ${p.min} to ${p.max}`;
      case 'unreadable':
        return p.code === 'ENOENT'
          ? 'no such file'
          : p.code === 'EISDIR'
            ? 'a folder, not a file'
            : `not a readable CSV file (${p.code})`;
    }
  },
  reasons: {
    ENOENT: 'no such directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a directory',
    ENOSPC: 'disk full',
    EROFS: 'read-only file system',
    EDQUOT: 'disk quota exceeded',
    EBUSY: 'file is busy',
  },
};

const zh: SurveyMessages = {
  question: {
    importance: '这一点对您有多重要？',
    performance: '我们做得怎么样？',
    expectation: '您对一家优秀企业的期望是？',
    adequate: '您能接受的最低水平是？',
    desired: '您希望达到的水平是？',
    agreement: '您在多大程度上同意？',
  },
  anchors: {
    importance: ['非常不重要', '非常重要'],
    performance: ['非常差', '非常好'],
    expectation: ['完全不期望', '非常期望'],
    adequate: ['最低要求很低', '最低要求很高'],
    desired: ['期望水平很低', '期望水平很高'],
    agreement: ['非常不同意', '非常同意'],
  },
  topicImportance: (topic) => `对您来说，“${topic}”有多重要？`,
  welcome: (name, q, minutes, min, max) => [
    `servqual 问卷 — ${name}`,
    `每位受访者 ${q} 道题，约 ${minutes} 分钟，均为 ${min}–${max} 分（每题都标明两端含义）。`,
    '答案随答随存：即使程序崩溃或断电，最多丢失正在输入的那一个答案。',
    '按数字键即可作答；n = 不适用（留空）；b = 返回上一题；Ctrl-C 会询问如何处理。',
  ],
  na: '不适用',
  naShort: '不适用',
  back: '← 返回（修改上一题）',
  backShort: '← 返回',
  keys: '按数字键作答 · n = 不适用 · b = 返回 · ↑↓ 后按回车',
  arrowKeys: '↑↓ 选择 · 回车确认 · n = 不适用 · b = 返回',
  choiceKeys: '按数字键选择 · ↑↓ 后按回车',
  chooseFirst: '请先选择一个评分（按数字键或 ↑↓）。',
  skip: '—（不回答）',
  respondent: (id) => `受访者 ${id}`,
  next: '继续下一位受访者？',
  yes: '是，下一位',
  no: '否，结束',
  interrupted: '已中断。如何处理这位受访者？',
  save: '保存已回答的部分（标记为未完成）',
  discard: '放弃这位受访者',
  resume: '继续作答',
  saved: (file, c, p) => `已保存到 ${file}：完整 ${c} 位${p > 0 ? `，未完成 ${p} 位` : ''}。`,
  nothingSaved: (file, d) => `没有受访者保存到 ${file}${d > 0 ? `（放弃 ${d} 位）` : ''}。`,
  analyze: '分析命令：',
  resumed: (id, n) => `继续受访者 ${id}，从第 ${n + 1} 题开始。`,
  pending: (journal) => `${journal} 中有未完成的受访者：请加 --resume 继续。`,
  hoursRefused: '请输入小时数（0 或以上），或留空。',
  zoneRefused: (adequate, desired) =>
    `期望水平（${desired}）不能低于您能接受的最低水平（${adequate}），请重新作答。`,
  stopReason: { SIGHUP: '终端已关闭', SIGTERM: '收到 SIGTERM 已停止' },
  stopped: (reason, file, id, journal) =>
    id === null
      ? `servqual 问卷：${reason}；${file} 已解锁。`
      : `servqual 问卷：${reason}；受访者 ${id} 已作为未完成保存到 ${file}，答案保留在 ${journal}（加 --resume 继续）。`,
  lockHeld: (file, pid) => `${file}：另一个问卷进程（${pid}）正在写入此文件`,
  headerMismatch: (file, found, expected) =>
    `${file}：表头与此问卷不符${found === null ? '' : `（${found} 列，问卷写入 ${expected} 列）`}；请换一个 --out 文件（原文件未改动）`,
  cannotRead: (file, reason) => `${file}：无法读取：${reason}`,
  cannotWrite: (file, reason) => `${file}：无法写入：${reason}`,
  notSaved: (file, reason, journal) =>
    `${file}：这位受访者未能保存：${reason}（答案保留在 ${journal}）`,
  notATerminal:
    '问卷需要在终端中交互进行，而标准输入不是终端：请在终端中运行，或用 --answers FILE（与问卷列相同的 CSV）导入受访者',
  appended: (file, n) => `${file}：已追加 ${n} 位受访者`,
  moreProblems: (n) => `……另有 ${n} 个问题`,
  answerProblem: (p) => {
    switch (p.kind) {
      case 'header':
        return (
          `表头与问卷的 ${p.columns} 列不符：` +
          (p.found === null
            ? `缺少列“${p.expected}”`
            : p.expected === null
              ? `多出一列“${p.found}”`
              : `此处为“${p.found}”，问卷为“${p.expected}”`)
        );
      case 'fields':
        return `有 ${p.found} 个字段，问卷为 ${p.expected} 个`;
      case 'completion':
        return `完成状态“${p.found}”：应为“complete”或“partial”`;
      case 'desired-below':
        return `列“${p.column}”：期望水平 ${p.desired} 低于可接受水平 ${p.adequate}`;
      case 'hours':
        return `列“${p.column}”：“${p.found}”不是小时数（0 或以上）`;
      case 'rating':
        return `列“${p.column}”：“${p.found}”不是 ${p.min} 到 ${p.max} 的评分`;
      case 'unreadable':
        return p.code === 'ENOENT'
          ? '文件不存在'
          : p.code === 'EISDIR'
            ? '这是一个文件夹，不是文件'
            : `不是可读取的 CSV 文件（${p.code}）`;
    }
  },
  reasons: {
    ENOENT: '目录不存在',
    EACCES: '没有权限',
    EPERM: '没有权限',
    EISDIR: '是一个目录',
    ENOSPC: '磁盘已满',
    EROFS: '只读文件系统',
    EDQUOT: '超出磁盘配额',
    EBUSY: '文件正忙',
  },
};

/** The survey's messages in `lang`. */
export const SURVEY_MESSAGES: Readonly<Record<Language, SurveyMessages>> = { en, zh };
