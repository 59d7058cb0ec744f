import type { Language } from '../core/instrument/types.js';
import type { ImpactClass, LoyaltyAnalyses, TypologyReport } from '../core/loyalty/types.js';
import type { Report } from '../core/report/types.js';
import type { Proportion } from '../core/stats/wilson-interval.js';
import { fixed, interval, pStatement, pValue, percent } from './format.js';
import { esc } from './html-kit.js';
import {
  BAND_NAMES,
  COMPARISON_NAMES,
  COMPLAINT_GROUP_NAMES,
  impactAdvice,
  IMPACT_CLASS_NAMES,
  LOYALTY_LABELS,
  LOYALTY_TYPE_NAMES,
  METHOD_SENTENCES,
} from './loyalty-messages.js';

/** One section of the loyalty analyses, neutral to the output format: sentences and tables. */
export interface LoyaltyBlock {
  readonly id: 'typology' | 'asymmetry' | 'complaints';
  readonly title: string;
  readonly sentences: readonly string[];
  readonly tables: ReadonlyArray<{
    readonly head: readonly string[];
    readonly rows: readonly string[][];
    /** For a narrow terminal: the column whose text may wrap, and the columns that go, in order. */
    readonly fit?: { readonly wrap: number; readonly giveWay: readonly number[] };
  }>;
}

const analysesOf = (report: Report): LoyaltyAnalyses | null => report.loyalty ?? null;

/**
 * The penalty–reward class of an attribute and its advice in words, or null without the analysis.
 */
export function impactOf(
  report: Report,
  id: string,
  lang: Language,
): { readonly class: ImpactClass; readonly name: string; readonly advice: string } | null {
  const asymmetry = analysesOf(report)?.asymmetry;
  const row = asymmetry?.rows.find((r) => r.id === id);
  if (asymmetry == null || row === undefined) return null;
  return {
    class: row.class,
    name: IMPACT_CLASS_NAMES[lang][row.class],
    advice: impactAdvice(lang, row.class, asymmetry.target),
  };
}

const shareText = (p: Proportion): string =>
  `${percent(p.share)} [${percent(p.ci[0])}, ${percent(p.ci[1])}]`;

/**
 * The spuriously-loyal sentence: what share of the retained customers come back without attachment.
 */
export function spuriousSentence(report: Report, lang: Language): string | null {
  const t = analysesOf(report)?.typology;
  if (t === undefined || t === null) return null;
  const p = t.spuriousAmongRetained;
  if (!(p.n > 0))
    return lang === 'zh'
      ? '没有高惠顾（留存）的受访者：无法计算虚假忠诚的比例。'
      : 'No respondent shows high patronage (retained): the spuriously loyal share is undefined.';
  const ci = `${percent(p.ci[0])}–${percent(p.ci[1])}`;
  return lang === 'zh'
    ? `在公司留存的顾客（高惠顾，n = ${p.n}）中，${percent(p.share)}（95% 置信区间 ${ci}）` +
        '只是虚假忠诚：他们重复购买却没有好感，一旦竞争者消除转换障碍就会离开。'
    : `${percent(p.share)} of the firm's retained customers (high patronage, n = ${p.n}; ` +
        `95 % CI ${ci}) are only spuriously loyal: they come back without liking the firm, ` +
        'and leave when a competitor removes the barrier.';
}

/** The silent-dissatisfied sentence. */
export function silentSentence(report: Report, lang: Language): string | null {
  const c = analysesOf(report)?.complaints;
  if (c === undefined || c === null) return null;
  const s = c.silentDissatisfied;
  if (!(s.n > 0))
    return lang === 'zh'
      ? '回答了投诉问题的受访者中没有不满意者。'
      : 'No respondent who answered the complaint question is dissatisfied.';
  const ci = `${percent(s.ci[0])}–${percent(s.ci[1])}`;
  const target = c.target ?? '?';
  return lang === 'zh'
    ? `不满意的受访者（${target} 均值低于量表中点，n = ${s.n}）中，` +
        `${percent(s.share)}（95% 置信区间 ${ci}）从未投诉：公司听不到他们的声音。`
    : `${percent(s.share)} of dissatisfied respondents ` +
        `(${target} mean below the scale midpoint, n = ${s.n}; 95 % CI ${ci}) ` +
        'never complained: the firm does not hear from them.';
}

