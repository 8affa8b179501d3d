// Target: in a workspace of 2,000 reports (1,000 bodies × 2 years, the sample pair with varied figures and
// organ names), a keystroke in one report costs ≤ 30 ms p95, didChange → publishDiagnostics over stdio, once
// the server's scan of the workspace is done; and the open report's first diagnostics do not wait for the scan.
// `TALLY_ROOT=/other/checkout node bench/workspace-latency.js` measures another build (before/after);
// `CHECK_WORKSPACE=1` also runs Tally: Check Workspace and times 200 keystrokes after it (printed, not judged).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRandom } from './gen.js';
import { typeKeystrokes } from './keystrokes.js';

const BODIES = Number(process.env.BODIES ?? 1000);
const EDITS = 200;
const TARGET = 30;
const FIRST_TARGET = 1000;
const ROOT = process.env.TALLY_ROOT ? path.resolve(process.env.TALLY_ROOT) : fileURLToPath(new URL('..', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));

const PLACE = '东南西北中安宁平和兴华阳新丰泰永嘉德清河山江湖云溪川源林石桥岭峰'.split('');

function placeName(i) {
  // Distinct two- or three-character county names: 1,000 bodies need three characters from 34.
  const a = PLACE[i % PLACE.length];
  const b = PLACE[Math.floor(i / PLACE.length) % PLACE.length];
  const c = PLACE[Math.floor(i / PLACE.length / PLACE.length) % PLACE.length];
  return `${a}${b}${c}`;
}

/** The sample with its body renamed and a few table figures varied (some carried-over figures then differ). */
function variant(text, i, rng) {
  const county = `${placeName(i)}县`;
  const city = `${placeName(i + 500)}市`;
  return text.replaceAll('白沙县', county).replaceAll('澄川市', city).split('\n')
    .map((line) => (line.startsWith('|') ? line.replace(/(?<=\| *)\d+(?= *\|)/g, (n) => (rng.next() < 0.05 ? String(Number(n) + rng.int(1, 3)) : n)) : line))
    .join('\n');
}

function makeWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-ws-bench-'));
  const y21 = fs.readFileSync(path.join(SAMPLES, 'pair-2021.md'), 'utf8');
  const y22 = fs.readFileSync(path.join(SAMPLES, 'pair-2022.md'), 'utf8');
  const rng = createRandom(2000);
  for (let i = 0; i < BODIES; i++) {
    const sub = path.join(dir, String(Math.floor(i / 100)).padStart(2, '0'));
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `body-${String(i).padStart(4, '0')}-2021.md`), variant(y21, i, rng));
    fs.writeFileSync(path.join(sub, `body-${String(i).padStart(4, '0')}-2022.md`), variant(y22, i, rng));
  }
  return dir;
}

const percentile = (sorted, q) => sorted[Math.ceil(sorted.length * q) - 1];

export async function main() {
  const { LspClient } = await import(pathToFileURL(path.join(ROOT, 'out/test/lsp-client.js')).href);
  const dir = makeWorkspace();
  try {
    console.log(`Workspace latency — ${BODIES * 2} reports (${BODIES} bodies × 2 years), server from ${ROOT}`);
    const client = new LspClient();
    // The scan's progress, as an editor that shows it sees it ($/progress begin … end).
    const progress = {};
    client.connection.onRequest('window/workDoneProgress/create', () => null);
    client.connection.onNotification('$/progress', (p) => { progress[p.value.kind] ??= performance.now(); });
    const started = performance.now();
    await client.initialize({ locale: 'zh-CN' }, { window: { workDoneProgress: true } }, pathToFileURL(dir).href);
    const file = path.join(dir, '00', 'body-0007-2022.md');
    const uri = pathToFileURL(file).href;
    let text = fs.readFileSync(file, 'utf8');
    const first = client.diagnostics(uri, 1);
    const opened = performance.now();
    await client.open(uri, text);
    const firstDiagnostics = await first;
    const firstAt = performance.now();
    const firstMs = firstAt - opened;
    // The scan re-checks the open reports when it ends: a second publication of version 1, with last year's findings.
    const scanned = client.next('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 1 && p !== firstDiagnostics);
    await scanned;
    const scanMs = performance.now() - started;
    console.log(`  first diagnostics of the open report ${firstMs.toFixed(0)} ms after didOpen; scan done after ${(scanMs / 1000).toFixed(1)} s`);
    const relative = (at) => (at === undefined ? 'never' : `${at < firstAt ? '' : '+'}${(at - firstAt).toFixed(0)} ms`);
    console.log(`  scan progress relative to the first diagnostics: begin ${relative(progress.begin)}, end ${relative(progress.end)}`);
    // Not waiting for the scan: within a second of didOpen (one report's analysis on a loaded machine).
    const firstPass = firstMs <= FIRST_TARGET && firstMs < scanMs;
    console.log(`  first diagnostics while the scan runs (target ≤ ${FIRST_TARGET} ms): ${firstPass ? 'PASS' : 'FAIL'}`);
    const typed = await typeKeystrokes(client, uri, text, EDITS, 7);
    const { times } = typed;
    const median = percentile(times, 0.5);
    const p95 = percentile(times, 0.95);
    const pass = p95 <= TARGET;
    console.log(`  keystroke (${EDITS} edits)   median ${median.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms (target ≤ ${TARGET} ms)  ${pass ? 'PASS' : 'FAIL'}`);
    if (process.env.CHECK_WORKSPACE) {
      // After Tally: Check Workspace every closed report is listed; a keystroke still costs its report and its pair.
      const checkStarted = performance.now();
      const checked = await client.request('tally/checkWorkspace', {});
      console.log(`  check workspace: ${checked.read} / ${checked.files} reports in ${((performance.now() - checkStarted) / 1000).toFixed(1)} s`);
      const after = (await typeKeystrokes(client, uri, typed.text, EDITS, 8, 2 + EDITS)).times;
      console.log(`  keystroke after it (${EDITS} edits)   median ${percentile(after, 0.5).toFixed(1).padStart(6)} ms   p95 ${percentile(after, 0.95).toFixed(1).padStart(6)} ms`);
    }
    await client.close();
    return pass && firstPass;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
