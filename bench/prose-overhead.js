// Target: the checks of figures in the text add less than 20% to the CLI's time (the 2,000 generated reports
// of the CLI benchmark, with and without --no-prose, best of two runs each).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureReports } from './cli-vs-markdownlint.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FOLDER = path.join(ROOT, 'bench/.data/reports');
const LIMIT = 0.2;

function seconds(args) {
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const start = performance.now();
    const run = spawnSync(process.execPath, [path.join(ROOT, 'out/cli.js'), 'check', FOLDER, ...args], { stdio: 'ignore' });
    if (run.status === 2) throw new Error('tally check failed');
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return best;
}

export async function main() {
  ensureReports();
  const files = fs.readdirSync(FOLDER).filter((f) => f.endsWith('.md')).length;
  console.log(`Prose checks — tally check on ${files} generated reports, with and without --no-prose (best of 2)`);
  const without = seconds(['--no-prose']);
  const withProse = seconds([]);
  const extra = withProse / without - 1;
  const ok = extra < LIMIT;
  console.log(`  without prose checks ${without.toFixed(2)} s   with ${withProse.toFixed(2)} s   +${(extra * 100).toFixed(1)}% (target < ${LIMIT * 100}%)  ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
