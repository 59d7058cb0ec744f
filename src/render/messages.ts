import type { Language } from '../core/instrument/types.js';
import type { Problem } from '../core/problems.js';
import type { Mediation, Note, Quadrant, SurvivalFactor } from '../core/report/types.js';
import type { RuleError } from '../core/rules/parse-rule.js';
import type { Violation } from '../core/rules/evaluate-rules.js';
import type { Baseline } from '../core/data/map-columns.js';

/** Every sentence servqual shows a person, in English and Simplified Chinese. */

export const QUADRANT_NAMES: Readonly<Record<Language, Readonly<Record<Quadrant, string>>>> = {
  en: {
    concentrate: 'concentrate',
    'keep-up': 'keep up',
    'low-priority': 'low priority',
    overkill: 'overkill',
  },
  zh: {
    concentrate: '重点改进',
    'keep-up': '继续保持',
    'low-priority': '次要',
    overkill: '过度投入',
  },
};

const BASELINE_NAMES: Readonly<Record<Language, Readonly<Record<Baseline, string>>>> = {
  en: { importance: 'importance', expectation: 'expectation' },
  zh: { importance: '重要性', expectation: '期望' },
};

export function baselineName(baseline: Baseline | null, lang: Language): string {
  return baseline === null ? '—' : BASELINE_NAMES[lang][baseline];
}

/** The respondent ids of two waves (`CompareReport.meta.ids`). */
type CompareIds = {
  readonly before: number;
  readonly after: number;
  readonly shared: number;
} | null;

