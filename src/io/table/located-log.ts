import { ProblemLog } from '../../core/problem-log.js';
import type { Problem } from '../../core/problems.js';

/**
 * A problem log whose problems are shown in the table's own terms (`Sheet1!D17`, `case 17,
 * variable P3`) once the reader has said how (`locate`, set after reading); counts are unchanged.
 */
export class LocatedLog extends ProblemLog {
  locate: (problem: Problem) => Problem = (p) => p;

  override get problems(): readonly Problem[] {
    return super.problems.map(this.locate);
  }
}
