/**
 * The built-in instrument, in the same shape as a user's `--instrument` file (so that
 * `servqual instrument` prints something users can copy and edit).
 *
 * - SQ: five SERVQUAL dimensions with 22 attributes, worded for servqual in the spirit of
 *   Parasuraman, Zeithaml & Berry (1988), Journal of Retailing 64(1), 12–40.
 * - RQ: five relationship-quality dimensions with 3 attributes each, after Roberts, Varki &
 *   Brodie (2003), European Journal of Marketing 37(1/2), 169–196. Affective conflict is worded as
 *   conflict and reverse-keyed.
 * - SQ attributes are service features (importance, performance).
 * - CL: five loyalty outcomes, statements rated as agreement only: repurchase and share of wallet
 *   behavioural, recommend, forgive and try new offerings attitudinal (Dick & Basu 1994, JAMS 22(2),
 *   99–113).
 * - Paths SQ → RQ → CL and SQ → CL (the direct path lets the data show whether SQ reaches loyalty
 *   only through RQ).
 */
type RawAttribute = {
  id: string;
  label: { en: string; zh: string };
  reverse?: boolean;
  topic?: { en: string; zh: string };
  loyalty?: 'behavioural' | 'attitudinal';
};
type RawConstruct =
  | {
      id: string;
      group: string;
      label: { en: string; zh: string };
      description: { en: string; zh: string };
      outcome?: boolean;
      kind?: 'feature' | 'statement';
      attributes: RawAttribute[];
    }
  | { id: string; group: string; label: { en: string; zh: string }; dimensions: string[] };

const a = (id: string, en: string, zh: string, reverse = false): RawAttribute =>
  reverse ? { id, label: { en, zh }, reverse: true } : { id, label: { en, zh } };
/** A statement with its topic (the importance question's subject, worded positively). */
const s = (
  id: string,
  en: string,
  zh: string,
  topic: [en: string, zh: string],
  reverse = false,
): RawAttribute => ({ ...a(id, en, zh, reverse), topic: { en: topic[0], zh: topic[1] } });

/** An outcome item marked for Dick & Basu's typology (behavioural or attitudinal loyalty). */
const o = (
  id: string,
  en: string,
  zh: string,
  loyalty: 'behavioural' | 'attitudinal',
): RawAttribute => ({ id, label: { en, zh }, loyalty });

