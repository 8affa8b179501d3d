// Bundles the VS Code extension with esbuild (run by `npm run build` after tsc):
//   out/server.js            the language server (server/src/lsp/main.ts): ESM for Node 20, every dependency inside,
//                            runnable as `tally-language-server` (stdio, IPC, … as vscode-languageserver reads argv)
//   out/analysis-worker.js   the server's worker thread (server/src/lsp/analysis-worker.ts), beside out/server.js
//   out/pdf-worker.js        the PDF reader's worker thread (server/src/import/pdf-worker.ts), beside out/server.js
//   out/pdfjs/               what the PDF reader needs of pdfjs-dist (its legacy build, cMaps, standard fonts, licence),
//                            found by the reader beside the bundle and shipped in the .vsix; its optional native
//                            canvas (@napi-rs/canvas, for rendering only) is cut out, so it is never loaded
//   out/client.cjs           the extension's client (client/src/extension.ts): CommonJS, `vscode` left external
//   out/template.schema.json the template schema, for contributes.jsonValidation
//   out/tally-config.schema.json the configuration file's schema, likewise
// TALLY_SERVER_ENTRY overrides the server entry (to try the bundling against a stub).
import { build } from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out');
const at = (p) => path.join(root, p);
const kib = (p) => `${(statSync(p).size / 1024).toFixed(1)} KiB`;
mkdirSync(out, { recursive: true });

const common = {
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
  const requireShim = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";
  const esm = async (entry, name, shebang = '') => {
    await build({ ...common, entryPoints: [entry], outfile: path.join(out, name), format: 'esm', banner: { js: shebang + requireShim } });
    outputs.push(name);
  };
  await esm(serverEntry, 'server.js', '#!/usr/bin/env node\n');
  chmodSync(path.join(out, 'server.js'), 0o755);
  await esm(at('server/src/lsp/analysis-worker.ts'), 'analysis-worker.js');
  await esm(at('server/src/import/pdf-worker.ts'), 'pdf-worker.js');
} else {
  console.warn(`bundle: ${path.relative(root, serverEntry)} does not exist yet; out/server.js not built`);
}

await build({
  ...common,
  entryPoints: [at('client/src/extension.ts')],
  outfile: path.join(out, 'client.cjs'),
  format: 'cjs',
  external: ['vscode', ...common.external],
});
outputs.push('client.cjs');

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
