// Preloaded with `node --import ./bench/usage.mjs …`: writes the process's CPU seconds (user +
// system) and peak RSS (KiB) as JSON to the file named by SERVQUAL_BENCH_USAGE when it exits.
import { writeFileSync } from 'node:fs';

const out = process.env['SERVQUAL_BENCH_USAGE'];
if (out !== undefined) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(
      out,
      JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, rss: u.maxRSS }),
    );
  });
}
