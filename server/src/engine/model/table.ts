// Stage 2a: a GFM table → header rows, label columns, column paths, row label paths and cell values.
import type { Table as MdTable } from 'mdast';
import type { ParsedDocument } from '../parse.js';
import type { Range } from '../source.js';
import { isFigure, readCell, type CellValue } from '../numbers.js';
import { canonical, plainLabel } from '../text.js';

export interface TableCell {
  column: number;
  /** Source text of the cell, trimmed, escapes kept. */
  raw: string;
  /** Readable text: emphasis and escapes removed. */
  text: string;
  value: CellValue;
  /** The cell's content (or the blank between its pipes). */
  readonly range: Range;
  start: number;
  end: number;
  /** The cell's line (a cell never spans lines). */
  line: number;
}

/**
 * A cell keeps its line and first column and makes its range when asked: a table of 10⁵ rows has about
 * a million cells, and three objects each for ranges that only findings and editors ever read.
 */
class Cell implements TableCell {
  constructor(
    public column: number, public raw: string, public text: string, public value: CellValue,
    public start: number, public end: number, public line: number, private readonly character: number,
  ) {}

  get range(): Range {
    return { start: { line: this.line, character: this.character }, end: { line: this.line, character: this.character + this.end - this.start } };
  }
}

/** Whether `value` is a cell (`incremental.ts` moves cells with the rest of a chunk's model). */
export function isCell(value: object): value is TableCell { return value instanceof Cell; }

export type RowKind = 'numeric' | 'label' | 'empty';

export interface TableRow {
  /** Index among all rows of the table, the GFM header row being 0. */
  index: number;
  line: number;
  range: Range;
  cells: TableCell[];
  kind: RowKind;
  header: boolean;
  /** Label path with merged (empty) label cells continued from above. */
  path: string[];
  /** The most specific label of the row ('' when none). */
  label: string;
  labelCell?: TableCell;
  unit?: string;
}

export type ColumnRole = 'label' | 'unit' | 'value';

export interface TableColumn {
  index: number;
  /** Header texts from the top header row down to the column's own label. */
  path: string[];
  leaf: string;
  headerCell?: TableCell;
  role: ColumnRole;
  /** Most of its body cells hold numbers. */
  numeric: boolean;
}

export interface TableModel {
  /** Order of the table in the document. */
  ordinal: number;
  range: Range;
  start: number;
  end: number;
  /** Cells in the GFM header row: the declared width. */
  width: number;
  rows: TableRow[];
  headerRowCount: number;
  labelColumnCount: number;
  columns: TableColumn[];
  /** Texts that introduce the table: the headings and the paragraph just before it, nearest last. */
  caption: string[];
  hasNumbers: boolean;
}

const UNIT_WORDS = new Set(['条', '件', '次', '篇', '个', '人', '人次', '万元', '元', '项', '期', '场', '份', '/', '-', '—', '／']);

