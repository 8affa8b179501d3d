// Generated reports are consistent by construction, so `analyze` should find nothing in them.
// A finding here is either a generator bug or an engine false positive; the timings assume neither.
import { fileURLToPath } from 'node:url';
import { generateBigTable, generateReport } from './gen.js';

const SEEDS = 50;

export async function main() {
  const { analyze } = await import('../out/engine/index.js');
  const counts = new Map();
  let firstSeed;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const { template, findings } = analyze(generateReport(seed));
    if (template !== 'gov-annual-2021') counts.set(`template ${template}`, (counts.get(`template ${template}`) ?? 0) + 1);
    for (const finding of findings) {
      const key = `${finding.severity} ${finding.code}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      firstSeed ??= seed;
    }
  }
  const table = analyze(generateBigTable(100)).findings.filter((f) => f.code !== 'missing-section');
  console.log(`Sanity — findings on ${SEEDS} generated reports: ${counts.size === 0 ? 'none' : ''}`);
  for (const [key, count] of counts) console.log(`  ${count} × ${key}`);
  if (firstSeed) console.log(`  first in generateReport(${firstSeed})`);
  console.log(`  big-table document, findings other than missing-section: ${table.map((f) => f.code).join(', ') || 'none'}`);
  const ok = counts.size === 0 && table.length === 0;
  console.log(`  ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
