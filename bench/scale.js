// Scale: `tally check` (whole process) against the size of its input — 1, 10, 100, 1,000 and 10,000 generated
// reports (copies of the generated corpus's files beyond its 2,000), and single reports of 30 KB, 1 MB and 10 MB. Prints
// wall time, CPU time (user + system, every thread), peak RSS, the cost per MB and per report, and the growth of
// the CPU cost per unit from one step to the next. PASS when the work grows linearly: the CPU cost per unit of the
// largest step is at most 2× the median of the middle steps' (the smallest step, start-up dominated, is printed
// but not judged). `--quick`: up to 1,000 reports and 1 MB, and a FAIL only beyond 4×.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpora } from './corpora.js';
import { generateReport } from './gen.js';
import { GNU_TIME, median, timed } from './process-time.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'bench/.data/corpora/scale');
const MAX_GROWTH = 2;
const QUICK_MAX_GROWTH = 4;

/**
 * A folder of `count` reports: hard links to (or copies of) the generated corpus's files, cycling through them
 * (the quick corpus's in quick mode, which CI builds anyway).
 */
function reportsFolder(count, quick) {
  const source = ensureCorpora({ quick, only: ['generated'] })[0];
  const folder = path.join(DATA, quick ? 'quick' : '', `reports-${count}`);
  const stamp = `${fs.readFileSync(path.join(source.folder, '.stamp'), 'utf8')} ${count}`;
  const stampFile = path.join(folder, '.stamp');
  if (!(fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp)) {
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    for (let i = 0; i < count; i++) {
      const from = path.join(source.folder, source.files[i % source.files.length]);
      const to = path.join(folder, `report-${String(i + 1).padStart(5, '0')}.md`);
      try {
        fs.linkSync(from, to);
      } catch {
        fs.copyFileSync(from, to);
      }
    }
    fs.writeFileSync(stampFile, stamp);
  }
  return folder;
}

/** One generated report of about `bytes` bytes (appendix tables beyond 1 MB, as a big multi-body report has). */
function singleReport(bytes) {
  const file = path.join(DATA, `single-${bytes}.md`);
  const stamp = createHash('sha256').update(fs.readFileSync(path.join(ROOT, 'bench/gen.js'))).digest('hex');
  if (!(fs.existsSync(file) && fs.existsSync(`${file}.stamp`) && fs.readFileSync(`${file}.stamp`, 'utf8') === stamp)) {
    fs.mkdirSync(DATA, { recursive: true });
    fs.writeFileSync(file, generateReport(bytes, { targetBytes: bytes, appendixTables: bytes >= 1_000_000 }));
    fs.writeFileSync(`${file}.stamp`, stamp);
  }
  return file;
}

function sizeOf(target) {
  if (fs.statSync(target).isFile()) return { files: 1, bytes: fs.statSync(target).size };
  const files = fs.readdirSync(target).filter((name) => name.endsWith('.md'));
  return { files: files.length, bytes: files.reduce((n, name) => n + fs.statSync(path.join(target, name)).size, 0) };
}

async function measure(label, target, runs) {
  const { files, bytes } = sizeOf(target);
  // Read every file once so that no step pays for a cold page cache.
  const paths = fs.statSync(target).isFile() ? [target] : fs.readdirSync(target).filter((n) => n.endsWith('.md')).map((n) => path.join(target, n));
  for (const file of paths) fs.readFileSync(file);
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await timed(process.execPath, [path.join(ROOT, 'out/cli.js'), 'check', target, '--format', 'text'], { cwd: ROOT }));
  const failed = results.find((r) => r.code === 2 || r.code === null);
  if (failed) throw new Error(`tally check ${path.relative(ROOT, target)} failed (exit ${failed.code}):\n${failed.tail}`);
  return {
    label, files, bytes, runs,
    wall: median(results.map((r) => r.seconds)),
    cpu: median(results.map((r) => r.cpu)),
    rss: median(results.map((r) => r.rssMB)),
  };
}