export function readTable(doc: ParsedDocument, node: MdTable, ordinal: number, caption: string[]): TableModel {
  const rows = node.children.map((rowNode, index) => {
    const line = rowNode.position!.start.line - 1;
    const lineStart = doc.lines.lineStart(line);
    // Rows read without micromark (table-rows.ts) bring their cells' boundaries, not cell nodes.
    const bounds = (rowNode.data as RowBounds | undefined)?.cellBounds;
    const cells: TableCell[] = [];
    if (bounds) {
      for (let i = 0; i + 1 < bounds.length; i += 2) cells.push(readCellNode(doc, bounds[i], bounds[i + 1], i >> 1, line, lineStart));
    } else {
      rowNode.children.forEach((cellNode, column) => cells.push(
        readCellNode(doc, cellNode.position!.start.offset!, cellNode.position!.end.offset!, column, line, lineStart)));
    }
    const start = rowNode.position!.start.offset!;
    const end = rowNode.position!.end.offset!;
    const kind: RowKind = cells.some(isFigure) ? 'numeric'
      : cells.some((c) => c.value.kind !== 'empty') ? 'label' : 'empty';
    return {
      index, line: rowNode.position!.start.line - 1, range: doc.lines.range(start, end), cells, kind,
      header: index === 0, path: [], label: '',
    } satisfies TableRow;
  });
  const width = rows[0]?.cells.length ?? 0;
  const body = rows.slice(1);
  const hasNumbers = body.some((r) => r.kind === 'numeric');
  // Without a single number (every figure lost), header rows are the leading rows with text beyond the
  // label columns, and label columns are the leading columns with text in the rows after them.
  const headerLike = (row: TableRow) => row.cells.some((c, i) => i >= 3 && c.value.kind !== 'empty');
  const leadingHeader = hasNumbers ? 0 : body.findIndex((r) => !headerLike(r));
  const labelColumnCount = hasNumbers ? countLabelColumns(rows, width, true)
    : countLabelColumns(body.slice(leadingHeader < 0 ? body.length : leadingHeader), width, false);

  // Leading body rows without numbers and without a row label continue the header (merged header cells).
  let headerRowCount = 1;
  for (const row of body) {
    if (row.kind === 'numeric') break;
    const labelled = row.cells.slice(0, labelColumnCount).some((c) => c.value.kind !== 'empty');
    if (labelled || row.kind === 'empty') break;
    row.header = true;
    headerRowCount++;
  }

  const columns = readColumns(rows.slice(0, headerRowCount), rows.slice(headerRowCount), width, labelColumnCount);
  assignRowLabels(rows.slice(headerRowCount), columns, labelColumnCount);

  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  return {
    ordinal, range: doc.lines.range(start, end), start, end, width, rows, headerRowCount, labelColumnCount,
    columns, caption, hasNumbers,
  };
}

/** Offsets of a row's cells, start and end in turn, when the row was read without micromark. */
export interface RowBounds { cellBounds?: number[] }

/** JavaScript's `\s`: space, tab, line breaks, vertical tab, form feed, no-break and Unicode spaces. */
function space(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c > 0x7f && /\s/.test(String.fromCharCode(c)));
}

const DIGITS = /^\d+$/;
const FIGURES = new Map<string, string>();
function shortFigure(raw: string): string {
  const hit = FIGURES.get(raw);
  if (hit !== undefined) return hit;
  FIGURES.set(raw, raw);
  return raw;
}

function readCellNode(doc: ParsedDocument, from: number, to: number, column: number, line: number, lineStart: number): TableCell {
  const text = doc.text;
  let s = from;
  let e = to;
  if (text.charCodeAt(s) === 0x7c) s++;
  // The last cell of a row may take in the closing pipe and blanks after it.
  while (e > s && space(text.charCodeAt(e - 1))) e--;
  if (e > s && text.charCodeAt(e - 1) === 0x7c && text.charCodeAt(e - 2) !== 0x5c) e--;
  while (s < e && space(text.charCodeAt(s))) s++;
  while (e > s && space(text.charCodeAt(e - 1))) e--;
  // Short figures repeat: one string for each (a slice this short is a copy).
  let raw = text.slice(s, e);
  if (raw.length <= 4 && DIGITS.test(raw)) raw = shortFigure(raw);
  const unescaped = raw.includes('\\|') ? raw.replace(/\\\|/g, '|') : raw;
  return new Cell(column, raw, plainLabel(unescaped), readCell(unescaped), s, e, line, s - lineStart);
}

/** Leading columns where no body row has a number; without numbers, the leading columns that hold text. */
/**
 * How many leading columns hold the row labels. With numbers (`rows` all rows, the GFM header row first): the
 * columns before the first figure of any row, but not past a column that the rows above the first figure name in a
 * cell of its own and that no row with figures writes text in: that is a column of figures left blank (rows that
 * write only their 总计, every other figure blank for 0), not a label column. Without (`rows` the body after the
 * header): the leading columns with text, at most three.
 */
