// Target 2: `analyze` grows linearly with the rows of one table: ms/row at 4,000 rows stays within
// 1.5× of ms/row at 1,000. The parse and model stage alone (line readers and micromark, as `analyze` runs them)
// is timed the same way, to show where the time goes.
import { fileURLToPath } from 'node:url';
import { generateBigTable } from './gen.js';

const ROWS = [250, 1000, 4000];
const RUNS = 5;
const MAX_GROWTH = 1.5;

/** Best wall time in ms of `RUNS` runs after one warm-up run. */
function best(fn) {
  fn();
  let min = Infinity;
  for (let i = 0; i < RUNS; i++) {
    globalThis.gc?.();
    const start = performance.now();
    fn();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

export async function main() {
  const { analyze } = await import('../out/engine/index.js');
  const { parse } = await import('../out/engine/parse.js');
  const { buildReport } = await import('../out/engine/model/report.js');
  // The engine's own parse stage and the model read from it, chunk by chunk.
  const parser = { parse: (text) => buildReport(parse(text)) };
  console.log(`Target 2 — one table of N rows × 8 columns (best of ${RUNS} after a warm-up${globalThis.gc ? ', GC between runs' : ''})`);
  console.log('   rows   analyze ms   ms/row   model ms   ms/row   model share');
  const perRow = {};
  for (const rows of ROWS) {
    const text = generateBigTable(rows);
    const analyzeMs = best(() => analyze(text));
    const parseMs = best(() => parser.parse(text));
    perRow[rows] = { analyze: analyzeMs / rows, parse: parseMs / rows };
    console.log(`  ${String(rows).padStart(5)} ${analyzeMs.toFixed(1).padStart(12)} ${(analyzeMs / rows).toFixed(3).padStart(8)} ${parseMs.toFixed(1).padStart(10)} ${(parseMs / rows).toFixed(3).padStart(8)} ${((100 * parseMs) / analyzeMs).toFixed(0).padStart(12)}%`);
  }
  const growth = perRow[4000].analyze / perRow[1000].analyze;
  const parseGrowth = perRow[4000].parse / perRow[1000].parse;
  const ok = growth <= MAX_GROWTH;
  console.log(`  ms/row 4,000 ÷ 1,000: analyze ${growth.toFixed(2)}×, parse and model ${parseGrowth.toFixed(2)}× (target ≤ ${MAX_GROWTH}×)  ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
