// Loaded with `node --import` by the benchmarks that time the CLI in a child process: on exit, the main thread
// writes the process's CPU time (every thread, seconds) and peak resident memory (MB) to $TALLY_BENCH_USAGE.
import fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';

if (isMainThread && process.env.TALLY_BENCH_USAGE) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.writeFileSync(process.env.TALLY_BENCH_USAGE, JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, rss: u.maxRSS / 1024 }));
  });
}
