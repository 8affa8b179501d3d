// Long tables without micromark: a table's body rows are each one line read on its own, and micromark spends
// about 50 KB of memory and tens of microseconds on every one (a 30,000-row table: 1.4 GB). So the rows between
// a table's first and last body row that start with a pipe are left out of the text micromark parses, read here
// with the same cell boundaries, and put back into the table node. Whether the rows left out really were body
// rows of one table is checked on the tree: a table must span the place they were taken from.
import type { Root, Table, TableRow } from 'mdast';
import type { RowBounds } from './table.js';

/** Fewer body rows than this are parsed as they are. */
const MIN_ELIDED_ROWS = 8;

/** Rows left out of the parsed text: offsets in the chunk, and where the gap is in the parsed text. */
export interface ElidedRows { start: number; end: number; lines: number; at: number }

const PIPE_ROW = /^ {0,3}\|/;
export const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** The chunk's text with the middle body rows of its long tables left out, and what was left out. */
export function elideTableRows(text: string): { text: string; elided: ElidedRows[] } {
  const elided: ElidedRows[] = [];
  if (text.includes('\r') || !text.includes('|')) return { text, elided };
  const lineStarts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const line = (n: number) => text.slice(lineStarts[n], n + 1 < lineStarts.length ? lineStarts[n + 1] - 1 : text.length);
  for (let n = 1; n < lineStarts.length - 1; n++) {
    const t = line(n);
    if (!t.includes('|') || !t.includes('-') || !line(n - 1).includes('|') || !DELIMITER_ROW.test(t)) continue;
    let last = n + 1;
    while (last < lineStarts.length && PIPE_ROW.test(line(last))) last++;
    // Body rows n+1 … last-1: keep the first and the last for micromark.
    const first = n + 2;
    const end = last - 2;
    if (end - first + 1 >= MIN_ELIDED_ROWS) elided.push({ start: lineStarts[first], end: lineStarts[end + 1], lines: end - first + 1, at: 0 });
    n = last;
  }
  if (elided.length === 0) return { text, elided };
  const parts: string[] = [];
  let from = 0;
  let removed = 0;
  for (const e of elided) {
    parts.push(text.slice(from, e.start));
    e.at = e.start - removed;
    removed += e.end - e.start;
    from = e.end;
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), elided };
}

interface Point { line: number; column: number; offset: number }

/**
 * Puts the elided rows back into the tree parsed from the shortened text, its positions made chunk positions again.
 * False when a gap is not inside one table (the rows were not what they seemed): the chunk must be parsed whole.
 */
export function restoreTableRows(tree: Root, text: string, elided: readonly ElidedRows[]): boolean {
  // Positions past each gap move by the gap's length and lines.
  const shift = (p: Point) => {
    let offset = 0;
    let lines = 0;
    for (const e of elided) {
      if (p.offset < e.at) break;
      offset += e.end - e.start;
      lines += e.lines;
    }
    p.offset += offset;
    p.line += lines;
  };
  const tables: Table[] = [];
  const stack: Array<Root['children'][number] | Root> = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.position) {
      shift(node.position.start as Point);
      shift(node.position.end as Point);
    }
    if (node.type === 'table') tables.push(node);
    if ('children' in node) for (const child of node.children) stack.push(child as Root['children'][number]);
  }
  for (const e of elided) {
    const table = tables.find((t) => t.position!.start.offset! < e.start && t.position!.end.offset! > e.end);
    const index = table?.children.findIndex((r) => r.position!.start.offset! >= e.end) ?? -1;
    if (!table || index < 2) return false;
    // The row before the gap, read here, must come out as micromark read it.
    const before = table.children[index - 1];
    const lineStart = text.lastIndexOf('\n', before.position!.start.offset! - 1) + 1;
    if (!sameRow(readRow(text, lineStart, before.position!.start.line), before)) return false;
    const rows: TableRow[] = [];
    let line = before.position!.start.line + 1;
    for (let s = e.start; s < e.end; line++) {
      const next = text.indexOf('\n', s);
      rows.push(readRow(text, s, line));
      s = next < 0 ? text.length : next + 1;
    }
    // No spread: a gap may hold 10⁵ rows, too many arguments for one call.
    table.children = [...table.children.slice(0, index), ...rows, ...table.children.slice(index)];
  }
  return true;
}

/** A body row as micromark reads it: from its first pipe to the line's end, a cell from each unescaped pipe. */
export function readRow(text: string, lineStart: number, line: number): TableRow {
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = text.length;
  const start = text.indexOf('|', lineStart);
  const pipes: number[] = [];
  for (let i = start; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c && (text.charCodeAt(i + 1) === 0x5c || text.charCodeAt(i + 1) === 0x7c)) i++;
    else if (c === 0x7c) pipes.push(i);
  }
  // Only blanks after the last pipe: it closes the last cell rather than opening one.
  if (pipes.length > 1 && text.slice(pipes[pipes.length - 1] + 1, lineEnd).trim() === '') pipes.pop();
  const point = (offset: number): Point => ({ line, column: offset - lineStart + 1, offset });
  // No cell nodes (four objects each): the cells' start and end offsets in turn, which the model reads.
  const cellBounds: number[] = [];
  for (let i = 0; i < pipes.length; i++) cellBounds.push(pipes[i], i + 1 < pipes.length ? pipes[i + 1] : lineEnd);
  const data: RowBounds = { cellBounds };
  return { type: 'tableRow', children: [], data: data as TableRow['data'], position: { start: point(start), end: point(lineEnd) } };
}

function sameRow(a: TableRow, b: TableRow): boolean {
  const bounds = (a.data as RowBounds).cellBounds!;
  return a.position!.start.offset === b.position!.start.offset && a.position!.end.offset === b.position!.end.offset
    && bounds.length === 2 * b.children.length
    && b.children.every((c, i) => c.position!.start.offset === bounds[2 * i] && c.position!.end.offset === bounds[2 * i + 1]);
}
