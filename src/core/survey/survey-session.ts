import type { Completion, SurveyPlan } from './survey-plan.js';

/** An answer: a rating, or null for "not applicable" (the cell stays empty). */
export type Rating = number | null;

export interface SurveySession {
  readonly respondentId: string;
  readonly fields: Readonly<Record<string, string>>;
  /** Index of the question to ask next (= number answered so far). */
  readonly position: number;
  readonly complete: boolean;
  answer(value: Rating): void;
  /** Goes back one question (its answer is asked again); false at the first question. */
  back(): boolean;
  answers(): ReadonlyArray<Rating>;
  /**
   * The CSV cells of this respondent in header order ('' for unanswered, not applicable or not
   * asked); the completion cell says `complete` only when every question was answered.
   */
  row(): string[];
}

/**
 * One respondent's answers, question by question, with going back. Pure state: the caller asks,
 * journals and writes. `initial` resumes a respondent from a journal.
 */
export function createSession(
  plan: SurveyPlan,
  respondentId: string,
  fields: Readonly<Record<string, string>>,
  initial: ReadonlyArray<Rating> = [],
): SurveySession {
  const given: Rating[] = initial.slice(0, plan.questions.length);
  const complete = (): boolean => given.length >= plan.questions.length;
  return {
    respondentId,
    fields,
    get position() {
      return given.length;
    },
    get complete() {
      return complete();
    },
    answer(value) {
      if (given.length < plan.questions.length) given.push(value);
    },
    back() {
      if (given.length === 0) return false;
      given.pop();
      return true;
    },
    answers: () => given,
    row: () => {
      const completion: Completion = complete() ? 'complete' : 'partial';
      const cells: string[] = plan.header.map(() => '');
      cells[0] = respondentId;
      cells[1] = completion;
      plan.fields.forEach((f, i) => {
        cells[2 + i] = fields[f.id] ?? '';
      });
      plan.questions.forEach((q, i) => {
        const v = given[i];
        if (v !== undefined && v !== null) cells[q.cell] = String(v);
      });
      return cells;
    },
  };
}
