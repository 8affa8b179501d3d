// The `tally` bin as scripts/bundle.mjs writes it (out/cli.js): runs the CLI's bundle, out/cli-main.cjs, through V8's
// code cache, so that a one-file check does not parse and compile the bundle's code again at every start (Node 20
// has no module.enableCompileCache). The cache is made by the build (a check of one sample) beside the bundle, else
// after the first run by this Node where it can be written: beside the bundle, or in the user's cache folder (never
// a shared one such as /tmp, where another user could leave code to be run). Its name holds the bundle's hash, as
// V8 checks only the source's length, and the Node version. Without a cache, or with one V8 rejects, the bundle is
// compiled as usual; TALLY_NO_CODE_CACHE=1 requires it as is.
// The same loader, built as out/cli-worker.js, runs the worker threads' bundle (out/cli-worker.cjs) alike: each
// worker would otherwise parse and compile it again. A worker's cache is written when the worker is told that its
// work is done (server/src/cli/worker.ts calls the function this loader leaves under Symbol.for('tally.saveCodeCache')),
// so that it holds the functions the analysis compiled.
import { createRequire } from 'node:module';
import type { Script } from 'node:vm';

// Node's modules by require: an ES module's import of node:fs makes a facade of all its exports, whose getters load
// the streams (some milliseconds)
const require = createRequire(import.meta.url);
const { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
const { homedir } = require('node:os') as typeof import('node:os');
const path = require('node:path') as typeof import('node:path');
const { fileURLToPath } = require('node:url') as typeof import('node:url');
const vm = require('node:vm') as typeof import('node:vm');

/** The bundle's name (`cli-main`, `cli-worker`) and content hash, defined by scripts/bundle.mjs. */
declare const TALLY_CLI_BUNDLE: string;
declare const TALLY_CLI_BUNDLE_HASH: string;

const bundle = fileURLToPath(new URL(`./${TALLY_CLI_BUNDLE}.cjs`, import.meta.url));
const cacheName = `${TALLY_CLI_BUNDLE}-${TALLY_CLI_BUNDLE_HASH}-${process.version}-${process.arch}.v8cache`;
const places = [path.join(path.dirname(bundle), cacheName), path.join(userCacheFolder(), 'tally', cacheName)];

function userCacheFolder(): string {
  if (process.env.XDG_CACHE_HOME) return process.env.XDG_CACHE_HOME;
  if (process.platform === 'win32' && process.env.LOCALAPPDATA) return process.env.LOCALAPPDATA;
  return path.join(homedir(), process.platform === 'darwin' ? 'Library/Caches' : '.cache');
}

/**
 * V8's budget of bytecode run before a function is optimised, set for the CLI's main thread and the worker threads
 * it starts (they share the process's flags): about 24 times V8's default. A check is short, and each thread starts
 * cold: with the default, V8 optimises (on other threads) hundreds of functions whose feedback is still young, and
 * then again after deoptimisations, costing more CPU than the optimised code saves, on a folder of a few hundred
 * files and on one file alike; the functions that stay hot are still optimised, later. The flags are part of what a
 * code cache is checked against: the build trains the workers' cache under the same budget. Defined by
 * scripts/bundle.mjs.
 */
declare const TALLY_INTERRUPT_BUDGET: number;

function run(): void {
  if (TALLY_CLI_BUNDLE === 'cli-main' && !process.execArgv.some((a) => a.startsWith('--interrupt-budget'))) {
    (require('node:v8') as typeof import('node:v8')).setFlagsFromString(`--interrupt-budget=${TALLY_INTERRUPT_BUDGET}`);
  }
  if (process.env.TALLY_NO_CODE_CACHE) {
    require(bundle);
    return;
  }
  let cachedData: Buffer | undefined;
  for (const place of places) {
    try { cachedData = readFileSync(place); break; } catch { /* not there */ }
  }
  // scripts/bundle.mjs writes the bundle in ASCII only: read as Latin-1, it is the same text, copied without decoding
  const source = readFileSync(bundle, 'latin1');
  // Node's own wrapper of a CommonJS module, on the same line, so that positions in the bundle stay as they are
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source.startsWith('#!') ? '//' + source.slice(2) : source}\n})`,
    { filename: bundle, cachedData });
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  if (TALLY_CLI_BUNDLE === 'cli-worker') {
    // a worker thread is terminated rather than left to exit: its bundle asks for the cache when its work is done
    (globalThis as Record<symbol, unknown>)[Symbol.for('tally.saveCodeCache')] = () => { if (stale) save(script); };
  } else if (stale) process.once('exit', () => save(script));
  // import() inside vm.Script needs an experimental API: the bundle's (server/src/shared/import-module.ts) is this one
  (globalThis as Record<symbol, unknown>)[Symbol.for('tally.importModule')] = (specifier: string) => import(specifier);
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)
    .call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
}

/** The code compiled by this run, written where it can be (atomically: other checks may run at once). */
function save(script: Script): void {
  let data: Buffer;
  try { data = script.createCachedData(); } catch { return; }
  for (const place of places) {
    try {
      mkdirSync(path.dirname(place), { recursive: true });
      // unique per thread too: the worker threads of one process may write theirs at once
      const temporary = `${place}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        writeFileSync(temporary, data);
        renameSync(temporary, place);
        return;
      } catch { rmSync(temporary, { force: true }); }
    } catch { /* not writable: the next place */ }
  }
}

run();