/** How a typology cut was chosen, in words. */
function splitWords(split: 'midpoint' | 'median' | 'threshold', zh: boolean): string {
  if (split === 'median') return zh ? '样本中位数' : 'the sample median';
  if (split === 'threshold') return zh ? '给定阈值' : '--patronage-threshold';
  return zh ? '量表中点' : 'the scale midpoint';
}

/** How the typology was drawn: the two scores, where each was cut, how many were classified. */
function typologyMethod(t: TypologyReport, zh: boolean): string {
  const { attitude: a, patronage: p } = t;
  const cut = (x: TypologyReport['attitude'] | TypologyReport['patronage']): string =>
    zh
      ? `${fixed(x.cut)}（${splitWords(x.split, zh)}）`
      : `${fixed(x.cut)} (${splitWords(x.split, zh)})`;
  if (zh) {
    const patronage =
      p.source === 'column' ? `列 ${p.column ?? ''}` : `${p.items.join('、')} 的均值`;
    return (
      `态度 = ${a.items.join('、')} 的均值，高于 ${cut(a)}为高；` +
      `惠顾 = ${patronage}，高于 ${cut(p)}为高。已分类 ${t.classified} 人。`
    );
  }
  const patronage =
    p.source === 'column' ? `column ${p.column ?? ''}` : `mean of ${p.items.join(', ')}`;
  return (
    `Attitude = mean of ${a.items.join(', ')}, high above ${cut(a)}; ` +
    `patronage = ${patronage}, high above ${cut(p)}. ${t.classified} respondents classified.`
  );
}

