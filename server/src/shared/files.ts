// Which files `tally check` reads: the files named, and under the folders named the reports (Markdown, and the
// published forms it imports: web pages, PDFs, Word files, and text files that read as a report), leaving out
// what .gitignore files (at any depth) ignore.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { BUILTIN_TEMPLATES } from '../templates/index.js';
import { sectionOf } from '../import/structure.js';

export interface FileProblem { path: string; reason: 'missing' | 'unreadable' }

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/** Which files a folder contributes: Markdown reports for `check`, published forms for `import`. */
export const MARKDOWN = /\.md$/i;
export const IMPORTABLE = /\.(?:html?|pdf|docx|txt)$/i;

/** What a folder contributes: files whose name matches, or for which the test (which may read the file) holds. */
export type FileFilter = RegExp | ((file: string) => boolean | Promise<boolean>);

const PUBLISHED = /\.(?:html?|pdf|docx)$/i;
/** Bytes of a .txt read to tell a report from a README. */
const SNIFF_BYTES = 256 * 1024;

/**
 * The files `tally check` finds in a folder: Markdown, web pages, PDFs, Word files, and `.txt` files that look like
 * a report — at least two lines that are section lines of a template (一、总体情况 …), or a title naming the work (年度报告, 政务公开) — so
 * that a README.txt or notes beside the reports are not reported.
 */
export async function isCheckable(file: string): Promise<boolean> {
  if (MARKDOWN.test(file) || PUBLISHED.test(file)) return true;
  if (!/\.txt$/i.test(file)) return false;
  return looksLikeReport(file);
}

async function looksLikeReport(file: string): Promise<boolean> {
  let bytes: Buffer;
  try {
    const handle = await fs.open(file, 'r');
    try {
      const buffer = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
      bytes = buffer.subarray(0, bytesRead);
    } finally { await handle.close(); }
  } catch { return false; }
  let text: string;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch {
    // A multi-byte character cut at the end of the sample, or GB18030 text.
    try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - 3))); } catch {
      try { text = new TextDecoder('gb18030').decode(bytes); } catch { return false; }
    }
  }
  // A document whose title names the work (an annual report, or a summary of disclosure work) is checked, so a
  // document that is not an annual report is said to be not one rather than skipped.
  const title = text.split(/\r\n|\r|\n/).find((l) => l.trim())?.trim() ?? '';
  if (title.length <= 80 && !/[。；;]/.test(title) && /公开|公開/.test(title) && /(报告|報告|总结|總結)$/.test(title)) return true;
  const ordinals = new Set<number>();
  for (const line of text.split(/\r\n|\r|\n/)) {
    const spec = line.length <= 60 ? sectionOf(line.replace(/^[\s#\u3000]+|[\s|]+$/g, ''), BUILTIN_TEMPLATES) : undefined;
    if (spec?.ordinal !== undefined) ordinals.add(spec.ordinal);
    if (ordinals.size >= 2) return true;
  }
  return false;
}

export async function collectFiles(args: string[], pattern: FileFilter = MARKDOWN): Promise<{ files: string[]; problems: FileProblem[] }> {
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

async function walk(dir: string, inherited: Rules[], files: string[], problems: FileProblem[], pattern: FileFilter): Promise<void> {
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
    else if (entry.isFile() && (typeof pattern === 'function' ? await pattern(full) : pattern.test(entry.name))) files.push(full);
  }
}

/**
 * Whether `collectFiles([root])` would leave `file` out: outside the folder, under a folder it always skips, or
 * ignored by a .gitignore on the way down (the same rules as its walk; for a file the editor saw change).
 */
export async function isIgnored(root: string, file: string): Promise<boolean> {
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return true;
  const parts = relative.split(path.sep);
  if (parts.some((p) => ALWAYS_SKIPPED.has(p))) return true;
  const rules: Rules[] = [];
  let dir = root;
  for (const [i, part] of parts.entries()) {
    try {
      rules.push({ base: dir, ig: ignore().add(await fs.readFile(path.join(dir, '.gitignore'), 'utf8')) });
    } catch { /* no .gitignore here (or an unreadable one): it ignores nothing */ }
    const full = path.join(dir, part);
    const isDir = i < parts.length - 1;
    if (rules.some((r) => r.ig.ignores(path.relative(r.base, full).split(path.sep).join('/') + (isDir ? '/' : '')))) return true;
    dir = full;
  }
  return false;
}
