// Plain prose without micromark. Most of a report is headings and paragraphs of Chinese text, and micromark
// spends tens of microseconds and kilobytes of short-lived objects on every block (10⁵ headings: 10 s). Between
// two places where the document could be cut (split.ts), a stretch made only of blank lines, ATX headings at the
// line start, paragraphs whose every line starts with a letter, a non-ASCII character, `(` or digits that open no
// ordered list item (`2022年`, `5.加快`), and GFM tables whose every line starts with a pipe cannot hold any other
// block structure, and nothing before or after it can reach into it: its nodes are read here, line by line, as
// micromark would give them (block types and positions, table cells' boundaries; the model never looks inside a
// heading or paragraph).
import type { Heading, List, Paragraph, RootContent, Table, TableRow, Yaml } from 'mdast';
import { DELIMITER_ROW, readRow } from './table-rows.js';
import type { RowBounds } from './table.js';

interface Point { line: number; column: number; offset: number }

/**
 * The blocks of `text` from `from` to `to` (line starts), or undefined when a line is anything but blank, an
 * ATX heading or plain prose. `offset` is the document offset of `text`'s first character, `line` the 1-based
 * document line of `from`.
 */
export function readPlainBlocks(text: string, from: number, to: number, offset: number, line: number): RootContent[] | undefined {
  const out: RootContent[] = [];
  let paragraph: Paragraph | undefined;
  let table: Table | undefined;
  let list: { node: List; kind: string } | undefined;
  let listBlank = false;
  let lineStart = from;
  let n = line;
  const point = (at: number, l: number, start: number): Point => ({ line: l, column: at - start + 1, offset: at + offset });
  const addItem = (node: List, item: ItemMarker, at: number, end: number, l: number): void => {
    const paragraph: Paragraph = { type: 'paragraph', children: [],
      position: { start: point(at + item.width, l, at), end: point(end, l, at) } };
    node.children.push({ type: 'listItem', spread: false, checked: null, children: [paragraph],
      position: { start: point(at, l, at), end: point(end, l, at) } });
    node.position!.end = point(end, l, at);
  };
  if (offset + from === 0 && text.startsWith('---')) {
    const frontMatter = readFrontMatter(text, to);
    if (!frontMatter) return undefined;
    out.push(frontMatter.node);
    lineStart = frontMatter.next;
    n = frontMatter.line + 1;
  }
  // Line ends by indexOf where the stretch has no CR (nearly always): it scans far faster than a loop over each
  // character of long Chinese lines.
  const cr = text.indexOf('\r', lineStart);
  const lfOnly = cr === -1 || cr >= to;
  while (lineStart < to) {
    let end = lineStart;
    if (lfOnly) {
      end = text.indexOf('\n', lineStart);
      if (end === -1 || end > to) end = to;
    } else {
      for (; end < to; end++) {
        const c = text.charCodeAt(end);
        if (c === 10 || c === 13) break;
      }
    }
    let blank = true;
    for (let i = lineStart; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09) { blank = false; break; }
    }
    let next = end;
    if (next < to) next += text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1;
    const first = text.charCodeAt(lineStart);
    if (list) {
      const item = blank ? undefined : listItemAt(text, lineStart, end);
      if (blank) listBlank = true;
      // A blank line then an item of the same list makes the list loose: left to micromark.
      else if (item && item.kind === list.kind) {
        if (listBlank) return undefined;
        addItem(list.node, item, lineStart, end, n);
        lineStart = next;
        n++;
        continue;
      // Without a blank line, whatever else follows an item but a heading may continue it.
      } else if (!listBlank && first !== 0x23) return undefined;
      if (!blank) list = undefined;
    }
    if (list) {
      // the blank line after a list
    } else if (table) {
      if (blank) table = undefined;
      else if (first === 0x7c && text.charCodeAt(end) !== 13) {
        const row = documentRow(readRow(text, lineStart, n), offset);
        table.children.push(row);
        table.position!.end = { ...row.position!.end };
      } else return undefined;
    } else if (first === 0x7c) {
      // A table's head: a row of pipes, then a delimiter row with as many cells.
      if (paragraph || next >= to || text.charCodeAt(end) === 13) return undefined;
      const head = text.slice(lineStart, end);
      let delimiterEnd = text.indexOf('\n', next);
      if (delimiterEnd < 0 || delimiterEnd > to) delimiterEnd = to;
      const delimiter = text.slice(next, delimiterEnd);
      if (head.includes('\\') || head.trim().length < 2 || !delimiter.startsWith('|') || !DELIMITER_ROW.test(delimiter)
        || cellCount(head) !== cellCount(delimiter)) return undefined;
      const row = documentRow(readRow(text, lineStart, n), offset);
      table = { type: 'table', align: [], children: [row],
        position: { start: point(lineStart, n, lineStart), end: point(delimiterEnd, n + 1, next) } };
      out.push(table);
      // The delimiter row is no row of the table.
      lineStart = delimiterEnd < to ? delimiterEnd + 1 : to;
      n += 2;
      continue;
    } else if (blank) {
      paragraph = undefined;
    } else if (first === 0x23) {
      let hashes = 1;
      while (hashes < 7 && text.charCodeAt(lineStart + hashes) === 0x23) hashes++;
      const after = lineStart + hashes;
      if (hashes > 6 || !(after === end || text.charCodeAt(after) === 0x20 || text.charCodeAt(after) === 0x09)) return undefined;
      const heading: Heading = { type: 'heading', depth: hashes as Heading['depth'], children: [],
        position: { start: point(lineStart, n, lineStart), end: point(end, n, lineStart) } };
      out.push(heading);
      paragraph = undefined;
    } else if (opensParagraph(text, lineStart, end)) {
      if (paragraph) paragraph.position!.end = point(end, n, lineStart);
      else {
        paragraph = { type: 'paragraph', children: [], position: { start: point(lineStart, n, lineStart), end: point(end, n, lineStart) } };
        out.push(paragraph);
      }
    } else {
      const item = listItemAt(text, lineStart, end);
      // An item after a paragraph line may interrupt it or continue it: left to micromark.
      if (!item || paragraph) return undefined;
      const node: List = { type: 'list', ordered: item.start !== null, start: item.start, spread: false, children: [],
        position: { start: point(lineStart, n, lineStart), end: point(end, n, lineStart) } };
      addItem(node, item, lineStart, end, n);
      out.push(node);
      list = { node, kind: item.kind };
      listBlank = false;
    }
    lineStart = next;
    n++;
  }
  return out;
}

