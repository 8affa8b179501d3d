// Which files `tally check` reads: the files named, and the *.md files under the folders named,
// leaving out what .gitignore files (at any depth) ignore.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface FileProblem { path: string; reason: 'missing' | 'unreadable' }

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/** Which files a folder contributes: Markdown reports for `check`, published forms for `import`. */
export const MARKDOWN = /\.md$/i;
export const IMPORTABLE = /\.(?:html?|pdf|docx|txt)$/i;

export async function collectFiles(args: string[], pattern: RegExp = MARKDOWN): Promise<{ files: string[]; problems: FileProblem[] }> {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  for (const arg of args) {
    let stat;
    try { stat = await fs.stat(arg); } catch (e) {
      problems.push({ path: arg, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' });
      continue;
    }
    if (stat.isDirectory()) await walk(arg, [], files, problems, pattern);
    else files.push(arg);
  }
  return { files: [...new Set(files)], problems };
}

interface Rules { base: string; ig: Ignore }

async function walk(dir: string, inherited: Rules[], files: string[], problems: FileProblem[], pattern: RegExp): Promise<void> {
  let entries;
  try { entries = await fs.readdir(dir, { withFileTypes: true }); } catch {
    problems.push({ path: dir, reason: 'unreadable' });
    return;
  }
  const rules = [...inherited];
  if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
    try {
      rules.push({ base: dir, ig: ignore().add(await fs.readFile(path.join(dir, '.gitignore'), 'utf8')) });
    } catch { /* an unreadable .gitignore ignores nothing */ }
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const isDir = entry.isDirectory();
    if (rules.some((r) => r.ig.ignores(path.relative(r.base, full).split(path.sep).join('/') + (isDir ? '/' : '')))) continue;
    if (isDir) await walk(full, rules, files, problems, pattern);
    else if (entry.isFile() && pattern.test(entry.name)) files.push(full);
  }
}
