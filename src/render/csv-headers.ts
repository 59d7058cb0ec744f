import type { Language } from '../core/instrument/types.js';

/**
 * CSV column headers in the report's language. English headers are the stable snake_case column
 * names scripts read (they are the keys of this catalogue); Chinese headers (`--lang zh`) are for
 * people who open the file in a spreadsheet. Every header any CSV table writes is a key here; a
 * test renders every CSV table in Chinese and finds no English header left.
 */
const ZH: Readonly<Record<string, string>> = {
  id: '编号',
  construct: '维度',
  group: '组',
  label: '属性',
  reverse: '反向计分',
  n: '人数',
  importance_mean: '重要性均值',
  importance_sd: '重要性标准差',
  expectation_mean: '期望均值',
  expectation_sd: '期望标准差',
  baseline_mean: '基准均值',
  baseline_sd: '基准标准差',
  performance_mean: '表现均值',
  performance_sd: '表现标准差',
  gap_mean: '差距均值',
  gap_sd: '差距标准差',
  gap_se: '差距标准误',
  gap_ci_low: '差距95%置信区间下限',
  gap_ci_high: '差距95%置信区间上限',
  t: 't 值',
  df: '自由度',
  p: 'p 值',
  p_holm: 'Holm 校正 p 值',
  wilcoxon_p: 'Wilcoxon p 值',
  quadrant: 'IPA 象限',
  important_share: '认为重要的比例',
  survival_rank: '生存因素排名',
  priority: '优先级',
  derived_importance: '推导重要性',
  ipma_performance: 'IPMA 表现（0–100）',
  rank: '排名',
  importance: '重要性',
  performance: '表现',
  gap: '差距',
  significant: '显著',
  reason: '原因',
  impact_class: '影响类型',
  impact_advice: '建议',
  // loyalty tables
  type: '忠诚类型',
  count: '人数',
  share: '比例',
  ci_lower: '95%置信区间下限',
  ci_upper: '95%置信区间上限',
  rq_n: '关系质量人数',
  rq_mean: '关系质量均值',
  rq_sd: '关系质量标准差',
  survival_factors: '生存因素',
  attribute: '属性',
  low: '低分人数',
  high: '高分人数',
  ri: '奖励指数 RI',
  ri_se: 'RI 标准误',
  ri_t: 'RI t 值',
  ri_p: 'RI p 值',
  pi: '惩罚指数 PI',
  pi_se: 'PI 标准误',
  pi_t: 'PI t 值',
  pi_p: 'PI p 值',
  roi: '影响范围 RoI',
  sgp: '满意生成潜力 SGP',
  dgp: '不满生成潜力 DGP',
  ia: '影响不对称 IA',
  class: '类型',
  advice: '建议',
  method: '方法',
  mean: '均值',
  sd: '标准差',
  // compare
  level: '层级',
  measure: '指标',
  before_n: '前一期人数',
  before_mean: '前一期均值',
  after_n: '后一期人数',
  after_mean: '后一期均值',
  delta: '变化',
  se: '标准误',
  ci_low: '95%置信区间下限',
  ci_high: '95%置信区间上限',
  design: '设计',
  from_wave: '起始期',
  to_wave: '结束期',
};

/** The headers of a CSV table in `lang`: the keys themselves in English, their Chinese names in zh. */
export function csvHeaders(keys: readonly string[], lang: Language): string[] {
  return lang === 'zh' ? keys.map((k) => ZH[k] ?? k) : [...keys];
}

/** Every key the catalogue translates (for the completeness test). */
export const CSV_HEADER_KEYS: readonly string[] = Object.keys(ZH);
