// Bundles the VS Code extension with esbuild (run by `npm run build` after tsc):
//   out/server.js            the language server (server/src/lsp/main.ts): ESM for Node 20, every dependency inside,
//                            runnable as `tally-language-server` (stdio, IPC, … as vscode-languageserver reads argv)
//   out/analysis-worker.js   the server's worker thread (server/src/lsp/analysis-worker.ts), beside out/server.js
//   out/pdf-worker.js        the PDF reader's worker thread (server/src/import/pdf-worker.ts), beside out/server.js
//   out/pdfjs/               what the PDF reader needs of pdfjs-dist (its legacy build, cMaps, standard fonts, licence),
//                            found by the reader beside the bundle and shipped in the .vsix; its optional native
//                            canvas (@napi-rs/canvas, for rendering only) is cut out, so it is never loaded
//   out/cli-main.cjs         the CLI (server/src/cli.ts): one CommonJS bundle, every dependency inside
//   out/cli.js               the `tally` bin (server/src/cli-loader.ts): runs out/cli-main.cjs through V8's code cache,
//                            out/cli-main-<hash>-<node>-<arch>.v8cache, made here by a check of one sample
//   out/cli-worker.cjs       the CLI's worker thread (server/src/cli/worker.ts): one CommonJS bundle, beside out/cli.js
//   out/cli-worker.js        what a worker thread starts (server/src/cli-loader.ts again): runs out/cli-worker.cjs
//                            through its code cache, out/cli-worker-<hash>-<node>-<arch>.v8cache, made here by a
//                            worker that checks the samples
//   out/cli-modules.js       tsc's out/cli.js, kept: the same CLI over out/'s unbundled modules (tests hook those)
//   out/opencc-cn2t.cjs      OpenCC's Simplified → Traditional converter, loaded beside the bundles for zh-TW only
//   out/client.cjs           the extension's client (client/src/extension.ts): CommonJS, `vscode` left external
//   out/template.schema.json the template schema, for contributes.jsonValidation
//   out/tally-config.schema.json the configuration file's schema, likewise
// TALLY_SERVER_ENTRY overrides the server entry (to try the bundling against a stub).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asciiOnly } from './ascii-only.mjs';
import { lazyCharacterEntities } from './lazy-character-entities.mjs';

// V8's budget of bytecode run before a function is optimised, set by the CLI (server/src/cli-loader.ts)
const INTERRUPT_BUDGET = 1_600_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out');
const at = (p) => path.join(root, p);
const kib = (p) => `${(statSync(p).size / 1024).toFixed(1)} KiB`;
/** A bundle written in ASCII only (scripts/ascii-only.mjs): the CLI's loader reads it as Latin-1, a copy and no decoding. */
const ascii = (name) => {
  const file = path.join(out, name);
  const code = readFileSync(file, 'utf8');
  const escaped = asciiOnly(code, name);
  if (escaped === code) return;
  writeFileSync(file, escaped);
  const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`bundle: out/${name} written in ASCII does not parse: ${check.stderr}`);
};
mkdirSync(out, { recursive: true });

// jsonc-parser's formatter and editor, which Tally does not call: their modules compute tables of spaces and line
// breaks when loaded, so esbuild keeps them unless told that loading them does nothing else, which is so
const jsoncFormatterUnused = { name: 'jsonc-formatter-unused', setup(b) {
  b.onResolve({ filter: /^\.\/(format|edit|string-intern)$/ }, (args) => (/[\\/]jsonc-parser[\\/]/.test(args.importer)
    ? { path: path.join(path.dirname(args.importer), `${args.path}.js`), sideEffects: false } : undefined));
} };

const common = {
  plugins: [lazyCharacterEntities, jsoncFormatterUnused],
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  minify: process.env.TALLY_BUNDLE_MINIFY !== '0',
  legalComments: 'none',
  logLevel: 'warning',
  nodePaths: [at('node_modules')],
  // the PDF reader loads pdfjs-dist on first use from out/pdfjs/ (copied below) or node_modules: its legacy build
  // imports its worker file and reads its cMaps and standard fonts by paths relative to the package, so it must not
  // be bundled
  external: ['pdfjs-dist', 'pdfjs-dist/*'],
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow: its ES module build instead
  alias: { 'jsonc-parser': at('node_modules/jsonc-parser/lib/esm/main.js') },
};

