// Bounded memory over many reports: one `tally check` process on a folder of 10,000 generated reports peaks at
// no more than 1.5× its peak on 1,000 (results are written as they come; only each report's facts for the checks
// across years and the totals stay). `--quick`: 300 against 3,000. `--format json|sarif` (default text).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateReport } from './gen.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GNU_TIME = '/usr/bin/time';
const RATIO = 1.5;
const YEARS = [2019, 2020, 2021, 2022];

/**
 * Writes `count` reports to bench/.data/many-<count> unless the folder already holds this generator's output.
 * Each seed is one body's report for four years, so that most reports have the same body's report of the year
 * before (the checks across years run and find differences, as in a real archive).
 */
function ensureReports(count) {
  const folder = path.join(ROOT, `bench/.data/many-${count}`);
  const generator = fs.readFileSync(path.join(ROOT, 'bench/gen.js'));
  const stamp = `${createHash('sha256').update(generator).update(fs.readFileSync(fileURLToPath(import.meta.url))).digest('hex')} ${count}`;
  const stampFile = path.join(folder, '.stamp');
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return folder;
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) {
    const seed = 1 + Math.floor(i / YEARS.length);
    const year = YEARS[i % YEARS.length];
    fs.writeFileSync(path.join(folder, `report-${String(i + 1).padStart(5, '0')}.md`), generateReport(seed, { year }));
  }
  fs.writeFileSync(stampFile, stamp);
  return folder;
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let outputBytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk) => { outputBytes += chunk.length; });
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, outputBytes, stderr, seconds: (performance.now() - start) / 1000 }));
  });
}

/** Max RSS (MB, GNU time) and CPU seconds of `tally check <folder>`. */
async function measure(folder, format) {
  const result = await run(GNU_TIME, ['-f', 'maxrss=%M cpu=%U+%S', process.execPath, 'out/cli.js', 'check', folder, '--format', format]);
  const [, kilobytes, user, system] = /maxrss=(\d+) cpu=([\d.]+)\+([\d.]+)/.exec(result.stderr) ?? [];
  return { ...result, megabytes: Number(kilobytes) / 1024, cpu: Number(user) + Number(system) };
}

export async function main(argv = process.argv.slice(2)) {
  if (!fs.existsSync(GNU_TIME)) {
    console.log('memory-many: /usr/bin/time (GNU time) is missing: SKIP');
    return 'skip';
  }
  const quick = argv.includes('--quick');
  const format = argv.includes('--format') ? argv[argv.indexOf('--format') + 1] : 'text';
  const [small, large] = quick ? [300, 3000] : [1000, 10000];
  console.log(`Peak memory over many reports: ${small.toLocaleString('en')} against ${large.toLocaleString('en')} generated reports, --format ${format}`);
  const runs = [];
  for (const count of [small, large]) {
    const folder = ensureReports(count);
    const result = await measure(folder, format);
    const crashed = result.code !== 0 && result.code !== 1;
    console.log(`  ${String(count).padStart(6)} reports: max RSS ${result.megabytes.toFixed(0)} MB, ${result.cpu.toFixed(1)} s CPU, ${result.seconds.toFixed(1)} s, ${(result.outputBytes / 1e6).toFixed(2)} MB of output, exit ${result.code}`);
    if (crashed) console.log(result.stderr.slice(-1500));
    runs.push({ ...result, crashed });
  }
  const ratio = runs[1].megabytes / runs[0].megabytes;
  const ok = runs.every((r) => !r.crashed) && ratio <= RATIO;
  console.log(`  ${large.toLocaleString('en')} / ${small.toLocaleString('en')}: ${ratio.toFixed(2)}× (target ≤ ${RATIO}×)  ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const verdict = await main();
  process.exitCode = verdict === 'skip' ? 77 : verdict ? 0 : 1;
}
