import type { SurveyPlan } from './survey-plan.js';

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
  /** The CSV cells of this respondent in header order ('' for unanswered or not applicable). */
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
  return {
    respondentId,
    fields,
    get position() {
      return given.length;
    },
    get complete() {
      return given.length >= plan.questions.length;
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
    row: () => [
      respondentId,
      ...plan.fields.map((f) => fields[f.id] ?? ''),
      ...plan.questions.map((_, i) => {
        const v = given[i];
        return v === undefined || v === null ? '' : String(v);
      }),
    ],
  };
}