/** The three sections as sentences and tables (text, Markdown and HTML render these). */
export function loyaltyBlocks(report: Report, lang: Language): LoyaltyBlock[] {
  const a = analysesOf(report);
  if (a === null) return [];
  const L = LOYALTY_LABELS[lang];
  const zh = lang === 'zh';
  const blocks: LoyaltyBlock[] = [];
  const t = a.typology;
  if (t !== null) {
    const how = typologyMethod(t, zh);
    const separating = t.spuriousVsTrue.filter((d) => d.pAdjusted < 0.05);
    const sentences = [spuriousSentence(report, lang) ?? '', how];
    const shifts = separating.map((d) =>
      zh
        ? `${d.id}（${fixed(d.means[0])} → ${fixed(d.means[1])}）`
        : `${d.id} (${fixed(d.means[0])} → ${fixed(d.means[1])})`,
    );
    sentences.push(
      zh
        ? `区分虚假忠诚与真正忠诚的属性（Welch t 检验，Holm p < 0.05）：${shifts.join('、') || '无'}`
        : 'Attributes that separate spurious from true loyals (Welch t, Holm p < 0.05): ' +
            (shifts.join(', ') || 'none'),
    );
    blocks.push({
      id: 'typology',
      title: L.typologyTitle,
      sentences,
      tables: [
        {
          head: [L.type, L.count, L.share, L.ci, L.meanRq, L.topFactors],
          fit: { wrap: 5, giveWay: [3] },
          rows: t.types.map((x) => [
            LOYALTY_TYPE_NAMES[lang][x.type],
            String(x.share.count),
            percent(x.share.share),
            `${percent(x.share.ci[0])}–${percent(x.share.ci[1])}`,
            x.rq === null ? '—' : fixed(x.rq.mean),
            x.survivalFactors
              .slice(0, 3)
              .map((f) => `${f.id} (${fixed(f.gap)})`)
              .join(', ') || '—',
          ]),
        },
      ],
    });
  }
  const s = a.asymmetry;
  if (s !== null) {
    const [low, high] = [fixed(s.lowCut, 2), fixed(s.highCut, 2)];
    blocks.push({
      id: 'asymmetry',
      title: L.asymmetryTitle,
      sentences: [
        zh
          ? `目标：${s.target} 的受访者均值；${s.group} 的属性按表现评分设虚拟变量：` +
            `低分 ≤ ${low}，高分 ≥ ${high}，中间为参照。` +
            'RI = β高分，PI = −β低分；IA = (RI − PI)/(RI + PI)。'
          : `Target: each respondent's mean of ${s.target}; ` +
            `attributes of ${s.group} as dummies from their performance rating: ` +
            `low ≤ ${low}, high ≥ ${high}, the middle the reference. ` +
            'RI = β_high, PI = −β_low; IA = (RI − PI)/(RI + PI).',
        METHOD_SENTENCES[lang](s.method, s.reason, s.n, s.regressors),
      ],
      tables: [
        {
          head: [L.attribute, L.low, L.high, L.reward, L.p, L.penalty, L.p, L.roi, L.ia, L.klass],
          fit: { wrap: 9, giveWay: [1, 2, 7, 8] },
          rows: s.rows.map((r) => [
            r.id,
            String(r.low),
            String(r.high),
            fixed(r.reward?.estimate),
            pValue(r.reward?.p),
            fixed(r.penalty?.estimate),
            pValue(r.penalty?.p),
            fixed(r.rangeOfImpact),
            fixed(r.asymmetry),
            IMPACT_CLASS_NAMES[lang][r.class],
          ]),
        },
      ],
    });
    const classes = [...new Set(s.rows.map((r) => r.class))];
    blocks[blocks.length - 1] = {
      ...(blocks[blocks.length - 1] as LoyaltyBlock),
      sentences: [
        ...(blocks[blocks.length - 1] as LoyaltyBlock).sentences,
        ...classes.map(
          (k) =>
            `${IMPACT_CLASS_NAMES[lang][k]}: ${impactAdvice(lang, k, s.target)} (${s.rows
              .filter((r) => r.class === k)
              .map((r) => r.id)
              .join(', ')})`,
        ),
      ],
    };
  }
  const c = a.complaints;
  if (c !== null) {
    const sentences = [
      zh
        ? `${c.answered} 人回答了是否投诉；其中 ${shareText(c.complained)} 投诉过（95% Wilson 区间）。`
        : `${c.answered} respondents said whether they complained; ` +
          `${shareText(c.complained)} did (95 % Wilson interval).`,
      silentSentence(report, lang) ?? '',
    ];
    const groups = (['nonComplainers', 'resolved', 'partly', 'unresolved'] as const).map((g) => [
      COMPLAINT_GROUP_NAMES[lang][g],
      String(c.groups[g].n),
      fixed(c.groups[g].mean),
      fixed(c.groups[g].sd),
    ]);
    const tests = c.tests.map((x) => [
      COMPARISON_NAMES[lang][x.compare],
      fixed(x.test.estimate),
      interval(x.test.ci),
      `t = ${fixed(x.test.t)}, df = ${fixed(x.test.df, 1)}`,
      pValue(x.test.p),
      pValue(x.pAdjusted),
    ]);
    const tables: Array<LoyaltyBlock['tables'][number]> = [
      { head: [L.group, L.count, `${L.loyaltyMean} (${c.loyalty ?? '—'})`, L.sd], rows: groups },
      {
        head: [L.comparison, L.difference, L.ciWelch, 'Welch', L.p, L.pHolm],
        rows: tests,
        fit: { wrap: 0, giveWay: [3, 4] },
      },
    ];
    if (c.responseTime !== null) {
      const r = c.responseTime;
      const { rho, n, p } = r.spearman;
      sentences.push(
        zh
          ? `响应时间与忠诚的 Spearman ρ = ${fixed(rho)}（n = ${n}，${pStatement(p)}）；` +
              'ρ < 0 表示响应越慢，忠诚越低。'
          : `Spearman's ρ of response time with loyalty = ${fixed(rho)} ` +
              `(n = ${n}, ${pStatement(p)}); ρ < 0 means slower responses go with lower loyalty.`,
      );
      tables.push({
        head: [L.band, L.count, L.loyaltyMean, L.sd],
        rows: r.bands.map((b) => [
          BAND_NAMES[lang][b.band],
          String(b.loyalty.n),
          fixed(b.loyalty.mean),
          fixed(b.loyalty.sd),
        ]),
      });
    }
    blocks.push({ id: 'complaints', title: L.complaintsTitle, sentences, tables });
  }
  return blocks;
}

