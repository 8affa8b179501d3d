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
    before = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch (e) {
    return { path, error: (e as NodeJS.ErrnoException).code ?? 'not-utf8' };
  }
  const result = fixAll(before, options);
  if (result.text === before) return { path, changed: false };
  return { path, changed: true, before, after: result.text, fixed: result.applied.length };
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
