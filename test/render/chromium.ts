import { spawn, spawnSync } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/**
 * A headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe: JSON
 * messages separated by NUL on file descriptors 3 and 4), so no WebSocket client is needed.
 */
export function findChromium(): string | null {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const r = spawnSync('which', [name], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim() !== '') return r.stdout.trim();
  }
  return null;
}

export interface Browser {
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Messages (console, log, exceptions) seen so far. */
  readonly events: Array<{ method: string; params: Record<string, unknown> }>;
  waitFor(method: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): void;
}

export async function launch(binary: string): Promise<Browser> {
  const child = spawn(
    binary,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--remote-debugging-pipe',
      '--hide-scrollbars',
      '--force-device-scale-factor=1',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let id = 0;
  let buffer = '';
  let session: string | undefined;
  const pending = new Map<
    number,
    { ok: (v: Record<string, unknown>) => void; fail: (e: Error) => void }
  >();
  const events: Array<{ method: string; params: Record<string, unknown> }> = [];
  const waiters: Array<{ method: string; ok: (v: Record<string, unknown>) => void }> = [];
  fromBrowser.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let end = buffer.indexOf('\0');
    while (end >= 0) {
      const msg = JSON.parse(buffer.slice(0, end)) as {
        id?: number;
        result?: Record<string, unknown>;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
      };
      buffer = buffer.slice(end + 1);
      end = buffer.indexOf('\0');
      if (msg.id !== undefined) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error !== undefined) p?.fail(new Error(msg.error.message));
        else p?.ok(msg.result ?? {});
      } else if (msg.method !== undefined) {
        events.push({ method: msg.method, params: msg.params ?? {} });
        for (const [i, w] of waiters.entries())
          if (w.method === msg.method) {
            waiters.splice(i, 1);
            w.ok(msg.params ?? {});
            break;
          }
      }
    }
  });
  const raw = (
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<Record<string, unknown>> =>
    new Promise((ok, fail) => {
      const n = ++id;
      pending.set(n, { ok, fail });
      const message = { id: n, method, params, ...(sessionId === undefined ? {} : { sessionId }) };
      toBrowser.write(`${JSON.stringify(message)}\0`);
    });
  const { targetInfos } = (await raw('Target.getTargets')) as {
    targetInfos: Array<{ targetId: string; type: string }>;
  };
  let page = targetInfos.find((t) => t.type === 'page')?.targetId;
  if (page === undefined)
    page = ((await raw('Target.createTarget', { url: 'about:blank' })) as { targetId: string })
      .targetId;
  session = (
    (await raw('Target.attachToTarget', { targetId: page, flatten: true })) as {
      sessionId: string;
    }
  ).sessionId;
  return {
    send: (method, params) => raw(method, params, session),
    events,
    waitFor: (method, timeoutMs = 20_000) =>
      new Promise((ok, fail) => {
        const timer = setTimeout(
          () => fail(new Error(`timed out waiting for ${method}`)),
          timeoutMs,
        );
        waiters.push({
          method,
          ok: (v) => {
            clearTimeout(timer);
            ok(v);
          },
        });
      }),
    close: () => {
      child.kill();
    },
  };
}

/** Per chart: its text boxes and the pairs that overlap (measured by the browser). */
export interface ChartMeasure {
  readonly chart: string;
  readonly texts: number;
  readonly overlaps: Array<[string, string]>;
  /** Texts crossed by a line or path of the chart (the path diagram's edges). */
  readonly crossed: string[];
}

/**
 * Runs in the page (DevTools evaluation is not subject to the page's CSP): for each
 * svg[data-chart], the bounding boxes of its texts (getBoundingClientRect, after layout and font
 * fallback), the pairs that overlap by more than half a pixel each way, and for the path diagram
 * the labels that an edge runs through (edges sampled every 2 px).
 */
// A template literal: the page's regular expressions need their backslashes doubled here.
export const MEASURE = `(() => {
  const out = [];
  for (const svg of document.querySelectorAll('svg[data-chart]')) {
    const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() !== '');
    const boxes = texts.map((t) => ({ t: t.textContent, r: t.getBoundingClientRect() }));
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r, b = boxes[j].r;
        const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (dx > 0.5 && dy > 0.5) overlaps.push([boxes[i].t, boxes[j].t]);
      }
    const crossed = [];
    if (svg.dataset.chart === 'paths') {
      // edges: straight lines (line.edge) or curves (path.arrow, in reports before issue 14)
      const edges = [...svg.querySelectorAll('line.edge, path.arrow')];
      const m = svg.getScreenCTM();
      const labelTexts = texts.filter(
        (t) => t.classList.contains('edgelabel') || /^[−-]?\\d+\\.\\d+/.test(t.textContent),
      );
      for (const b of boxes) {
        if (!labelTexts.find((t) => t.textContent === b.t)) continue;
        for (const e of edges) {
          const len = e.getTotalLength();
          const n = Math.ceil(len / 2);
          let hit = false;
          for (let k = 1; k < n && !hit; k++) {
            const q = e.getPointAtLength((len * k) / n);
            const p = new DOMPoint(q.x, q.y).matrixTransform(m);
            const inX = p.x > b.r.left + 1 && p.x < b.r.right - 1;
            const inY = p.y > b.r.top + 1 && p.y < b.r.bottom - 1;
            if (inX && inY) hit = true;
          }
          if (hit) crossed.push(b.t);
        }
      }
    }
    out.push({ chart: svg.dataset.chart, texts: boxes.length, overlaps, crossed });
  }
  return JSON.stringify(out);
})()`;
