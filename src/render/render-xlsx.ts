import type { CompareReport } from '../core/compare/compare-waves.js';
import { textIn, type Language } from '../core/instrument/types.js';
import type { GapStatistics, Inference, Report } from '../core/report/types.js';
import {
  baselineName,
  describeNote,
  LABELS,
  mediationSentence,
  QUADRANT_NAMES,
  survivalReason,
} from './messages.js';
import { fixed } from './format.js';
import { differenceCells, h, num, sheet } from './xlsx-cells.js';
import { loyaltySheets } from './loyalty-xlsx.js';
import { buildWorkbook, type Cell, type SheetSpec } from './xlsx-workbook.js';

/** Words of the workbook's sheets and headers, in the report's language. */
const X = {
  en: {
    sheets: {
      summary: 'Summary',
      survival: 'Survival factors',
      attributes: 'Attributes',
      constructs: 'Constructs',
      paths: 'Path model',
      measurement: 'Measurement',
      segments: 'Segments',
      zone: 'Zone of tolerance',
      ipma: 'IPMA',
      notes: 'Notes',
      changes: 'Changes',
    },
    title: 'Service quality report',
    compareTitle: 'Comparison of two survey waves',
    designs: { paired: 'paired by respondent id', independent: 'independent samples' },
    file: 'File',
    respondents: 'Respondents',
    instrument: 'Instrument',
    baseline: 'Baseline',
    scale: 'Scale',
    version: 'servqual version',
    headline: 'Headline',
    legend: 'Highlighted: significant shortfalls (gap < 0, Holm-adjusted p < 0.05).',
    id: 'Id',
    label: 'Attribute',
    construct: 'Construct',
    group: 'Group',
    level: 'Level',
    n: 'n',
    rank: 'Rank',
    priority: 'Priority',
    baselineMean: (b: string) => `${capitalized(b)} mean`,
    baselineSd: (b: string) => `${capitalized(b)} SD`,
    perfMean: 'Performance mean',
    perfSd: 'Performance SD',
    gap: 'Gap (P − baseline)',
    gapSd: 'Gap SD',
    se: 'SE',
    ciLow: '95% CI low',
    ciHigh: '95% CI high',
    t: 't',
    df: 'df',
    p: 'p',
    pHolm: 'p (Holm)',
    wilcoxon: 'Wilcoxon p',
    quadrant: 'Quadrant',
    importantShare: 'Share rating it important',
    significant: 'Significant',
    belowZone: 'Below zone',
    why: 'Why it ranks',
    yes: 'yes',
    no: 'no',
    from: 'From',
    to: 'To',
    estimate: 'Estimate',
    f2: 'f²',
    vif: 'VIF',
    bootSd: 'Bootstrap SD',
    rSquared: 'R²',
    adjR2: 'Adjusted R²',
    item: 'Item',
    loading: 'Loading',
    weight: 'Weight',
    alpha: 'Cronbach α',
    rhoA: 'ρA',
    rhoC: 'ρC (composite reliability)',
    ave: 'AVE',
    htmt: 'HTMT',
    segment: 'Segment',
    performance: 'Performance',
    test: 'Test',
    statistic: 'Statistic',
    msa: 'MSA (P − adequate)',
    mss: 'MSS (P − desired)',
    width: 'Zone width',
    status: 'Status',
    importance: 'Importance (total effect)',
    perf100: 'Performance (0–100)',
    stated: 'Stated importance',
    target: (t: string) => `Target construct: ${t}`,
    note: 'Note',
    mediation: 'Mediation',
    before: 'Before',
    after: 'After',
    design: 'Design',
    matched: 'Matched respondents',
    measure: 'Measure',
    beforeN: 'n before',
    beforeMean: 'Mean before',
    afterN: 'n after',
    afterMean: 'Mean after',
    delta: 'Change',
    improvements: 'Improvements',
    deteriorations: 'Deteriorations',
    compareLegend: 'Highlighted: significant deteriorations (change < 0, Holm-adjusted p < 0.05).',
  },
  zh: {
    sheets: {
      summary: '摘要',
      survival: '生存因素',
      attributes: '属性',
      constructs: '构念',
      paths: '路径模型',
      measurement: '测量模型',
      segments: '细分',
      zone: '容忍区',
      ipma: '重要性-表现图',
      notes: '说明',
      changes: '变化',
    },
    title: '服务质量报告',
    compareTitle: '两轮调查对比',
    designs: { paired: '按受访者编号配对', independent: '独立样本' },
    file: '文件',
    respondents: '受访者',
    instrument: '问卷',
    baseline: '基准',
    scale: '量表',
    version: 'servqual 版本',
    headline: '结论',
    legend: '突出显示：显著的不足（差距 < 0，Holm 校正 p < 0.05）。',
    id: '编号',
    label: '属性',
    construct: '构念',
    group: '组',
    level: '层级',
    n: '样本',
    rank: '排名',
    priority: '优先级',
    baselineMean: (b: string) => `${b}均值`,
    baselineSd: (b: string) => `${b}标准差`,
    perfMean: '表现均值',
    perfSd: '表现标准差',
    gap: '差距（表现 − 基准）',
    gapSd: '差距标准差',
    se: '标准误',
    ciLow: '95% 置信区间下限',
    ciHigh: '95% 置信区间上限',
    t: 't',
    df: '自由度',
    p: 'p',
    pHolm: 'p (Holm)',
    wilcoxon: 'Wilcoxon p',
    quadrant: '象限',
    importantShare: '认为重要的比例',
    significant: '显著',
    belowZone: '低于容忍区',
    why: '排名原因',
    yes: '是',
    no: '否',
    from: '自',
    to: '至',
    estimate: '估计值',
    f2: 'f²',
    vif: 'VIF',
    bootSd: '自助法标准差',
    rSquared: 'R²',
    adjR2: '调整 R²',
    item: '题项',
    loading: '载荷',
    weight: '权重',
    alpha: 'Cronbach α',
    rhoA: 'ρA',
    rhoC: 'ρC（组合信度）',
    ave: 'AVE',
    htmt: 'HTMT',
    segment: '细分',
    performance: '表现',
    test: '检验',
    statistic: '统计量',
    msa: 'MSA（表现 − 适当）',
    mss: 'MSS（表现 − 期望）',
    width: '容忍区宽度',
    status: '状态',
    importance: '重要性（总效应）',
    perf100: '表现（0–100）',
    stated: '自述重要性',
    target: (t: string) => `目标构念：${t}`,
    note: '说明',
    mediation: '中介',
    before: '前一轮',
    after: '后一轮',
    design: '设计',
    matched: '配对受访者',
    measure: '指标',
    beforeN: '前一轮样本',
    beforeMean: '前一轮均值',
    afterN: '后一轮样本',
    afterMean: '后一轮均值',
    delta: '变化',
    improvements: '改进',
    deteriorations: '退步',
    compareLegend: '突出显示：显著的退步（变化 < 0，Holm 校正 p < 0.05）。',
  },
} as const;

