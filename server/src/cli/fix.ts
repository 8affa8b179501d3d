// `tally check --fix` and `--fix-dry-run`: the engine's fixAll (the editor's source.fixAll.tally) on each Markdown
// file; the fixed text is written, or shown as a unified diff. Published forms are not rewritten: their Markdown
// is made by `tally import`, and that is the file to fix.
import { readFile, writeFile, rename, stat } from 'node:fs/promises';
import { createTwoFilesPatch } from 'diff';
import { fixAll, type FixAllOptions } from '../engine/edits/fix-all.js';


export type FixOutcome =
  | { path: string; changed: false }
  | { path: string; changed: true; before: string; after: string; fixed: number }
  | { path: string; error: string };

export async function fixFile(path: string, options: FixAllOptions): Promise<FixOutcome> {
  let before: string;
  try {
    // The byte-order mark is kept as text (ignoreBOM), so that writing the fixed text back keeps it.
    before = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await readFile(path));
  } catch (e) {
    return { path, error: (e as NodeJS.ErrnoException).code ?? 'not-utf8' };
  }
  // The engine reads the text after the mark; the mark goes back in front of what it fixed.
  const bom = before.startsWith('\ufeff') ? '\ufeff' : '';
  const result = fixAll(before.slice(bom.length), options);
  const after = bom + result.text;
  if (after === before) return { path, changed: false };
  return { path, changed: true, before, after, fixed: result.applied.length };
}

/** Replaces the file's content in one step (a temporary file renamed over it), so a reader never sees half. */
export async function writeFixed(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tally-fix`;
  await writeFile(temporary, text, { mode: (await stat(path)).mode });
  await rename(temporary, path);
}

export function unifiedDiff(path: string, before: string, after: string): string {
  const name = path.split('\\').join('/');
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
}
