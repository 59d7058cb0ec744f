import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { servqual } from '../cli/run.js';
import { type Browser, type ChartMeasure, findChromium, launch, MEASURE } from './chromium.js';

/**
 * The HTML reports in headless Chromium (Debian package `chromium`): every chart's rendered text
 * boxes measured, none may overlap; no path label crossed by an edge; no console errors (the CSP
 * would report a blocked resource as one); printed, every figure fits an A4 page (so none is cut
 * by a page break); a screenshot of each section and an A4 PDF under test/output/ (gitignored)
 * for review by eye.
 */
const binary = findChromium();
const OUT = join(ROOT, 'test', 'output');
const dir = mkdtempSync(join(tmpdir(), 'servqual-html-'));
const fast = ['--bootstrap', '200', '--threads', '1', '--seed', '3'];
const tiny = ['--instrument', 'fixtures/tiny-instrument.json'];

const REPORTS: Record<string, string[]> = {
  'analyze-en': ['analyze', 'fixtures/sample.csv', ...fast, '--format', 'html'],
  'analyze-zh': ['analyze', 'fixtures/sample.csv', ...fast, '--format', 'html', '--lang', 'zh'],
  'segments-en': [
    'analyze',
    'fixtures/sample.csv',
    '--segment-by',
    'segment',
    ...fast,
    '--format',
    'html',
  ],
  'zone-zh': [
    'analyze',
    'fixtures/tiny-zot.csv',
    ...tiny,
    '--no-paths',
    '--format',
    'html',
    '--lang',
    'zh',
  ],
  'compare-en': [
    'compare',
    join(dir, 'w1.csv'),
    join(dir, 'w2.csv'),
    join(dir, 'w3.csv'),
    '--format',
    'html',
  ],
};

/** The screen the charts are measured on. */
const SCREEN = { width: 1100, height: 900, deviceScaleFactor: 1, mobile: false };
/** An A4 page inside the report's 14 mm print margins, in CSS pixels (96 an inch). */
const A4_CONTENT = {
  width: Math.floor(((210 - 28) / 25.4) * 96),
  height: Math.floor(((297 - 28) / 25.4) * 96),
};

const noChromium = ' — skipped: no Chromium on this machine (Debian: apt-get install chromium)';
describe.skipIf(binary === null)(
  `HTML reports in headless Chromium${binary === null ? noChromium : ''}`,
  () => {
    let browser: Browser;
    beforeAll(async () => {
      mkdirSync(OUT, { recursive: true });
      for (const k of [1, 2, 3])
        servqual(['simulate', '--n', '100', '--seed', String(k), '--out', join(dir, `w${k}.csv`)]);
      browser = await launch(binary as string);
      await browser.send('Page.enable');
      await browser.send('Runtime.enable');
      await browser.send('Log.enable');
      await browser.send('Emulation.setDeviceMetricsOverride', SCREEN);
    }, 60_000);
    afterAll(() => browser?.close());

    for (const [name, args] of Object.entries(REPORTS))
      it(`${name}: no overlapping text in any chart, no console errors; screenshots`, async () => {
        const run = servqual(args);
        expect(run.status).toBe(0);
        const file = join(OUT, `${name}.html`);
        writeFileSync(file, run.stdout);
        const before = browser.events.length;
        const loaded = browser.waitFor('Page.loadEventFired');
        await browser.send('Page.navigate', { url: `file://${file}` });
        await loaded;
        const { result } = (await browser.send('Runtime.evaluate', {
          expression: MEASURE,
          returnByValue: true,
        })) as { result: { value: string } };
        const charts = JSON.parse(result.value) as ChartMeasure[];
        writeFileSync(join(OUT, `${name}.charts.json`), JSON.stringify(charts, null, 2));
        expect(charts.length).toBeGreaterThan(0);
        for (const c of charts) {
          expect.soft(c.overlaps, `${name} ${c.chart}: overlapping texts`).toEqual([]);
          expect.soft(c.crossed, `${name} ${c.chart}: labels crossed by an edge`).toEqual([]);
        }
        const errors = browser.events
          .slice(before)
          .filter(
            (e) =>
              e.method === 'Runtime.exceptionThrown' ||
              (e.method === 'Runtime.consoleAPICalled' && e.params['type'] === 'error') ||
              (e.method === 'Log.entryAdded' &&
                (e.params['entry'] as { level?: string } | undefined)?.level === 'error'),
          );
        expect(errors).toEqual([]);
        // a screenshot of each section
        const { result: rects } = (await browser.send('Runtime.evaluate', {
          expression: `JSON.stringify([...document.querySelectorAll('section')].map((s) => {
            const r = s.getBoundingClientRect();
            return { id: s.id, x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height };
          }))`,
          returnByValue: true,
        })) as { result: { value: string } };
        const sections = JSON.parse(rects.value) as Array<{
          id: string;
          x: number;
          y: number;
          w: number;
          h: number;
        }>;
        for (const s of sections) {
          const shot = (await browser.send('Page.captureScreenshot', {
            format: 'png',
            captureBeyondViewport: true,
            clip: { x: s.x, y: s.y, width: s.w, height: Math.min(s.h, 4000), scale: 1 },
          })) as { data: string };
          writeFileSync(
            join(OUT, `${name}.${s.id || 'section'}.png`),
            Buffer.from(shot.data, 'base64'),
          );
        }
        // Printed on A4 (182 × 269 mm inside the 14 mm margins, at 96 px an inch), every figure
        // must fit on one page: then `break-inside: avoid` keeps it whole instead of cutting it.
        await browser.send('Emulation.setEmulatedMedia', { media: 'print' });
        await browser.send('Emulation.setDeviceMetricsOverride', {
          width: A4_CONTENT.width,
          height: A4_CONTENT.height,
          deviceScaleFactor: 1,
          mobile: false,
        });
        const { result: printed } = (await browser.send('Runtime.evaluate', {
          expression: `JSON.stringify([...document.querySelectorAll('figure')].map((f) => {
            const r = f.getBoundingClientRect();
            return { chart: f.querySelector('[data-chart]')?.getAttribute('data-chart') ?? '',
              width: r.width, height: r.height };
          }))`,
          returnByValue: true,
        })) as { result: { value: string } };
        const figures = JSON.parse(printed.value) as Array<{
          chart: string;
          width: number;
          height: number;
        }>;
        expect(figures.length).toBeGreaterThan(0);
        for (const f of figures) {
          expect
            .soft(f.height, `${name} ${f.chart}: taller than an A4 page`)
            .toBeLessThanOrEqual(A4_CONTENT.height);
          expect
            .soft(f.width, `${name} ${f.chart}: wider than an A4 page`)
            .toBeLessThanOrEqual(A4_CONTENT.width);
        }
        await browser.send('Emulation.setEmulatedMedia', { media: 'screen' });
        await browser.send('Emulation.setDeviceMetricsOverride', SCREEN);
        const pdf = (await browser.send('Page.printToPDF', {
          paperWidth: 8.27,
          paperHeight: 11.69,
          preferCSSPageSize: true,
        })) as { data: string };
        writeFileSync(join(OUT, `${name}.pdf`), Buffer.from(pdf.data, 'base64'));
        expect(pdf.data.length).toBeGreaterThan(1000);
      }, 120_000);
  },
);