export const LABELS = {
  en: {
    respondents: 'respondents',
    baseline: 'baseline',
    scale: 'scale',
    instrument: 'instrument',
    survivalFactors: 'Survival factors',
    constructs: 'Constructs',
    notes: 'Notes',
    attributes: 'Attributes',
    rank: '#',
    id: 'id',
    attribute: 'attribute',
    construct: 'construct',
    n: 'n',
    gap: 'gap',
    ci: '95% CI',
    pHolm: 'p (Holm)',
    why: 'why it ranks',
    level: 'level',
    performance: 'perf',
    sd: 'SD',
    quadrant: 'quadrant',
    rankedBy: (by: string) =>
      by === 'gap'
        ? 'ranked by gap P̄ − Ī'
        : by === 'derived'
          ? 'ranked by derived priority = IPMA importance × max(0, Ī − P̄)'
          : 'ranked by priority = Ī × max(0, Ī − P̄)',
    topOf: (shown: number, total: number) =>
      shown < total ? `top ${shown} of ${total}` : `${total}`,
    /** The survival table's heading: its size and ranking in brackets. */
    survivalHeading: (ranking: readonly [string, string]) =>
      `Survival factors (${ranking.join(', ')})`,
    none: 'No attribute falls short of its baseline: no survival factors.',
    performanceOnly:
      'The file has performance ratings only: no gaps, IPA or survival factors (add importance or expectation columns).',
    headline: (k: number, sig: number, top: string | null) =>
      `${k} survival factor${k === 1 ? '' : 's'} (${sig} significant after Holm).` +
      (top === null ? '' : ` Fix first: ${top}.`),
    firstOrder: 'dimension',
    higherOrder: 'higher-order',
    outcome: 'outcome',
    baselineShort: { importance: 'imp', expectation: 'exp' },
    importantTo: { importance: '% imp.', expectation: '% exp.' },
    problems: (shown: number, total: number) =>
      shown < total
        ? `${total} problems (first ${shown} shown)`
        : `${total} problem${total === 1 ? '' : 's'}`,
    pathModel: 'Path model (PLS-SEM)',
    pathModelMeta: (
      n: number,
      boot: { resamples: number; seed: number; ci?: 'percentile' | 'bca' } | null,
      scheme: string,
    ) =>
      `${n} respondents, ${scheme} weighting, ` +
      (boot === null
        ? 'no bootstrap'
        : `${boot.resamples} bootstrap resamples (seed ${boot.seed}), ${boot.ci === 'bca' ? 'BCa' : 'percentile'} 95% CI`),
    path: 'path',
    estimate: 'β',
    f2: 'f²',
    rSquared: 'R²',
    measurement: 'Measurement quality',
    htmtWorst: (a: string, b: string, v: string) =>
      `Highest HTMT: ${a}–${b} ${v} (discriminant validity is in doubt above 0.90; Henseler et al. 2015)`,
    ipma: (target: string) =>
      `Importance–performance map (target ${target}; importance = effect of +1 point on the 0–100 scale)`,
    importanceShort: 'importance',
    performanceShort: 'performance (0–100)',
    // Issue 14: report layout, charts and wave comparison.
    quadrantShort: {
      concentrate: 'conc.',
      'keep-up': 'keep',
      'low-priority': 'low',
      overkill: 'over',
    },
    quadrantHead: 'quad.',
    adequateShort: 'adeq',
    ipaMap: 'Importance–performance map',
    ipaLegend: (dot: string) =>
      `digits = survival-factor rank; ${dot} = other attributes; lines = crosshair`,
    ipaHidden: (n: number, ids: string) =>
      `${n} point${n === 1 ? '' : 's'} could not be drawn separately (they share a cell with another): ${ids}`,
    rSquaredTo: 'R² (to)',
    notSignificant: 'n.s.',
    scheme: { path: 'path', factorial: 'factorial', centroid: 'centroid' } as Record<
      string,
      string
    >,
    zoneTitle: 'Zone of tolerance (Zeithaml, Berry & Parasuraman 1993)',
    zoneWidth: 'zone width',
    zoneStatusHead: 'status',
    zoneStatus: { below: 'below the zone', within: 'within', above: 'above the zone' },
    zoneStatusShort: { below: 'below', within: 'within', above: 'above' },
    segmentsTitle: (column: string) => `Segments (${column}): survival rank and gap per attribute`,
    segmentsTop: (column: string) => `Segments (${column}): top 3 survival factors`,
    segmentsDiffer: 'Attributes that differ between segments (Holm p < 0.05):',
    segmentsMga: (resamples: number) =>
      `Paths compared between segments (PLS-MGA, Henseler 2009; ${resamples} resamples each):`,
    difference: 'difference',
    noneWord: 'none',
    summary: 'Summary',
    ipaSection: 'Importance–performance map (IPA)',
    topFactors: (k: number) => `Top ${k} survival factors`,
    gapsSection: 'Gaps per construct (95% CI)',
    zoneSection: 'Zone of tolerance (0 = adequate level)',
    segmentsSection: 'Segments, zone of tolerance and IPMA',
    appendix: 'Appendix: full tables',
    allAttributes: 'All attributes',
    legendShortfall: 'significant shortfall (gap < 0, Holm p < 0.05)',
    legendNotSignificant: 'not significant',
    legendSurplus: 'significant surplus (gap > 0, Holm p < 0.05)',
    legendCrosshair: (perf: string, base: string) =>
      `crosshair: performance ${perf}, baseline ${base}`,
    legendKey: 'Numbered points',
    legendIpmaMeans: (imp: string, perf: string) =>
      `lines at the means: importance ${imp}, performance ${perf}`,
    legendPathSig: 'significant path (p < 0.05)',
    legendPathNs: 'not significant (dashed)',
    legendStars: '* p < 0.05, ** p < 0.01, *** p < 0.001 (bootstrap)',
    ipmaImportance: 'importance (total effect)',
    ipmaPerformance: 'performance (0–100)',
    statedImportance: 'stated importance',
    derivedImportance: 'derived importance',
    segmentDiffers: 'differs between segments (Holm p < 0.05)',
    rankGap: 'rank · gap',
    significance: 'significance',
    reason: 'reason',
    significantWord: 'significant',
    compare: {
      title: (waves: readonly string[]) => `servqual compare · ${waves.join(' → ')}`,
      waves: 'Waves',
      design: (d: string, n: number, ids: CompareIds) =>
        d === 'paired'
          ? `paired by respondent id (${n} respondents in both waves; paired t-tests)`
          : `independent waves (Welch t-tests)${
              ids === null || ids.shared === 0
                ? ''
                : `: ${ids.shared} respondent ids are in both waves (of ${ids.before} and ` +
                  `${ids.after}); pairing needs the same respondents in both`
            }`,
      change: (a: string, b: string) => `Change ${a} → ${b}`,
      improved: 'Biggest improvements (change in gap, after − before)',
      worsened: 'Biggest deteriorations (change in gap, after − before)',
      constructs: 'Constructs: change in performance and in gap',
      allRows: 'All attributes and constructs',
      noImproved: 'No attribute’s gap improved.',
      noWorsened: 'No attribute’s gap deteriorated.',
      trend: 'Trend across waves (gap; slope = change per wave, OLS)',
      /** What a red row means in a comparison: a significant fall. */
      legendFall: 'significant fall (Δ < 0, Holm p < 0.05)',
      /** The trend table's title: how many attributes it shows of how many. */
      trendOf: (shown: number, total: number) =>
        `Trend across waves (gap; slope = change per wave, OLS)${shown < total ? `: the steepest ${shown} of ${total}` : ''}`,
      trendChart: (k: number) => `Gap per wave: the ${k} attributes with the steepest trends`,
      measure: 'measure',
      measures: { performance: 'performance', gap: 'gap' } as Record<string, string>,
      levels: { attribute: 'attribute', construct: 'construct' } as Record<string, string>,
      before: 'before',
      after: 'after',
      delta: 'Δ',
      slope: 'slope',
      wave: 'wave',
    },
  },
  zh: {
    respondents: '位受访者',
    baseline: '基准',
    scale: '量表',
    instrument: '问卷',
    survivalFactors: '生存因素',
    constructs: '构念',
    notes: '说明',
    attributes: '属性',
    rank: '#',
    id: '编号',
    attribute: '属性',
    construct: '构念',
    n: '样本',
    gap: '差距',
    ci: '95% 置信区间',
    pHolm: 'p (Holm)',
    why: '排名原因',
    level: '层级',
    performance: '表现',
    sd: '标准差',
    quadrant: '象限',
    rankedBy: (by: string) =>
      by === 'gap'
        ? '按差距 P̄ − Ī 排序'
        : by === 'derived'
          ? '按推导优先级 = IPMA 重要性 × max(0, Ī − P̄) 排序'
          : '按优先级 = Ī × max(0, Ī − P̄) 排序',
    topOf: (shown: number, total: number) =>
      shown < total ? `前 ${shown} 项，共 ${total} 项` : `${total} 项`,
    /** The survival table's heading: its size and ranking in full-width brackets. */
    survivalHeading: (ranking: readonly [string, string]) => `生存因素（${ranking.join('，')}）`,
    none: '没有属性低于基准：没有生存因素。',
    performanceOnly: '文件只有表现评分：无法计算差距、IPA 或生存因素（请加入重要性或期望列）。',
    headline: (k: number, sig: number, top: string | null) =>
      `共 ${k} 个生存因素（Holm 校正后 ${sig} 个显著）。` +
      (top === null ? '' : `首先改进：${top}。`),
    firstOrder: '维度',
    higherOrder: '高阶',
    outcome: '结果',
    baselineShort: { importance: '重要', expectation: '期望' },
    importantTo: { importance: '重要%', expectation: '期望%' },
    problems: (shown: number, total: number) =>
      shown < total ? `共 ${total} 个问题（显示前 ${shown} 个）` : `共 ${total} 个问题`,
    pathModel: '路径模型（PLS-SEM）',
    pathModelMeta: (
      n: number,
      boot: { resamples: number; seed: number; ci?: 'percentile' | 'bca' } | null,
      scheme: string,
    ) =>
      `${n} 位受访者，${{ path: '路径', factorial: '因子', centroid: '质心' }[scheme] ?? scheme}加权，` +
      (boot === null
        ? '未做自助法'
        : `自助法 ${boot.resamples} 次（种子 ${boot.seed}），${boot.ci === 'bca' ? 'BCa' : '百分位'} 95% 置信区间`),
    path: '路径',
    estimate: 'β',
    f2: 'f²',
    rSquared: 'R²',
    measurement: '测量质量',
    htmtWorst: (a: string, b: string, v: string) =>
      `最高 HTMT：${a}–${b} ${v}（高于 0.90 时区分效度存疑；Henseler 等 2015）`,
    ipma: (target: string) =>
      `重要性–表现图（目标 ${target}；重要性 = 0–100 分制上提高 1 分的效应）`,
    importanceShort: '重要性',
    performanceShort: '表现（0–100）',
    // Issue 14: report layout, charts and wave comparison.
    quadrantShort: {
      concentrate: '重点',
      'keep-up': '保持',
      'low-priority': '次要',
      overkill: '过度',
    },
    quadrantHead: '象限',
    adequateShort: '可接受',
    ipaMap: '重要性–表现图',
    ipaLegend: (_dot: string) => '数字 = 生存因素排名；圆点 = 其他属性；直线 = 十字准线',
    ipaHidden: (n: number, ids: string) => `${n} 个点与其他点重叠，无法单独显示：${ids}`,
    rSquaredTo: '终点 R²',
    notSignificant: '不显著',
    scheme: { path: '路径', factorial: '因子', centroid: '质心' } as Record<string, string>,
    zoneTitle: '容忍区间（Zeithaml 等 1993）',
    zoneWidth: '区间宽度',
    zoneStatusHead: '状态',
    zoneStatus: { below: '低于容忍区间', within: '区间内', above: '高于容忍区间' },
    zoneStatusShort: { below: '低于', within: '区间内', above: '高于' },
    segmentsTitle: (column: string) => `细分（${column}）：各属性的生存因素排名与差距`,
    segmentsTop: (column: string) => `细分（${column}）：前 3 个生存因素`,
    segmentsDiffer: '细分之间差异显著（Holm p < 0.05）的属性：',
    segmentsMga: (resamples: number) =>
      `路径的多组比较（PLS-MGA，Henseler 2009；每组 ${resamples} 次自助抽样）：`,
    difference: '差',
    noneWord: '无',
    summary: '摘要',
    ipaSection: '重要性–表现分析（IPA）',
    topFactors: (k: number) => `前 ${k} 个生存因素`,
    gapsSection: '各构念差距（95% 置信区间）',
    zoneSection: '容忍区间（0 = 可接受的最低水平）',
    segmentsSection: '细分、容忍区间与 IPMA',
    appendix: '附录：完整表格',
    allAttributes: '全部属性',
    legendShortfall: '显著不足（差距 < 0，Holm p < 0.05）',
    legendNotSignificant: '不显著',
    legendSurplus: '显著超出（差距 > 0，Holm p < 0.05）',
    legendCrosshair: (perf: string, base: string) => `十字准线：表现 ${perf}，基准 ${base}`,
    legendKey: '编号点',
    legendIpmaMeans: (imp: string, perf: string) => `均值线：重要性 ${imp}，表现 ${perf}`,
    legendPathSig: '显著路径（p < 0.05）',
    legendPathNs: '不显著（虚线）',
    legendStars: '* p < 0.05，** p < 0.01，*** p < 0.001（自助法）',
    ipmaImportance: '重要性（总效应）',
    ipmaPerformance: '表现（0–100）',
    statedImportance: '自述重要性',
    derivedImportance: '推导重要性',
    segmentDiffers: '细分之间差异显著（Holm p < 0.05）',
    rankGap: '排名 · 差距',
    significance: '显著性',
    reason: '原因',
    significantWord: '显著',
    compare: {
      title: (waves: readonly string[]) => `servqual 波次比较 · ${waves.join(' → ')}`,
      waves: '波次',
      design: (d: string, n: number, ids: CompareIds) =>
        d === 'paired'
          ? `按受访者编号配对（两次都参与：${n} 人；配对 t 检验）`
          : `独立样本（Welch t 检验）${
              ids === null || ids.shared === 0
                ? ''
                : `：两轮共有 ${ids.shared} 个受访者编号（分别为 ${ids.before} 和 ${ids.after} 个）；` +
                  '配对要求两轮是同一批受访者'
            }`,
      change: (a: string, b: string) => `变化 ${a} → ${b}`,
      improved: '改善最多（差距变化，后 − 前）',
      worsened: '恶化最多（差距变化，后 − 前）',
      constructs: '构念：表现与差距的变化',
      allRows: '全部属性与构念',
      noImproved: '没有属性的差距缩小。',
      noWorsened: '没有属性的差距扩大。',
      trend: '各波次趋势（差距；斜率 = 每波次变化，最小二乘）',
      legendFall: '显著下降（Δ < 0，Holm p < 0.05）',
      trendOf: (shown: number, total: number) =>
        `各波次趋势（差距；斜率 = 每波次变化，最小二乘）${shown < total ? `：变化最大的 ${shown} 项，共 ${total} 项` : ''}`,
      trendChart: (k: number) => `各波次差距：趋势最明显的 ${k} 个属性`,
      measure: '指标',
      measures: { performance: '表现', gap: '差距' } as Record<string, string>,
      levels: { attribute: '属性', construct: '构念' } as Record<string, string>,
      before: '前',
      after: '后',
      delta: 'Δ',
      slope: '斜率',
      wave: '波次',
    },
  },
} as const;