/**
 * YAML front matter at the document's start, in its plainest form (`---` lines without trailing whitespace, LF line
 * ends, every line between them non-empty), as remark-frontmatter gives it; undefined for any other form.
 */
function readFrontMatter(text: string, to: number): { node: Yaml; next: number; line: number } | undefined {
  if (!text.startsWith('---\n')) return undefined;
  let lineStart = 4;
  let line = 2;
  while (lineStart < to) {
    let end = text.indexOf('\n', lineStart);
    if (end < 0 || end > to) end = to;
    if (end === lineStart || text.charCodeAt(end - 1) === 13) return undefined;
    if (text.startsWith('---', lineStart)) {
      if (end !== lineStart + 3) return undefined;
      const node: Yaml = { type: 'yaml', value: line === 2 ? '' : text.slice(4, lineStart - 1),
        position: { start: { line: 1, column: 1, offset: 0 }, end: { line, column: 4, offset: end } } };
      return { node, next: end < to ? end + 1 : to, line };
    }
    if (text.indexOf('\r', lineStart) >= 0 && text.indexOf('\r', lineStart) < end) return undefined;
    lineStart = end + 1;
    line++;
  }
  return undefined;
}

/** Whether a line can start or continue a paragraph here: a letter, a non-ASCII character, `(`, digits that open no list item. */
function opensParagraph(text: string, at: number, end: number): boolean {
  const first = text.charCodeAt(at);
  return first > 0x7f || (first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a) || first === 0x28
    || (first >= 0x30 && first <= 0x39 && !startsListItem(text, at, end));
}

/** A list item's marker: `kind` tells the lists apart (the bullet, or the ordered delimiter); `width` is up to its text. */
interface ItemMarker { kind: string; start: number | null; width: number }

/**
 * A list item at the line start whose marker is followed by one space and a paragraph's text (`- 项`, `1. 项`,
 * `* （一）项`); undefined for any other line, an item that holds another block or starts with more spaces among them.
 */
function listItemAt(text: string, at: number, end: number): ItemMarker | undefined {
  const first = text.charCodeAt(at);
  let marker: ItemMarker;
  if (first === 0x2d || first === 0x2a || first === 0x2b) {
    marker = { kind: text[at], start: null, width: 2 };
  } else if (first >= 0x30 && first <= 0x39 && startsListItem(text, at, end)) {
    let i = at + 1;
    while (text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    marker = { kind: text[i], start: Number(text.slice(at, i)), width: i - at + 2 };
  } else return undefined;
  const content = at + marker.width;
  if (content >= end || text.charCodeAt(content - 1) !== 0x20 || !opensParagraph(text, content, end)) return undefined;
  return marker;
}

/**
 * Whether a line that starts with a digit opens an ordered list item (up to 9 digits, `.` or `)`, then a space,
 * a tab or the line's end): `2022年，…` and `5.加快…` are prose, `1. 项` is not.
 */
function startsListItem(text: string, lineStart: number, end: number): boolean {
  let i = lineStart + 1;
  while (i < end && i - lineStart < 10) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    i++;
  }
  const marker = text.charCodeAt(i);
  if (i - lineStart > 9 || (marker !== 0x2e && marker !== 0x29)) return false;
  const after = i + 1;
  return after >= end || text.charCodeAt(after) === 0x20 || text.charCodeAt(after) === 0x09;
}

/** Cells in a row of pipes, as micromark counts a table's head and delimiter row (a closing pipe opens none). */
function cellCount(row: string): number {
  const pipes = row.split('|').length - 1;
  return pipes > 1 && row.slice(row.lastIndexOf('|') + 1).trim() === '' ? pipes - 1 : pipes;
}

/** A row read from `text` in document offsets. */
function documentRow(row: TableRow, offset: number): TableRow {
  const p = row.position!;
  p.start.offset! += offset;
  p.end.offset! += offset;
  const bounds = (row.data as RowBounds).cellBounds!;
  for (let i = 0; i < bounds.length; i++) bounds[i] += offset;
  return row;
}