function countLabelColumns(rows: TableRow[], width: number, hasNumbers: boolean): number {
  if (hasNumbers) {
    let first = width;
    for (const row of rows) {
      if (row.kind !== 'numeric') continue;
      const i = row.cells.findIndex(isFigure);
      if (i >= 0) first = Math.min(first, i);
    }
    const above = rows.slice(0, Math.max(1, rows.findIndex((r) => r.kind === 'numeric')));
    const numeric = rows.filter((r) => r.kind === 'numeric');
    for (let c = 1; c < first; c++) {
      const named = above.some((r) => (r.cells[c]?.text ?? '') !== '');
      if (named && !numeric.some((r) => r.cells[c] && r.cells[c]!.value.kind !== 'empty')) return c;
    }
    return first;
  }
  let count = 0;
  while (count < width && count < 3 && rows.some((r) => (r.cells[count]?.value.kind ?? 'empty') !== 'empty')) count++;
  return count;
}

function readColumns(header: TableRow[], body: TableRow[], width: number, labelColumnCount: number): TableColumn[] {
  const columns: TableColumn[] = [];
  for (let c = 0; c < width; c++) {
    // The column's own label is its lowest non-empty header cell; above it, empty cells continue the
    // merged cell to their left (never reaching into the label columns).
    let leafRow = -1;
    for (let r = header.length - 1; r >= 0; r--) {
      if ((header[r].cells[c]?.text ?? '') !== '') { leafRow = r; break; }
    }
    const path: string[] = [];
    for (let r = 0; r <= leafRow; r++) {
      let text = header[r].cells[c]?.text ?? '';
      if (text === '' && c >= labelColumnCount) {
        for (let k = c - 1; k >= labelColumnCount && text === ''; k--) text = header[r].cells[k]?.text ?? '';
      }
      if (text !== '' && path[path.length - 1] !== text) path.push(text);
    }
    const leaf = leafRow >= 0 ? header[leafRow].cells[c]!.text : '';
    let numbers = 0;
    let filled = 0;
    for (const row of body) {
      const v = row.cells[c]?.value;
      if (!v || v.kind === 'empty') continue;
      filled++;
      if (v.kind === 'number') numbers++;
    }
    let role: ColumnRole = c < labelColumnCount ? 'label' : 'value';
    if (role === 'label' && c > 0 && isUnitColumn(leaf, body, c)) role = 'unit';
    columns.push({
      index: c, path, leaf, headerCell: leafRow >= 0 ? header[leafRow].cells[c] : undefined, role,
      numeric: role === 'value' && numbers > 0 && numbers * 2 >= filled,
    });
  }
  return columns;
}

function isUnitColumn(leaf: string, body: TableRow[], c: number): boolean {
  if (canonical(leaf) === '单位') return true;
  let seen = 0;
  for (const row of body) {
    const t = row.cells[c]?.text ?? '';
    if (t === '') continue;
    if (!UNIT_WORDS.has(t)) return false;
    seen++;
  }
  return seen > 0;
}

function assignRowLabels(body: TableRow[], columns: TableColumn[], labelColumnCount: number): void {
  const labelCols = columns.filter((c) => c.index < labelColumnCount && c.role === 'label').map((c) => c.index);
  const unitCol = columns.find((c) => c.role === 'unit')?.index;
  let above: string[] = labelCols.map(() => '');
  for (const row of body) {
    const own = labelCols.map((c) => row.cells[c]?.text ?? '');
    // An empty label cell continues the merged cell above it, unless a column to its left starts a new label.
    const firstOwn = own.findIndex((t) => t !== '');
    const path = own.map((t, i) => (t === '' && (firstOwn === -1 || i < firstOwn) ? above[i] : t));
    if (row.kind !== 'empty') above = path.map((t, i) => (firstOwn === -1 || i < firstOwn ? t : own[i]));
    row.path = path.filter((t) => t !== '');
    const leafIndex = firstOwn === -1 ? -1 : own.map((t) => t !== '').lastIndexOf(true);
    row.label = leafIndex >= 0 ? own[leafIndex] : '';
    row.labelCell = leafIndex >= 0 ? row.cells[labelCols[leafIndex]] : undefined;
    if (unitCol !== undefined) row.unit = row.cells[unitCol]?.text || undefined;
  }
}
