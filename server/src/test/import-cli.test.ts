// `tally import` and `tally check` on published forms, end to end: spawn the compiled CLI.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = path.join(ROOT, 'out', 'cli.js');
const SEEDS = path.join(ROOT, 'server', 'fixtures', 'import', 'text');
const WULANCHABU = path.join(SEEDS, 'seed-002_40372296bbc69180.txt');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-import-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function tally(args: string[], cwd = ROOT) {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', NO_COLOR: '1' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return r;
}

function dir(name: string): string {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

describe('tally import', () => {
  test('a folder: every .txt imported into --out-dir, exit 0; again without --force: nothing overwritten, exit 2', () => {
    const out = dir('folder');
    const r = tally(['import', SEEDS, '--out-dir', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(fs.readdirSync(out).sort(), fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, '.md')).sort());
    const target = path.join(out, 'seed-002_40372296bbc69180.md');
    fs.writeFileSync(target, 'mine');
    const again = tally(['import', WULANCHABU, '--out-dir', out]);
    assert.equal(again.status, 2);
    assert.equal(again.stderr.trim().split('\n').length, 1);
    assert.match(again.stderr, /--force/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'mine');
    const forced = tally(['import', WULANCHABU, '--out-dir', out, '--force']);
    assert.equal(forced.status, 0);
    assert.match(fs.readFileSync(target, 'utf8'), /^---\ntemplate: gov-annual-2019/);
    assert.deepEqual(fs.readdirSync(out).filter((f) => f.endsWith('.tmp')), []);
  });

  test('beside the source by default; -o - writes the Markdown to standard output', () => {
    const d = dir('beside');
    const src = path.join(d, 'report.txt');
    fs.copyFileSync(WULANCHABU, src);
    assert.equal(tally(['import', src]).status, 0);
    assert.ok(fs.existsSync(path.join(d, 'report.md')));
    const r = tally(['import', WULANCHABU, '-o', '-']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^---\ntemplate: gov-annual-2019\n/);
    // The row whose blank cell was printed apart stays short; its figures are kept as text, not guessed into columns.
    assert.match(r.stdout, /\| 2\.重复申请 \|\n/);
    assert.match(r.stdout, /\n〔无法确定所在列的数字〕“重复申请”：0 0 0 0 0 0\n/);
    const named = path.join(d, 'named.md');
    assert.equal(tally(['import', WULANCHABU, '-o', named]).status, 0);
    assert.ok(fs.existsSync(named));
  });

  test('files that cannot be read: one clear line each, exit 2, no file written', () => {
    const d = dir('bad');
    fs.writeFileSync(path.join(d, 'empty.txt'), '');
    fs.writeFileSync(path.join(d, 'junk.html'), Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256)));
    fs.writeFileSync(path.join(d, 'old.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    const r = tally(['import', path.join(d, 'empty.txt'), path.join(d, 'junk.html'), path.join(d, 'old.doc'), '--out-dir', d]);
    assert.equal(r.status, 2);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 3, r.stderr);
    assert.match(lines[0], /empty\.txt.*空/);
    assert.match(lines[1], /junk\.html/);
    assert.match(lines[2], /old\.doc.*\.docx/);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
    assert.deepEqual(fs.readdirSync(d).filter((f) => f.endsWith('.md') || f.endsWith('.tmp')), []);
  });

  test('-o with several sources is a usage error', () => {
    assert.equal(tally(['import', SEEDS, '-o', path.join(tmp, 'x.md')]).status, 2);
  });
});

describe('tally check on a pasted report', () => {
  test('imports in memory: the findings of import-then-check, marked as imported', () => {
    const d = dir('check');
    const r = tally(['check', WULANCHABU, '--format', 'json', '--save-imported', d]);
    assert.equal(r.status, 1, r.stderr);
    const json = JSON.parse(r.stdout) as { files: Array<{ imported?: { from: string }; template: string; diagnostics: Array<{ code: string; range: { start: { line: number } } }> }> };
    const file = json.files[0];
    assert.equal(file.imported?.from, 'text');
    assert.equal(file.template, 'gov-annual-2019');
    const saved = path.join(d, 'seed-002_40372296bbc69180.md');
    assert.ok(fs.existsSync(saved));
    const direct = JSON.parse(tally(['check', saved, '--format', 'json']).stdout) as typeof json;
    const gist = (x: typeof json) => x.files[0].diagnostics.map((f) => `${f.range.start.line} ${f.code}`);
    // The same findings, and the importer's notes (which the saved Markdown does not carry) on top.
    assert.deepEqual(gist(json).filter((g) => !g.endsWith(' import')), gist(direct));
    assert.ok(gist(json).includes('97 row-shape'));
    assert.ok(gist(json).includes('97 import'), 'the note on the row whose figures were not placed');
  });

  test('the raw text named .md is an import error pointing to tally import', () => {
    const d = dir('raw');
    const md = path.join(d, 'pasted.md');
    fs.copyFileSync(WULANCHABU, md);
    const r = tally(['check', md]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /import\s+.*tally import/);
  });

  test('a file that cannot be imported: exit 2 and one line', () => {
    const d = dir('check-bad');
    const doc = path.join(d, 'old.doc');
    fs.writeFileSync(doc, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    const r = tally(['check', doc]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /\.docx/);
  });
});