export type Labels = (typeof LABELS)[Language];

const pct = (x: number): string => `${Math.round(x * 100)} %`;
const num = (x: number): string => x.toFixed(1);

/** Why a survival factor ranks where it does, e.g. "important to 92 % of respondents, rated 2.1 below importance; significant". */
export function survivalReason(
  f: SurvivalFactor,
  baseline: Baseline | null,
  lang: Language,
): string {
  const shortfall = num(f.importance - f.performance);
  const zone = f.belowZone
    ? lang === 'zh'
      ? '；低于容忍区间'
      : '; below the zone of tolerance'
    : '';
  if (baseline === null) {
    // Zone-of-tolerance data without importance or expectation: the adequate level is the yardstick.
    return lang === 'zh'
      ? `表现比可接受的最低水平低 ${shortfall} 分${f.significant ? '，显著' : '，不显著'}`
      : `rated ${shortfall} below the adequate level${f.significant ? '; significant' : '; not significant'}`;
  }
  return baselineReason(f, shortfall, baseline, lang) + zone;
}

function baselineReason(
  f: SurvivalFactor,
  shortfall: string,
  baseline: Baseline,
  lang: Language,
): string {
  if (lang === 'zh') {
    const share =
      f.importantShare === null
        ? ''
        : `${pct(f.importantShare)}的受访者认为${baseline === 'expectation' ? '期望较高' : '重要'}，`;
    return `${share}表现比${baselineName(baseline, 'zh')}低 ${shortfall} 分${f.significant ? '，显著' : '，不显著'}`;
  }
  const share =
    f.importantShare === null
      ? ''
      : baseline === 'expectation'
        ? `expected highly by ${pct(f.importantShare)} of respondents, `
        : `important to ${pct(f.importantShare)} of respondents, `;
  return `${share}rated ${shortfall} below ${baselineName(baseline, 'en')}${f.significant ? '; significant' : '; not significant'}`;
}

