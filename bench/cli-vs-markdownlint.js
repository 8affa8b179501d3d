// Target 1: `tally check` on 2,000 generated ~30 KB reports is at least 3× faster (wall clock, whole
// process) than markdownlint-cli2 with its default rules on the same folder.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureReports } from './corpora.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_RATIO = 3;

/** Runs a command to completion, draining its output; resolves to wall time and exit code. */
function timed(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let outputBytes = 0;
    let tail = '';
    const drain = (chunk) => {
      outputBytes += chunk.length;
      tail = (tail + chunk).slice(-600);
    };
    child.stdout.on('data', drain);
    child.stderr.on('data', drain);
    child.on('error', reject);
    child.on('close', (code) => resolve({ seconds: (performance.now() - start) / 1000, code, outputBytes, tail }));
  });
}

export async function main() {
  const FOLDER = ensureReports();
  const files = fs.readdirSync(FOLDER).filter((name) => name.endsWith('.md'));
  // Read every file once so that neither tool pays for a cold page cache.
  const bytes = files.reduce((n, name) => n + fs.readFileSync(path.join(FOLDER, name)).length, 0);
  console.log(`Target 1 — CLI vs markdownlint-cli2: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${path.relative(ROOT, FOLDER)}`);

  const markdownlint = await timed(process.execPath, [path.join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'), '*.md'], FOLDER);
  const tally = await timed(process.execPath, [path.join(ROOT, 'out/cli.js'), 'check', FOLDER, '--format', 'text'], ROOT);

  const line = (name, run) => console.log(`  ${name.padEnd(18)} ${run.seconds.toFixed(2).padStart(8)} s ${(files.length / run.seconds).toFixed(1).padStart(8)} files/s   (exit ${run.code}, ${(run.outputBytes / 1e6).toFixed(2)} MB of output)`);
  line('markdownlint-cli2', markdownlint);
  line('tally check', tally);
  const ratio = markdownlint.seconds / tally.seconds;
  const ok = tally.code !== 2 && tally.code !== null && markdownlint.code !== 2 && ratio >= TARGET_RATIO;
  if (tally.code === 2 || tally.code === null) console.log(`  tally failed:\n${tally.tail}`);
  if (markdownlint.code === 2) console.log(`  markdownlint-cli2 failed:\n${markdownlint.tail}`);
  if (tally.code === 1) console.log('  note: tally reported errors on generated reports (they should be clean); last output:\n' + tally.tail);
  console.log(`  ratio ${ratio.toFixed(2)}× (target ≥ ${TARGET_RATIO}×)  ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
