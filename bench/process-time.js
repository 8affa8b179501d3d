// One child process timed whole: wall time, CPU time (user + system, every thread) and peak RSS, the last two from
// GNU time (`/usr/bin/time -o FILE`, so the child's own stderr stays its own) when it exists.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Runs `command args` in `cwd` to completion, draining its output. Resolves to
 * `{ seconds, cpu, rssMB, code, outputBytes, tail }`; `cpu` (seconds) and `rssMB` are undefined without GNU time.
 */
export function timed(command, args, { cwd } = {}) {
  const report = GNU_TIME ? path.join(os.tmpdir(), `tally-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`) : undefined;
  const [file, argv] = GNU_TIME ? [GNU_TIME, ['-o', report, '-f', '%U %S %M', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(file, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let outputBytes = 0;
    let tail = '';
    const drain = (chunk) => {
      outputBytes += chunk.length;
      tail = (tail + chunk).slice(-600);
    };
    child.stdout.on('data', drain);
    child.stderr.on('data', drain);
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - start) / 1000;
      let cpu;
      let rssMB;
      if (report) {
        // GNU time writes "Command exited with non-zero status N" before the format line when the child fails.
        const line = fs.readFileSync(report, 'utf8').trim().split('\n').at(-1);
        fs.rmSync(report, { force: true });
        const m = /^([\d.]+) ([\d.]+) (\d+)$/.exec(line ?? '');
        if (m) {
          cpu = Number(m[1]) + Number(m[2]);
          rssMB = Number(m[3]) / 1024;
        }
      }
      resolve({ seconds, cpu, rssMB, code, outputBytes, tail });
    });
  });
}

export const median = (xs) => {
  const sorted = xs.filter((x) => x !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
