import type { Language } from '../core/instrument/types.js';
import type { Report } from '../core/report/types.js';
import type { Proportion } from '../core/stats/wilson-interval.js';
import {
  BAND_NAMES,
  COMPARISON_NAMES,
  COMPLAINT_GROUP_NAMES,
  impactAdvice,
  IMPACT_CLASS_NAMES,
  LOYALTY_LABELS,
  LOYALTY_TYPE_NAMES,
} from './loyalty-messages.js';
import { type LoyaltyBlock, loyaltyBlocks } from './loyalty-sections.js';
import { fixed } from './format.js';
import { differenceCells, h, num, widths } from './xlsx-cells.js';
import type { Cell, SheetSpec } from './xlsx-workbook.js';

/** The loyalty sheets' own words (the rest are the other formats' `LOYALTY_LABELS`). */
const W = {
  en: {
    sheets: { typology: 'Loyalty types', asymmetry: 'Penalty–reward', complaints: 'Complaints' },
    wilsonLow: '95% CI low (Wilson)',
    wilsonHigh: '95% CI high (Wilson)',
    ciLow: '95% CI low',
    ciHigh: '95% CI high',
    rqN: 'RQ n',
    rqSd: 'RQ SD',
    separating: 'Spurious vs true loyals (Welch t, Holm)',
    measure: 'Measure',
    test: 'Test',
    statistic: 'Statistic',
    df: 'df',
    meanOf: (type: string) => `Mean (${type})`,
    se: 'SE',
    t: 't',
    sgp: 'SGP',
    dgp: 'DGP',
    base: 'Base (n)',
    count: 'Count',
    complained: 'complained (share of those who answered)',
    silent: 'dissatisfied and did not complain (share of the dissatisfied)',
    spearman: "Spearman's ρ (response time, loyalty)",
    rSquared: 'R² (joint regression)',
  },
  zh: {
    sheets: { typology: '忠诚类型', asymmetry: '惩罚–奖励', complaints: '投诉与补救' },
    wilsonLow: '95% 置信区间下限（Wilson）',
    wilsonHigh: '95% 置信区间上限（Wilson）',
    ciLow: '95% 置信区间下限',
    ciHigh: '95% 置信区间上限',
    rqN: '关系质量样本',
    rqSd: '关系质量标准差',
    separating: '虚假忠诚与真正忠诚的比较（Welch t 检验，Holm 校正）',
    measure: '指标',
    test: '检验',
    statistic: '统计量',
    df: '自由度',
    meanOf: (type: string) => `均值（${type}）`,
    se: '标准误',
    t: 't',
    sgp: 'SGP',
    dgp: 'DGP',
    base: '基数（n）',
    count: '人数',
    complained: '投诉过（占回答者）',
    silent: '不满意却未投诉（占不满意者）',
    spearman: 'Spearman ρ（响应时间与忠诚）',
    rSquared: 'R²（联合回归）',
  },
} as const;

/**
 * The loyalty analyses as workbook sheets, each only when the report has the analysis: Loyalty
 * types (the Dick & Basu typology: count, share with its Wilson interval, mean RQ and the top
 * survival factors of each type, then the attributes compared between true and spurious loyals),
 * Penalty–reward (each attribute's reward and penalty indices with SE, t and p, range of impact,
 * SGP, DGP, impact asymmetry, class and advice) and Complaints (the complained and silent
 * dissatisfied shares with Wilson intervals, loyalty by complaint group, the two Welch tests, and
 * loyalty by response time with Spearman's ρ). Every number is a number at full precision (shares
 * as percentages, means 0.00, coefficients 0.000, p 0.0000); the tables come first, header row
 * frozen, and the same sentences as the text report follow them.
 */