const constructs: RawConstruct[] = [
  {
    id: 'tangibles',
    group: 'SQ',
    label: { en: 'Tangibles', zh: '有形性' },
    description: {
      en: 'The physical side: facilities, equipment, staff appearance, documents',
      zh: '有形的方面：设施、设备、员工仪表和单据',
    },
    attributes: [
      a('tan1', 'Up-to-date equipment and tools', '设备和工具先进'),
      a('tan2', 'Premises that are clean and pleasant', '营业场所整洁舒适'),
      a('tan3', 'Staff who are neat and professional in appearance', '员工仪表整洁专业'),
      a('tan4', 'Clear documents, invoices and website', '单据、发票和网站清晰易懂'),
    ],
  },
  {
    id: 'reliability',
    group: 'SQ',
    label: { en: 'Reliability', zh: '可靠性' },
    description: {
      en: 'Doing what was promised, dependably and accurately',
      zh: '可靠、准确地履行承诺',
    },
    attributes: [
      a('rel1', 'Does what it promised, by the time it promised', '按承诺的时间完成承诺的事'),
      a('rel2', 'Shows sincere interest in solving your problem', '真诚地帮您解决问题'),
      a('rel3', 'Gets the service right the first time', '第一次就把服务做对'),
      a('rel4', 'Delivers on the agreed date', '在约定的日期交付'),
      a('rel5', 'Keeps error-free records and invoices', '记录和账单准确无误'),
    ],
  },
  {
    id: 'responsiveness',
    group: 'SQ',
    label: { en: 'Responsiveness', zh: '响应性' },
    description: { en: 'Willingness to help and prompt service', zh: '乐于帮助并及时提供服务' },
    attributes: [
      a('res1', 'Tells you exactly when things will be done', '明确告知服务完成的时间'),
      a('res2', 'Responds to a request within one day', '一天之内回应请求'),
      a('res3', 'Staff are always willing to help', '员工总是乐于帮助'),
      a('res4', 'Never too busy to answer your questions', '再忙也会回答您的问题'),
    ],
  },
  {
    id: 'assurance',
    group: 'SQ',
    label: { en: 'Assurance', zh: '保证性' },
    description: {
      en: 'Knowledge and courtesy that inspire trust',
      zh: '员工的知识和礼貌令人信任',
    },
    attributes: [
      a('ass1', 'Staff whose behaviour inspires confidence', '员工的言行令人信赖'),
      a('ass2', 'You feel safe in your transactions', '交易让您感到安心'),
      a('ass3', 'Staff are consistently courteous', '员工始终礼貌待人'),
      a(
        'ass4',
        'Staff have the knowledge to answer your questions',
        '员工有足够的知识回答您的问题',
      ),
    ],
  },
  {
    id: 'empathy',
    group: 'SQ',
    label: { en: 'Empathy', zh: '移情性' },
    description: { en: 'Caring, individual attention', zh: '关心顾客并提供个性化关注' },
    attributes: [
      a('emp1', 'Gives you individual attention', '给予您个别的关注'),
      a('emp2', 'Opening hours that suit you', '营业时间方便您'),
      a('emp3', 'Staff who know you and your needs', '员工了解您和您的需求'),
      a('emp4', 'Has your best interests at heart', '把您的利益放在心上'),
      a('emp5', 'Understands your specific needs', '理解您的具体需求'),
    ],
  },
  {
    id: 'integrity',
    group: 'RQ',
    kind: 'statement',
    label: { en: 'Integrity', zh: '诚信' },
    description: { en: 'Honesty and keeping promises', zh: '诚实并信守承诺' },
    attributes: [
      s('int1', 'Keeps its promises to you', '对您信守承诺', [
        'promises made to you being kept',
        '对您的承诺得到兑现',
      ]),
      s('int2', 'Is honest with you', '对您诚实', ['being treated honestly', '被诚实对待']),
      s('int3', 'Can be trusted completely', '完全值得信赖', [
        'being able to trust the firm completely',
        '能够完全信赖这家公司',
      ]),
    ],
  },
  {
    id: 'benevolence',
    group: 'RQ',
    kind: 'statement',
    label: { en: 'Benevolence', zh: '善意' },
    description: { en: 'Genuine concern for your interests', zh: '真心关心您的利益' },
    attributes: [
      s('ben1', 'Cares about your welfare', '关心您的利益', [
        'a firm that cares about your welfare',
        '公司关心您的利益',
      ]),
      s('ben2', 'Considers your interests when making decisions', '做决定时会考虑您的利益', [
        "your interests being considered in the firm's decisions",
        '公司做决定时考虑您的利益',
      ]),
      s('ben3', 'Would go out of its way to help you', '会尽全力帮助您', [
        'a firm that goes out of its way to help you',
        '公司尽全力帮助您',
      ]),
    ],
  },
  {
    id: 'commitment',
    group: 'RQ',
    kind: 'statement',
    label: { en: 'Commitment', zh: '承诺' },
    description: { en: 'Wanting the relationship to continue', zh: '希望这段关系持续下去' },
    attributes: [
      s('com1', 'You want to remain a customer', '您希望继续做他们的客户', [
        'a lasting relationship with the firm',
        '与公司保持长久的关系',
      ]),
      s('com2', 'You feel a sense of belonging to this firm', '您对这家公司有归属感', [
        'feeling a sense of belonging to the firm',
        '对公司有归属感',
      ]),
      s('com3', 'The relationship is worth maintaining', '这段合作关系值得维持', [
        'a relationship worth maintaining',
        '一段值得维持的合作关系',
      ]),
    ],
  },
  {
    id: 'satisfaction',
    group: 'RQ',
    kind: 'statement',
    label: { en: 'Satisfaction', zh: '满意' },
    description: {
      en: 'Overall satisfaction with the relationship',
      zh: '对这段关系的总体满意程度',
    },
    attributes: [
      s('sat1', 'You are pleased with what the firm does for you', '您对公司为您做的事感到满意', [
        'being pleased with what the firm does for you',
        '对公司为您做的事感到满意',
      ]),
      s('sat2', 'The relationship meets your expectations', '这段关系符合您的期望', [
        'a relationship that meets your expectations',
        '关系符合您的期望',
      ]),
      s('sat3', 'You are happy with the relationship', '您对这段关系感到满意', [
        'being happy with the relationship',
        '对这段关系感到满意',
      ]),
    ],
  },
  {
    id: 'affective_conflict',
    group: 'RQ',
    kind: 'statement',
    label: { en: 'Affective conflict', zh: '情感冲突' },
    description: {
      en: 'Negative feelings toward the firm (a high rating is bad)',
      zh: '对公司的负面情绪（评分越高越差）',
    },
    attributes: [
      s(
        'con1',
        'You feel angry with this firm',
        '您对这家公司感到生气',
        ['not being given reasons to feel angry', '没有让您生气的理由'],
        true,
      ),
      s(
        'con2',
        'You feel frustrated with this firm',
        '您对这家公司感到沮丧',
        ['not being given reasons to feel frustrated', '没有让您沮丧的理由'],
        true,
      ),
      s(
        'con3',
        'You feel let down by this firm',
        '您对这家公司感到失望',
        ['not being let down by the firm', '不被公司辜负'],
        true,
      ),
    ],
  },
  {
    id: 'CL',
    group: 'CL',
    outcome: true,
    label: { en: 'Customer loyalty', zh: '顾客忠诚' },
    description: { en: 'What you intend to do (agreement)', zh: '您的行为意向（同意程度）' },
    attributes: [
      o('repurchase', 'You will buy from this firm again', '您会再次向这家公司购买', 'behavioural'),
      o(
        'wallet',
        'This firm gets most of your spending in its category',
        '在同类支出中，您大部分花在这家公司',
        'behavioural',
      ),
      o('recommend', 'You recommend this firm to others', '您会向他人推荐这家公司', 'attitudinal'),
      o(
        'forgive',
        'You would forgive this firm a mistake',
        '您会原谅这家公司的失误',
        'attitudinal',
      ),
      o(
        'try_new',
        'You would try new offerings from this firm',
        '您愿意尝试这家公司的新产品或服务',
        'attitudinal',
      ),
    ],
  },
  {
    id: 'SQ',
    group: 'SQ',
    label: { en: 'Service quality', zh: '服务质量' },
    dimensions: ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'],
  },
  {
    id: 'RQ',
    group: 'RQ',
    label: { en: 'Relationship quality', zh: '关系质量' },
    dimensions: ['integrity', 'benevolence', 'commitment', 'satisfaction', 'affective_conflict'],
  },
];

