/**
 * Problems found in the user's input, collected as data (never thrown one by one). Positions are
 * 1-based as the user sees them: `line` is the physical line in the file, `column` the field
 * number; `path` is a JSON path inside an instrument file. Renderers turn a problem into words
 * (`describeProblem`), in the user's language.
 */
export type ProblemCode =
  // CSV and ratings
  | 'missing-column'
  | 'unmapped-attributes'
  | 'unknown-map-column'
  | 'unreviewed-map'
  | 'unnumbered-label'
  | 'unknown-attribute'
  | 'bad-weight'
  | 'duplicate-header'
  | 'non-numeric'
  | 'out-of-range'
  | 'ragged-row'
  | 'unterminated-quote'
  | 'record-too-long'
  | 'empty-file'
  | 'no-respondents'
  | 'no-usable-ratings'
  | 'unsupported-encoding'
  | 'unreadable-file'
  | 'missing-baseline'
  | 'path-model'
  | 'bad-answer'
  // workbooks and SPSS files
  | 'damaged-file'
  | 'unknown-sheet'
  | 'empty-sheet'
  | 'no-header'
  // instrument
  | 'invalid-json'
  | 'wrong-type'
  | 'missing-key'
  | 'unknown-key'
  | 'duplicate-id'
  | 'unknown-construct'
  | 'bad-scale'
  | 'mixed-scales'
  | 'empty-construct'
  | 'path-cycle'
  | 'dimension-reused'
  // limits and ids (README "Limits", "Ids")
  | 'input-too-large'
  | 'too-many-columns'
  | 'dimension-cycle'
  | 'bad-id';

export type Severity = 'error' | 'warning';

export interface Problem {
  readonly code: ProblemCode;
  readonly severity: Severity;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /**
   * Where in a workbook or SPSS file (`Sheet1!D17`, `case 17, variable P3`), in place of line and
   * column.
   */
  readonly cell?: string;
  /** Name of the CSV column the problem is in. */
  readonly header?: string;
  /** JSON path inside an instrument (`constructs[3].attributes[1].id`). */
  readonly path?: string;
  /** What was expected (a type, a range, a column name). */
  readonly expected?: string;
  /** What was found (the offending value, verbatim). */
  readonly found?: string;
  /** A suggestion (the closest existing column name). */
  readonly suggestion?: string;
}

export function isError(problem: Problem): boolean {
  return problem.severity === 'error';
}
