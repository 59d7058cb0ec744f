/**
 * Pieces shared by the HTML reports (analyze and compare): escaping, elements, the style sheet,
 * scales, ticks.
 */
import { safeText } from '../core/text/safe-text.js';

/**
 * Escapes text for HTML element content and attribute values (control and bidi characters as
 * \uXXXX).
 */
export function esc(text: string): string {
  return safeText(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/**
 * Attributes of an element, in order. Values are written as given: numbers as JavaScript prints
 * them, text escaped by the caller; an undefined value leaves its attribute out.
 */
export type Attributes = Readonly<Record<string, string | number | undefined>>;

function attributes(list: Attributes): string {
  let out = '';
  for (const [name, value] of Object.entries(list))
    if (value !== undefined) out += ` ${name}="${value}"`;
  return out;
}

/** An element with its content: `<name a="…">content</name>`. */
export function el(name: string, list: Attributes, ...content: readonly string[]): string {
  return `<${name}${attributes(list)}>${content.join('')}</${name}>`;
}

/** An empty SVG element: `<name a="…"/>`. */
export function leaf(name: string, list: Attributes): string {
  return `<${name}${attributes(list)}/>`;
}

/**
 * A chart: its `<svg>` named for tests (data-chart), scaled by its viewBox, labelled for screen
 * readers.
 */
export function chartSvg(
  chart: string,
  width: number,
  height: number | string,
  ariaLabel: string,
  ...content: readonly string[]
): string {
  const list = {
    'data-chart': esc(chart),
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': esc(ariaLabel),
  };
  return el('svg', list, ...content);
}

/**
 * One colour meaning in every format: red = significant shortfall (gap < 0, Holm p < 0.05; the
 * text report's red), grey = not significant, blue = significant surplus. Print CSS: A4 pages, no
 * chart or table row cut across a page.
 */
export const CSS = `\n${cssLines().join('\n')}\n`;

/** A CSS rule: `selector{declaration;…}`. */
function rule(selector: string, ...declarations: readonly string[]): string {
  return `${selector}{${declarations.join(';')}}`;
}

/** The style sheet, a line of a few rules each (the page keeps the line breaks). */
function cssLines(): string[] {
  const bodyFont = [
    'system-ui',
    '-apple-system',
    '"Segoe UI"',
    '"Noto Sans"',
    '"Noto Sans CJK SC"',
    '"PingFang SC"',
    'sans-serif',
  ].join(',');
  const lines: ReadonlyArray<readonly string[]> = [
    [
      rule(
        ':root',
        '--short:#c0392b',
        '--ns:#9aa1ad',
        '--surplus:#2c6fbb',
        '--ink:#1c2330',
        '--muted:#5b6473',
        '--rule:#e4e7ec',
      ),
    ],
    [
      rule(
        'body',
        `font:14px/1.45 ${bodyFont}`,
        'color:var(--ink)',
        'max-width:980px',
        'margin:2rem auto',
        'padding:0 1rem',
      ),
    ],
    [
      rule('h1', 'font-size:1.6rem', 'margin:0'),
      rule(
        'h2',
        'font-size:1.15rem',
        'border-bottom:1px solid #d6dbe3',
        'padding-bottom:.2rem',
        'margin-top:2rem',
      ),
      rule('h3', 'font-size:1rem', 'margin:1.2rem 0 .4rem'),
    ],
    [
      rule('.meta', 'color:var(--muted)'),
      rule('.headline', 'font-weight:600', 'font-size:1.05rem'),
      rule(
        '.mediation',
        'background:#eef4ff',
        'border-left:4px solid #3465a4',
        'padding:.4rem .7rem',
      ),
    ],
    [
      rule(
        'table',
        'border-collapse:collapse',
        'width:100%',
        'font-variant-numeric:tabular-nums',
        'margin:.4rem 0',
      ),
      rule(
        'th,td',
        'padding:.25rem .5rem',
        'border-bottom:1px solid var(--rule)',
        'text-align:right',
        'vertical-align:top',
      ),
      rule('th:first-child,td:first-child', 'text-align:left'),
      rule('caption', 'text-align:left', 'font-weight:600', 'padding:.3rem 0'),
    ],
    [rule('td.l,th.l', 'text-align:left')],
    [
      rule('svg', 'max-width:100%', 'height:auto', 'display:block'),
      rule('svg text', 'font:11px system-ui,"Noto Sans CJK SC",sans-serif', 'fill:var(--ink)'),
      rule('.axis line,.axis path,line.axis', 'stroke:#8a93a3'),
      rule('.axis line.grid,line.grid', 'stroke:#e9ecf0'),
      rule('.cross', 'stroke:#3465a4', 'stroke-dasharray:4 3'),
    ],
    [
      rule('.short', 'fill:var(--short)'),
      rule('.ns', 'fill:var(--ns)'),
      rule('.surplus', 'fill:var(--surplus)'),
      rule('.nodata', 'fill:#d0d4db'),
    ],
    [
      rule('.ci', 'stroke:var(--ink)', 'stroke-width:1.5'),
      rule('.zero', 'stroke:var(--ink)', 'stroke-width:1'),
      rule('.leader', 'stroke:#8a93a3', 'stroke-width:.8'),
    ],
    [
      rule('.quadrant', 'fill:#8a93a3', 'font-size:12px'),
      rule('.crossval', 'fill:#3465a4', 'font-size:10px'),
      rule('.zone', 'fill:#d7e6d0'),
    ],
    [
      rule('.node rect', 'fill:#f4f6f9', 'stroke:#3465a4'),
      rule('.edge', 'stroke:#3465a4', 'stroke-width:2', 'fill:none'),
      rule('.edge.ns', 'stroke:var(--ns)', 'stroke-dasharray:6 4'),
      rule('.edgelabel', 'paint-order:stroke', 'stroke:#fff', 'stroke-width:4px'),
    ],
    [
      rule(
        '.legend',
        'display:flex',
        'flex-wrap:wrap',
        'gap:.3rem 1.2rem',
        'font-size:12px',
        'color:var(--muted)',
        'margin:.3rem 0 .6rem',
        'padding:0',
        'list-style:none',
      ),
      rule('.legend li', 'display:flex', 'align-items:center', 'gap:.35rem'),
      rule('.sw', 'display:inline-block', 'width:.8rem', 'height:.8rem', 'border-radius:50%'),
      rule('.sw.short', 'background:var(--short)'),
      rule('.sw.ns', 'background:var(--ns)'),
      rule('.sw.surplus', 'background:var(--surplus)'),
      rule(
        '.sw.line',
        'border-radius:0',
        'height:0',
        'border-top:2px solid #3465a4',
        'width:1.4rem',
      ),
      rule('.sw.none', 'display:none'),
      rule(
        '.sw.dash',
        'border-radius:0',
        'height:0',
        'border-top:2px dashed var(--ns)',
        'width:1.4rem',
      ),
    ],
    [
      rule('.sig', 'color:var(--short)', 'font-weight:600'),
      rule('.key', 'columns:2', 'font-size:12px', 'color:var(--muted)', 'margin:.2rem 0 .6rem'),
      rule('.key li', 'break-inside:avoid'),
    ],
    [rule('.segs td.diff', 'background:#fff4e5'), rule('.segs td:first-child', 'max-width:22rem')],
    [
      rule('ol.top li', 'margin:.2rem 0'),
      rule('li.sub', 'margin-left:1.5rem', 'list-style:circle'),
    ],
    [
      rule('figure', 'margin:.4rem 0 1rem'),
      rule('section', 'break-inside:auto'),
      rule('figure,svg,tr,.legend', 'break-inside:avoid'),
    ],
    [rule('@page', 'size:A4', 'margin:14mm')],
    [
      '@media print{',
      rule('body', 'margin:0', 'max-width:none', 'font-size:10.5pt'),
      rule('h2', 'break-after:avoid'),
      rule('section', 'break-before:auto'),
      rule('a', 'color:inherit'),
      rule('svg', 'max-height:240mm'),
      '}',
    ],
  ];
  return lines.map((rules) => rules.join(''));
}

/** A linear map from the domain [d0, d1] to the range [r0, r1]. */
export function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  return (v) => r0 + ((v - d0) / (d1 - d0 || 1)) * (r1 - r0);
}

/**
 * Round axis ticks covering [lo, hi]: the step is 1, 2 or 5 × 10^k giving about `count` intervals
 * (Heckbert's "nice numbers", Graphics Gems 1990); the domain is widened to whole steps.
 */
export function niceTicks(
  lo: number,
  hi: number,
  count = 5,
): { lo: number; hi: number; step: number; ticks: number[] } {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * power;
  const a = Math.floor(lo / step + 1e-9) * step;
  const b = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = a; t <= b + step / 2; t += step) ticks.push(Number(t.toFixed(10)));
  return { lo: a, hi: b, step, ticks };
}