/**
 * Asked before the ratings, all optional: segment and customer-value tier (free text), then the
 * complaint questions the complaint analysis reads by their `meaning`.
 */
const respondentFields = [
  {
    id: 'segment',
    label: { en: 'Customer segment (optional)', zh: '客户细分（可选）' },
  },
  {
    id: 'tier',
    label: { en: 'Customer-value tier (optional)', zh: '客户价值等级（可选）' },
  },
  {
    id: 'complained',
    label: {
      en: 'In the past 12 months, did you complain to this firm? (yes/no, optional)',
      zh: '过去12个月内，您是否向这家公司投诉过？（是/否，可选）',
    },
    choices: ['yes', 'no'],
    meaning: 'complained',
  },
  {
    id: 'resolved',
    label: {
      en: 'If you complained: was it resolved? (yes/partly/no, optional)',
      zh: '如果投诉过：问题是否得到解决？（是/部分/否，可选）',
    },
    choices: ['yes', 'partly', 'no'],
    meaning: 'resolved',
  },
  {
    id: 'response_hours',
    label: {
      en: 'If you complained: hours until the firm first responded (optional)',
      zh: '如果投诉过：公司首次回应用了多少小时？（可选）',
    },
    meaning: 'response-hours',
  },
];

/** The default instrument as plain JSON data (what `servqual instrument` prints). */
export const DEFAULT_INSTRUMENT_SOURCE = {
  name: {
    en: 'servqual default: service quality, relationship quality, loyalty',
    zh: 'servqual 默认问卷：服务质量、关系质量、忠诚',
  },
  respondentFields,
  scale: { min: 1, max: 7 },
  constructs,
  paths: [
    ['SQ', 'RQ'],
    ['RQ', 'CL'],
    ['SQ', 'CL'],
  ],
} as const;
