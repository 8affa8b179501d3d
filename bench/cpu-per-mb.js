// Target: the engine's CPU time per megabyte of reports is at most 8× markdown-it's bare parse of the same texts.
// One process, the same in-memory texts for both: (a) markdown-it's `parse` with its default options, (b) what
// `tally check` does per file (analyze with the default options, prose on, then collectFacts). CPU time (user +
// system, process.cpuUsage) after a warm-up pass, median of several passes (CPU_PER_MB_PASSES, default 5), interleaved
// so that the machine's load falls on both alike. Each file gets the options its configuration file gives it.
// `node bench/cpu-per-mb.js [--quick] [folder …]`; without folders, the corpora of bench/corpora.js.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { analyze } from '../out/engine/index.js';
import { collectFacts } from '../out/engine/workspace/index.js';
import { ConfigResolver } from '../out/shared/config.js';
import { ensureCorpora } from './corpora.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = 8;
const PASSES = Number(process.env.CPU_PER_MB_PASSES ?? 5);

/** The folders to measure, as { name, folder } (`--quick`: the quick corpora). */
async function folders(args) {
  const named = args.filter((a) => !a.startsWith('--'));
  if (named.length) return named.map((folder) => ({ name: path.relative(ROOT, path.resolve(folder)) || folder, folder: path.resolve(folder) }));
  return ensureCorpora({ quick: args.includes('--quick') });
}

/** The folder's Markdown files with the options `tally check` gives each (its configuration file's), ignored ones left out. */
async function readFiles(folder) {
  const resolver = new ConfigResolver();
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) files.push(full);
    }
  };
  walk(folder);
  const out = [];
  for (const file of files) {
    const { settings } = await resolver.settingsFor(file);
    if (settings.ignored) continue;
    const options = {
      ...(settings.template !== undefined ? { template: settings.template } : {}), ...(settings.prose !== undefined ? { prose: settings.prose } : {}),
      ...(settings.blankCells !== undefined ? { blankCells: settings.blankCells } : {}), ...(settings.templates.length ? { templates: settings.templates } : {}),
    };
    out.push({ text: fs.readFileSync(file, 'utf8'), options });
  }
  return out;
}

/** CPU milliseconds (user + system) of one pass of `work` over every text. */
function cpuMs(texts, work) {
  globalThis.gc?.();
  const start = process.cpuUsage();
  for (const file of texts) work(file);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export async function main(args = process.argv.slice(2)) {
  const markdownIt = new MarkdownIt();
  const bare = (file) => markdownIt.parse(file.text, {});
  const engine = (file) => collectFacts(analyze(file.text, file.options));
  console.log(`CPU per MB — engine (analyze + facts, prose on) vs markdown-it parse; median of ${PASSES} passes after a warm-up (target ≤ ${TARGET}×)`);
  let ok = true;
  for (const { name, folder } of await folders(args)) {
    const texts = await readFiles(folder);
    if (!texts.length) { console.log(`  ${name}: no .md files in ${folder}`); ok = false; continue; }
    const mb = texts.reduce((n, file) => n + Buffer.byteLength(file.text), 0) / 1e6;
    cpuMs(texts, bare);
    cpuMs(texts, engine);
    const bareRuns = [];
    const engineRuns = [];
    for (let i = 0; i < PASSES; i++) {
      bareRuns.push(cpuMs(texts, bare));
      engineRuns.push(cpuMs(texts, engine));
    }
    const bareMs = median(bareRuns) / mb;
    const engineMs = median(engineRuns) / mb;
    const ratio = engineMs / bareMs;
    const pass = ratio <= TARGET;
    ok &&= pass;
    console.log(`  ${name.padEnd(24)} ${String(texts.length).padStart(5)} files ${mb.toFixed(2).padStart(7)} MB   markdown-it ${bareMs.toFixed(1).padStart(7)} ms/MB   engine ${engineMs.toFixed(1).padStart(8)} ms/MB   ratio ${ratio.toFixed(2).padStart(6)}×  ${pass ? 'PASS' : 'FAIL'}`);
  }
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
