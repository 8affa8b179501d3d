// Start-up: `tally check` on one report (a pre-commit hook's case), whole process, against `node -e 0` (the floor)
// and markdownlint-cli2 on the same file (a devDependency), run interleaved so that noise falls on all alike.
// Prints the median and p90 wall time of each, their CPU time (user + system, from /usr/bin/time when it exists),
// the ratios, and PASS/FAIL against the target: `tally check one-report.md` under 150 ms wall (median).
// `node bench/startup.js [runs]` (default 15; `--quick`: 7 runs, and a FAIL only at twice the target).
// Where NODE_EXTRA_CA_CERTS is set, every Node process parses those certificates before it runs any code (on the
// machine this was written on: 144 of them, about 85 ms, most of `node -e 0`): the two Node commands are run without it
// too, and printed beside, as what Node costs where the variable is not set. The verdict is the environment's as
// given.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_MS = 150;
const QUICK_LIMIT_MS = 2 * TARGET_MS;
const FILE = 'samples/clean-2021.md';
const quick = process.argv.includes('--quick');
const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? (quick ? 7 : 15));

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const mdl = path.join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const WITHOUT_CA = 'without NODE_EXTRA_CA_CERTS';
const caCerts = Boolean(process.env.NODE_EXTRA_CA_CERTS);
const commands = [
  ['tally check', [process.execPath, path.join(ROOT, 'out', 'cli.js'), 'check', FILE]],
  ['node -e 0', [process.execPath, '-e', '0']],
  ...(fs.existsSync(mdl) ? [['markdownlint-cli2', [process.execPath, mdl, FILE]]] : []),
  ...(caCerts ? [[`tally check ${WITHOUT_CA}`, [process.execPath, path.join(ROOT, 'out', 'cli.js'), 'check', FILE], { NODE_EXTRA_CA_CERTS: undefined }],
    [`node -e 0 ${WITHOUT_CA}`, [process.execPath, '-e', '0'], { NODE_EXTRA_CA_CERTS: undefined }]] : []),
];

/** One run: wall ms, and CPU ms when /usr/bin/time can tell. */
function once(argv, changes = {}) {
  const env = { ...process.env, NO_COLOR: '1' };
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete env[name]; else env[name] = value;
  const start = process.hrtime.bigint();
  const r = TIME
    ? spawnSync(TIME, ['-f', 'TALLY-BENCH-CPU %U %S', ...argv], { cwd: ROOT, encoding: 'utf8', env })
    : spawnSync(argv[0], argv.slice(1), { cwd: ROOT, encoding: 'utf8', env });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  const m = /TALLY-BENCH-CPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined, status: r.status };
}

const samples = new Map(commands.map(([name]) => [name, { wall: [], cpu: [] }]));
// one warm-up each (the file cache), then interleaved runs
for (const [, argv, changes] of commands) once(argv, changes);
for (let i = 0; i < runs; i++) {
  for (const [name, argv, changes] of commands) {
    const r = once(argv, changes);
    if (name.startsWith('tally check') && r.status !== 0) {
      console.error(`tally check ${FILE} exited ${r.status}`);
      process.exit(1);
    }
    samples.get(name).wall.push(r.wall);
    if (r.cpu !== undefined) samples.get(name).cpu.push(r.cpu);
  }
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
};
const ms = (x) => (x === undefined ? '   –' : `${x.toFixed(0).padStart(4)}`);
console.log(`Start-up: one report (${FILE}), ${runs} interleaved runs each${TIME ? '' : ' (no /usr/bin/time: no CPU figures)'}`);
const width = Math.max(...commands.map(([name]) => name.length));
console.log(`  ${''.padEnd(width)}  wall median  wall p90   CPU median`);
const stats = new Map();
for (const [name, s] of samples) {
  const st = { median: quantile(s.wall, 0.5), p90: quantile(s.wall, 0.9), cpu: s.cpu.length ? quantile(s.cpu, 0.5) : undefined };
  stats.set(name, st);
  console.log(`  ${name.padEnd(width)}  ${ms(st.median)} ms    ${ms(st.p90)} ms   ${ms(st.cpu)} ms`);
}
const tally = stats.get('tally check');
const floor = stats.get('node -e 0');
console.log(`  tally / node -e 0: ${(tally.median / floor.median).toFixed(1)}× wall${tally.cpu && floor.cpu ? `, ${(tally.cpu / floor.cpu).toFixed(1)}× CPU` : ''}`);
const lint = stats.get('markdownlint-cli2');
if (lint) console.log(`  markdownlint-cli2 / tally: ${(lint.median / tally.median).toFixed(1)}× wall${tally.cpu && lint.cpu ? `, ${(lint.cpu / tally.cpu).toFixed(1)}× CPU` : ''}`);
if (caCerts) {
  const [t, n] = [stats.get(`tally check ${WITHOUT_CA}`), stats.get(`node -e 0 ${WITHOUT_CA}`)];
  console.log(`  NODE_EXTRA_CA_CERTS is set: Node's start takes ${(floor.median - n.median).toFixed(0)} ms more with it (node -e 0 ${floor.median.toFixed(0)} ms, ${n.median.toFixed(0)} ms without).`);
  console.log(`  Without it: tally check ${t.median.toFixed(0)} ms, ${(t.median / n.median).toFixed(1)}× node -e 0; Tally's own part (tally - node -e 0) ${(tally.median - floor.median).toFixed(0)} ms with, ${(t.median - n.median).toFixed(0)} ms without.`);
}
const pass = tally.median < (quick ? QUICK_LIMIT_MS : TARGET_MS);
const verdict = pass && tally.median >= TARGET_MS ? `PASS (quick; over the ${TARGET_MS} ms target)` : pass ? 'PASS' : 'FAIL';
console.log(`${verdict}  tally check one report: median ${tally.median.toFixed(0)} ms wall (target < ${TARGET_MS} ms${quick ? `; quick threshold < ${QUICK_LIMIT_MS} ms` : ''})`);
process.exitCode = pass ? 0 : 1;
