// Bundles the VS Code extension with esbuild (run by `npm run build` after tsc):
//   out/server.js            the language server (server/src/lsp/main.ts): ESM for Node 20, every dependency inside,
//                            runnable as `tally-language-server` (stdio, IPC, … as vscode-languageserver reads argv)
//   out/analysis-worker.js   the server's worker thread (server/src/lsp/analysis-worker.ts), beside out/server.js
//   out/client.cjs           the extension's client (client/src/extension.ts): CommonJS, `vscode` left external
//   out/template.schema.json the template schema, for contributes.jsonValidation
// TALLY_SERVER_ENTRY overrides the server entry (to try the bundling against a stub).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, statSync, chmodSync } from 'node:fs';
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
  // the PDF reader loads pdfjs-dist from node_modules on first use: its legacy build imports its worker file and
  // reads its cMaps and standard fonts by paths relative to the package, so it must not be bundled
  external: ['pdfjs-dist', 'pdfjs-dist/*'],
};

const serverEntry = process.env.TALLY_SERVER_ENTRY ? path.resolve(process.env.TALLY_SERVER_ENTRY) : at('server/src/lsp/main.ts');
const outputs = [];
if (existsSync(serverEntry)) {
  await build({
    ...common,
    entryPoints: [serverEntry],
    outfile: path.join(out, 'server.js'),
    format: 'esm',
    // CommonJS dependencies inside an ESM bundle call require(): give them one
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  chmodSync(path.join(out, 'server.js'), 0o755);
  outputs.push('server.js');
  await build({
    ...common,
    entryPoints: [at('server/src/lsp/analysis-worker.ts')],
    outfile: path.join(out, 'analysis-worker.js'),
    format: 'esm',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  outputs.push('analysis-worker.js');
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

for (const f of outputs) console.log(`bundle: out/${f}  ${kib(path.join(out, f))}`);
