/**
 * `--fail-on` rules: a small grammar over the report, for CI gates.
 *
 *   rule      := metric [ "(" id ")" ] [ path ] op number
 *   metric    := "gap" | "significant-shortfalls" | "path" | "r2" | "alpha" | "rhoa" | "rhoc" |
 *   "ave" | "htmt"
 *              | "srmr" | "f2" | "q2predict"
 *              | "delta(gap)" | "delta(performance)"   (servqual compare: the change between waves)
 *              | "share" "(" true|latent|spurious|none ")"   (loyalty typology: share of the
 *              classified)
 *              | "silent-dissatisfied"       (dissatisfied who never complained, share of the
 *              dissatisfied)
 *   path      := id "->" id                  (after "path"; after "f2" in parentheses: f2(A->B))
 *   op        := "<" | "<=" | ">" | ">=" | "==" | "!="
 *
 * Examples: `gap < -1.0` (any attribute), `gap(reliability) < -0.5` (an attribute or construct),
 * `significant-shortfalls > 3`, `path SQ->RQ < 0.3`, `r2(CL) < 0.4`, `alpha < 0.7` (any construct),
 * `srmr > 0.08`, `f2(SQ->RQ) < 0.02` (`f2 < 0.02`: any path), `q2predict(CUSL1) <= 0` (any item:
 * `q2predict <= 0`). Ids are letters, digits, `_`, `.` and `-`; whitespace between tokens is free.
 */
export type Metric =
  | 'gap'
  | 'significant-shortfalls'
  | 'path'
  | 'r2'
  | 'alpha'
  | 'rhoa'
  | 'rhoc'
  | 'ave'
  | 'htmt'
  | 'srmr'
  | 'f2'
  | 'q2predict'
  | 'delta(gap)'
  | 'delta(performance)'
  | 'share'
  | 'silent-dissatisfied';
export type Operator = '<' | '<=' | '>' | '>=' | '==' | '!=';

export interface Rule {
  readonly text: string;
  readonly metric: Metric;
  /** The attribute/construct in parentheses; null = any. */
  readonly target: string | null;
  /** For `path`: from → to. */
  readonly path: readonly [string, string] | null;
  readonly op: Operator;
  readonly value: number;
}

export interface RuleError {
  readonly text: string;
  /** 1-based position of the offending character in the rule. */
  readonly column: number;
  readonly message: string;
}

const METRICS: readonly Metric[] = [
  'significant-shortfalls',
  'gap',
  'path',
  'r2',
  'alpha',
  'rhoa',
  'rhoc',
  'ave',
  'htmt',
  'srmr',
  'f2',
  'q2predict',
  'delta(gap)',
  'delta(performance)',
  'share',
  'silent-dissatisfied',
];
const TAKES_TARGET = new Set<Metric>([
  'gap',
  'r2',
  'alpha',
  'rhoa',
  'rhoc',
  'ave',
  'q2predict',
  'delta(gap)',
  'delta(performance)',
  'share',
]);

export function parseRule(text: string): { rule: Rule } | { error: RuleError } {
  let i = 0;
  const fail = (message: string, at = i): { error: RuleError } => ({
    error: { text, column: at + 1, message },
  });
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const id = (): string | null => {
    const m = /^[A-Za-z0-9_.-]+?(?=->|[\s()<>=!]|$)/.exec(text.slice(i));
    if (m === null || m[0] === '') return null;
    i += m[0].length;
    return m[0];
  };
  ws();
  const metric = METRICS.find(
    (m) =>
      text.slice(i, i + m.length).toLowerCase() === m &&
      !/[A-Za-z0-9_-]/.test(text[i + m.length] ?? ''),
  );
  if (metric === undefined) return fail(`expected one of ${METRICS.join(', ')}`);
  i += metric.length;
  ws();
  let target: string | null = null;
  let path: [string, string] | null = null;
  if (metric === 'f2' && text[i] === '(') {
    i++;
    ws();
    const from = id();
    if (from === null) return fail('expected a path, e.g. f2(SQ->RQ)');
    if (text.slice(i, i + 2) !== '->') return fail('expected "->"');
    i += 2;
    const to = id();
    if (to === null) return fail('expected the construct the path goes to');
    ws();
    if (text[i] !== ')') return fail('expected ")"');
    i++;
    ws();
    path = [from, to];
  } else if (text[i] === '(') {
    if (!TAKES_TARGET.has(metric)) return fail(`${metric} takes no (id)`);
    i++;
    ws();
    const start = i;
    target = id();
    if (target === null) return fail('expected an attribute or construct id', start);
    ws();
    if (text[i] !== ')') return fail('expected ")"');
    i++;
    ws();
  }
  if (metric === 'path') {
    const from = id();
    if (from === null) return fail('expected a path, e.g. SQ->RQ');
    if (text.slice(i, i + 2) !== '->') return fail('expected "->"');
    i += 2;
    const to = id();
    if (to === null) return fail('expected the construct the path goes to');
    path = [from, to];
    ws();
  }
  const op = (['<=', '>=', '==', '!=', '<', '>'] as const).find((o) => text.startsWith(o, i));
  if (op === undefined) return fail('expected a comparison: <, <=, >, >=, ==, !=');
  i += op.length;
  ws();
  const number = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
  if (number === null) return fail('expected a number');
  i += number[0].length;
  ws();
  if (i < text.length) return fail('unexpected text after the number');
  return { rule: { text, metric, target, path, op, value: Number(number[0]) } };
}
