// Table formatting: aligns the pipes of GFM pipe tables by display width (CJK and full-width characters take
// two columns; East Asian Ambiguous ones — “ ” ‘ ’ … · — ※ — one or two, as the editor's font draws them). Tables are found by the engine's own parser, never by a pattern of our own; only whitespace
// inside table rows changes, plus the number of dashes in delimiter rows and the outer pipes of a row that had
// none (padding `1.|x` without them would start a list: `1.   | x`). Every formatted chunk is parsed again, and
// a table whose formatting would read differently is left as it is.
import { eastAsianWidth } from 'get-east-asian-width';
import type { Nodes, Root, Table as MdTable, AlignType } from 'mdast';
import { parse, parseChunk, type Chunk } from './parse.js';
import { LineIndex, type Range } from './source.js';
import { maskDeepNesting } from './nesting.js';
import type { Edit } from './findings.js';

const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;

/** Columns an East Asian Ambiguous character (“ ” ‘ ’ … · — ※ ①) takes: 1 in a Latin font, 2 in a CJK one. */
export type AmbiguousWidth = 1 | 2;

export interface FormatOptions {
  /** Width of the East Asian Ambiguous characters (default 1). */
  ambiguousWidth?: AmbiguousWidth;
}

/**
 * Columns `text` takes in a monospaced CJK-aware editor: wide and full-width characters 2, ambiguous ones
 * `ambiguousWidth`, marks 0, tab 1.
 */
export function displayWidth(text: string, ambiguousWidth: AmbiguousWidth = 1): number {
  const ambiguousAsWide = ambiguousWidth === 2;
  let width = 0;
  for (const ch of text) {
    if (ch === '\t') width += 1;
    else if (!ZERO_WIDTH.test(ch)) width += eastAsianWidth(ch.codePointAt(0)!, { ambiguousAsWide });
  }
  return width;
}

/**
 * Families (lower case, blanks removed) or their beginnings that name CJK fonts: the Chinese, Japanese and Korean
 * system and programming fonts, whose ambiguous characters are full width.
 */
const CJK_FONTS = [
  'simsun', 'nsimsun', 'simhei', 'simkai', 'simfang', 'fangsong', 'kaiti', 'microsoftyahei', 'microsoftjhenghei',
  'mingliu', 'pmingliu', 'dengxian', 'pingfang', 'hiragino', 'heiti', 'stheiti', 'songti', 'stsong', 'stkaiti',
  'stfangsong', 'stxihei', 'lihei', 'lisong', 'wenquanyi', 'wqy', 'sarasa', 'sourcehan', 'notosanscjk', 'notoserifcjk',
  'notosansmonocjk', 'notosanssc', 'notosanstc', 'notosanshk', 'notosansjp', 'notosanskr', 'droidsansfallback',
  'lxgw', 'ar pl', 'arpl', 'ukai', 'uming', 'msgothic', 'mspgothic', 'msmincho', 'mspmincho', 'meiryo', 'yugothic',
  'yumincho', 'bizud', 'osaka', 'ipagothic', 'ipamincho', 'ipaexgothic', 'ipaexmincho', 'takao', 'vlgothic', 'migu',
  'ricty', 'myrica', 'cica', 'hackgen', 'plemoljp', 'udevgothic', 'firgenjp', 'gulim', 'dotum', 'batang', 'gungsuh',
  'malgungothic', 'nanum', 'd2coding', 'applesdgothic',
];

/**
 * The width the editor's font draws the ambiguous characters with, from its CSS font-family list (VS Code's
 * `editor.fontFamily`): the first family draws them (every Latin font has “ ” and …, so a CJK fallback after it
 * draws only the Han characters). 2 when that family is a CJK font — named in CJK script, ending in a CJK
 * orthography (SC, TC, HC, HK, JP, KR, CN, TW, CJK), or a known CJK family —, else 1.
 */
