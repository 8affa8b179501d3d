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

test('the result store gives back each file\'s outcome whatever the order it came in, without fixes', async () => {
  const paths = SAMPLES.map((name) => path.join(ROOT, 'samples', name));
  const outcomes = paths.map((p) => {
    const analysis = analyze(fs.readFileSync(p, 'utf8'));
    return { path: p, template: analysis.template, findings: analysis.findings, facts: collectFacts(analysis) };
  });
  // Kept as they are (a few files), and serialised into a temporary file (many)
  for (const keptAsIs of [paths.length, 0]) {
    const store = await ResultStore.open(paths, keptAsIs);
    try {
      for (const i of [3, 0, 5, 1, 4, 2]) store.add(i, outcomes[i]);
      outcomes.forEach((o, i) => {
        assert.deepEqual(store.read(i), { path: o.path, template: o.template,
          findings: o.findings.map((f) => ({ code: f.code, severity: f.severity, range: f.range, message: f.message })) }, `kept as is up to ${keptAsIs}`);
        assert.deepEqual(store.factsOf(i)?.facts.paragraphs, o.facts.paragraphs);
      });
      assert.deepEqual(store.reports().map((r) => r.path), paths);
    } finally {
      store.close();
    }
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

test('a folder under several configurations, checked on worker threads, gives each file its own configuration\'s findings', () => {
  // 60 files (worker threads from 48), three configurations; the workers serve all three groups.
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tally-groups-')));
  const configs: Record<string, string | undefined> = {
    plain: undefined,
    // options the worker threads apply (prose off) and ones applied to their findings (a check's severity)
    quiet: '{ "prose": false }\n',
    strict: '{ "checks": { "numbering": "error" } }\n',
  };
  try {
    fs.mkdirSync(path.join(dir, '.git'));
    for (const [folder, config] of Object.entries(configs)) {
      for (let copy = 0; copy < 4; copy++) {
        const sub = path.join(dir, folder, String(copy));
        fs.mkdirSync(sub, { recursive: true });
        for (const name of ['000-panzhihua-2021.md', '001-nanjiang-2018.md', '003-xiangtan-2016.md', '005-shanghai-2019.md', 'clean-2021.md']) {
          fs.copyFileSync(path.join(ROOT, 'samples', name), path.join(sub, name));
        }
      }
      if (config) fs.writeFileSync(path.join(dir, folder, '.tally.json'), config);
    }
    const check = (target: string) => {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'out', 'cli.js'), 'check', '--format', 'json', target], {
        cwd: dir, env: { ...process.env, LANG: 'C', NO_COLOR: '1', LC_ALL: '', LC_MESSAGES: '' }, encoding: 'utf8', timeout: 120_000,
      });
      if (r.error) throw r.error;
      return (JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string; severity: string }> }> }).files;
    };
    const whole = check('.');
    assert.equal(whole.length, 60);
    // each folder alone (20 files: no worker threads) reads the same as within the whole
    for (const folder of Object.keys(configs)) {
      const alone = check(folder);
      assert.deepEqual(whole.filter((f) => f.path.startsWith(`${folder}/`)), alone);
    }
    const codes = (folder: string) => whole.filter((f) => f.path.startsWith(`${folder}/`)).flatMap((f) => f.diagnostics.map((d) => `${d.code}:${d.severity}`));
    assert.ok(codes('plain').some((c) => c.startsWith('prose-mismatch:')));
    assert.ok(!codes('quiet').some((c) => c.startsWith('prose-mismatch:')));
    assert.ok(codes('strict').includes('numbering:error') && !codes('plain').includes('numbering:error'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('standard output: a pipe, a file and a terminal-less /dev/null get the same bytes; a reader that goes away ends the output quietly', async () => {
  const cli = path.join(ROOT, 'out', 'cli.js');
  const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, CI: undefined };
  for (const format of ['text', 'json']) {
    const args = [cli, 'check', '--format', format, 'samples'];
    // a pipe: written directly (cli/stdout.ts)
    const piped = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env, maxBuffer: 1 << 26 });
    assert.equal(piped.status, 1, piped.stderr);
    // a file, through the shell's redirection: written directly too
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-stdout-'));
    const file = path.join(dir, 'out.txt');
    const fd = fs.openSync(file, 'w');
    const filed = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', fd, 'pipe'] });
    fs.closeSync(fd);
    assert.equal(filed.status, 1);
    assert.equal(fs.readFileSync(file, 'utf8'), piped.stdout);
    fs.rmSync(dir, { recursive: true, force: true });
    // no colours where nothing asks for them; FORCE_COLOR still turns them on for a pipe, as picocolors does
    assert.ok(!piped.stdout.includes('\u001b['));
  }
  const forced = spawnSync(process.execPath, [cli, 'check', 'samples/clean-2021.md'], { cwd: ROOT, encoding: 'utf8', env: { ...env, FORCE_COLOR: '1' } });
  assert.match(forced.stdout, /^\u001b\[32m/);
  // the reader closes after the first line (`| head -1`): no error, no stack trace, the check's own exit code
  // (output well beyond a pipe's buffer: 60 reports with findings; Node's stream threw an unhandled EPIPE here)
  const many = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-epipe-'));
  for (let i = 0; i < 60; i++) fs.copyFileSync(path.join(ROOT, 'samples', '000-panzhihua-2021.md'), path.join(many, `r${i}.md`));
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [cli, 'check', '--format', 'json', many], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  fs.rmSync(many, { recursive: true, force: true });
  assert.equal(code, 1, stderr);
  assert.equal(stderr, '');
});