/**
 * The `loyalty` member of the JSON report: the analyses at full precision, with their sentences.
 */
export function loyaltyJson(report: Report, lang: Language): Record<string, unknown> | null {
  const a = analysesOf(report);
  if (a === null) return null;
  return {
    typology:
      a.typology === null
        ? null
        : {
            ...a.typology,
            types: a.typology.types.map((t) => ({
              type: t.type,
              count: t.share.count,
              share: t.share.share,
              ci: t.share.ci,
              rq: t.rq,
              survivalFactors: t.survivalFactors.map((f) => ({
                rank: f.rank,
                id: f.id,
                priority: f.priority,
                gap: f.gap,
                significant: f.significant,
              })),
            })),
            message: spuriousSentence(report, lang),
          },
    asymmetry:
      a.asymmetry === null
        ? null
        : {
            ...a.asymmetry,
            message: METHOD_SENTENCES[lang](
              a.asymmetry.method,
              a.asymmetry.reason,
              a.asymmetry.n,
              a.asymmetry.regressors,
            ),
            rows: a.asymmetry.rows.map((r) => ({
              ...r,
              advice: impactAdvice(lang, r.class, a.asymmetry?.target ?? ''),
            })),
          },
    complaints:
      a.complaints === null ? null : { ...a.complaints, message: silentSentence(report, lang) },
  };
}

/**
 * The typology as a 2 × 2 chart (SVG): attitude across, patronage up, each cell's area shaded by
 * its share, with type, count and share.
 */
export function typologyChart(report: Report, lang: Language): string | null {
  const t = analysesOf(report)?.typology;
  if (t === undefined || t === null) return null;
  const zh = lang === 'zh';
  const cell = 150;
  const x0 = 70;
  const y0 = 20;
  const place = { spurious: [0, 0], true: [1, 0], none: [0, 1], latent: [1, 1] } as const;
  const parts = t.types.map((x) => {
    const [cx, cy] = place[x.type];
    const share = Number.isFinite(x.share.share) ? x.share.share : 0;
    const left = x0 + cx * cell;
    const top = y0 + cy * cell;
    const centre = left + cell / 2;
    const fill = x.type === 'spurious' ? '#c0392b' : '#2e86c1';
    const opacity = (0.1 + 0.8 * share).toFixed(3);
    const name = esc(LOYALTY_TYPE_NAMES[lang][x.type]);
    const count = `${x.share.count} · ${esc(percent(x.share.share))}`;
    return [
      `<rect x="${left}" y="${top}" width="${cell}" height="${cell}"`,
      ` fill="${fill}" fill-opacity="${opacity}" stroke="#555"/>`,
      `<text x="${centre}" y="${top + cell / 2 - 8}" text-anchor="middle" font-weight="bold">`,
      `${name}</text>`,
      `<text x="${centre}" y="${top + cell / 2 + 12}" text-anchor="middle">${count}</text>`,
    ].join('');
  });
  const w = x0 + 2 * cell + 20;
  const h = y0 + 2 * cell + 50;
  const title = esc(LOYALTY_LABELS[lang].typologyTitle);
  const across = zh ? '相对态度：低 → 高' : 'Relative attitude: low → high';
  const up = zh ? '重复惠顾：低 → 高' : 'Repeat patronage: low → high';
  return [
    '<svg data-chart="typology" xmlns="http://www.w3.org/2000/svg"',
    ` viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${title}"`,
    ' font-size="12">',
    parts.join(''),
    `<text x="${x0 + cell}" y="${y0 + 2 * cell + 20}" text-anchor="middle">${across}</text>`,
    `<text transform="translate(${x0 - 14} ${y0 + cell}) rotate(-90)" text-anchor="middle">`,
    `${up}</text>`,
    '</svg>',
  ].join('');
}

