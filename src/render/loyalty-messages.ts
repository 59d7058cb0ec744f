import type { Language } from '../core/instrument/types.js';
import type { ImpactClass, LoyaltyType } from '../core/loyalty/types.js';

/** Every word the loyalty, asymmetry and complaint sections print, in English and Chinese. */
export const LOYALTY_LABELS = {
  en: {
    typologyTitle: 'Loyalty typology (Dick & Basu 1994): relative attitude × repeat patronage',
    asymmetryTitle:
      'Meet or exceed? Penalty–reward contrast (Brandt 1987; Mikulić & Prebežac 2008)',
    complaintsTitle: 'Complaints and recovery',
    type: 'Type',
    count: 'n',
    share: 'Share',
    ci: '95 % CI (Wilson)',
    ciWelch: '95 % CI',
    meanRq: 'Mean RQ',
    topFactors: 'Top survival factors',
    attribute: 'Attribute',
    low: 'Low',
    high: 'High',
    reward: 'RI (reward)',
    penalty: 'PI (penalty)',
    p: 'p',
    roi: 'RoI',
    ia: 'IA',
    klass: 'Class',
    advice: 'Advice',
    group: 'Group',
    loyaltyMean: 'Loyalty mean',
    sd: 'SD',
    comparison: 'Comparison',
    difference: 'Difference',
    pHolm: 'p (Holm)',
    band: 'Response time',
    meetOrExceed: 'Meet or exceed',
  },
  zh: {
    typologyTitle: '忠诚类型（Dick & Basu 1994）：相对态度 × 重复惠顾',
    asymmetryTitle: '达标还是超越？惩罚–奖励对比分析（Brandt 1987；Mikulić & Prebežac 2008）',
    complaintsTitle: '投诉与补救',
    type: '类型',
    count: '人数',
    share: '占比',
    ci: '95% 置信区间（Wilson）',
    ciWelch: '95% 置信区间',
    meanRq: '关系质量均值',
    topFactors: '主要生存因素',
    attribute: '属性',
    low: '低分',
    high: '高分',
    reward: 'RI 奖励',
    penalty: 'PI 惩罚',
    p: 'p',
    roi: 'RoI',
    ia: 'IA',
    klass: '类别',
    advice: '建议',
    group: '组别',
    loyaltyMean: '忠诚均值',
    sd: '标准差',
    comparison: '比较',
    difference: '差值',
    pHolm: 'p（Holm）',
    band: '响应时间',
    meetOrExceed: '达标或超越',
  },
} as const;

export const LOYALTY_TYPE_NAMES: Readonly<Record<Language, Readonly<Record<LoyaltyType, string>>>> =
  {
    en: {
      true: 'true loyalty',
      latent: 'latent loyalty',
      spurious: 'spurious loyalty',
      none: 'no loyalty',
    },
    zh: { true: '真正忠诚', latent: '潜在忠诚', spurious: '虚假忠诚', none: '不忠诚' },
  };

export const IMPACT_CLASS_NAMES: Readonly<Record<Language, Readonly<Record<ImpactClass, string>>>> =
  {
    en: {
      basic: 'basic',
      excitement: 'excitement',
      performance: 'performance',
      irregular: 'irregular',
      'no-clear-effect': 'no clear effect',
    },
    zh: {
      basic: '基本因素',
      excitement: '兴奋因素',
      performance: '绩效因素',
      irregular: '不规则',
      'no-clear-effect': '无明确影响',
    },
  };

/**
 * What to do with an attribute of each class, in words; `target` is the construct the penalty–
 * reward regression explains (`AsymmetryReport.target`).
 */
export function impactAdvice(lang: Language, impact: ImpactClass, target: string): string {
  return IMPACT_ADVICE[lang][impact](target);
}

const IMPACT_ADVICE: Readonly<
  Record<Language, Readonly<Record<ImpactClass, (target: string) => string>>>
> = {
  en: {
    basic: () => 'bring it up to standard; exceeding it earns little',
    excitement: () => 'a place to delight once the basics hold',
    performance: () => 'every step up pays: improve it in proportion',
    irregular: () => 'the data contradict the usual direction: look closer before acting',
    'no-clear-effect': (target) => `no measurable effect on ${target} either way`,
  },
  zh: {
    basic: () => '先做到达标；超出标准收益甚微',
    excitement: () => '基本因素到位后，可在此给顾客惊喜',
    performance: () => '每提升一步都有回报：按比例改进',
    irregular: () => '数据与通常方向相反：行动前请深入查看',
    'no-clear-effect': (target) => `对 ${target} 无可测量的影响`,
  },
};

export const COMPLAINT_GROUP_NAMES: Readonly<
  Record<
    Language,
    Readonly<Record<'nonComplainers' | 'resolved' | 'partly' | 'unresolved', string>>
  >
> = {
  en: {
    nonComplainers: 'did not complain',
    resolved: 'complained, resolved',
    partly: 'complained, partly resolved',
    unresolved: 'complained, unresolved',
  },
  zh: {
    nonComplainers: '未投诉',
    resolved: '投诉且已解决',
    partly: '投诉且部分解决',
    unresolved: '投诉但未解决',
  },
};

export const COMPARISON_NAMES: Readonly<
  Record<
    Language,
    Readonly<Record<'resolved-vs-non-complainers' | 'resolved-vs-unresolved', string>>
  >
> = {
  en: {
    'resolved-vs-non-complainers': 'resolved − did not complain (recovery paradox when > 0)',
    'resolved-vs-unresolved': 'resolved − unresolved',
  },
  zh: {
    'resolved-vs-non-complainers': '已解决 − 未投诉（> 0 即补救悖论）',
    'resolved-vs-unresolved': '已解决 − 未解决',
  },
};

export const BAND_NAMES: Readonly<
  Record<Language, Readonly<Record<'<=2h' | '<=24h' | '>24h', string>>>
> = {
  en: { '<=2h': '≤ 2 h', '<=24h': '≤ 24 h', '>24h': '> 24 h' },
  zh: { '<=2h': '≤ 2 小时', '<=24h': '≤ 24 小时', '>24h': '> 24 小时' },
};

export const METHOD_SENTENCES: Readonly<
  Record<
    Language,
    (method: 'joint' | 'per-attribute', reason: string | null, n: number, k: number) => string
  >
> = {
  en: (method, reason, n, k) =>
    method === 'joint'
      ? `One OLS regression of the target on all ${k} dummies (n = ${n}).`
      : `One OLS regression per attribute (target ~ low + high), because ${
          reason === 'few-respondents'
            ? `${n} respondents rated every attribute, fewer than 10 × ${k} regressors`
            : reason === 'empty-dummy'
              ? 'a dummy never (or always) occurs among respondents who rated every attribute'
              : 'the dummies are collinear in the joint regression'
        }; effects are not adjusted for the other attributes.`,
  zh: (method, reason, n, k) =>
    method === 'joint'
      ? `对全部 ${k} 个虚拟变量做一次联合 OLS 回归（n = ${n}）。`
      : `每个属性单独做 OLS 回归（目标 ~ 低分 + 高分），因为${
          reason === 'few-respondents'
            ? `评价了全部属性的受访者只有 ${n} 人，少于 10 × ${k} 个回归变量`
            : reason === 'empty-dummy'
              ? '在评价了全部属性的受访者中，有虚拟变量从未（或总是）出现'
              : '联合回归中的虚拟变量共线'
        }；各效应未控制其他属性。`,
};
