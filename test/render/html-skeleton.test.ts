import { describe, it } from 'vitest';
import { servqual } from '../cli/run.js';
import { expectGolden } from '../golden.js';

/**
 * The HTML report's structure, not its coordinates: every section heading, every table's header
 * row, and per chart (`data-chart`) how many of each SVG element it draws. A change to the
 * report's layout shows up here as a reviewed golden diff (test/golden/sample.html-skeleton.txt).
 */
function htmlSkeleton(html: string): string {
  const lines: string[] = [];
  const tag = /<(h[1-3]|thead|svg)\b([^>]*)>([\s\S]*?)<\/\1>/g;
  const text = (s: string): string =>
    s
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  for (const m of html.matchAll(tag)) {
    const [, name, attributes = '', body = ''] = m;
    if (name === 'thead') {
      const cells = [...body.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)].map((c) => text(c[1] ?? ''));
      lines.push(`  table: ${cells.join(' | ')}`);
    } else if (name === 'svg') {
      const chart = /data-chart="([^"]+)"/.exec(attributes)?.[1] ?? '(unnamed)';
      const counts = new Map<string, number>();
      for (const e of body.matchAll(/<(circle|rect|line|path|polyline|polygon|text)\b/g))
        counts.set(e[1] as string, (counts.get(e[1] as string) ?? 0) + 1);
      const list = [...counts].sort(([a], [b]) => a.localeCompare(b));
      lines.push(`  chart ${chart}: ${list.map(([k, v]) => `${k} ${v}`).join(', ')}`);
    } else lines.push(`${name}: ${text(body)}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('the HTML report skeleton', () => {
  const skeleton =
    'has the sections, table headers and chart elements of the golden (sample data, seed 1)';
  it(skeleton, () => {
    const r = servqual([
      'analyze',
      'fixtures/sample.csv',
      '--format',
      'html',
      '--bootstrap',
      '200',
      '--seed',
      '1',
    ]);
    if (r.status !== 0) throw new Error(`analyze failed (${r.status}): ${r.stderr}`);
    expectGolden('sample.html-skeleton.txt', htmlSkeleton(r.stdout));
  });
});