/** A note about the data, in words. */
export function describeNote(
  note: Note,
  lang: Language,
  scale: { min: number; max: number },
): string {
  const zh = lang === 'zh';
  switch (note.code) {
    case 'reflected':
      return zh
        ? `反向计分题已翻转（x' = ${scale.min} + ${scale.max} − x，重要性除外）：${note.attributes.join(', ')}`
        : `Reverse-keyed attributes reflected (x' = min + max − x; importance is not reflected): ${note.attributes.join(', ')}`;
    case 'missing': {
      const worst = [...note.columns].sort((a, b) => b.share - a.share)[0];
      const detail =
        worst === undefined
          ? ''
          : zh
            ? `（最多：${worst.header} ${pct(worst.share)}）`
            : ` (most: ${worst.header}, ${pct(worst.share)})`;
      return zh
        ? `缺失值：${note.columns.length} 列有缺失，按可用数据分析${detail}`
        : `Missing values in ${note.columns.length} column${note.columns.length === 1 ? '' : 's'}, analysed with the data available${detail}`;
    }
    case 'lenient':
      return zh
        ? `宽松模式：${note.cells} 个无效单元格按缺失处理，${note.rows} 行字段数不符`
        : `Lenient mode: ${note.cells} bad cell${note.cells === 1 ? '' : 's'} treated as missing, ${note.rows} ragged row${note.rows === 1 ? '' : 's'} kept`;
    case 'performance-only':
      return LABELS[lang].performanceOnly;
    case 'weighted': {
      const model = note.pathModel
        ? zh
          ? '；路径模型不加权'
          : '; the path model is unweighted'
        : '';
      return zh
        ? `按“${note.column}”加权：均值、差距和占比为加权值，标准误用 Kish 有效样本量 ${num(note.effectiveN)}（共 ${note.respondents} 人）；秩检验（Wilcoxon、Kruskal–Wallis）不报告${model}`
        : `Weighted by "${note.column}": means, gaps and shares are weighted; standard errors use Kish's effective n = ${num(note.effectiveN)} (of ${note.respondents} respondents); rank tests (Wilcoxon, Kruskal–Wallis) are not reported${model}`;
    }
    case 'partial':
      return note.excluded
        ? zh
          ? `${note.rows} 位未完成的受访者（completion 列为 partial）未纳入分析（--complete-only）`
          : `${note.rows} partial respondent${note.rows === 1 ? '' : 's'} (completion column "partial") left out (--complete-only)`
        : zh
          ? `包括 ${note.rows} 位未完成的受访者（completion 列为 partial，未答的题按缺失处理）；加 --complete-only 可排除`
          : `Includes ${note.rows} partial respondent${note.rows === 1 ? '' : 's'} (completion column "partial"; unanswered questions are missing); --complete-only leaves them out`;
    case 'narrow-zones':
      return zh
        ? `重要但容忍区间较窄的维度（略有下滑即低于可接受水平）：${note.constructs.join(', ')}`
        : `Important dimensions with narrow zones of tolerance (a small slip falls below adequate): ${note.constructs.join(', ')}`;
    case 'no-path-model':
      return zh
        ? '路径模型无法用这些数据估计（见上方警告）；差距分析不受影响'
        : 'The path model could not be estimated from these data (see the warning); the gap analysis stands';
    case 'micom': {
      const failing = note.failing.join(', ');
      if (zh)
        return note.invariance === 'none'
          ? `MICOM（${note.permutations} 次置换）：${failing} 未通过组成不变性（步骤 2），两组路径不宜比较（Henseler 等 2016）`
          : `MICOM（${note.permutations} 次置换）：${note.invariance === 'full' ? '完全' : '部分'}测量不变性成立，可以比较两组路径（Henseler 等 2016）`;
      return note.invariance === 'none'
        ? `MICOM (${note.permutations} permutations): compositional invariance (step 2) fails for ${failing}, so comparing the segments' paths is not warranted (Henseler et al. 2016)`
        : `MICOM (${note.permutations} permutations): ${note.invariance} measurement invariance, so comparing the segments' paths is warranted (Henseler et al. 2016)`;
    }
    case 'consistent-pls':
      return zh
        ? '一致性 PLS（PLSc；Dijkstra & Henseler 2015）：路径、R² 与反映型载荷已按 ρA 校正衰减'
        : 'Consistent PLS (PLSc; Dijkstra & Henseler 2015): paths, R² and reflective loadings are corrected for attenuation by ρA';
    case 'plspredict': {
      const words = zh
        ? { none: '无', low: '低', medium: '中', high: '高' }
        : { none: 'none', low: 'low', medium: 'medium', high: 'high' };
      const list = note.constructs.map((c) => `${c.id} ${words[c.verdict]}`).join(', ');
      return zh
        ? `PLSpredict（${note.folds} 折 × ${note.repetitions} 次）样本外预测力：${list}（Q²predict 与线性模型 RMSE 对比；Shmueli 等 2019）`
        : `PLSpredict (${note.folds} folds × ${note.repetitions} repetitions), out-of-sample predictive power: ${list} (Q²predict and RMSE against a linear model; Shmueli et al. 2019)`;
    }
    case 'plspredict-unavailable':
      return zh
        ? '含高阶构念的模型没有公开的 PLSpredict 程序（seminr 亦不支持），未做预测评估'
        : 'No PLSpredict: there is no published procedure for models with higher-order constructs (seminr refuses them too)';
    case 'model-fit': {
      const q = note.srmrQuantile95;
      const verdict =
        q === null
          ? ''
          : zh
            ? `；自助法 95% 分位数 ${q.toFixed(3)}，${note.srmr > q ? '拒绝精确拟合' : '不拒绝精确拟合'}`
            : `; bootstrap 95 % quantile ${q.toFixed(3)}: exact fit ${note.srmr > q ? 'rejected' : 'not rejected'}`;
      return zh
        ? `模型拟合：SRMR ${note.srmr.toFixed(3)}（饱和模型 ${note.srmrSaturated.toFixed(3)}；低于 0.08 为良好，Henseler 等 2014）${verdict}`
        : `Model fit: SRMR ${note.srmr.toFixed(3)} (saturated model ${note.srmrSaturated.toFixed(3)}; below 0.08 is good, Henseler et al. 2014)${verdict}`;
    }
    case 'ipma-undefined':
      return zh
        ? `外部权重为负（${note.items.join(', ')}）：IPMA 的重标定权重须为正（Ringle & Sarstedt 2016），表现可能超出 0–100，故不报告 IPMA`
        : `Negative outer weight${note.items.length === 1 ? '' : 's'} (${note.items.join(', ')}): IPMA needs positive rescaled weights (Ringle & Sarstedt 2016), otherwise performance can leave 0–100, so the map is not reported`;
    case 'negative-loadings':
      return zh
        ? `题目负载荷（${note.items.join(', ')}）：ρC、α 与 AVE 假定题目方向一致；请将该题标为 reverse 或删除`
        : `Negative loading${note.items.length === 1 ? '' : 's'} (${note.items.join(', ')}): ρC, α and AVE assume items that point the same way; mark the item "reverse" or drop it`;
    case 'formative-indicators': {
      const parts: string[] = [];
      if (note.collinear.length > 0)
        parts.push(
          (zh ? '外部 VIF 高于 5（严重共线）：' : 'outer VIF above 5 (critical collinearity): ') +
            note.collinear.map((c) => `${c.item} ${c.vif.toFixed(2)}`).join(', '),
        );
      if (note.weak.length > 0)
        parts.push(
          (zh
            ? '权重不显著且载荷低于 0.5（可考虑删除）：'
            : 'weight not significant and loading below 0.5 (candidates for removal): ') +
            note.weak.join(', '),
        );
      return (
        (zh ? '形成型指标（Hair 等 2019）：' : 'Formative indicators (Hair et al. 2019): ') +
        parts.join('; ')
      );
    }
    case 'negative-alpha': {
      const list = note.constructs.map((c) => `${c.id} ${c.alpha.toFixed(2)}`).join(', ');
      return zh
        ? `Cronbach α 为负（${list}）：题目平均呈负相关（反向题未标注 reverse，或受访者太少），α 不能视为信度`
        : `Negative Cronbach's α (${list}): the items correlate negatively on average (a reversed item not marked "reverse", or too few respondents); α is no reliability here`;
    }
    case 'htmt-high': {
      const list = note.pairs.map((h) => `${h.a}–${h.b} ${h.value.toFixed(3)}`).join(', ');
      return zh
        ? `HTMT 高于 0.85（严格）或 0.90（宽松）阈值，区分效度存疑（Henseler 等 2015）：${list}`
        : `HTMT above the strict 0.85 or liberal 0.90 threshold, discriminant validity in doubt (Henseler et al. 2015): ${list}`;
    }
    case 'sample-size':
      return zh
        ? `样本偏小：${note.n} 位受访者；十倍法则要求 ${note.tenTimes}（最多 ${note.maxArrows} 个箭头指向同一构念），检验 R² ≥ ${note.minRSquared} 需 ${note.powerRule}（80% 检验力，α = 5%；Hair 等 2017）`
        : `Small sample: ${note.n} respondents; the 10-times rule asks for ${note.tenTimes} (at most ${note.maxArrows} ${note.maxArrows === 1 ? 'arrow points' : 'arrows point'} at one construct) and detecting R² ≥ ${note.minRSquared} needs ${note.powerRule} (80 % power, α = 5 %; Hair et al. 2017, Exhibit 1.7)`;
    case 'constant-gaps':
      return zh
        ? `以下差距对每位受访者都相同（标准差 0）：t、p 与置信区间无定义，不计为显著：${note.ids.join(', ')}`
        : `Every respondent has the same gap (SD 0), so t, p and the interval are undefined and not counted significant: ${note.ids.join(', ')}`;
    case 'rank-by-fallback':
      return zh
        ? '未能计算 IPMA 推导重要性（无路径模型或 IPMA 无定义），生存因素改按优先级 Ī × max(0, Ī − P̄) 排序'
        : 'Derived importance (IPMA) is unavailable (no path model, or IPMA undefined): survival factors are ranked by priority Ī × max(0, Ī − P̄) instead';
    case 'not-converged':
      return zh
        ? `路径模型在 ${note.iterations} 次迭代后仍未收敛（Σ|Δw| ≥ 1e-7），结果仅供参考`
        : `The path model did not converge in ${note.iterations} iterations (Σ|Δw| ≥ 1e-7): treat its estimates with care`;
    case 'items-missing': {
      const list = note.items.map((i) => `${i.item} ${pct(i.share)}`).join(', ');
      return zh
        ? `以下题目缺失超过 5 %（${note.treatment === 'mean' ? '均值替代' : '列表删除'}）：${list}`
        : `Items more than 5 % missing (${note.treatment === 'mean' ? 'mean replacement' : 'listwise deletion'}): ${list}`;
    }
    case 'bootstrap-failed':
      return zh
        ? `自助法：${note.resamples} 次重抽样中有 ${note.failed} 次无法估计，已排除`
        : `Bootstrap: ${note.failed} of ${note.resamples} resamples could not be estimated and were left out`;
    case 'problems-truncated':
      return zh
        ? `共 ${note.total} 个问题，仅保留前 ${note.shown} 个的详情`
        : `${note.total} problems found; the first ${note.shown} are listed`;
  }
}

