// Target 3: one `tally check` process on a 10 MB report (prose and many official tables) peaks
// under 300 MB of resident memory.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateReport } from './gen.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FILE = path.join(ROOT, 'bench/.data/big-10mb.md');
const TARGET_BYTES = 10_000_000;
const LIMIT_MB = 300;
const GNU_TIME = '/usr/bin/time';

/** Writes the big report unless the file is already this generator's output. */
function ensureBigReport() {
  const generator = fs.readFileSync(path.join(ROOT, 'bench/gen.js'));
  const stamp = `${createHash('sha256').update(generator).digest('hex')} ${TARGET_BYTES}`;
  const stampFile = `${FILE}.stamp`;
  if (fs.existsSync(FILE) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return;
  fs.mkdirSync(path.dirname(FILE), { recursive: true });
  fs.writeFileSync(FILE, generateReport(10, { targetBytes: TARGET_BYTES, appendixTables: true }));
  fs.writeFileSync(stampFile, stamp);
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout = (stdout + chunk).slice(-4000)));
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, seconds: (performance.now() - start) / 1000 }));
  });
}

/** Max RSS in MB of the CLI, from GNU time; without it, of `analyze` in a child reading its own resourceUsage. */
async function measure() {
  if (fs.existsSync(GNU_TIME)) {
    const result = await run(GNU_TIME, ['-v', process.execPath, 'out/cli.js', 'check', FILE, '--format', 'json']);
    const kilobytes = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1]);
    return { ...result, how: 'node out/cli.js check (GNU time -v)', megabytes: kilobytes / 1024 };
  }
  const script = `const { analyze } = await import(${JSON.stringify(path.join(ROOT, 'out/engine/index.js'))});
    analyze((await import('node:fs')).readFileSync(${JSON.stringify(FILE)}, 'utf8'));
    console.log('maxRSS ' + process.resourceUsage().maxRSS);`;
  const result = await run(process.execPath, ['--input-type=module', '-e', script]);
  const kilobytes = Number(/maxRSS (\d+)/.exec(result.stdout)?.[1]);
  return { ...result, how: 'analyze in a child (process.resourceUsage)', megabytes: kilobytes / 1024 };
}

export async function main() {
  ensureBigReport();
  const size = fs.statSync(FILE).size;
  console.log(`Target 3 — peak memory on ${path.relative(ROOT, FILE)} (${(size / 1e6).toFixed(1)} MB)`);
  const result = await measure();
  const crashed = result.code !== 0 && result.code !== 1;
  if (crashed) console.log(`  exit ${result.code}:\n${result.stderr.slice(-1500)}`);
  const ok = !crashed && result.megabytes < LIMIT_MB;
  console.log(`  ${result.how}: max RSS ${result.megabytes.toFixed(0)} MB, ${result.seconds.toFixed(1)} s, exit ${result.code} (target < ${LIMIT_MB} MB)  ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
