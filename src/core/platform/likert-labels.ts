import type { Scale } from '../instrument/types.js';

/**
 * The answer labels servqual reads as numbers without being told, per scale length, lowest point
 * first. English anchors follow Vagias (2006), "Likert-type scale response anchors", Clemson
 * University; Chinese anchors are the ones 问卷星 and Chinese SERVQUAL studies print. Within one
 * scale length a label has one value (checked by a test), so a column's role does not matter.
 */
export const LIKERT_LABELS: Readonly<Record<number, ReadonlyArray<readonly string[]>>> = {
  5: [
    [
      'Not at all important',
      'Slightly important',
      'Moderately important',
      'Very important',
      'Extremely important',
    ],
    ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'],
    ['Very poor', 'Poor', 'Fair', 'Good', 'Excellent'],
    ['非常不重要', '不重要', '一般', '重要', '非常重要'],
    ['非常不同意', '不同意', '一般', '同意', '非常同意'],
    ['非常差', '差', '一般', '好', '非常好'],
    ['很不重要', '不重要', '一般', '重要', '很重要'],
    ['很不同意', '不同意', '一般', '同意', '很同意'],
    ['很差', '较差', '一般', '较好', '很好'],
  ],
  7: [
    [
      'Not at all important',
      'Low importance',
      'Slightly important',
      'Neutral',
      'Moderately important',
      'Very important',
      'Extremely important',
    ],
    [
      'Strongly disagree',
      'Disagree',
      'Somewhat disagree',
      'Neither agree nor disagree',
      'Somewhat agree',
      'Agree',
      'Strongly agree',
    ],
    ['Very poor', 'Poor', 'Fair', 'Average', 'Good', 'Very good', 'Excellent'],
    ['非常不重要', '不重要', '比较不重要', '一般', '比较重要', '重要', '非常重要'],
    ['非常不同意', '不同意', '比较不同意', '一般', '比较同意', '同意', '非常同意'],
    ['非常差', '差', '比较差', '一般', '比较好', '好', '非常好'],
    ['很不重要', '不重要', '较不重要', '一般', '较重要', '重要', '很重要'],
    ['很不同意', '不同意', '较不同意', '一般', '较同意', '同意', '很同意'],
    ['很差', '差', '较差', '一般', '较好', '好', '很好'],
  ],
};

/** Spellings of the same anchor: each maps to the label in `LIKERT_LABELS` it stands for. */
const SYNONYMS: Readonly<Record<string, string>> = {
  'Neither agree or disagree': 'Neither agree nor disagree',
  'Neutral (neither agree nor disagree)': 'Neither agree nor disagree',
  'Not important at all': 'Not at all important',
  中立: '一般',
  说不清: '一般',
};

/** Answers that mean "no rating": not applicable, don't know, and 问卷星's skipped / not shown. */
export const MISSING_LABELS: readonly string[] = [
  'Not applicable',
  'N/A',
  'No answer',
  "Don't know",
  'Do not know',
  'Prefer not to say',
  'No opinion',
  '不适用',
  '不知道',
  '不清楚',
  '(跳过)',
  '（跳过）',
  '跳过',
  '(空)',
  '（空）',
];

/** Normal form for comparing labels: Unicode NFKC (full-width → half-width), case, spaces, curly quotes. */
export function normalizeLabel(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}

export type LabelReader = (cell: string, scale: Scale) => number | undefined;

/**
 * Reads an answer given as text: `custom` labels first (the mapping file's `labels`, which may
 * override a built-in one), then a leading number (`7 - Extremely important`, `7 = 非常重要`,
 * `7（非常重要）`), then the built-in anchors of a scale with as many points as the attribute's
 * (`Strongly agree` is 7 on a 1–7 scale and 5 on a 1–5 scale: point k of the list is min + k).
 * Returns NaN for a "no rating" answer, undefined for text it does not know.
 */
export function createLabelReader(custom: ReadonlyMap<string, number> = new Map()): LabelReader {
  const customs = new Map([...custom].map(([k, v]) => [normalizeLabel(k), v]));
  const missing = new Set(MISSING_LABELS.map(normalizeLabel));
  const byPoints = new Map<number, Map<string, number>>();
  const anchorsFor = (points: number): Map<string, number> => {
    let anchors = byPoints.get(points);
    if (anchors === undefined) {
      anchors = new Map();
      for (const list of LIKERT_LABELS[points] ?? [])
        list.forEach((label, k) => anchors?.set(normalizeLabel(label), k));
      for (const [spelling, label] of Object.entries(SYNONYMS)) {
        const k = anchors.get(normalizeLabel(label));
        if (k !== undefined) anchors.set(normalizeLabel(spelling), k);
      }
      byPoints.set(points, anchors);
    }
    return anchors;
  };
  return (cell, scale) => {
    const key = normalizeLabel(cell);
    const own = customs.get(key);
    if (own !== undefined) return own;
    if (missing.has(key)) return Number.NaN;
    const lead = LEADING_NUMBER.exec(key);
    if (lead !== null) return Number(lead[1]);
    const k = anchorsFor(scale.max - scale.min + 1).get(key);
    return k === undefined ? undefined : scale.min + k;
  };
}

const LEADING_NUMBER = /^([+-]?\d+(?:\.\d+)?)\s*(?:[-–—=:.、)(]|分|\s)/;