/**
 * The penalty–reward chart (SVG): per attribute a bar to the left of the axis for the penalty index
 * (PI) and to the right for the reward index (RI), labelled with the class.
 */
export function penaltyRewardChart(report: Report, lang: Language): string | null {
  const s = analysesOf(report)?.asymmetry;
  if (s === undefined || s === null || s.rows.length === 0) return null;
  const values = s.rows.flatMap((r) => [r.reward?.estimate ?? 0, r.penalty?.estimate ?? 0]);
  const scale = Math.max(0.1, ...values.map((v) => Math.abs(v)));
  const half = 180;
  const labelW = 90;
  const axis = labelW + half;
  const rowH = 18;
  const barH = rowH - 5;
  const px = (v: number): number => (v / scale) * (half - 10);
  const bars = s.rows.map((r, i) => {
    const y = 30 + i * rowH;
    const pi = r.penalty?.estimate ?? 0;
    const ri = r.reward?.estimate ?? 0;
    const piW = px(Math.abs(pi));
    const riW = px(Math.abs(ri));
    const bar = (x: number, width: number, fill: string): string =>
      `<rect x="${x}" y="${y + 2}" width="${width.toFixed(1)}" height="${barH}" fill="${fill}"/>`;
    return [
      `<text x="${labelW - 6}" y="${y + 12}" text-anchor="end">${esc(r.id)}</text>`,
      bar(pi >= 0 ? axis - piW : axis, piW, '#c0392b'),
      bar(ri >= 0 ? axis : axis - riW, riW, '#27ae60'),
      `<text x="${axis + half + 6}" y="${y + 12}">${esc(IMPACT_CLASS_NAMES[lang][r.class])}</text>`,
    ].join('');
  });
  const h = 40 + s.rows.length * rowH;
  const w = axis + half + 110;
  const zh = lang === 'zh';
  const title = esc(LOYALTY_LABELS[lang].asymmetryTitle);
  const penalty = zh ? '← 惩罚 PI（低分的损失）' : '← penalty PI (loss when low)';
  const reward = zh ? '奖励 RI（高分的收益）→' : 'reward RI (gain when high) →';
  return [
    '<svg data-chart="penalty-reward" xmlns="http://www.w3.org/2000/svg"',
    ` viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${title}"`,
    ' font-size="11">',
    `<text x="${axis - 6}" y="16" text-anchor="end" fill="#c0392b">${penalty}</text>`,
    `<text x="${axis + 6}" y="16" fill="#27ae60">${reward}</text>`,
    bars.join(''),
    `<line x1="${axis}" y1="24" x2="${axis}" y2="${h - 6}" stroke="#333"/>`,
    '</svg>',
  ].join('');
}

/**
 * The loyalty tables as CSV rows at full precision (`--csv-table typology|asymmetry|complaints`).
 */
