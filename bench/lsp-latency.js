// Target: didChange → publishDiagnostics latency of the built language server over stdio, 200 edits each on
// a 30 KB and a 1 MB report: p95 ≤ 30 ms and ≤ 50 ms. The server runs with its default debounce.
import { fileURLToPath } from 'node:url';
import { createRandom, generateReport } from './gen.js';

const EDITS = 200;
const TARGETS = [[30_000, 30], [1_000_000, 50]];

function positionOf(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

async function measure(LspClient, bytes) {
  const client = new LspClient();
  await client.initialize({ locale: 'zh-CN' });
  const uri = `file:///bench/report-${bytes}.md`;
  let text = generateReport(11, { targetBytes: bytes });
  const opened = client.diagnostics(uri, 1);
  await client.open(uri, text);
  await opened;
  const rng = createRandom(bytes);
  const times = [];
  let inserted = -1;
  for (let version = 2; version < EDITS + 2; version++) {
    let change;
    if (inserted >= 0) {
      // Delete the character typed by the previous edit.
      const start = positionOf(text, inserted);
      change = { range: { start, end: { line: start.line, character: start.character + 1 } }, text: '' };
      text = text.slice(0, inserted) + text.slice(inserted + 1);
      inserted = -1;
    } else {
      // Type a character somewhere in the prose.
      let offset = text.indexOf('。', rng.int(0, text.length - 1));
      if (offset < 0) offset = text.indexOf('。');
      const at = positionOf(text, offset);
      change = { range: { start: at, end: at }, text: '，' };
      text = text.slice(0, offset) + '，' + text.slice(offset);
      inserted = offset;
    }
    const published = client.diagnostics(uri, version);
    const start = performance.now();
    await client.change(uri, version, [change]);
    await published;
    times.push(performance.now() - start);
  }
  await client.close();
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.ceil(times.length * 0.95) - 1], size: Buffer.byteLength(text) };
}

export async function main() {
  const { LspClient } = await import('../out/test/lsp-client.js');
  console.log(`Language server latency — ${EDITS} edits each, didChange → publishDiagnostics over stdio`);
  let ok = true;
  for (const [bytes, target] of TARGETS) {
    const r = await measure(LspClient, bytes);
    const pass = r.p95 <= target;
    ok &&= pass;
    console.log(`  ${(r.size / 1024).toFixed(0).padStart(6)} KB   median ${r.median.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms (target ≤ ${target} ms)  ${pass ? 'PASS' : 'FAIL'}`);
  }
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