export function loyaltySheets(report: Report, lang: Language): SheetSpec[] {
  const a = report.loyalty ?? null;
  if (a === null) return [];
  const L = LOYALTY_LABELS[lang];
  const w = W[lang];
  const blocks = loyaltyBlocks(report, lang);
  const sentencesOf = (id: LoyaltyBlock['id']): Cell[][] => {
    const block = blocks.find((b) => b.id === id);
    if (block === undefined) return [];
    return [
      [{ v: block.title, s: 'header' }],
      ...block.sentences.filter((x) => x !== '').map((x) => [x]),
    ];
  };
  const sheets: SheetSpec[] = [];

  const t = a.typology;
  if (t !== null) {
    const [first, second] = [LOYALTY_TYPE_NAMES[lang].true, LOYALTY_TYPE_NAMES[lang].spurious];
    const table: Cell[][] = [
      [
        h(L.type),
        h(L.count),
        h(L.share),
        h(w.wilsonLow),
        h(w.wilsonHigh),
        h(w.rqN),
        h(L.meanRq),
        h(w.rqSd),
        h(L.topFactors),
      ],
      ...t.types.map((x) => [
        LOYALTY_TYPE_NAMES[lang][x.type],
        ...shareCells(x.share),
        num(x.rq?.n, 'int'),
        num(x.rq?.mean),
        num(x.rq?.sd),
        // As the text report: the first three, with their gaps.
        x.survivalFactors
          .slice(0, 3)
          .map((f) => `${f.id} (${fixed(f.gap)})`)
          .join(', ') || '—',
      ]),
    ];
    const separating: Cell[][] = [
      [h(w.separating)],
      [
        h(L.attribute),
        h(w.measure),
        h(w.test),
        h(w.statistic),
        h(w.df),
        h(L.p),
        h(L.pHolm),
        h(w.meanOf(first)),
        h(w.meanOf(second)),
      ],
      ...t.spuriousVsTrue.map(differenceCells),
    ];
    sheets.push(layout(w.sheets.typology, [table, separating], sentencesOf('typology')));
  }

  const s = a.asymmetry;
  if (s !== null) {
    const table: Cell[][] = [
      [
        h(L.attribute),
        h(L.count),
        h(L.low),
        h(L.high),
        h(L.reward),
        h(w.se),
        h(w.t),
        h(L.p),
        h(L.penalty),
        h(w.se),
        h(w.t),
        h(L.p),
        h(L.roi),
        h(w.sgp),
        h(w.dgp),
        h(L.ia),
        h(L.klass),
        h(L.advice),
      ],
      ...s.rows.map((r) => [
        r.id,
        num(r.n, 'int'),
        num(r.low, 'int'),
        num(r.high, 'int'),
        num(r.reward?.estimate, 'dec3'),
        num(r.reward?.se, 'dec3'),
        num(r.reward?.t, 'dec2'),
        num(r.reward?.p, 'p'),
        num(r.penalty?.estimate, 'dec3'),
        num(r.penalty?.se, 'dec3'),
        num(r.penalty?.t, 'dec2'),
        num(r.penalty?.p, 'p'),
        num(r.rangeOfImpact, 'dec3'),
        num(r.sgp, 'dec3'),
        num(r.dgp, 'dec3'),
        num(r.asymmetry, 'dec3'),
        IMPACT_CLASS_NAMES[lang][r.class],
        impactAdvice(lang, r.class, s.target),
      ]),
    ];
    const fit: Cell[][] = s.rSquared === null ? [] : [[h(w.rSquared), num(s.rSquared, 'dec3')]];
    sheets.push(layout(w.sheets.asymmetry, [table, fit], sentencesOf('asymmetry')));
  }

  const c = a.complaints;
  if (c !== null) {
    const shares: Cell[][] = [
      [h(w.measure), h(w.base), h(w.count), h(L.share), h(w.wilsonLow), h(w.wilsonHigh)],
      [w.complained, num(c.complained.n, 'int'), ...shareCells(c.complained)],
      [w.silent, num(c.silentDissatisfied.n, 'int'), ...shareCells(c.silentDissatisfied)],
    ];
    const groups: Cell[][] = [
      [h(L.group), h(L.count), h(`${L.loyaltyMean} (${c.loyalty ?? '—'})`), h(L.sd)],
      ...(['nonComplainers', 'resolved', 'partly', 'unresolved'] as const).map((g) => [
        COMPLAINT_GROUP_NAMES[lang][g],
        num(c.groups[g].n, 'int'),
        num(c.groups[g].mean),
        num(c.groups[g].sd),
      ]),
    ];
    const tests: Cell[][] = [
      [
        h(L.comparison),
        h(L.difference),
        h(w.ciLow),
        h(w.ciHigh),
        h(w.t),
        h(w.df),
        h(L.p),
        h(L.pHolm),
      ],
      ...c.tests.map((x) => [
        COMPARISON_NAMES[lang][x.compare],
        num(x.test.estimate),
        num(x.test.ci[0]),
        num(x.test.ci[1]),
        num(x.test.t, 'dec2'),
        num(x.test.df, 'dec2'),
        num(x.test.p, 'p'),
        num(x.pAdjusted, 'p'),
      ]),
    ];
    const r = c.responseTime;
    const times: Cell[][] =
      r === null
        ? []
        : [
            [h(L.band), h(L.count), h(L.loyaltyMean), h(L.sd)],
            ...r.bands.map((b) => [
              BAND_NAMES[lang][b.band],
              num(b.loyalty.n, 'int'),
              num(b.loyalty.mean),
              num(b.loyalty.sd),
            ]),
            [],
            [h(w.spearman), h(L.count), h(L.p)],
            [num(r.spearman.rho, 'dec3'), num(r.spearman.n, 'int'), num(r.spearman.p, 'p')],
          ];
    sheets.push(
      layout(w.sheets.complaints, [shares, groups, tests, times], sentencesOf('complaints')),
    );
  }
  return sheets;
}

/** Count, share and its Wilson interval (the interval's ends as shares too). */
function shareCells(p: Proportion): Cell[] {
  return [num(p.count, 'int'), num(p.share, 'pct'), num(p.ci[0], 'pct'), num(p.ci[1], 'pct')];
}

/**
 * A sheet of tables one below the other (a blank row between; empty tables left out), the first
 * table's header frozen, then the section's title and sentences as plain text (a long sentence
 * runs on across the empty cells to its right, so it sets no column's width).
 */
function layout(name: string, tables: Cell[][][], sentences: Cell[][]): SheetSpec {
  const shown = tables.filter((x) => x.length > 0);
  const body = shown.flatMap((x, i) => (i === 0 ? x : [[], ...x]));
  return {
    name,
    rows: [...body, [], ...sentences],
    widths: widths(body),
    freezeRows: 1,
  };
}