export function loyaltyCsvTable(
  report: Report,
  table: 'typology' | 'asymmetry' | 'complaints',
  lang: Language,
): { head: string[]; rows: Array<Array<string | number | null>> } {
  const a = analysesOf(report);
  const num = (x: number | null | undefined): number | null =>
    x === null || x === undefined || !Number.isFinite(x) ? null : x;
  if (table === 'typology') {
    const t = a?.typology ?? null;
    return {
      head: [
        'type',
        'count',
        'share',
        'ci_lower',
        'ci_upper',
        'rq_n',
        'rq_mean',
        'rq_sd',
        'survival_factors',
      ],
      rows:
        t === null
          ? []
          : t.types.map((x) => [
              x.type,
              x.share.count,
              num(x.share.share),
              num(x.share.ci[0]),
              num(x.share.ci[1]),
              x.rq?.n ?? null,
              num(x.rq?.mean),
              num(x.rq?.sd),
              x.survivalFactors.map((f) => f.id).join(' '),
            ]),
    };
  }
  if (table === 'asymmetry') {
    const s = a?.asymmetry ?? null;
    return {
      head: [
        'attribute',
        'n',
        'low',
        'high',
        'ri',
        'ri_se',
        'ri_t',
        'ri_p',
        'pi',
        'pi_se',
        'pi_t',
        'pi_p',
        'roi',
        'sgp',
        'dgp',
        'ia',
        'class',
        'advice',
        'method',
      ],
      rows:
        s === null
          ? []
          : s.rows.map((r) => [
              r.id,
              r.n,
              r.low,
              r.high,
              num(r.reward?.estimate),
              num(r.reward?.se),
              num(r.reward?.t),
              num(r.reward?.p),
              num(r.penalty?.estimate),
              num(r.penalty?.se),
              num(r.penalty?.t),
              num(r.penalty?.p),
              num(r.rangeOfImpact),
              num(r.sgp),
              num(r.dgp),
              num(r.asymmetry),
              r.class,
              impactAdvice(lang, r.class, s.target),
              s.method,
            ]),
    };
  }
  const c = a?.complaints ?? null;
  const rows: Array<Array<string | number | null>> = [];
  if (c !== null) {
    rows.push([
      'complained',
      c.complained.n,
      c.complained.count,
      num(c.complained.share),
      num(c.complained.ci[0]),
      num(c.complained.ci[1]),
      null,
      null,
    ]);
    rows.push([
      'silent-dissatisfied',
      c.silentDissatisfied.n,
      c.silentDissatisfied.count,
      num(c.silentDissatisfied.share),
      num(c.silentDissatisfied.ci[0]),
      num(c.silentDissatisfied.ci[1]),
      null,
      null,
    ]);
    for (const g of ['nonComplainers', 'resolved', 'partly', 'unresolved'] as const)
      rows.push([
        `loyalty:${g}`,
        c.groups[g].n,
        null,
        null,
        null,
        null,
        num(c.groups[g].mean),
        num(c.groups[g].sd),
      ]);
    for (const b of c.responseTime?.bands ?? [])
      rows.push([
        `loyalty:${b.band}`,
        b.loyalty.n,
        null,
        null,
        null,
        null,
        num(b.loyalty.mean),
        num(b.loyalty.sd),
      ]);
  }
  return { head: ['measure', 'n', 'count', 'share', 'ci_lower', 'ci_upper', 'mean', 'sd'], rows };
}

/**
 * The sections as HTML bodies (title, body), charts first; `render-html` wraps them in its
 * sections.
 */
export function loyaltyHtml(
  report: Report,
  lang: Language,
): Array<{ title: string; body: string }> {
  return loyaltyBlocks(report, lang).map((b) => {
    const chart =
      b.id === 'typology'
        ? typologyChart(report, lang)
        : b.id === 'asymmetry'
          ? penaltyRewardChart(report, lang)
          : null;
    const tables = b.tables
      .map((t) => {
        const head = `<tr>${t.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
        const rows = t.rows.map((r) => `<tr>${r.map((x) => `<td>${esc(x)}</td>`).join('')}</tr>`);
        return `<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
      })
      .join('');
    return {
      title: b.title,
      body: `${b.sentences
        .filter((s) => s !== '')
        .map((s) => `<p>${esc(s)}</p>`)
        .join('')}${chart === null ? '' : `<figure>${chart}</figure>`}${tables}`,
    };
  });
}

/** Markdown for the sections: a heading, the sentences, then the tables. */
export function loyaltyMarkdown(report: Report, lang: Language): string[] {
  const cell = (text: string): string =>
    text.replace(/[|`<>\\]/g, (ch) => `\\${ch}`).replace(/[\r\n]+/g, ' ');
  const out: string[] = [];
  for (const b of loyaltyBlocks(report, lang)) {
    out.push('', `## ${cell(b.title)}`, '');
    for (const s of b.sentences) if (s !== '') out.push(cell(s), '');
    for (const t of b.tables) {
      out.push(`| ${t.head.map(cell).join(' | ')} |`);
      out.push(`|${t.head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
      for (const r of t.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
      out.push('');
    }
  }
  return out;
}
