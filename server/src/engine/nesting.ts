// Container nesting no report needs, found by a cheap line scan before parsing: micromark's time grows faster
// than linearly with the depth of block quotes and list items (a 1,000-level list took 90 s), and a report
// nests two or three levels. Lines nested deeper than MAX_NESTING are left out of the parse.
import type { LineIndex } from './source.js';
import type { Chunk } from './parse.js';

export const MAX_NESTING = 32;

/** A run of consecutive lines nested deeper than MAX_NESTING (0-based, inclusive), and the deepest nesting. */
export interface DeepNesting { startLine: number; endLine: number; depth: number }

const SPACE = 0x20;
const TAB = 0x09;

/**
 * The text to parse: lines nested deeper than MAX_NESTING turned into spaces (a blank line of the same length,
 * so every position stays where it was), and where they are. The text itself when nothing is that deep.
 */
export function maskDeepNesting(text: string, lines: LineIndex): { text: string; deep: DeepNesting[] } {
  const deep: DeepNesting[] = [];
  // Content columns of the list items a line may still be inside.
  const columns: number[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const end = lines.lineEnd(line);
    let i = lines.lineStart(line);
    let column = 0;
    const skipSpace = () => {
      for (; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c === SPACE) column++;
        else if (c === TAB) column += 4 - (column % 4);
        else break;
      }
    };
    skipSpace();
    if (i === end) continue;
    while (columns.length > 0 && columns[columns.length - 1] > column) columns.pop();
    let quotes = 0;
    for (;;) {
      const c = text.charCodeAt(i);
      let marker = 0;
      if (c === 0x3e) { quotes++; i++; column++; skipSpace(); continue; }
      if (c === 0x2d || c === 0x2a || c === 0x2b) marker = 1;
      else if (c >= 0x30 && c <= 0x39) {
        let j = i;
        while (j < end && j - i < 9 && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
        const d = text.charCodeAt(j);
        if (d === 0x2e || d === 0x29) marker = j - i + 1;
      }
      const after = text.charCodeAt(i + marker);
      if (marker === 0 || (i + marker < end && after !== SPACE && after !== TAB)) break;
      const markerColumn = column;
      i += marker;
      column += marker;
      skipSpace();
      // More than four spaces after the marker: the content starts one space after it (CommonMark 5.2).
      columns.push(column - markerColumn - marker > 4 ? markerColumn + marker + 1 : column);
    }
    const depth = columns.length + quotes;
    if (depth <= MAX_NESTING) continue;
    const last = deep[deep.length - 1];
    if (last && last.endLine === line - 1) { last.endLine = line; last.depth = Math.max(last.depth, depth); }
    else deep.push({ startLine: line, endLine: line, depth });
  }
  if (deep.length === 0) return { text, deep };
  const parts: string[] = [];
  let from = 0;
  for (const run of deep) {
    for (let line = run.startLine; line <= run.endLine; line++) {
      const start = lines.lineStart(line);
      parts.push(text.slice(from, start), ' '.repeat(lines.lineEnd(line) - start));
      from = lines.lineEnd(line);
    }
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), deep };
}

/**
 * Chunks cut before and after each run of deep lines: no container stays open across the blanked lines (every
 * open list item would scan each of them again), and what follows a run is read afresh.
 */
export function cutAroundDeepRuns(chunks: Chunk[], deep: readonly DeepNesting[], lines: LineIndex): Chunk[] {
  if (deep.length === 0) return chunks;
  const cuts = deep.flatMap((run) => [lines.lineStart(run.startLine), lines.lineStart(run.endLine + 1)]);
  const out: Chunk[] = [];
  let c = 0;
  for (const chunk of chunks) {
    const end = chunk.offset + chunk.text.length;
    let from = chunk.offset;
    while (c < cuts.length && cuts[c] <= chunk.offset) c++;
    for (; c < cuts.length && cuts[c] < end; c++) {
      if (cuts[c] === from) continue;
      out.push({ offset: from, line: lines.position(from).line, text: chunk.text.slice(from - chunk.offset, cuts[c] - chunk.offset), last: false });
      from = cuts[c];
    }
    out.push(from === chunk.offset ? chunk : { offset: from, line: lines.position(from).line, text: chunk.text.slice(from - chunk.offset), last: chunk.last });
  }
  return out;
}
