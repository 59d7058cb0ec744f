// The baseline of bench/ingest.mjs: csv-parse in array mode streaming a file, records counted
// and dropped — the least any CSV-reading command built on csv-parse can do.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

let records = 0;
const parser = createReadStream(process.argv[2]).pipe(parse());
parser.on('data', () => {
  records++;
});
parser.on('end', () => {
  process.stdout.write(`${records}\n`);
});
