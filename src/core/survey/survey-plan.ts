import type {
  Attribute,
  Construct,
  Instrument,
  ItemKind,
  RespondentField,
  Role,
} from '../instrument/types.js';
import { ROLE_SUFFIX } from '../instrument/types.js';

/** One rating question: an attribute in one role, written to one column. */
export interface SurveyQuestion {
  readonly column: string;
  /** 0-based index of `column` in the plan's header. */
  readonly cell: number;
  readonly attribute: Attribute;
  readonly construct: Construct;
  readonly role: Role;
  readonly kind: ItemKind;
}

/** The column that marks a row `complete` or `partial` (`analyze --complete-only` reads it). */
export const COMPLETION_COLUMN = 'completion';
export type Completion = 'complete' | 'partial';

export interface SurveyPlan {
  /**
   * The output file's header: respondent_id, completion, the respondent fields, then the rating
   * columns — every column `analyze` reads for this instrument and mode (a column no question
   * writes, e.g. a statement's adequate level under `--zot`, stays empty).
   */
  readonly header: readonly string[];
  readonly fields: readonly RespondentField[];
  /** The questions, in the order they are asked. */
  readonly questions: readonly SurveyQuestion[];
  /** Header index of the first rating column. */
  readonly firstRating: number;
}

/** Rough seconds a respondent needs per rating question (one key) and per respondent field. */
const SECONDS_PER_RATING = 6;
const SECONDS_PER_FIELD = 10;

/**
 * About how many minutes one respondent takes, for the welcome screen: 6 s per rating and 10 s per
 * respondent field, rounded up to whole minutes. The 6 s is servqual's own assumption for a
 * one-key rating of a short item read on screen (a planning figure, not a measurement).
 */
export function surveyMinutes(plan: SurveyPlan): number {
  const seconds =
    plan.questions.length * SECONDS_PER_RATING + plan.fields.length * SECONDS_PER_FIELD;
  return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * What `servqual survey` asks, in order, and the columns it writes — exactly the columns `analyze`
 * reads for the same instrument. Construct by construct, attribute by attribute:
 *
 * - a feature: importance, then performance; with `zot` the three-column format of Parasuraman,
 *   Zeithaml & Berry (1994, Journal of Retailing 70(3), 201–230): adequate (minimum), desired, then
 *   perceived performance, preceded by importance only when the instrument sets `zotImportance`;
 * - a statement: importance of its topic (when it has one and importance is asked), then agreement
 *   (performance); never the adequate or desired levels (their cells stay empty);
 * - an outcome (loyalty): agreement only.
 *
 * Column names are the instrument's `columns` or the defaults `<id>_imp`, `<id>_perf`, ….
 */
export function surveyPlan(instrument: Instrument, options: { readonly zot: boolean }): SurveyPlan {
  const roles: Role[] = options.zot
    ? [...(instrument.zotImportance ? (['importance'] as Role[]) : []), 'adequate', 'desired']
    : ['importance'];
  const fields = instrument.respondentFields;
  const firstRating = 2 + fields.length;
  const columns: string[] = [];
  const questions: SurveyQuestion[] = [];
  for (const construct of instrument.constructs) {
    for (const attribute of construct.attributes) {
      const columnRoles: Role[] = attribute.outcome ? ['performance'] : [...roles, 'performance'];
      for (const role of columnRoles) {
        const column = attribute.columns[role] ?? `${attribute.id}_${ROLE_SUFFIX[role]}`;
        const cell = firstRating + columns.length;
        columns.push(column);
        const asked =
          role === 'performance' ||
          (attribute.kind === 'feature' ? true : role === 'importance' && attribute.topic !== null);
        if (asked)
          questions.push({ column, cell, attribute, construct, role, kind: attribute.kind });
      }
    }
  }
  return {
    header: ['respondent_id', COMPLETION_COLUMN, ...fields.map((f) => f.id), ...columns],
    fields,
    questions,
    firstRating,
  };
}