/** Prints one series and judges it; `unit` is 'report' or 'MB'. */
function series(title, rows, unit, maxGrowth) {
  const amount = (row) => (unit === 'report' ? row.files : row.bytes / 1e6);
  const cost = (row) => (row.cpu ?? row.wall) / amount(row);
  console.log(`  ${title}`);
  console.log('    input            files       MB   wall s   CPU s  peak RSS MB  CPU ms/MB  CPU ms/report  growth');
  rows.forEach((row, i) => {
    const growth = i === 0 ? '' : `${(cost(row) / cost(rows[i - 1])).toFixed(2)}×`;
    const cpu = row.cpu === undefined ? '–' : row.cpu.toFixed(2);
    const rss = row.rss === undefined ? '–' : row.rss.toFixed(0);
    const perMB = ((row.cpu ?? row.wall) * 1000) / (row.bytes / 1e6);
    const perReport = ((row.cpu ?? row.wall) * 1000) / row.files;
    console.log(`    ${row.label.padEnd(15)} ${String(row.files).padStart(6)} ${(row.bytes / 1e6).toFixed(1).padStart(8)} ${row.wall.toFixed(2).padStart(8)} ${cpu.padStart(7)} ${rss.padStart(12)} ${perMB.toFixed(0).padStart(10)} ${perReport.toFixed(1).padStart(14)}  ${growth}`);
  });
  const judged = rows.slice(1);
  if (judged.length < 2) {
    console.log(`    not judged: ${judged.length} step${judged.length === 1 ? '' : 's'} beyond the start-up dominated first`);
    return true;
  }
  const middle = median(judged.slice(0, -1).map(cost));
  const largest = cost(judged.at(-1));
  const ok = largest <= maxGrowth * middle;
  console.log(`    CPU per ${unit} at ${judged.at(-1).label}: ${(largest / middle).toFixed(2)}× the middle steps' median (limit ${maxGrowth}×)  ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

export async function main({ quick = process.argv.includes('--quick') } = {}) {
  const counts = quick ? [1, 10, 100, 1000] : [1, 10, 100, 1000, 10000];
  const sizes = quick ? [30_000, 1_000_000] : [30_000, 1_000_000, 10_000_000];
  const maxGrowth = quick ? QUICK_MAX_GROWTH : MAX_GROWTH;
  console.log(`Scale — tally check against input size (${quick ? 'quick: ' : ''}${GNU_TIME ? 'CPU and peak RSS from /usr/bin/time' : 'no /usr/bin/time: judged on wall time'}; ` +
    `${quick ? 'median of 3 runs for the smallest input, one run otherwise' : 'median of 3 runs up to 100 reports or 1 MB, one run beyond'}; growth limit ${MAX_GROWTH}×${quick ? `, quick threshold ${QUICK_MAX_GROWTH}×` : ''})`);
  const folders = counts.map((count) => [count, count === 1 ? path.join(reportsFolder(1, quick), 'report-00001.md') : reportsFolder(count, quick)]);
  const singles = sizes.map((bytes) => [bytes, singleReport(bytes)]);
  const reports = [];
  // Three runs (median) where a run is short, one where it is long; quick mode spends three only on the smallest.
  const runsFor = (small, tiny) => (tiny || (!quick && small) ? 3 : 1);
  for (const [count, target] of folders) reports.push(await measure(`${count} report${count === 1 ? '' : 's'}`, target, runsFor(count <= 100, count === 1)));
  const single = [];
  for (const [bytes, file] of singles) single.push(await measure(bytes >= 1e6 ? `1 × ${bytes / 1e6} MB` : `1 × ${bytes / 1e3} KB`, file, runsFor(bytes <= 1_000_000, bytes < 1e6)));
  const a = series('Reports of ~30 KB (cost per report)', reports, 'report', maxGrowth);
  const b = series('One report of growing size (cost per MB)', single, 'MB', maxGrowth);
  const ok = a && b;
  console.log(`  ${ok ? 'PASS' : 'FAIL'}  linear within ${maxGrowth}×${quick ? ` (quick threshold; the target is ${MAX_GROWTH}×)` : ''}`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
