#!/usr/bin/env node
// Fails when a line of code, comment, test or script is longer than 100 columns, counted in
// Unicode code points. Checks the files git tracks (every file under the repository when git is
// not available) of the kinds below, except the data tables in DATA_TABLES; a comment line that
// holds nothing but a URL may be as long as the URL.
//
//   node scripts/check-line-length.mjs      (npm run lint:lines)
//
// Prints `file:line: N columns (limit 100)` for each long line and a summary, and exits with 1
// when there is any.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIMIT = 100;
const EXTENSIONS = ['.ts', '.mjs', '.js', '.R', '.c', '.sh'];
const SCRIPTS = ['.ci/run'];

/** Files whose long lines are data (message catalogues, label tables), with the reason. */
const DATA_TABLES = new Map([
  ['src/render/messages.ts', 'the catalogue of every sentence shown, in English and Chinese'],
  ['src/render/csv-headers.ts', 'the table of CSV column headers and their Chinese names'],
  ['src/render/loyalty-messages.ts', 'the loyalty, asymmetry and complaint labels, both languages'],
  ['src/core/survey/survey-messages.ts', "the survey's wording for respondents, both languages"],
  ['src/core/instrument/default-instrument.ts', "the built-in instrument's items and wording"],
  ['src/core/platform/likert-labels.ts', 'the answer labels read as numbers, per scale length'],
]);

/** What the tree walk (no git) leaves out: dependencies, build and test output, local data. */
const UNTRACKED_NAMES = new Set(['.git', 'node_modules']);
const UNTRACKED_FOLDERS = new Set(['dist', 'coverage', 'test/output', 'bench/data']);

const URL_ONLY = /^\s*(?:\/\/+|#+|\/\*+|\*+)\s*<?https?:\/\/\S+?>?\s*(?:\*\/)?\s*$/;

const root = fileURLToPath(new URL('..', import.meta.url));

/** Repository-relative paths with `/` separators: git's list, or a walk of the tree. */
function listFiles() {
  const git = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  if (git.error === undefined && git.status === 0) return git.stdout.split('\0').filter(Boolean);
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const name = relative(root, path).split(sep).join('/');
      if (entry.isDirectory()) {
        if (!UNTRACKED_NAMES.has(entry.name) && !UNTRACKED_FOLDERS.has(name)) walk(path);
      } else if (entry.isFile()) files.push(name);
    }
  };
  walk(root);
  return files.sort();
}

const checked = (file) => SCRIPTS.includes(file) || EXTENSIONS.some((ext) => file.endsWith(ext));

const offences = [];
let files = 0;
let skipped = 0;
for (const file of listFiles().filter(checked)) {
  if (DATA_TABLES.has(file)) {
    skipped++;
    continue;
  }
  let text;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch {
    continue; // listed by git but deleted from the work tree
  }
  files++;
  text.split('\n').forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const columns = [...line].length;
    if (columns > LIMIT && !URL_ONLY.test(line)) offences.push({ file, line: i + 1, columns });
  });
}

for (const o of offences)
  console.error(`${o.file}:${o.line}: ${o.columns} columns (limit ${LIMIT})`);
const tables = `${skipped} data table${skipped === 1 ? '' : 's'} exempt`;
if (offences.length > 0) {
  const inFiles = new Set(offences.map((o) => o.file)).size;
  console.error(
    `${offences.length} line${offences.length === 1 ? '' : 's'} over ${LIMIT} columns in ` +
      `${inFiles} file${inFiles === 1 ? '' : 's'} (${files} files checked, ${tables})`,
  );
  process.exit(1);
}
console.log(`No line over ${LIMIT} columns (${files} files checked, ${tables})`);
