// Target: the checks of figures in the text add less than 20% to the CLI's time (the 2,000 generated reports
// of the CLI benchmark, with and without --no-prose, best of two runs each). Judged on CPU time (user + system,
// all threads, from /usr/bin/time where it exists), which a loaded machine disturbs far less than wall time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureReports } from './corpora.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LIMIT = 0.2;

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Best of two runs: wall seconds and CPU seconds (user + system; wall when CPU time cannot be read). */
function seconds(folder, args) {
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < 2; i++) {
    const start = performance.now();
    const cli = [path.join(ROOT, 'out/cli.js'), 'check', folder, ...args];
    const run = TIME
      ? spawnSync(TIME, ['-f', 'TALLY_CPU %U %S', process.execPath, ...cli], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
      : spawnSync(process.execPath, cli, { stdio: 'ignore' });
    if (run.status === 2) throw new Error('tally check failed');
    const elapsed = (performance.now() - start) / 1000;
    const m = TIME ? /TALLY_CPU ([\d.]+) ([\d.]+)/.exec(run.stderr ?? '') : null;
    wall = Math.min(wall, elapsed);
    cpu = Math.min(cpu, m ? Number(m[1]) + Number(m[2]) : elapsed);
  }
  return { wall, cpu };
}

export async function main() {
  const folder = ensureReports();
  const files = fs.readdirSync(folder).filter((f) => f.endsWith('.md')).length;
  console.log(`Prose checks — tally check on ${files} generated reports, with and without --no-prose (best of 2)`);
  const without = seconds(folder, ['--no-prose']);
  const withProse = seconds(folder, []);
  const extra = withProse.cpu / without.cpu - 1;
  const ok = extra < LIMIT;
  console.log(`  CPU time: without prose checks ${without.cpu.toFixed(2)} s   with ${withProse.cpu.toFixed(2)} s   +${(extra * 100).toFixed(1)}% (target < ${LIMIT * 100}%)  ${ok ? 'PASS' : 'FAIL'}`);
  console.log(`  wall time: without ${without.wall.toFixed(2)} s   with ${withProse.wall.toFixed(2)} s   +${((withProse.wall / without.wall - 1) * 100).toFixed(1)}%`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