export function ambiguousWidthOfFont(fontFamily: string | undefined): AmbiguousWidth {
  const first = (fontFamily ?? '').split(',')[0].trim().replace(/^(['"])(.*)\1$/, '$2').trim();
  if (!first) return 1;
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(first)) return 2;
  if (/(?:^|[\s_-])(?:SC|TC|HC|HK|JP|KR|CN|TW|CJK)$/.test(first)) return 2;
  const name = first.toLowerCase().replace(/[\s_-]+/g, '');
  return CJK_FONTS.some((f) => name.startsWith(f.replace(/\s+/g, ''))) ? 2 : 1;
}

/**
 * Edits that align every GFM pipe table in `text` (only those that intersect `range`, when given): one edit
 * per row line that changes, covering the row's text after its container prefix (block quote markers, list
 * indentation), never the line break. Formatted text yields no edits.
 */
export function formatTables(text: string, range?: Range, options: FormatOptions = {}): Edit[] {
  const ambiguousWidth = options.ambiguousWidth ?? 1;
  const doc = parse(text);
  const lines = doc.lines;
  const span = range && ordered(lines.offset(range.start), lines.offset(range.end));
  /** The edits of each table that formats safely. */
  const edits: Edit[][] = [];
  for (const chunk of doc.chunks) {
    if (span && !intersects(span, chunk.offset, chunk.offset + chunk.text.length)) continue;
    const tables: Edit[][] = [];
    const visit = (node: Nodes): void => {
      if (node.type === 'table') {
        const start = chunk.offset + node.position!.start.offset!;
        const end = chunk.offset + node.position!.end.offset!;
        if (!span || intersects(span, start, end)) tables.push(formatTable(lines, chunk, node, ambiguousWidth));
        return;
      }
      if ('children' in node) for (const child of node.children) visit(child as Nodes);
    };
    const tree = parseChunk(chunk);
    visit(tree);
    const changed = tables.filter((t) => t.length > 0);
    if (changed.length === 0) continue;
    const before = shape(tree);
    const keeps = (t: Edit[]) => shape(parseChunk(edited(lines, chunk, t))) === before;
    // Usually every table formats safely: one parse proves it; otherwise each table on its own.
    if (keeps(changed.flat())) edits.push(...changed);
    else for (const t of changed) if (keeps(t)) edits.push(t);
  }
  if (!doc.deep?.length) return edits.flat();
  // Lines nested too deep are found by a line scan that does not know tables: outer pipes added to a table row
  // that looks like a list item (`- a` read as a row) would change what it finds. Such a table is left alone.
  const deep = JSON.stringify(doc.deep);
  const keepsDeep = (t: Edit[]) => {
    const next = new LineIndex(applied(text, lines, t));
    return JSON.stringify(maskDeepNesting(next.text, next).deep) === deep;
  };
  if (keepsDeep(edits.flat())) return edits.flat();
  const kept: Edit[] = [];
  for (const t of edits) if (keepsDeep([...kept, ...t])) kept.push(...t);
  return kept;
}

/** `text` with its tables aligned (what applying `formatTables(text)` gives). */
export function formatText(text: string, options: FormatOptions = {}): string {
  return applied(text, new LineIndex(text), formatTables(text, undefined, options));
}

/** `text` with `edits` (none overlapping) applied. */
function applied(text: string, lines: LineIndex, edits: Edit[]): string {
  const spans = edits.map((e) => [lines.offset(e.range.start), lines.offset(e.range.end), e.newText] as const).sort((a, b) => b[0] - a[0]);
  for (const [start, end, newText] of spans) text = text.slice(0, start) + newText + text.slice(end);
  return text;
}

/** The tree without positions: what formatting must leave as it is (cell text is read verbatim, trimmed). */
function shape(tree: Root): string {
  return JSON.stringify(tree, (key, value) => (key === 'position' ? undefined : value));
}

/** The chunk with `edits` (on lines of the chunk, in document positions) applied. */
function edited(lines: LineIndex, chunk: Chunk, edits: Edit[]): Chunk {
  let text = chunk.text;
  const spans = edits.map((e) => [lines.offset(e.range.start) - chunk.offset, lines.offset(e.range.end) - chunk.offset, e.newText] as const)
    .sort((a, b) => b[0] - a[0]);
  for (const [start, end, newText] of spans) text = text.slice(0, start) + newText + text.slice(end);
  return { ...chunk, text };
}

function ordered(a: number, b: number): [number, number] {
  return a <= b ? [a, b] : [b, a];
}

/** A table [start, end] against a selection [from, to): an empty selection (a caret) inside the table counts. */
function intersects([from, to]: [number, number], start: number, end: number): boolean {
  return from === to ? start <= from && from <= end : from <= end && to > start;
}

interface RowLine {
  line: number;
  /** Offset where the row's text starts (after the container prefix and any indentation) and its line's end. */
  start: number;
  end: number;
  lead: boolean;
  trail: boolean;
  cells: string[];
  delimiter: boolean;
}

function formatTable(lines: LineIndex, chunk: Chunk, table: MdTable, ambiguousWidth: AmbiguousWidth): Edit[] {
  const text = lines.text;
  const rows: RowLine[] = [];
  const headerLine = chunk.line + table.position!.start.line - 1;
  for (const [i, rowNode] of table.children.entries()) {
    const line = chunk.line + rowNode.position!.start.line - 1;
    if (line !== headerLine + (i === 0 ? 0 : i + 1)) return [];
    const start = chunk.offset + rowNode.position!.start.offset!;
    const rowEnd = chunk.offset + rowNode.position!.end.offset!;
    const end = lines.lineEnd(line);
    if (rowEnd > end || text.slice(rowEnd, end).trim() !== '') return [];
    const cells: string[] = [];
    let trail = false;
    for (const [c, cell] of rowNode.children.entries()) {
      const from = chunk.offset + cell.position!.start.offset!;
      const to = chunk.offset + cell.position!.end.offset!;
      // Cell content as the parser read it (escaped pipes included, surrounding blanks not); a blank cell has none.
      const kids = cell.children;
      const content = kids.length
        ? text.slice(chunk.offset + kids[0].position!.start.offset!, chunk.offset + kids[kids.length - 1].position!.end.offset!)
        : '';
      cells.push(content);
      if (c === rowNode.children.length - 1) {
        const contentEnd = kids.length ? chunk.offset + kids[kids.length - 1].position!.end.offset! : (text[from] === '|' ? from + 1 : from);
        trail = text.slice(contentEnd, to).includes('|');
      }
    }
    rows.push({ line, start, end, lead: text[start] === '|', trail, cells, delimiter: false });
  }
  const delimiter = readDelimiter(lines, headerLine + 1, table.align ?? []);
  if (!delimiter) return [];
  rows.splice(1, 0, delimiter);

  const align = table.align ?? [];
  const widths: number[] = [];
  for (const row of rows) {
    if (row.delimiter) continue;
    row.cells.forEach((cell, c) => { widths[c] = Math.max(widths[c] ?? 3, displayWidth(cell, ambiguousWidth)); });
  }
  for (let c = 0; c < align.length; c++) widths[c] = Math.max(widths[c] ?? 3, 3);

  const edits: Edit[] = [];
  for (const row of rows) {
    const old = text.slice(row.start, row.end);
    const next = renderRow(row, widths, align, ambiguousWidth);
    if (next === old) continue;
    // Only blanks, delimiter dashes and added outer pipes may change: anything else means the row was misread.
    const outer = `${row.lead ? '' : '|'}${old}${row.lead || row.trail ? '' : '|'}`;
    if (squeeze(next, row.delimiter) !== squeeze(outer, row.delimiter)) return [];
    edits.push({ range: lines.range(row.start, row.end), newText: next });
  }
  return edits;
}

function squeeze(row: string, delimiter: boolean): string {
  const s = row.replace(/[ \t]+/g, '');
  return delimiter ? s.replace(/-+/g, '-') : s;
}

/**
 * The delimiter row is not a node of the tree: it is the line after the header. It holds only pipes, colons,
 * dashes and blanks, so its text is the longest such tail of the line (the prefix before it ends in `>` or a blank).
 */
function readDelimiter(lines: LineIndex, line: number, align: AlignType[]): RowLine | undefined {
  const lineStart = lines.lineStart(line);
  const end = lines.lineEnd(line);
  let start = end;
  while (start > lineStart && /[|:\- \t]/.test(lines.text[start - 1])) start--;
  while (start < end && /[ \t]/.test(lines.text[start])) start++;
  const row = lines.text.slice(start, end).replace(/[ \t]+$/, '');
  const lead = row.startsWith('|');
  const trail = row.length > 1 && row.endsWith('|');
  const cells = row.slice(lead ? 1 : 0, trail ? -1 : undefined).split('|').map((c) => c.trim());
  if (cells.length !== align.length || cells.some((c) => !/^:?-+:?$/.test(c))) return undefined;
  return { line, start, end, lead, trail, cells, delimiter: true };
}

function renderRow(row: RowLine, widths: number[], align: AlignType[], ambiguousWidth: AmbiguousWidth): string {
  const parts = row.cells.map((cell, c) => {
    const width = widths[c];
    const a = align[c] ?? null;
    if (row.delimiter) {
      const left = a === 'left' || a === 'center' ? ':' : '';
      const right = a === 'right' || a === 'center' ? ':' : '';
      return left + '-'.repeat(width - left.length - right.length) + right;
    }
    const gap = width - displayWidth(cell, ambiguousWidth);
    if (gap <= 0 || a === 'left' || a === null) return cell + ' '.repeat(Math.max(gap, 0));
    if (a === 'right') return ' '.repeat(gap) + cell;
    const before = Math.floor(gap / 2);
    return ' '.repeat(before) + cell + ' '.repeat(gap - before);
  });
  // A row without a leading pipe gets both outer pipes: its first cell could otherwise read as the start of a
  // block once padded (`1.`, `-`, `#`, `>`, `1)` followed by a blank), and rows then leave the table.
  const trail = row.trail || !row.lead;
  let out = `| ${parts.join(' | ')}${trail ? ' |' : ''}`;
  if (!trail) out = out.replace(/[ \t]+$/, '');
  return out;
}
