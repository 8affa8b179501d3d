// `npm run bench`: runs each benchmark in its own Node process and prints PASS/FAIL per target.
// `node bench/run.js table memory` runs only the named ones. A benchmark that cannot run here (a missing font)
// exits 77 and is listed as SKIP, never as a failure.
// `npm run bench -- --quick` (CI) runs the quick form of the benchmarks that have one, passing them `--quick`: each
// picks a small size and fails only when it misses its target by a wide margin (both are printed).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// [name, file or [file, ...args], title, has a quick form]
const BENCHES = [
  ['sanity', 'sanity.js', 'generated reports are clean', true],
  ['startup', 'startup.js', 'start-up: tally check one report under 150 ms', true],
  ['table', 'table-scaling.js', 'target 2: linear in table rows'],
  ['memory', 'memory.js', 'target 3: 10 MB report under 300 MB'],
  ['memory-many', 'memory-many.js', 'memory: 10,000 reports peak within 1.5× of 1,000'],
  ['cli', 'cli-vs-markdownlint.js', 'target 1: 3× faster than markdownlint-cli2 on every corpus', true],
  ['scale', 'scale.js', 'tally check linear in the number of reports and in a report\'s size', true],
  ['prose', 'prose-overhead.js', 'prose checks add < 20% to the CLI'],
  ['cpu', 'cpu-per-mb.js', 'engine CPU per MB ≤ 8× markdown-it\'s parse, on each corpus'],
  ['lsp', 'lsp-latency.js', 'language server: p95 ≤ 10 ms at 30 KB, ≤ 30 ms at 1 MB, ≤ 100 ms beside a 4 MB analysis'],
  ['workspace', 'workspace-latency.js', 'language server: keystroke p95 ≤ 30 ms in a workspace of 2,000 reports; first diagnostics before the scan ends'],
  ['hostile', 'hostile.js', 'hostile inputs: each under 10 s and 1 GB, no crash'],
  ['import-pdf', 'import-pdf.js', 'import: a 20-page PDF under 1 s (cold, pdfjs loaded)'],
  ['import-pdf-large', ['import-pdf.js', '--large'], 'import: a 50 MB PDF under 1 GB peak RSS'],
  ['import-html', 'import-html.js', 'import: 1,000 HTML reports under 60 s (tally import; tally check)'],
];
const SKIP = 77;

for (const file of ['out/cli.js', 'out/engine/index.js', 'out/server.js']) {
  if (!fs.existsSync(path.join(ROOT, file))) {
    console.error(`${file} is missing: run \`npm run build\` first.`);
    process.exit(2);
  }
}

const quick = process.argv.includes('--quick');
const wanted = process.argv.slice(2).filter((arg) => arg !== '--quick');
const load = os.loadavg().map((n) => n.toFixed(1)).join(' ');
console.log(`Node ${process.version}, ${os.cpus().length} CPUs, load average ${load} (timings are noisy on a shared machine)\n`);
const results = [];
const started = performance.now();
for (const [name, command, title, hasQuick] of BENCHES) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  if (quick && !hasQuick) continue;
  const [file, ...args] = [command, ...(quick ? ['--quick'] : [])].flat();
  const child = spawnSync(process.execPath, ['--expose-gc', path.join(ROOT, 'bench', file), ...args], { cwd: ROOT, stdio: 'inherit' });
  results.push([quick ? `${title} (quick)` : title, child.status === 0 ? 'PASS' : child.status === SKIP ? 'SKIP' : 'FAIL']);
  console.log('');
}
console.log(`Summary${quick ? ' (quick: a FAIL is a wide miss of the target)' : ''}, ${((performance.now() - started) / 1000).toFixed(0)} s`);
for (const [title, verdict] of results) console.log(`  ${verdict}  ${title}`);
process.exitCode = results.every(([, verdict]) => verdict !== 'FAIL') ? 0 : 1;
