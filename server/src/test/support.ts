// Shared by the tests: the samples, small edits of them, and fixes applied as an editor would.
import { readFileSync } from 'node:fs';
import { analyze, type Finding, type Edit } from '../engine/index.js';
import { LineIndex } from '../engine/source.js';

export const ROOT = new URL('../../', import.meta.url);

export function sample(name: string): string {
  return readFileSync(new URL(`samples/${name}`, ROOT), 'utf8');
}

/** Replaces the one line that starts with `prefix` (it must exist exactly once). */
export function editLine(text: string, prefix: string, replace: (line: string) => string | null): string {
  const lines = text.split('\n');
  const hits = lines.map((l, i) => (l.startsWith(prefix) ? i : -1)).filter((i) => i >= 0);
  if (hits.length !== 1) throw new Error(`expected one line starting with ${prefix}, found ${hits.length}`);
  const next = replace(lines[hits[0]]);
  if (next === null) lines.splice(hits[0], 1); else lines[hits[0]] = next;
  return lines.join('\n');
}

/** Sets cell `column` (0-based, after the leading pipe) of the table row starting with `prefix`. */
export function setCell(text: string, prefix: string, column: number, value: string): string {
  return editLine(text, prefix, (line) => {
    const cells = line.split('|');
    cells[column + 1] = ` ${value} `;
    return cells.join('|');
  });
}

/** 1-based line of each finding, with its code: "97 row-shape". */
export function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1} ${f.code}`);
}

export function codes(text: string, options = {}): string[] {
  return summary(analyze(text, options).findings);
}

export function lineOf(text: string, prefix: string): number {
  return text.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;
}

/** Applies edits as an editor does: from the last to the first by offset, offsets taken in the original text. */
export function applyEdits(text: string, edits: Edit[]): string {
  const index = new LineIndex(text);
  const spans = edits.map((e) => ({ start: index.offset(e.range.start), end: index.offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}
