#!/usr/bin/env node
// bench/read-tables: reading the same respondents as CSV, as an Excel workbook (.xlsx) and as an
// SPSS file (.sav): wall time, CPU time and peak RSS of `servqual validate FILE` (read → map →
// validate → score, the whole ingest, no report), at 50 000 and 200 000 respondents.
//
//   npm run build && node bench/read-tables.mjs [--runs 3] [--n 200000]
//
// Data: `servqual simulate --seed 1` (the default instrument: 62 columns), written once under
// bench/data/ as CSV, then cell for cell as .xlsx (ratings as numbers, text as shared strings, the
// sheet deflated as Excel does) and as a bytecode-compressed .sav (ratings numeric, id, segment and
// tier strings). Figures are medians of the runs; the machine is shared, so compare the ratios.
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, createDeflateRaw } from 'node:zlib';
import { parse } from 'csv-parse';
import { writeSav } from '../fixtures/exports/write-sav.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const runs = arg('--runs', 3);
const big = arg('--n', 200_000);
const dataDir = join(root, 'bench', 'data');
mkdirSync(dataDir, { recursive: true });

async function rowsOf(csv) {
  const rows = [];
  for await (const r of createReadStream(csv).pipe(parse({ relax_column_count: true })))
    rows.push(r);
  return rows;
}

