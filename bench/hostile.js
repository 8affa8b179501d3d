// Hostile inputs: each is written to bench/.data/ and checked by one `tally check` process of its own;
// prints wall time, CPU time (user + system), peak resident memory and output size, PASS/FAIL against the
// targets. A case passes when the CLI finishes (exit 0 or 1, never a crash) within its time and memory limits:
// wall time under SECONDS and resident memory under MEGABYTES, the acceptance targets of the reliability issue.
// CPU time is printed too: on a loaded machine wall time says little, CPU time is what the work costs.
// `node bench/hostile.js table quotes` runs only the named cases; HOSTILE_KEEP=1 keeps the inputs in bench/.data.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBigTable, generateReport, SECTION_TITLES } from './gen.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'bench/.data');
const GNU_TIME = '/usr/bin/time';
/** Time and memory limits; a run is stopped at three times its time limit (HOSTILE_KILL_SECONDS overrides). */
const SECONDS = 10;
const KILL_SECONDS = Number(process.env.HOSTILE_KILL_SECONDS) || 3 * SECONDS;
const MEGABYTES = 1024;

/** A small, clean report with a hostile fragment in its first section: the rest must still be checked. */
function around(fragment) {
  const report = generateReport(3);
  const at = report.indexOf(`## ${SECTION_TITLES[1]}`);
  return `${report.slice(0, at)}${fragment}\n\n${report.slice(at)}`;
}

const SUBHEADINGS = ['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）平台建设', '（五）监督保障'];

const CASES = [
  ['headings', '10⁵ headings', () => {
    const lines = ['# 青山市人民政府2022年政府信息公开工作年度报告', ''];
    for (let i = 0; i < 100_000; i++) {
      lines.push(i % 2 === 0 ? `## ${SECTION_TITLES[(i / 2) % 6]}` : `### ${SUBHEADINGS[i % 5]}`, '', '本机关认真做好相关工作。', '');
    }
    return lines.join('\n');
  }],
  ['table', '10⁵-row table', () => generateBigTable(100_000)],
  ['big', '50 MB report', () => generateReport(10, { targetBytes: 50_000_000, appendixTables: true })],
  ['quotes', '4,000 `>` on one line', () => around('>'.repeat(4000))],
  ['list-inline', '4,000 `- ` on one line', () => around(`${'- '.repeat(4000)}项`)],
  ['list-indented', '4,000-level indented list', () => around(Array.from({ length: 4000 }, (_, i) => `${'  '.repeat(i)}- 第${i}层`).join('\n'))],
  ['list-1000', '1,000-level indented list', () => around(Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- 第${i}层`).join('\n'))],
  ['brackets', '100 KB of `[`', () => around('['.repeat(100_000))],
  ['links', '100 KB of `[a]`', () => around('[a]'.repeat(33_334))],
  ['images', '100 KB of `![`', () => around('!['.repeat(50_000))],
  ['backticks', '100 KB of backtick runs', () => {
    let s = '';
    for (let k = 1; s.length < 100_000; k++) s += `${'`'.repeat(k)}a`;
    return around(s);
  }],
  ['emphasis', '100 KB of `a*`', () => around('a* '.repeat(33_334))],
];

function run(command, args, limitSeconds) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    // Its own process group, so a stopped run takes the CLI under GNU time with it.
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk) => (bytes += chunk.length));
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    let killed = false;
    const timer = setTimeout(() => { killed = true; process.kill(-child.pid, 'SIGKILL'); }, limitSeconds * 1000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal: killed ? 'SIGKILL' : signal, bytes, stderr, seconds: (performance.now() - start) / 1000 });
    });
  });
}

async function measure(file) {
  const cli = [path.join(ROOT, 'out/cli.js'), 'check', file, '--format', 'json'];
  if (fs.existsSync(GNU_TIME)) {
    const result = await run(GNU_TIME, ['-v', process.execPath, ...cli], KILL_SECONDS);
    const kilobytes = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1]);
    const exit = /Exit status: (\d+)/.exec(result.stderr);
    const cpu = ['User', 'System'].reduce((sum, k) => sum + Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(result.stderr)?.[1] ?? NaN), 0);
    return { ...result, code: exit ? Number(exit[1]) : result.code, megabytes: kilobytes / 1024, cpu };
  }
  const script = `const { analyze } = await import(${JSON.stringify(path.join(ROOT, 'out/engine/index.js'))});
    const n = analyze((await import('node:fs')).readFileSync(${JSON.stringify(file)}, 'utf8')).findings.length;
    const u = process.resourceUsage();
    console.log('maxRSS ' + u.maxRSS + ' cpu ' + (u.userCPUTime + u.systemCPUTime) + ' findings ' + n);`;
  const result = await run(process.execPath, ['--input-type=module', '-e', script], KILL_SECONDS);
  const out = result.stderr + result.stdout;
  return { ...result, megabytes: Number(/maxRSS (\d+)/.exec(out)?.[1]) / 1024, cpu: Number(/cpu (\d+)/.exec(out)?.[1]) / 1e6 };
}

export async function main(wanted = []) {
  fs.mkdirSync(DATA, { recursive: true });
  console.log(`Hostile inputs — one \`tally check\` each (target < ${SECONDS} s and < ${MEGABYTES} MB, exit 0 or 1)`);
  console.log('  case                          size      wall       CPU       RSS   exit   output');
  let ok = true;
  for (const [name, title, generate] of CASES) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    const file = path.join(DATA, `hostile-${name}.md`);
    fs.writeFileSync(file, generate());
    const size = fs.statSync(file).size;
    const r = await measure(file);
    const finished = r.signal === null && (r.code === 0 || r.code === 1);
    const pass = finished && r.seconds < SECONDS && r.megabytes < MEGABYTES;
    ok &&= pass;
    const exit = r.signal ? `killed at ${KILL_SECONDS} s` : String(r.code);
    console.log(`  ${title.padEnd(28)} ${(size / 1e6).toFixed(1).padStart(5)} MB ${r.seconds.toFixed(1).padStart(7)} s ${r.cpu.toFixed(1).padStart(7)} s ${r.megabytes.toFixed(0).padStart(6)} MB ${exit.padStart(6)} ${(r.bytes / 1e3).toFixed(1).padStart(7)} KB  ${pass ? 'PASS' : 'FAIL'}`);
    if (!finished && !r.signal) console.log(r.stderr.split('\n').filter((l) => !/^\t/.test(l)).slice(-6).map((l) => `      ${l}`).join('\n'));
    if (!process.env.HOSTILE_KEEP) fs.rmSync(file);
  }
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await main(process.argv.slice(2))) ? 0 : 1;