/** A shortfall: a negative gap whose Holm-adjusted p is below 0.05. */
const isShortfall = (g: GapStatistics | null | undefined): boolean =>
  g !== null && g !== undefined && g.mean < 0 && g.pAdjusted < 0.05;

/**
 * The report as an Excel workbook (.xlsx bytes): Summary (the headline in words), Survival
 * factors, Attributes, Constructs, Path model, Measurement, then Segments, Zone of tolerance, IPMA
 * and the loyalty sheets (`loyaltySheets`) when the report has them, and Notes. Numbers are
 * stored as numbers at full precision with number formats (2 decimals for means and gaps, 3 for
 * model estimates, 4 for p-values, % for shares); significant shortfalls (negative gap, Holm
 * p < 0.05) are highlighted; header rows are frozen; every word is in the report's language. No
 * cell is a formula.
 */
export function renderXlsx(report: Report, options: { readonly lang: Language }): Uint8Array {
  const { lang } = options;
  const L = X[lang];
  const m = report.meta;
  const b = baselineName(m.baseline, lang);
  const q = (x: string | null): string =>
    x === null ? '' : QUADRANT_NAMES[lang][x as keyof (typeof QUADRANT_NAMES)['en']];
  const sheets: SheetSpec[] = [];

  // Summary
  const factors = report.survivalFactors;
  const first = factors[0];
  const top =
    first === undefined
      ? null
      : `${first.id} "${textIn(first.label, lang)}" ` +
        `(${first.performance.toFixed(1)} vs ${first.importance.toFixed(1)})`;
  const headline =
    m.baseline === null
      ? LABELS[lang].performanceOnly
      : LABELS[lang].headline(factors.length, factors.filter((f) => f.significant).length, top);
  const summary: Cell[][] = [
    [{ v: L.title, s: 'title' }],
    [],
    [h(L.headline), { v: headline, s: 'wrap' }],
    [h(L.file), m.file],
    [h(L.respondents), num(m.respondents, 'int')],
    [h(L.instrument), textIn(m.instrument, lang)],
    [h(L.baseline), b],
    [h(L.scale), `${m.scale.min}–${m.scale.max}`],
    [h(L.version), m.version],
    [],
    [{ v: L.legend, s: 'shortfallText' }],
  ];
  sheets.push({ name: L.sheets.summary, rows: summary, widths: [22, 90], freezeRows: 0 });

  // Survival factors
  const why = new Map(report.attributes.map((a) => [a.id, a]));
  const survival: Cell[][] = [
    [
      h(L.rank),
      h(L.id),
      h(L.label),
      h(L.construct),
      h(L.priority),
      h(L.baselineMean(b)),
      h(L.perfMean),
      h(L.gap),
      h(L.pHolm),
      h(L.significant),
      h(L.quadrant),
      h(L.importantShare),
      h(L.belowZone),
      h(L.why),
    ],
    ...factors.map((f) => {
      const gap = why.get(f.id)?.gap;
      return [
        num(f.rank, 'int'),
        f.id,
        textIn(f.label, lang),
        f.construct,
        num(f.priority),
        num(f.importance),
        num(f.performance),
        num(f.gap, f.significant ? 'shortfall' : 'dec2'),
        num(gap?.pAdjusted, 'p'),
        f.significant ? L.yes : L.no,
        q(f.quadrant),
        num(f.importantShare, 'pct'),
        f.belowZone ? L.yes : L.no,
        survivalReason(f, m.baseline, lang),
      ];
    }),
  ];
  sheets.push(sheet(L.sheets.survival, survival));

  // Attributes
  const attributes: Cell[][] = [
    [
      h(L.id),
      h(L.construct),
      h(L.group),
      h(L.label),
      h(L.n),
      h(L.baselineMean(b)),
      h(L.baselineSd(b)),
      h(L.perfMean),
      h(L.perfSd),
      h(L.gap),
      h(L.gapSd),
      h(L.se),
      h(L.ciLow),
      h(L.ciHigh),
      h(L.t),
      h(L.df),
      h(L.p),
      h(L.pHolm),
      h(L.wilcoxon),
      h(L.quadrant),
      h(L.importantShare),
    ],
    ...report.attributes.map((a) => [
      a.id,
      a.construct,
      a.group,
      textIn(a.label, lang),
      num(a.n, 'int'),
      num(a.baseline?.mean),
      num(a.baseline?.sd),
      num(a.performance.mean),
      num(a.performance.sd),
      num(a.gap?.mean, isShortfall(a.gap) ? 'shortfall' : 'dec2'),
      num(a.gap?.sd),
      num(a.gap?.se, 'dec3'),
      num(a.gap?.ci[0]),
      num(a.gap?.ci[1]),
      num(a.gap?.t),
      num(a.gap?.df, 'dec2'),
      num(a.gap?.p, 'p'),
      num(a.gap?.pAdjusted, 'p'),
      num(a.gap?.wilcoxonP, 'p'),
      q(a.quadrant),
      num(a.importantShare, 'pct'),
    ]),
  ];
  sheets.push(sheet(L.sheets.attributes, attributes));

  // Constructs
  const constructs: Cell[][] = [
    [
      h(L.id),
      h(L.group),
      h(L.construct),
      h(L.level),
      h(L.n),
      h(L.baselineMean(b)),
      h(L.baselineSd(b)),
      h(L.perfMean),
      h(L.perfSd),
      h(L.gap),
      h(L.se),
      h(L.ciLow),
      h(L.ciHigh),
      h(L.t),
      h(L.df),
      h(L.p),
      h(L.pHolm),
    ],
    ...report.constructs.map((c) => [
      c.id,
      c.group,
      textIn(c.label, lang),
      c.level === 'first-order' ? LABELS[lang].firstOrder : LABELS[lang].higherOrder,
      num(c.n, 'int'),
      num(c.baseline?.mean),
      num(c.baseline?.sd),
      num(c.performance.mean),
      num(c.performance.sd),
      num(c.gap?.mean, isShortfall(c.gap) ? 'shortfall' : 'dec2'),
      num(c.gap?.se, 'dec3'),
      num(c.gap?.ci[0]),
      num(c.gap?.ci[1]),
      num(c.gap?.t),
      num(c.gap?.df, 'dec2'),
      num(c.gap?.p, 'p'),
      num(c.gap?.pAdjusted, 'p'),
    ]),
  ];
  sheets.push(sheet(L.sheets.constructs, constructs));

  const model = report.model;
  if (model !== null && model !== undefined) {
    const inf = (i: Inference | null): Cell[] => [
      num(i?.sd, 'dec3'),
      num(i?.t, 'dec3'),
      num(i?.p, 'p'),
      num(i?.ci[0], 'dec3'),
      num(i?.ci[1], 'dec3'),
    ];
    const infHead = [h(L.bootSd), h(L.t), h(L.p), h(L.ciLow), h(L.ciHigh)];
    const paths: Cell[][] = [
      [h(L.from), h(L.to), h(L.estimate), h(L.f2), h(L.vif), ...infHead],
      ...model.paths.map((p) => [
        p.from,
        p.to,
        num(p.estimate, 'dec3'),
        num(p.f2, 'dec3'),
        num(p.vif, 'dec3'),
        ...inf(p.inference),
      ]),
      [],
      [h(L.construct), h(L.rSquared), h(L.adjR2)],
      ...Object.keys(model.rSquared).map((k) => [
        k,
        num(model.rSquared[k], 'dec3'),
        num(model.adjustedRSquared[k], 'dec3'),
      ]),
    ];
    if (model.mediation !== null)
      paths.push([], [h(L.mediation), { v: mediationSentence(model.mediation, lang), s: 'wrap' }]);
    sheets.push(sheet(L.sheets.paths, paths));
    const measurement: Cell[][] = [
      [h(L.construct), h(L.item), h(L.loading), h(L.weight), ...infHead],
      ...model.loadings.map((l) => [
        l.construct,
        l.item,
        num(l.loading, 'dec3'),
        num(l.weight, 'dec3'),
        ...inf(l.loadingInference),
      ]),
      [],
      [h(L.construct), h(L.alpha), h(L.rhoA), h(L.rhoC), h(L.ave)],
      ...model.constructs.map((c) => [
        c.id,
        num(c.alpha, 'dec3'),
        num(c.rhoA, 'dec3'),
        num(c.rhoC, 'dec3'),
        num(c.ave, 'dec3'),
      ]),
      [],
      [h(L.construct), h(L.construct), h(L.htmt), ...infHead],
      ...model.htmt.map((x) => [x.a, x.b, num(x.value, 'dec3'), ...inf(x.inference)]),
    ];
    sheets.push(sheet(L.sheets.measurement, measurement));
  }

  const segments = report.segments;
  if (segments !== null && segments !== undefined) {
    const values = segments.segments.map((s) => s.value);
    const rows: Cell[][] = [
      [
        h(`${L.segment} (${segments.column})`),
        h(L.respondents),
        h(L.id),
        h(L.n),
        h(L.performance),
        h(L.gap),
      ],
      ...segments.segments.flatMap((s) =>
        s.attributes.map((a) => [
          s.value,
          num(s.respondents, 'int'),
          a.id,
          num(a.n, 'int'),
          num(a.performance),
          num(a.gap),
        ]),
      ),
      [],
      [
        h(L.id),
        h(L.measure),
        h(L.test),
        h(L.statistic),
        h(L.df),
        h(L.p),
        h(L.pHolm),
        ...values.map((v) => h(v)),
      ],
      ...segments.differences.map(differenceCells),
    ];
    sheets.push(sheet(L.sheets.segments, rows));
  }

  const zoned = [...report.constructs, ...report.attributes].filter((r) => r.zone !== null);
  if (zoned.length > 0) {
    const rows: Cell[][] = [
      [h(L.id), h(L.msa), h(L.pHolm), h(L.mss), h(L.pHolm), h(L.width), h(L.status)],
      ...zoned.map((r) => {
        const z = r.zone as NonNullable<typeof r.zone>;
        return [
          r.id,
          num(z.msa.mean, isShortfall(z.msa) ? 'shortfall' : 'dec2'),
          num(z.msa.pAdjusted, 'p'),
          num(z.mss.mean),
          num(z.mss.pAdjusted, 'p'),
          num(z.width.mean),
          z.status,
        ];
      }),
    ];
    sheets.push(sheet(L.sheets.zone, rows));
  }

  if (model?.ipma !== null && model?.ipma !== undefined) {
    const ipma = model.ipma;
    const rows: Cell[][] = [
      [h(L.construct), h(L.importance), h(L.perf100)],
      ...ipma.constructs.map((c) => [c.id, num(c.importance, 'dec3'), num(c.performance)]),
      [],
      [h(L.item), h(L.importance), h(L.perf100), h(L.stated)],
      ...ipma.items.map((i) => [
        i.id,
        num(i.importance, 'dec3'),
        num(i.performance),
        num(i.stated),
      ]),
      [],
      [L.target(ipma.target)],
    ];
    sheets.push(sheet(L.sheets.ipma, rows));
  }

  const notes: Cell[][] = [
    [h(L.note)],
    ...report.notes.map((n) => [{ v: describeNote(n, lang, m.scale), s: 'wrap' as const }]),
  ];
  sheets.push(...loyaltySheets(report, lang));
  sheets.push({ name: L.sheets.notes, rows: notes, widths: [120], freezeRows: 1 });
  return buildWorkbook(sheets);
}

