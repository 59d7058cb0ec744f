import type { Problem, ProblemCode } from './problems.js';

/**
 * Collects problems as they are found. Counts every one (by code and severity); keeps the first
 * `limit` (10 000 by default) in full so that a file with a bad column in every row cannot
 * exhaust memory.
 */
export class ProblemLog {
  readonly #limit: number;
  readonly #kept: Problem[] = [];
  #errors = 0;
  #warnings = 0;
  readonly #byCode = new Map<ProblemCode, number>();

  constructor(options: { readonly limit?: number } = {}) {
    this.#limit = options.limit ?? 10_000;
  }

  add(problem: Problem): void {
    if (problem.severity === 'error') this.#errors++;
    else this.#warnings++;
    this.#byCode.set(problem.code, (this.#byCode.get(problem.code) ?? 0) + 1);
    if (this.#kept.length < this.#limit) this.#kept.push(problem);
  }

  addAll(problems: Iterable<Problem>): void {
    for (const p of problems) this.add(p);
  }

  get errors(): number {
    return this.#errors;
  }

  get warnings(): number {
    return this.#warnings;
  }

  get total(): number {
    return this.#errors + this.#warnings;
  }

  /** The problems kept in full, in the order found. */
  get problems(): readonly Problem[] {
    return this.#kept;
  }

  countOf(code: ProblemCode): number {
    return this.#byCode.get(code) ?? 0;
  }
}