/**
 * The mediation verdict in words (Zhao, Lynch & Chen 2010), e.g. "SQ raises CL only through RQ
 * (indirect-only mediation)".
 */
export function mediationSentence(m: Mediation, lang: Language): string {
  const via = m.via.join(lang === 'zh' ? '、' : ', ');
  const raises = m.indirect.estimate >= 0;
  if (lang === 'zh') {
    switch (m.verdict) {
      case 'indirect-only':
        return `${m.from} 只通过 ${via} 影响 ${m.to}（完全中介）`;
      case 'complementary':
        return `${m.from} 既直接影响 ${m.to}，也通过 ${via} 影响（互补型中介）`;
      case 'competitive':
        return `${m.from} 通过 ${via} 的间接效应与直接效应方向相反（竞争型中介）`;
      case 'direct-only':
        return `${m.from} 直接影响 ${m.to}，不经过 ${via}（仅直接效应）`;
      case 'no-effect':
        return `数据未显示 ${m.from} 对 ${m.to} 有直接或间接效应`;
      case null:
        return `${m.from} → ${via} → ${m.to} 的间接效应为 ${m.indirect.estimate.toFixed(3)}（需要自助法才能判断显著性）`;
    }
  }
  switch (m.verdict) {
    case 'indirect-only':
      return `${m.from} ${raises ? 'raises' : 'lowers'} ${m.to} only through ${via} (indirect-only mediation)`;
    case 'complementary':
      return `${m.from} ${raises ? 'raises' : 'lowers'} ${m.to} both directly and through ${via} (complementary mediation)`;
    case 'competitive':
      return `${m.from}'s effect on ${m.to} through ${via} runs against its direct effect (competitive mediation)`;
    case 'direct-only':
      return `${m.from} reaches ${m.to} directly, not through ${via} (direct-only)`;
    case 'no-effect':
      return `the data show no effect of ${m.from} on ${m.to}, direct or through ${via}`;
    case null:
      return `indirect effect of ${m.from} on ${m.to} through ${via}: ${m.indirect.estimate.toFixed(3)} (bootstrap needed to judge significance)`;
  }
}

