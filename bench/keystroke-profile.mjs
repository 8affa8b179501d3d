// In-process profile of one keystroke on the 1 MB bench report (BYTES=30000 for another size): IncrementalAnalyzer, each check, facts, diagnostics.
import { createRandom, generateReport } from './gen.js';
const { IncrementalAnalyzer } = await import('../out/engine/incremental.js');
const { CHECKS } = await import('../out/engine/checks/index.js');
const { bind } = await import('../out/engine/bind/index.js');
const { collectFacts } = await import('../out/engine/workspace/index.js');
const { toDiagnostic } = await import('../out/lsp/diagnostics.js');
const N = Number(process.argv[2] ?? 200);
const BYTES = Number(process.env.BYTES ?? 1_000_000);
let text = generateReport(11, { targetBytes: BYTES });
console.log('length', text.length);
const an = new IncrementalAnalyzer();
const opts = { blankCells: 'auto' };
let a = an.analyze(text, opts);
console.log('findings', a.findings.length, 'template', a.template);
const rng = createRandom(BYTES);
const times = [], factsT = [], diagT = [];
let inserted = -1;
const perCheck = new Map();
for (let i = 0; i < N; i++) {
  if (inserted >= 0) { text = text.slice(0, inserted) + text.slice(inserted + 1); inserted = -1; }
  else { let o = text.indexOf('。', rng.int(0, text.length - 1)); if (o < 0) o = text.indexOf('。'); text = text.slice(0, o) + '，' + text.slice(o); inserted = o; }
  let t = performance.now();
  a = an.analyze(text, opts);
  times.push(performance.now() - t);
  t = performance.now(); collectFacts(a); factsT.push(performance.now() - t);
  t = performance.now(); a.findings.map((f) => toDiagnostic(f, 'file:///x.md', 'zh')); diagT.push(performance.now() - t);
  if (process.env.PERCHECK) {
    t = performance.now(); const binding = bind(a.model, opts);
    const add = (k, v) => perCheck.set(k, (perCheck.get(k) ?? 0) + v);
    add('bind', performance.now() - t);
    for (const c of CHECKS) { t = performance.now(); c.run({ model: a.model, binding }); add(c.codes.join(",").slice(0,40), performance.now() - t); }
  }
}
const q = (xs, p) => { const s = [...xs].sort((x, y) => x - y); return s[Math.ceil(s.length * p) - 1].toFixed(1); };
console.log(`analyze median ${q(times, .5)} p95 ${q(times, .95)} | facts median ${q(factsT, .5)} | diags median ${q(diagT, .5)}`);
if (process.env.PERCHECK) console.log([...perCheck].sort((x, y) => y[1] - x[1]).map(([k, v]) => `  ${k.padEnd(42)} ${(v / N).toFixed(2)} ms`).join('\n'));
