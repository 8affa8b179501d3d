// Target: the engine's CPU time per megabyte of reports is at most 8× markdown-it's bare parse of the same texts.
// One process, the same in-memory texts for both: (a) markdown-it's `parse` with its default options, (b) what
// `tally check` does per file (analyze with the default options, prose on, then collectFacts). CPU time (user +
// system, process.cpuUsage) after a warm-up pass, median of several passes, interleaved so that the machine's load
// falls on both alike. `node bench/cpu-per-mb.js [folder …]`; without folders, the corpora of bench/corpora.js
// where it exists, else the generated reports of the CLI benchmark.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { analyze } from '../out/engine/index.js';
import { collectFacts } from '../out/engine/workspace/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = 8;
const PASSES = Number(process.env.CPU_PER_MB_PASSES ?? 5);

/** The folders to measure, as [name, folder] pairs. */
async function folders(args) {
  if (args.length) return args.map((folder) => [path.relative(ROOT, path.resolve(folder)) || folder, path.resolve(folder)]);
  const corpora = path.join(ROOT, 'bench/corpora.js');
  if (fs.existsSync(corpora)) {
    const module = await import(pathToFileURL(corpora).href);
    const found = await (module.ensureCorpora ?? module.default ?? (() => module.corpora))();
    return Object.entries(found ?? {}).map(([name, value]) => [name, typeof value === 'string' ? value : value.folder]);
  }
  const { ensureReports } = await import('./cli-vs-markdownlint.js');
  ensureReports();
  return [['reports', path.join(ROOT, 'bench/.data/reports')]];
}

function readTexts(folder) {
  const texts = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) texts.push(fs.readFileSync(full, 'utf8'));
    }
  };
  walk(folder);
  return texts;
}

/** CPU milliseconds (user + system) of one pass of `work` over every text. */
function cpuMs(texts, work) {
  globalThis.gc?.();
  const start = process.cpuUsage();
  for (const text of texts) work(text);
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
  const bare = (text) => markdownIt.parse(text, {});
  const engine = (text) => collectFacts(analyze(text, {}));
  console.log(`CPU per MB — engine (analyze + facts, prose on) vs markdown-it parse; median of ${PASSES} passes after a warm-up (target ≤ ${TARGET}×)`);
  let ok = true;
  for (const [name, folder] of await folders(args)) {
    const texts = readTexts(folder);
    if (!texts.length) { console.log(`  ${name}: no .md files in ${folder}`); ok = false; continue; }
    const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
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