/** A malformed --fail-on rule, pointing at the bad character: `--fail-on "gap << 1": expected a number (column 6)`. */
export function describeRuleError(e: RuleError): string {
  return `--fail-on "${e.text}": ${e.message} at column ${e.column}\n  ${e.text}\n  ${' '.repeat(e.column - 1)}^`;
}

/** A tripped rule with its offending values (at most 10 listed), in English or Chinese. */
export function describeViolation(v: Violation, lang: Language = 'en'): string {
  const zh = lang === 'zh';
  if (v.missing) {
    const what = v.rule.metric === 'path' ? (zh ? '路径' : 'path') : zh ? '值' : 'value';
    const target = v.rule.target === null ? '' : ` (${v.rule.target})`;
    return zh
      ? `未通过：${v.rule.text} — 报告中没有这个${what}${target}`
      : `fail: ${v.rule.text} — the report has no such ${what}${target}`;
  }
  const shown = v.offenders
    .slice(0, 10)
    .map((o) => `${o.id} = ${Number.isInteger(o.value) ? o.value : o.value.toFixed(3)}`);
  const more =
    v.offenders.length > 10
      ? zh
        ? `，另有 ${v.offenders.length - 10} 项`
        : `, … ${v.offenders.length - 10} more`
      : '';
  return `${zh ? '未通过：' : 'fail: '}${v.rule.text} — ${shown.join(zh ? '，' : ', ')}${more}`;
}