const serverEntry = process.env.TALLY_SERVER_ENTRY ? path.resolve(process.env.TALLY_SERVER_ENTRY) : at('server/src/lsp/main.ts');
const outputs = [];
if (existsSync(serverEntry)) {
  // CommonJS dependencies inside an ESM bundle call require(): give them one
  const requireShim = "import { createRequire as __tallyCreateRequire } from 'node:module'; const require = __tallyCreateRequire(import.meta.url);";
  const esm = async (entry, name, shebang = '') => {
    await build({ ...common, entryPoints: [entry], outfile: path.join(out, name), format: 'esm', banner: { js: shebang + requireShim } });
    ascii(name);
    outputs.push(name);
  };
  await esm(serverEntry, 'server.js', '#!/usr/bin/env node\n');
  chmodSync(path.join(out, 'server.js'), 0o755);
  await esm(at('server/src/lsp/analysis-worker.ts'), 'analysis-worker.js');
  await esm(at('server/src/import/pdf-worker.ts'), 'pdf-worker.js');
  // the CLI, bundled so that a one-file check does not resolve and compile hundreds of modules; its worker thread
  // beside it (out/cli/worker.js, tsc's, stays for the unbundled modules); tsc's out/cli.js, which the bin replaces,
  // is kept as out/cli-modules.js (the CLI over out/'s modules, for tests that hook a module with
  // `node --import`, which a bundle's own copy would not see)
  const tscCli = path.join(out, 'cli.js');
  if (existsSync(tscCli) && readFileSync(tscCli, 'utf8').includes("from './engine/index.js'")) {
    writeFileSync(path.join(out, 'cli-modules.js'), readFileSync(tscCli, 'utf8').replace('sourceMappingURL=cli.js.map', 'sourceMappingURL=cli-modules.js.map'));
    if (existsSync(tscCli + '.map')) { copyFileSync(tscCli + '.map', path.join(out, 'cli-modules.js.map')); rmSync(tscCli + '.map'); }
  }
  const cliWorker = { define: { TALLY_CLI_WORKER: '"./cli-worker.js"' } };
  // the CLI: one CommonJS bundle (out/cli-main.cjs), which the bin (out/cli.js, server/src/cli-loader.ts) runs through
  // V8's code cache; what a plain check does not need (the importers, --fix, SARIF, init, template from) is
  // initialised when asked for, and compiled only then
  for (const f of readdirSync(out)) if (/^cli-chunk-.*\.js$|^cli-(main|worker)-.*\.v8cache$/.test(f)) rmSync(path.join(out, f));
  // commander requires node:child_process on load (for subcommands that are programs of their own, which the CLI
  // has none of): its spawn, from a module that loads node:child_process on the first call (a few milliseconds)
  const lazyChildProcess = { name: 'lazy-child-process', setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) => (/[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({ loader: 'js',
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };" }));
  } };
  await build({ ...common, plugins: [...common.plugins, lazyChildProcess], define: { ...cliWorker.define, 'import.meta.url': 'tallyImportMetaUrl' }, inject: [at('scripts/cli-import-meta.mjs')],
    entryPoints: [at('server/src/cli.ts')], outfile: path.join(out, 'cli-main.cjs'), format: 'cjs' });
  ascii('cli-main.cjs');
  outputs.push('cli-main.cjs');
  const hashOf = (name) => createHash('sha256').update(readFileSync(path.join(out, name))).digest('hex').slice(0, 16);
  const loader = (bundle, outfile, banner) => build({ ...common, define: { TALLY_CLI_BUNDLE: JSON.stringify(bundle), TALLY_CLI_BUNDLE_HASH: JSON.stringify(hashOf(`${bundle}.cjs`)),
    TALLY_INTERRUPT_BUDGET: String(INTERRUPT_BUDGET) },
    entryPoints: [at('server/src/cli-loader.ts')], outfile: path.join(out, outfile), format: 'esm', ...(banner ? { banner: { js: banner } } : {}) });
  await loader('cli-main', 'cli.js', '#!/usr/bin/env node');
  outputs.push('cli.js');
  chmodSync(path.join(out, 'cli.js'), 0o755);
  // the code cache, made by a check of one sample (what a pre-commit hook runs); another Node makes its own
  const training = spawnSync(process.execPath, [path.join(out, 'cli.js'), 'check', at('samples/clean-2021.md')], { cwd: root, encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: path.join(out, '.no-cache') } });
  rmSync(path.join(out, '.no-cache'), { recursive: true, force: true });
  if (training.status !== 0) throw new Error(`bundle: the CLI's training check failed (${training.status}): ${training.stderr}`);
  // the worker threads' bundle and its loader; its code cache made by one worker checking the samples
  await build({ ...common, ...cliWorker, define: { ...cliWorker.define, 'import.meta.url': 'tallyImportMetaUrl' }, inject: [at('scripts/cli-import-meta.mjs')],
    entryPoints: [at('server/src/cli/worker.ts')], outfile: path.join(out, 'cli-worker.cjs'), format: 'cjs' });
  ascii('cli-worker.cjs');
  outputs.push('cli-worker.cjs');
  await loader('cli-worker', 'cli-worker.js');
  outputs.push('cli-worker.js');
  await trainWorker(readdirSync(at('samples')).filter((f) => f.endsWith('.md')).map((f) => at(`samples/${f}`)));
} else {
  console.warn(`bundle: ${path.relative(root, serverEntry)} does not exist yet; out/server.js not built`);
}

