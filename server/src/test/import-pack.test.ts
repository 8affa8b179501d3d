// The PDF reader as the extension ships it: the server bundle reads a PDF from a copy of the .vsix's out/ with no
// node_modules anywhere above it (pdfjs-dist from out/pdfjs/, no native canvas), the .vsix lists out/pdfjs/, and
// reading a PDF through the public API leaves the calling thread's globals alone (pdfjs runs in a worker thread,
// stopped past its time or memory limit).
import { render } from '../messages/render.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { importReport, isFailure } from '../import/index.js';
import { readPdf } from '../import/pdf.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = path.join(ROOT, 'out');
const PDF = path.join(ROOT, 'server/src/test/fixtures/pdf/clean-2021.pdf');
const pdfBytes = () => new Uint8Array(readFileSync(PDF));

/** A folder under the system's temporary folder with no node_modules in it or above it. */
function isolatedFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tally-pack-'));
  for (let d = dir; ; d = path.dirname(d)) {
    assert.ok(!existsSync(path.join(d, 'node_modules')), `${d} has a node_modules: the test needs a folder without one above it`);
    if (path.dirname(d) === d) break;
  }
  return dir;
}

test('pack: the server bundle imports a PDF from a copy of out/ with no node_modules reachable', async () => {
  const dir = isolatedFolder();
  try {
    // what the .vsix holds of out/, and the manifest (its "type": "module" makes the bundles ES modules)
    for (const f of ['server.js', 'analysis-worker.js', 'pdf-worker.js', 'template.schema.json', 'pdfjs'])
      cpSync(path.join(OUT, f), path.join(dir, 'out', f), { recursive: true });
    cpSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    const env = { ...process.env };
    delete env.NODE_PATH;
    delete env.NODE_OPTIONS;
    const server = spawn(process.execPath, [path.join(dir, 'out/server.js'), '--stdio'], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr!.on('data', (d) => { stderr += d; });
    const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    const logs: string[] = [];
    connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.listen();
    try {
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { locale: 'en' } });
      await connection.sendNotification('initialized', {});
      const byPath = await connection.sendRequest<{ markdown?: string; error?: string }>('tally/import', { name: 'clean-2021.pdf', path: PDF });
      assert.equal(byPath.error, undefined, `${byPath.error}\n${logs.join('\n')}\n${stderr}`);
      assert.match(byPath.markdown!, /^# 青岚区人民政府2022年政府信息公开工作年度报告$/m, 'the title');
      assert.match(byPath.markdown!, /^\| .*\|$/m, 'tables');
      const byData = await connection.sendRequest<{ markdown?: string }>('tally/import', { name: 'clean-2021.pdf', data: Buffer.from(pdfBytes()).toString('base64') });
      assert.equal(byData.markdown, byPath.markdown);
      const junk = await connection.sendRequest<{ error?: string }>('tally/import', { name: 'x.pdf', data: Buffer.from('%PDF-1.7\n' + 'junk '.repeat(100)).toString('base64') });
      assert.match(junk.error!, /damaged or incomplete/);
    } finally {
      connection.dispose();
      server.kill();
    }
    assert.doesNotMatch(logs.join('\n'), /Tally: .* failed/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pack: the bundled pdfjs never loads its optional native canvas', () => {
  const shipped = readFileSync(path.join(OUT, 'pdfjs/legacy/build/pdf.mjs'), 'utf8');
  assert.ok(!shipped.includes('require("@napi-rs/canvas")'), 'the copy in out/pdfjs/ requires @napi-rs/canvas');
  // the reader reads from the copy, even where node_modules holds the package and its canvas
  const code = `const { pdfjsRoot, readPdfInThread } = await import(${JSON.stringify(path.join(OUT, 'import/pdf.js'))});
    const fs = await import('node:fs');
    const { createRequire } = await import('node:module');
    const r = await readPdfInThread(new Uint8Array(fs.readFileSync(${JSON.stringify(PDF)})));
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => k.includes('@napi-rs'));
    console.log(JSON.stringify({ root: pdfjsRoot(), blocks: r.blocks?.length, loaded }));`;
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout.trim().split('\n').at(-1)!);
  assert.equal(path.resolve(out.root), path.join(OUT, 'pdfjs'));
  assert.ok(out.blocks > 10);
  assert.deepEqual(out.loaded, []);
});

test('pack: the .vsix lists the PDF reader: out/pdf-worker.js and out/pdfjs/', () => {
  const vsce = path.join(ROOT, 'node_modules/.bin/vsce');
  if (!existsSync(vsce)) return;
  const res = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  const files = new Set(res.stdout.split('\n').map((l) => l.trim()).filter(Boolean));
  for (const f of ['out/server.js', 'out/pdf-worker.js', 'out/pdfjs/LICENSE', 'out/pdfjs/legacy/build/pdf.mjs', 'out/pdfjs/legacy/build/pdf.worker.mjs',
    'out/pdfjs/cmaps/UniGB-UCS2-H.bcmap', 'out/pdfjs/standard_fonts/FoxitSerif.pfb']) assert.ok(files.has(f), `${f} is not in the .vsix`);
  assert.ok(![...files].some((f) => f.includes('node_modules') || f.endsWith('.map')), 'no node_modules or source maps');
});

test('pack: reading a PDF through the public API leaves this thread\'s globals alone', async () => {
  const natives = { push: Array.prototype.push, parse: JSON.parse, toString: Function.prototype.toString };
  const globals = Object.getOwnPropertyNames(globalThis).sort();
  const require = createRequire(import.meta.url);
  const imported = await importReport(pdfBytes(), 'clean-2021.pdf');
  assert.ok(!isFailure(imported), isFailure(imported) ? render(imported.error, 'en') : '');
  assert.equal(Array.prototype.push, natives.push);
  assert.equal(JSON.parse, natives.parse);
  assert.equal(Function.prototype.toString, natives.toString);
  assert.ok(!('self' in globalThis) && !('DOMMatrix' in globalThis) && !('pdfjsLib' in globalThis));
  assert.deepEqual(Object.getOwnPropertyNames(globalThis).sort(), globals);
  assert.ok(!Object.keys(require.cache).some((k) => k.includes('pdfjs-dist') || k.includes('@napi-rs')));
});

test('pack: a PDF past the time or memory limit is a ReadFailure, and the next one reads', async () => {
  const slow = await readPdf(pdfBytes(), { timeoutMs: 1 });
  assert.ok(isFailure(slow));
  assert.match(render(slow.error, 'en'), /took too long to read/);
  assert.match(render(slow.error, 'zh-CN'), /用时过长/);
  const big = await readPdf(pdfBytes(), { heapMb: 4 });
  assert.ok(isFailure(big));
  assert.match(render(big.error, 'en'), /took too much memory to read/);
  const fine = await readPdf(pdfBytes());
  assert.ok(!isFailure(fine), isFailure(fine) ? render(fine.error, 'en') : '');
  assert.ok(fine.blocks.length > 10);
});