const letters = (i) => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Deflates a sequence of strings (a part too large for one string) into one raw-deflate stream. */
async function deflateParts(parts) {
  const deflate = createDeflateRaw({ level: 6 });
  const out = [];
  deflate.on('data', (c) => out.push(c));
  const done = new Promise((r) => deflate.on('end', r));
  let crc = 0;
  let size = 0;
  for (const text of parts) {
    const b = Buffer.from(text, 'utf8');
    crc = crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const l = Buffer.alloc(30);
    l.writeUInt32LE(0x04034b50, 0);
    l.writeUInt16LE(20, 4);
    l.writeUInt16LE(8, 8);
    l.writeUInt32LE(e.crc >>> 0, 14);
    l.writeUInt32LE(e.data.length, 18);
    l.writeUInt32LE(e.size, 22);
    l.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(e.crc >>> 0, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(l, name, e.data);
    centrals.push(c, name);
    offset += 30 + name.length + e.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPES = 'http://schemas.openxmlformats.org/package/2006/content-types';
const SPREADSHEETML = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const byExtension = (extension, type) =>
  `<Default Extension="${extension}" ContentType="${type}"/>`;
const override = (part, type) => `<Override PartName="${part}" ContentType="${type}"/>`;
const relationship = (id, type, target) =>
  `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/>`;
const CONTENT_TYPES_XML = [
  `<Types xmlns="${CONTENT_TYPES}">`,
  byExtension('rels', 'application/vnd.openxmlformats-package.relationships+xml'),
  byExtension('xml', 'application/xml'),
  override('/xl/workbook.xml', `${SPREADSHEETML}.sheet.main+xml`),
  override('/xl/worksheets/sheet1.xml', `${SPREADSHEETML}.worksheet+xml`),
  override('/xl/sharedStrings.xml', `${SPREADSHEETML}.sharedStrings+xml`),
  '</Types>',
].join('');
const PACKAGE_RELS_XML = [
  `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">`,
  relationship('rId1', 'officeDocument', 'xl/workbook.xml'),
  '</Relationships>',
].join('');
const WORKBOOK_XML = [
  `<workbook xmlns="${MAIN}" xmlns:r="${R}">`,
  '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>',
  '</workbook>',
].join('');
const WORKBOOK_RELS_XML = [
  `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">`,
  relationship('rId1', 'worksheet', 'worksheets/sheet1.xml'),
  relationship('rId2', 'sharedStrings', 'sharedStrings.xml'),
  '</Relationships>',
].join('');

async function writeXlsx(rows, file) {
  const strings = new Map();
  const shared = (s) => {
    let i = strings.get(s);
    if (i === undefined) {
      i = strings.size;
      strings.set(s, i);
    }
    return i;
  };
  function* sheet() {
    yield `${XML_DECLARATION}<worksheet xmlns="${MAIN}"><sheetData>`;
    let batch = [];
    for (let r = 0; r < rows.length; r++) {
      const cells = rows[r].map((v, c) => {
        if (v === '') return '';
        const ref = `${letters(c)}${r + 1}`;
        return r > 0 && /^-?\d+(\.\d+)?$/.test(v)
          ? `<c r="${ref}"><v>${v}</v></c>`
          : `<c r="${ref}" t="s"><v>${shared(v)}</v></c>`;
      });
      batch.push(`<row r="${r + 1}">${cells.join('')}</row>`);
      if (batch.length === 1000) {
        yield batch.join('');
        batch = [];
      }
    }
    yield `${batch.join('')}</sheetData></worksheet>`;
  }
  const sheetPart = await deflateParts(sheet());
  const items = [...strings.keys()].map((s) => `<si><t>${esc(s)}</t></si>`);
  const sst = await deflateParts([`<sst xmlns="${MAIN}">${items.join('')}</sst>`]);
  const small = async (name, text) => ({ name, ...(await deflateParts([text])) });
  writeFileSync(
    file,
    zip([
      await small('[Content_Types].xml', CONTENT_TYPES_XML),
      await small('_rels/.rels', PACKAGE_RELS_XML),
      await small('xl/workbook.xml', WORKBOOK_XML),
      await small('xl/_rels/workbook.xml.rels', WORKBOOK_RELS_XML),
      { name: 'xl/worksheets/sheet1.xml', ...sheetPart },
      { name: 'xl/sharedStrings.xml', ...sst },
    ]),
  );
}

function writeSavFile(rows, file) {
  const [header, ...data] = rows;
  const text = new Set(['respondent_id', 'segment', 'tier']);
  const variables = header.map((name, k) =>
    text.has(name)
      ? { name, width: data.reduce((w, r) => Math.max(w, (r[k] ?? '').length), 1) }
      : { name, width: 0 },
  );
  const cases = data.map((r) =>
    r.map((v, k) => (variables[k].width > 0 ? v : v === '' ? null : Number(v))),
  );
  writeFileSync(file, writeSav({ variables, cases }));
}

async function dataFiles(n) {
  const base = join(dataDir, `tables-${n}`);
  const csv = `${base}.csv`;
  if (!existsSync(csv)) {
    const r = spawnSync(
      process.execPath,
      ['bin/servqual.js', 'simulate', '--n', String(n), '--seed', '1', '--out', csv],
      { cwd: root, stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error('simulate failed');
  }
  if (!existsSync(`${base}.xlsx`) || !existsSync(`${base}.sav`)) {
    const rows = await rowsOf(csv);
    if (!existsSync(`${base}.xlsx`)) await writeXlsx(rows, `${base}.xlsx`);
    if (!existsSync(`${base}.sav`)) writeSavFile(rows, `${base}.sav`);
  }
  return { csv, xlsx: `${base}.xlsx`, sav: `${base}.sav` };
}

const rssFile = join(tmpdir(), `servqual-bench-tables-${process.pid}`);
function measure(file) {
  const start = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    ['--import', './bench/max-rss.mjs', 'bin/servqual.js', 'validate', file],
    {
      cwd: root,
      env: { ...process.env, SERVQUAL_BENCH_RSS: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`validate ${file} failed: ${r.stderr}`);
  const rss = Number(readFileSync(rssFile, 'utf8')) / 1024;
  rmSync(rssFile, { force: true });
  return { seconds, rss };
}
// CPU seconds of the child (user + system), less sensitive to other load than wall time.
function cpu(file) {
  const r = spawnSync(
    '/usr/bin/env',
    [
      'bash',
      '-c',
      `TIMEFORMAT='%U %S'; time node bin/servqual.js validate "${file}" >/dev/null 2>/dev/null`,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const [u, s] = r.stderr.trim().split(/\s+/).map(Number);
  return u + s;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sizes = [Math.round(big / 4), big];
console.log(
  `bench/read-tables — node ${process.version}, servqual validate FILE, ${runs} runs each, median`,
);
const columns = (name, size, wall, cpu, rss) =>
  [name.padEnd(30), size.padStart(9), wall.padStart(8), cpu.padStart(8), rss.padStart(10)].join(
    ' ',
  );
console.log(columns('file', 'size', 'wall s', 'CPU s', 'peak RSS'));
for (const n of sizes) {
  const files = await dataFiles(n);
  const results = {};
  for (const kind of ['csv', 'xlsx', 'sav']) results[kind] = { wall: [], cpu: [], rss: [] };
  for (let i = 0; i < runs; i++)
    for (const kind of ['csv', 'xlsx', 'sav']) {
      const m = measure(files[kind]);
      results[kind].wall.push(m.seconds);
      results[kind].rss.push(m.rss);
      results[kind].cpu.push(cpu(files[kind]));
    }
  for (const kind of ['csv', 'xlsx', 'sav']) {
    const r = results[kind];
    const name = `${n.toLocaleString('en')} respondents .${kind}`;
    console.log(
      columns(
        name,
        `${(statSync(files[kind]).size / 1e6).toFixed(1)} MB`,
        median(r.wall).toFixed(2),
        median(r.cpu).toFixed(2),
        `${median(r.rss).toFixed(0)} MiB`,
      ),
    );
  }
}