/**
 * A wave comparison as a workbook: Summary, then every change with its test (significant
 * deteriorations highlighted).
 */
export function renderCompareXlsx(
  report: CompareReport,
  options: { readonly lang: Language },
): Uint8Array {
  const L = X[options.lang];
  const m = report.meta;
  const measures = LABELS[options.lang].compare.measures;
  // "rel4 (gap +0.01)", negative with the report's minus sign (−), the measure in the language.
  const list = (rows: CompareReport['improvements']): string =>
    rows
      .map((r) => {
        const sign = r.delta.estimate >= 0 ? '+' : '';
        const measure = measures[r.measure] ?? r.measure;
        return `${r.id} (${measure} ${sign}${fixed(r.delta.estimate, 2)})`;
      })
      .join(', ') || '—';
  const summary: Cell[][] = [
    [{ v: L.compareTitle, s: 'title' }],
    [],
    [h(L.before), m.before],
    [h(L.after), m.after],
    [h(L.design), L.designs[m.design]],
    [h(L.matched), num(m.matched, 'int')],
    [h(L.instrument), m.instrument],
    [h(L.improvements), { v: list(report.improvements), s: 'wrap' }],
    [h(L.deteriorations), { v: list(report.deteriorations), s: 'wrap' }],
    [h(L.version), m.version],
    [],
    [{ v: L.compareLegend, s: 'shortfallText' }],
  ];
  const changes: Cell[][] = [
    [
      h(L.id),
      h(L.level),
      h(L.measure),
      h(L.beforeN),
      h(L.beforeMean),
      h(L.afterN),
      h(L.afterMean),
      h(L.delta),
      h(L.se),
      h(L.t),
      h(L.df),
      h(L.ciLow),
      h(L.ciHigh),
      h(L.p),
      h(L.pHolm),
    ],
    ...report.rows.map((r) => [
      r.id,
      r.level,
      r.measure,
      num(r.before.n, 'int'),
      num(r.before.mean),
      num(r.after.n, 'int'),
      num(r.after.mean),
      num(
        r.delta.estimate,
        r.delta.estimate < 0 && r.delta.pAdjusted < 0.05 ? 'shortfall' : 'dec2',
      ),
      num(r.delta.se, 'dec3'),
      num(r.delta.t),
      num(r.delta.df, 'dec2'),
      num(r.delta.ci[0]),
      num(r.delta.ci[1]),
      num(r.delta.p, 'p'),
      num(r.delta.pAdjusted, 'p'),
    ]),
  ];
  return buildWorkbook([
    { name: L.sheets.summary, rows: summary, widths: [22, 90], freezeRows: 0 },
    sheet(L.sheets.changes, changes),
  ]);
}

/** "importance" → "Importance": a column header starts with a capital, as its neighbours do. */
function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