/** Decimals a tick label needs for the step (1 → 0, 0.5 → 1, 0.25 → 2). */
export function tickDigits(step: number): number {
  let d = 0;
  while (d < 4 && Math.abs(step * 10 ** d - Math.round(step * 10 ** d)) > 1e-9) d++;
  return d;
}

/** A colour legend: each swatch class with its meaning. */
export function legend(items: ReadonlyArray<readonly [string, string]>): string {
  const item = ([cls, text]: readonly [string, string]): string =>
    `<li><span class="sw ${cls}"></span>${esc(text)}</li>`;
  return `<ul class="legend">${items.map(item).join('')}</ul>`;
}

/**
 * The colour class of a gap: short (significant shortfall), surplus, or ns (not significant /
 * untested).
 */
export function gapClass(mean: number | undefined, pAdjusted: number | undefined): string {
  if (mean === undefined || pAdjusted === undefined || !(pAdjusted < 0.05)) return 'ns';
  return mean < 0 ? 'short' : 'surplus';
}

/** A self-contained page (inline CSS, no scripts; the CSP forbids everything else). */
export function page(lang: 'en' | 'zh', title: string, body: string): string {
  const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * Approximate width of a text label in SVG pixels at 11 px: CJK characters ≈ 11 px, Latin ≈ 6.2 px
 * (system-ui averages). Used to place labels without overlap before the browser measures them; the
 * Chromium test checks the real boxes.
 */
export function textWidthPx(text: string, size = 11): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    w += cp >= 0x2e80 ? size * 1.02 : /[A-Z0-9%@MW]/.test(ch) ? size * 0.66 : size * 0.58;
  }
  return w;
}
