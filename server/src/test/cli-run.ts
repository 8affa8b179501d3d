// Shared by the tests that run the built CLI in a folder of their own: the run, and the folder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = path.join(ROOT, 'out', 'cli.js');

export interface Run { status: number | null; stdout: string; stderr: string }

/** `tally ARGS` in `cwd`, with messages in the C locale's language and no colours. */
export function runTally(args: string[], cwd: string): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', NO_COLOR: '1' };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'FORCE_COLOR']) delete env[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmpDirs: string[] = [];
after(() => { for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true }); });

/**
 * A repository (a folder with .git, where the configuration search stops) holding the given files, removed after
 * the test file; `samples:name` copies a sample.
 */
export function tempRepo(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tally-repo-')));
  tmpDirs.push(dir);
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content.startsWith('samples:') ? fs.readFileSync(path.join(ROOT, 'samples', content.slice(8))) : content);
  }
  return dir;
}