/**
 * Runs out/cli-worker.js on one batch of files, then tells it its work is done: it writes its code cache. Under the
 * interrupt budget the CLI sets before it starts workers, since V8 checks a cache against the flags it was made with.
 */
async function trainWorker(paths) {
  (await import('node:v8')).setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(path.join(out, 'cli-worker.js'));
  await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage({ group: 0, paths, options: {} });
  });
  const code = await new Promise((resolve) => { worker.once('exit', resolve); worker.postMessage({ end: true }); });
  if (code !== 0 || !readdirSync(out).some((f) => /^cli-worker-.*\.v8cache$/.test(f))) throw new Error(`bundle: the CLI worker's training wrote no code cache (exit ${code})`);
}

await build({
  ...common,
  entryPoints: [at('client/src/extension.ts')],
  outfile: path.join(out, 'client.cjs'),
  format: 'cjs',
  external: ['vscode', ...common.external],
});
ascii('client.cjs');
outputs.push('client.cjs');

// OpenCC's Simplified → Traditional converter (its UMD build, CommonJS), which server/src/messages/render.ts loads
// beside the bundle on first use: only zh-TW messages need it, and it is about 1 MB of dictionaries
copyFileSync(at('node_modules/opencc-js/dist/umd/cn2t.js'), path.join(out, 'opencc-cn2t.cjs'));
outputs.push('opencc-cn2t.cjs');
copyFileSync(at('server/src/templates/template.schema.json'), path.join(out, 'template.schema.json'));
outputs.push('template.schema.json');
copyFileSync(at('server/src/shared/tally-config.schema.json'), path.join(out, 'tally-config.schema.json'));
outputs.push('tally-config.schema.json');

// pdfjs-dist, as the PDF reader loads it: out/pdfjs/ keeps the package's layout
const pdfjsFrom = at('node_modules/pdfjs-dist');
const pdfjsTo = path.join(out, 'pdfjs');
rmSync(pdfjsTo, { recursive: true, force: true });
mkdirSync(path.join(pdfjsTo, 'legacy/build'), { recursive: true });
for (const f of ['LICENSE', 'legacy/build/pdf.worker.mjs']) copyFileSync(path.join(pdfjsFrom, f), path.join(pdfjsTo, f));
for (const d of ['cmaps', 'standard_fonts']) cpSync(path.join(pdfjsFrom, d), path.join(pdfjsTo, d), { recursive: true });
// the display layer requires @napi-rs/canvas (a native module) on load, for DOMMatrix, Path2D and ImageData, and
// to draw pages; text and operators need none of it: the copy's require throws, as when the package is absent
const display = readFileSync(path.join(pdfjsFrom, 'legacy/build/pdf.mjs'), 'utf8');
const canvasRequire = 'require("@napi-rs/canvas")';
const requires = display.split(canvasRequire).length - 1;
if (requires !== 2) throw new Error(`bundle: pdfjs-dist's pdf.mjs requires @napi-rs/canvas ${requires} times, not 2: check the copy`);
writeFileSync(path.join(pdfjsTo, 'legacy/build/pdf.mjs'),
  display.replaceAll(canvasRequire, '(() => { throw new Error("@napi-rs/canvas is not shipped with Tally (no rendering)"); })()'));
const sizeOf = (p) => (statSync(p).isDirectory() ? readdirSync(p).reduce((n, f) => n + sizeOf(path.join(p, f)), 0) : statSync(p).size);
console.log(`bundle: out/pdfjs/  ${(sizeOf(pdfjsTo) / 1048576).toFixed(1)} MiB (pdfjs-dist ${JSON.parse(readFileSync(path.join(pdfjsFrom, 'package.json'), 'utf8')).version})`);

for (const f of outputs) console.log(`bundle: out/${f}  ${kib(path.join(out, f))}`);
