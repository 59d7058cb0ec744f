import type {
  Attribute,
  Construct,
  Instrument,
  RespondentField,
  Role,
} from '../instrument/types.js';
import { ROLE_SUFFIX } from '../instrument/types.js';

/** One rating question: an attribute in one role, written to one column. */
export interface SurveyQuestion {
  readonly column: string;
  readonly attribute: Attribute;
  readonly construct: Construct;
  readonly role: Role;
}

export interface SurveyPlan {
  /** The output file's header: respondent_id, the respondent fields, then one column per question. */
  readonly header: readonly string[];
  readonly fields: readonly RespondentField[];
  readonly questions: readonly SurveyQuestion[];
}

/**
 * What `servqual survey` asks, in order, and the columns it writes — exactly the columns `analyze`
 * reads for the same instrument: construct by construct, attribute by attribute, importance then
 * performance (with `zot`, also the adequate and desired service levels); outcome items (loyalty)
 * ask performance (agreement) only. Column names are the instrument's `columns` or the defaults.
 */
export function surveyPlan(instrument: Instrument, options: { readonly zot: boolean }): SurveyPlan {
  const roles: Role[] = options.zot
    ? ['importance', 'performance', 'adequate', 'desired']
    : ['importance', 'performance'];
  const questions: SurveyQuestion[] = [];
  for (const construct of instrument.constructs) {
    for (const attribute of construct.attributes) {
      for (const role of attribute.outcome ? (['performance'] as Role[]) : roles) {
        questions.push({
          column: attribute.columns[role] ?? `${attribute.id}_${ROLE_SUFFIX[role]}`,
          attribute,
          construct,
          role,
        });
      }
    }
  }
  return {
    header: [
      'respondent_id',
      ...instrument.respondentFields.map((f) => f.id),
      ...questions.map((q) => q.column),
    ],
    fields: instrument.respondentFields,
    questions,
  };
}
