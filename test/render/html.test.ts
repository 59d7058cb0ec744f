import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/render/render-html.js';
import { analyzeRecords, instrumentFrom, readFixture, ROOT, simpleRecords } from '../helpers.js';
import { servqual } from '../cli/run.js';

describe('renderHtml', () => {
  it('is self-contained and escapes every piece of user text', () => {
    const raw = JSON.parse(readFixture('tiny-instrument.json')) as {
      name: string;
      constructs: Array<{ attributes?: Array<{ label: unknown }> }>;
    };
    raw.name = '<script>alert(1)</script> & "quotes"';
    (raw.constructs[0]!.attributes![0] as { label: unknown }).label =
      '<img src=x onerror=alert(1)>';
    const report = analyzeRecords(simpleRecords(readFixture('tiny.csv')), instrumentFrom(raw));
    const html = renderHtml(report, { lang: 'en', top: 10 });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*"(?!#)/); // no external resources
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    // IPA map: one point per attribute with a quadrant (s1, s2, c1, c2; l1 is an outcome)
    const ipa = html.slice(html.indexOf('data-chart="ipa"'));
    expect(ipa.slice(0, ipa.indexOf('</svg>')).match(/<circle/g)).toHaveLength(4);
    expect(renderHtml(report, { lang: 'zh', top: 10 })).toContain('<html lang="zh-CN">');
    expect(html).not.toContain('data-chart="zone"'); // no adequate/desired ratings here
  });
  it('writes "<0.001" as text: no raw "<" before a digit (Holm p < 0.001 in sample.csv)', () => {
    const r = servqual(['analyze', 'fixtures/sample.csv', '--bootstrap', '0', '--format', 'html']);
    expect(r.stdout).toContain('<td>&lt;0.001</td>');
    expect(r.stdout).not.toMatch(/<[0-9]/);
    // The IPMA map writes its mean lines on the axes as its legend does (3 and 1 decimals).
    const ipma = r.stdout.slice(r.stdout.indexOf('data-chart="ipma"'));
    const values = [
      ...ipma.slice(0, ipma.indexOf('</svg>')).matchAll(/class="crossval"[^>]*>([^<]*)</g),
    ];
    const legend = /lines at the means: importance ([0-9.]+), performance ([0-9.]+)/.exec(r.stdout);
    expect(values.map((v) => v[1])).toEqual([legend?.[1], legend?.[2]]);
  });
  it('draws the zone of tolerance when the file has adequate and desired ratings', () => {
    const r = servqual([
      'analyze',
      'fixtures/tiny-zot.csv',
      '--instrument',
      'fixtures/tiny-instrument.json',
      '--format',
      'html',
      '--no-paths',
    ]);
    expect(r.status).toBe(0);
    const chart = r.stdout.slice(r.stdout.indexOf('data-chart="zone"'));
    // speed, care
    expect(chart.slice(0, chart.indexOf('</svg>')).match(/<rect class="zone"/g)).toHaveLength(2);
  });
});

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

describe('the HTML report in headless Chromium', () => {
  const inChromium =
    'loads without console errors or requests, draws every point and arrow, and screenshots';
  it(inChromium, (context) => {
    if (chromium === undefined)
      return context.skip('no Chromium at /usr/bin/chromium: apt-get install chromium to run it');
    const dir = mkdtempSync(join(tmpdir(), 'servqual-html-'));
    const page = join(dir, 'report.html');
    const r = servqual([
      'analyze',
      'fixtures/sample.csv',
      '--format',
      'html',
      '--out',
      page,
      '--bootstrap',
      '200',
    ]);
    expect(r.status).toBe(0);
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${join(dir, 'profile')}`,
      '--enable-logging=stderr',
      '--v=0',
    ];
    const dom = spawnSync(chromium as string, [...flags, '--dump-dom', `file://${page}`], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(dom.status).toBe(0);
    // Console messages and blocked requests (CSP) are logged as CONSOLE / "Refused to" lines.
    expect(dom.stderr).not.toMatch(/CONSOLE|Refused to|Uncaught/);
    const chart = (name: string): string =>
      dom.stdout.slice(
        dom.stdout.indexOf(`data-chart="${name}"`),
        dom.stdout.indexOf('</svg>', dom.stdout.indexOf(`data-chart="${name}"`)),
      );
    // 37 SQ + RQ attributes with an IPA quadrant (the 5 loyalty outcomes have none); 3 paths; 12
    // IPMA constructs
    expect(chart('ipa').match(/<circle/g)).toHaveLength(37);
    // the whole model: 3 structural paths + 5 dimensions → SQ + 5 dimensions → RQ (default
    // instrument)
    expect(chart('paths').match(/<line class="edge/g)).toHaveLength(13);
    // the ten dimensions (CL is the target); SQ and RQ (higher-order) are written under the map
    expect(chart('ipma').match(/<circle/g)).toHaveLength(10);
    const output = join(ROOT, 'test', 'output');
    mkdirSync(output, { recursive: true });
    const png = join(output, 'report.png');
    rmSync(png, { force: true });
    const shot = spawnSync(
      chromium as string,
      [...flags, '--window-size=1000,2600', `--screenshot=${png}`, `file://${page}`],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(shot.status).toBe(0);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });
});
