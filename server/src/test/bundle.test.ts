// The CLI's bundles as scripts/bundle.mjs writes them: in ASCII only (scripts/ascii-only.mjs), with the meaning of
// every literal kept, and with code caches that the bin and its worker threads accept as they are (V8 rejects a
// cache made under other flags, and the loader then writes a new one at every such run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = path.join(ROOT, 'out');
const { asciiOnly } = await import(pathToFileURL(path.join(ROOT, 'scripts', 'ascii-only.mjs')).href) as { asciiOnly: (code: string, name?: string) => string };

/** The value of an expression, evaluated from its code. */
const run = (code: string): unknown => vm.runInNewContext(`(${code})`);

test('ascii-only: patterns, strings and templates mean what they meant', () => {
  const subjects = ['统一', '一、总体情况', '（三）不予公开', 'abc', '𠀀字', '😀', '①②', '', '全年共 12 件。'];
  const patterns = [
    String.raw`/^\s*([零〇一二两三四五六七八九十百]+)\s*(?:、|[.．](?![\d０-９]))/`,
    String.raw`/[“”„‟〝〞＂]/g`,
    String.raw`/[^一-龥]+/u`,
    String.raw`/😀|𠀀/u`,
    String.raw`/[😀𠀀]/u`,
    String.raw`/😀/`,
    String.raw`/\、/`,
    String.raw`/[\（(]\d+[\）)]/`,
  ];
  for (const source of patterns) {
    const escaped = asciiOnly(source);
    assert.match(escaped, /^[\x00-\x7f]*$/, source);
    const [before, after] = [run(source) as RegExp, run(escaped) as RegExp];
    assert.equal(after.flags, before.flags, source);
    for (const s of subjects) {
      assert.deepEqual(s.match(new RegExp(after.source, after.flags.replace('g', ''))), s.match(new RegExp(before.source, before.flags.replace('g', ''))),
        `${source} on ${JSON.stringify(s)}`);
      assert.equal(s.replace(after, '#'), s.replace(before, '#'), `${source} replacing in ${JSON.stringify(s)}`);
    }
  }
  for (const literal of ['"一、总体情况"', "'\\、\\😀'", '`第${1 + 1}项：😀`', '"a" /* 注释 😀 */ + "b"', '{ "主动公开": 1 }["主动公开"]']) {
    const escaped = asciiOnly(literal);
    assert.match(escaped, /^[\x00-\x7f]*$/, literal);
    assert.deepEqual(run(escaped), run(literal), literal);
  }
  // already ASCII: the same string back
  const plain = 'const a = /[a-z]+/g; "\\u4e00"';
  assert.equal(asciiOnly(plain), plain);
  // a line continuation would lose its meaning: refused
  assert.throws(() => asciiOnly('"a\\\u2028b"'), /line continuation/);
  // a character outside the BMP in a name becomes a syntax error (the build checks every bundle's syntax after this)
  assert.throws(() => new vm.Script(asciiOnly('var 𠀀 = 1;')), SyntaxError);
});

test('bundles: the CLI, its workers, the server and the client are ASCII only', () => {
  for (const name of ['cli.js', 'cli-main.cjs', 'cli-worker.js', 'cli-worker.cjs', 'server.js', 'analysis-worker.js', 'pdf-worker.js', 'client.cjs']) {
    const bytes = readFileSync(path.join(OUT, name));
    const at = bytes.findIndex((b) => b > 0x7f);
    assert.equal(at, -1, `out/${name} has a byte above 0x7F at ${at}`);
  }
});

test('bundles: named character references decode as the package decodes them, the table built on first use', async () => {
  const { build } = await import('esbuild');
  const { lazyCharacterEntities } = await import(pathToFileURL(path.join(ROOT, 'scripts', 'lazy-character-entities.mjs')).href) as { lazyCharacterEntities: object };
  const entry = "import { decodeNamedCharacterReference } from 'decode-named-character-reference'; module.exports = decodeNamedCharacterReference;";
  const bundled = async (plugins: object[]) => {
    const out = await build({ stdin: { contents: entry, resolveDir: ROOT, loader: 'js' }, bundle: true, write: false, format: 'cjs', platform: 'node', plugins: plugins as never[] });
    const module = { exports: {} as unknown };
    new Function('module', 'require', out.outputFiles[0].text)(module, () => { throw new Error('nothing is left to require'); });
    return { decode: module.exports as (name: string) => string | false, code: out.outputFiles[0].text };
  };
  const [lazy, eager] = [await bundled([lazyCharacterEntities]), await bundled([])];
  const { characterEntities } = await import('character-entities') as { characterEntities: Record<string, string> };
  const names = Object.keys(characterEntities);
  assert.ok(names.length > 2000);
  for (const name of [...names, 'notaname', 'toString', '__proto__', 'constructor', 'hasOwnProperty', '', 'AMP;']) {
    assert.equal(lazy.decode(name), eager.decode(name), name);
  }
  assert.equal(lazy.decode('amp'), '&');
  // the table is inside a function run on first use, not built when the bundle starts
  assert.match(lazy.code, /table \?\?= /);
});

/** What a code cache file holds and when it was written. */
const cacheState = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.v8cache')).sort()
  .map((f) => ({ f, mtime: statSync(path.join(dir, f)).mtimeMs, bytes: readFileSync(path.join(dir, f)).toString('base64') }));

// (the folder of 60 reports is checked by worker threads where there are two cores or more)
test('bundles: the shipped code caches are accepted by a check of one file and by the worker threads of a folder', () => {
  // a copy of the CLI, so that no other test's run touches these caches meanwhile
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tally-cache-'));
  try {
    for (const f of readdirSync(OUT).filter((f) => /^cli(-main|-worker)?[.-]/.test(f) && !f.endsWith('.map'))) cpSync(path.join(OUT, f), path.join(dir, 'out', f));
    cpSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    const reports = path.join(dir, 'reports');
    for (let i = 0; i < 60; i++) cpSync(path.join(ROOT, 'samples', 'clean-2021.md'), path.join(reports, `r${i}.md`));
    const before = cacheState(path.join(dir, 'out'));
    assert.deepEqual(before.map((c) => c.f.replace(/-[0-9a-f]{16}-.*/, '')), ['cli-main', 'cli-worker'], 'the build made both caches');
    const env = { ...process.env, XDG_CACHE_HOME: path.join(dir, 'user-cache'), NO_COLOR: '1' };
    const cli = (args: string[]) => spawnSync(process.execPath, [path.join(dir, 'out', 'cli.js'), ...args], { cwd: dir, encoding: 'utf8', env });
    const one = cli(['check', path.join(reports, 'r0.md')]);
    assert.equal(one.status, 0, one.stderr);
    const folder = cli(['check', reports]);
    assert.equal(folder.status, 0, folder.stderr);
    assert.match(folder.stdout, /60/);
    const after = cacheState(path.join(dir, 'out'));
    // a rejected cache is written again, beside the bundle (or in the user's cache folder)
    assert.deepEqual(after.map((c) => [c.f, c.mtime]), before.map((c) => [c.f, c.mtime]), 'a code cache was written again: V8 rejected it');
    assert.ok(after.every((c, i) => c.bytes === before[i].bytes));
    assert.deepEqual(readdirSync(dir).filter((f) => f === 'user-cache'), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
