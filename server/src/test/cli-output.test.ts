// The output of `tally check` on a folder: each format written a file at a time is what the whole would be, in the
// files' order, however the worker threads' batches come back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../engine/index.js';
import { formatJson, type FileResult } from '../cli/report.js';
import { localize } from '../cli/locale.js';
import { Interner, packFacts } from '../cli/packed-facts.js';
import { ResultStore } from '../cli/results.js';
import { collectFacts } from '../engine/workspace/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SLOW_CHECK = path.join(ROOT, 'out', 'test', 'slow-check.js');
const SAMPLES = ['000-panzhihua-2021.md', '002-wulanchabu-2020.md', '004-gaoping-2022.md', 'clean-2021.md', 'pair-2021.md', 'pair-2022.md'];

test('JSON written a file at a time is JSON.stringify of the whole', () => {
  const results: FileResult[] = SAMPLES.map((name) => {
    const analysis = analyze(fs.readFileSync(path.join(ROOT, 'samples', name), 'utf8'));
    return { path: `samples/${name}`, template: analysis.template, findings: analysis.findings };
  });
  for (const files of [[], results.slice(0, 1), results, [{ ...results[0], imported: { from: 'html' } }, ...results.slice(1)]]) {
    const whole = JSON.stringify({ files: files.map((file) => ({
      path: file.path, template: file.template, ...(file.imported ? { imported: file.imported } : {}),
      diagnostics: file.findings.map((f) => ({ code: f.code, severity: f.severity, message: localize(f.message, 'en'), range: f.range })),
    })) }, null, 2) + '\n';
    assert.equal(formatJson(files, 'en'), whole);
  }
});

test('packed facts read back equal to the facts', () => {
  const interner = new Interner();
  for (const name of SAMPLES) {
    const facts = collectFacts(analyze(fs.readFileSync(path.join(ROOT, 'samples', name), 'utf8')));
    const packed = packFacts(facts, interner);
    for (const key of Object.keys(facts) as Array<keyof typeof facts>) assert.deepEqual(packed[key], facts[key], `${name}: ${key}`);
    assert.deepEqual(packFacts({ ...facts, paragraphs: facts.paragraphs.map((p, i) => ({ ...p, hash: `h${i}` })) }, interner).paragraphs,
      facts.paragraphs.map((p, i) => ({ ...p, hash: `h${i}` })));
  }
});

test('the result store gives back each file\'s outcome whatever the order it came in, without fixes', () => {
  const paths = SAMPLES.map((name) => path.join(ROOT, 'samples', name));
  const outcomes = paths.map((p) => {
    const analysis = analyze(fs.readFileSync(p, 'utf8'));
    return { path: p, template: analysis.template, findings: analysis.findings, facts: collectFacts(analysis) };
  });
  const store = new ResultStore(paths);
  try {
    for (const i of [3, 0, 5, 1, 4, 2]) store.add(i, outcomes[i]);
    outcomes.forEach((o, i) => {
      assert.deepEqual(store.read(i), { path: o.path, template: o.template,
        findings: o.findings.map((f) => ({ code: f.code, severity: f.severity, range: f.range, message: f.message })) });
      assert.deepEqual(store.factsOf(i)?.facts.paragraphs, o.facts.paragraphs);
    });
    assert.deepEqual(store.reports().map((r) => r.path), paths);
  } finally {
    store.close();
  }
});

test('a folder\'s output is the same whichever order the workers finish in', () => {
  // Enough files for worker threads (24 a worker); the first folder's reports are slow, so its batch comes back last.
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tally-order-')));
  try {
    fs.mkdirSync(path.join(dir, '.git'));
    for (const folder of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
      fs.mkdirSync(path.join(dir, folder));
      for (const name of SAMPLES) {
        const text = fs.readFileSync(path.join(ROOT, 'samples', name), 'utf8');
        fs.writeFileSync(path.join(dir, folder, name), folder === 'a' ? `${text}\n<!-- slow -->\n` : text);
      }
    }
    const run = (hook: string[], format: string) => {
      const r = spawnSync(process.execPath, [...hook, path.join(ROOT, 'out', 'cli-modules.js'), 'check', '--format', format, '.'], {
        cwd: dir, env: { ...process.env, LANG: 'C', NO_COLOR: '1', LC_ALL: '', LC_MESSAGES: '' }, encoding: 'utf8', timeout: 120_000,
      });
      if (r.error) throw r.error;
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    for (const format of ['text', 'json', 'sarif']) {
      const inOrder = run([], format);
      const late = run(['--import', SLOW_CHECK], format);
      assert.equal(inOrder.status, 1);
      assert.deepEqual(late, inOrder, format);
    }
    // the files in path order, each with its own findings and those across years
    const files = (JSON.parse(run([], 'json').stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string }> }> }).files;
    assert.deepEqual(files.map((f) => f.path), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].flatMap((folder) => SAMPLES.map((name) => `${folder}/${name}`)));
    assert.ok(files.filter((f) => f.path.endsWith('pair-2022.md')).every((f) => f.diagnostics.some((d) => d.code === 'copied-text')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