/** One problem in words (without its position), e.g. `not a number: "abc" (expected a rating from 1 to 7)`. */
export function describeProblem(p: Problem): string {
  const found = p.found === undefined ? '' : clip(p.found);
  const expected = p.expected === undefined ? '' : ` (expected ${p.expected})`;
  const suggestion = p.suggestion === undefined ? '' : ` — did you mean "${p.suggestion}"?`;
  const column = p.header === undefined ? '' : `column "${clip(p.header)}": `;
  switch (p.code) {
    case 'non-numeric':
      return `${column}not a number: ${JSON.stringify(found)}${expected}`;
    case 'out-of-range':
      return `${column}rating ${found} is outside the scale${expected}`;
    case 'ragged-row':
      return `row has ${found} but the header has ${p.expected ?? '?'}`;
    case 'missing-column':
      return `missing column "${p.expected ?? ''}" for ${found}${suggestion}`;
    case 'unmapped-attributes': {
      // A long list names the first ten and counts the rest (not its length in characters).
      const all = (p.found ?? '').split(', ');
      const listed =
        all.length > 10
          ? `${all.slice(0, 10).join(', ')} and ${all.length - 10} more`
          : all.join(', ');
      return `required attributes not mapped to any column: ${listed} — map them in the mapping file (servqual map --init FILE writes one)`;
    }
    case 'unknown-map-column':
      return `the mapping file names column "${found}", which the file does not have${suggestion}`;
    case 'unreviewed-map':
      return `${found} still marked "review" in the mapping file: check them, then delete "review"`;
    case 'unnumbered-label':
      return `answer labels without a number in the mapping file's "labels": ${found} (a cell holding one is an error until it has one)`;
    case 'unknown-attribute':
      return `unknown attribute ${found}${suggestion}`;
    case 'bad-answer':
      return `${column}answer ${JSON.stringify(found)} not understood${expected}: read as not answered`;
    case 'bad-weight':
      return `${column}weight ${JSON.stringify(found)} is not a number ≥ 0${p.severity === 'warning' ? ': the respondent weighs 0 (left out of the weighted statistics)' : ''}`;
    case 'duplicate-header':
      return `duplicate header "${clip(p.header ?? '')}" (${found})${p.severity === 'error' ? ': the instrument reads this column, rename one' : ''}`;
    case 'unterminated-quote':
      return `unterminated quote: a field opened with " is never closed (${found})`;
    case 'record-too-long':
      // A workbook's row or an SPSS case (located by cell): `found` says what is too long.
      if (p.cell !== undefined) return `record too long${expected}: ${found}`;
      return p.found === 'inside a quoted field'
        ? `record too long${expected}: a field opened with " is probably never closed`
        : `record too long${expected}: ${found === '' ? 'a line without a line end' : found} (not a CSV export?)`;
    case 'too-many-columns':
      return `the header has ${found} columns${expected}`;
    case 'input-too-large':
      return `too large: ${found}${expected}`;
    case 'dimension-cycle':
      return `the dimensions form a cycle: ${found} (a dimension must be a construct with attributes)`;
    case 'bad-id':
      return `id ${found} is not allowed${expected}`;
    case 'empty-file':
      return 'the file is empty: expected a header row and one row per respondent';
    case 'no-respondents':
      return 'the file has a header but no respondents';
    case 'no-usable-ratings':
      return `no usable ratings: ${found}, but every performance rating is missing, invalid or weighted 0`;
    case 'unsupported-encoding':
      // found: the --encoding given (absent: detected); expected: what the bytes read as.
      if (p.found === undefined)
        return 'the file is not UTF-8, UTF-16 or GB18030 text; save it as "CSV UTF-8" or give --encoding';
      return (
        `the file is not valid ${p.found.toUpperCase()} text (--encoding ${p.found})` +
        (p.expected === undefined
          ? '; save it as "CSV UTF-8" or give another --encoding'
          : `; it reads as ${p.expected.toUpperCase()}: give --encoding ${p.expected}`)
      );
    case 'unreadable-file':
      return `cannot read the file: ${found}`;
    case 'missing-baseline':
      return `--baseline ${p.expected ?? ''}: the file has no ${p.expected ?? ''} columns`;
    case 'path-model':
      return `the path model cannot be estimated: ${found}${expected}`;
    case 'invalid-json':
      return `not valid JSON: ${found}`;
    case 'wrong-type':
      return `expected ${p.expected ?? '?'}${p.found === undefined ? '' : `, found ${found}`}`;
    case 'missing-key':
      return `missing: expected ${p.expected ?? '?'}`;
    case 'unknown-key':
      return `unknown key "${found}"${expected}`;
    case 'duplicate-id':
      return `duplicate id "${found}"`;
    case 'unknown-construct':
      return `unknown construct "${found}"${suggestion}`;
    case 'bad-scale':
      return `bad scale ${found}${expected}`;
    case 'mixed-scales':
      return `scale ${found} differs from ${p.expected ?? 'the other attributes'}: servqual averages ratings only on one scale (convert the ratings, or put the attribute on the same scale)`;
    case 'empty-construct':
      return `a construct needs at least one attribute${p.found === undefined ? '' : `, found ${found}`}`;
    case 'path-cycle':
      return `the paths form a cycle: ${found}`;
    case 'damaged-file':
      return `cannot read the file: ${found}`;
    case 'unknown-sheet':
      return `the workbook has no sheet ${JSON.stringify(found)}: its sheets are ${p.expected ?? 'none'} (--sheet takes a name or a number from 1)`;
    case 'empty-sheet':
      return found === 'no sheet'
        ? 'the workbook has no sheet with data: expected a header row and one row per respondent'
        : 'the sheet is empty: expected a header row and one row per respondent';
    case 'no-header':
      return `the first row holds numbers (${found}), not column names: expected a header row above the respondents`;
    case 'dimension-reused':
      return `construct "${found}" is already a dimension of another construct${expected}`;
  }
}

/** A value from the input shortened for a one-line message (a 1 MB cell is shown by its start and length). */
function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} characters)` : text;
}

/** `file:line:column: message` (the parts that are known), as compilers print positions. */
export function formatProblem(p: Problem): string {
  const where =
    p.cell === undefined
      ? [p.file, p.line, p.column].filter((x) => x !== undefined).join(':')
      : [p.file, p.cell].filter((x) => x !== undefined).join(': ');
  const path = p.path === undefined ? '' : `${p.path}: `;
  const tag = p.severity === 'warning' ? 'warning: ' : '';
  return `${where === '' ? '' : `${where}: `}${tag}${path}${describeProblem(p)}`;
}
