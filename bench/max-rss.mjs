// Preloaded with `node --import ./bench/max-rss.mjs …`: writes the process's peak resident set
// size (KiB) to the file named by SERVQUAL_BENCH_RSS when it exits.
import { writeFileSync } from 'node:fs';

const out = process.env['SERVQUAL_BENCH_RSS'];
if (out !== undefined) {
  process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
}
