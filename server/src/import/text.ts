// The pasted-text reader: a report copied from a web page (tables flattened to one cell per line ending in " |",
// "|||" between header rows, labels wrapped or run together with their figures) or printed as column-aligned
// text. Tables are rebuilt from the template's knowledge: its row labels in order, its columns and header.
import type { RowSpec, TableSpec, Template } from '../templates/index.js';
import type { MessageText } from '../engine/message.js';
import { BUILTIN_TEMPLATES } from '../templates/index.js';
import { canonical, isBreadcrumb, isParticulars, labelKey, labelsMatch, leadingEnumerator, type LabelKey } from '../engine/text.js';
import { readCell } from '../engine/numbers.js';
import { READ_LIMITS, type ReaderNote, type ReadResult, type SourceBlock, type SourceCell } from './document.js';
import { captionOf, isSubPart, isTitle, sectionOf, templatesFor } from './structure.js';
import { templateByLabels, templateForYear } from '../engine/bind/index.js';
import { joined, msg, label } from '../engine/message.js';

export interface ReadOptions { template?: Template; templates?: readonly Template[] }

const NOT_TEXT: MessageText = msg('text.the-file-is-not-text');

/** UTF-8 (with or without BOM), else GB18030; a failure when the bytes are not text at all. */
export function decodeText(bytes: Uint8Array): string | { error: MessageText } {
  if (bytes.length > READ_LIMITS.inputBytes) {
    return { error: msg('text.too-large', { arg: READ_LIMITS.inputBytes / 1024 / 1024 }) };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try { text = new TextDecoder('gb18030', { fatal: true }).decode(bytes); } catch { return { error: NOT_TEXT }; }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) control++;
  }
  if (control > 0 && control * 200 > text.length) return { error: NOT_TEXT };
  if (text.trim() === '') return { error: msg('text.empty') };
  return text;
}

// ---------------------------------------------------------------------------------------------------------------
// Lines and tokens

interface Token { text: string; line: number; blank: boolean; number: boolean; /** A line of pipes only: blank cells gathered away from their places. */ gap?: boolean }

const PIPE_LINE = /(?:^\s*\||\|\s*$)/;
const TRAILING_FIGURES = /(?:^|\s)[-+]?[0-9０-９][0-9０-９.,，]*(?:\s+[-+]?[0-9０-９][0-9０-９.,，]*){2,}\s*$/;
const FIGURE_TOKEN = /^[-+]?[0-9０-９][0-9０-９.,，．]*$/;
const SENTENCE = /[。；;！？!?]/;
/** Units a figure in a sentence is counted in (a unit alone never begins a paragraph). */
const UNITS = '(?:条|件|个|人|次|篇|项|万元|亿元|元|场|份|名|家|户|期|批|起|宗|例|所|套|台|辆|座|余|多|%|％)';
const UNIT_START = new RegExp(`^${UNITS}`);
/** A figure and its unit, not a date (2019年, 5月). */
const FIGURE_WITH_UNIT = new RegExp(`^[0-9０-９][0-9０-９,.]*${UNITS}`);
const LONE_FIGURE = /^[0-9０-９][0-9０-９,.]*[%％]?$/;
/** A page's number on a line of its own, as text copied from a PDF or a printed page keeps it. */
const PAGE_NUMBER = /^(?:[-—–－]\s*[0-9０-９]{1,3}\s*[-—–－]|第\s*[0-9０-９]{1,3}\s*页(?:\s*[,，]?\s*共\s*[0-9０-９]{1,3}\s*页)?|[0-9０-９]{1,3}\s*\/\s*[0-9０-９]{1,3})$/;

function isPipeLine(line: string): boolean { return PIPE_LINE.test(line); }
function isAligned(line: string): boolean {
  return TRAILING_FIGURES.test(line) || line.trim().split(/\t+| {2,}|\u3000+/).filter(Boolean).length >= 2 && /\t| {2,}/.test(line.trim());
}

function token(text: string, line: number): Token {
  const t = text.trim();
  return { text: t, line, blank: t === '', number: t !== '' && readCell(t).kind === 'number' };
}

/** A cell text split where a label runs into its figures ("（七）总计 6 0 0 0 0 0 6"). */
function splitRun(text: string, line: number): Token[] {
  const t = text.trim();
  const m = /(?:^|\s)((?:[-+]?[0-9０-９][0-9０-９.,，．]*\s*)+)$/.exec(t);
  if (!m) return [token(t, line)];
  const label = t.slice(0, m.index).trim();
  const figures = m[1].trim().split(/\s+/);
  if (label === '' && figures.length === 1) return [token(t, line)];
  return [...(label ? [token(label, line)] : []), ...figures.map((f) => token(f, line))];
}

function lineTokens(line: string, index: number): Token[] {
  const trimmed = line.trim();
  if (trimmed === '|') return [token('', index)];
  if (/^\|+$/.test(trimmed)) return [{ text: '', line: index, blank: true, number: false, gap: true }];
  if (isPipeLine(trimmed)) {
    const segments = trimmed.split(/(?<!\\)\|/);
    if (trimmed.startsWith('|')) segments.shift();
    if (trimmed.endsWith('|')) segments.pop();
    return segments.flatMap((s) => (s.trim() === '' ? [token('', index)] : splitRun(s, index)));
  }
  return trimmed.split(/\t+| {2,}|\u3000+/).filter((s) => s.trim() !== '').flatMap((s) => splitRun(s, index));
}

// ---------------------------------------------------------------------------------------------------------------
// Template tables

interface Row {
  spec?: RowSpec; label: Token; cells: Token[]; labelOnly: boolean; /** Blank cells of the row were printed apart from it. */ gap?: boolean;
  /** A template row printed as sub-rows (其他对外管理服务事项 | 行政检查 | … then 行政确认 | …): its first sub-row's label. */
  subLabel?: Token;
  /** A sub-row after the first, of the row before it. */
  sub?: boolean;
}
interface Built { spec: TableSpec; caption?: Token; header: Token[]; rows: Row[]; leftovers: Token[]; ambiguous: Row[]; unplaced: Array<{ row: Row; figures: Token[] }>; /** Each row's index in the written grid. */ gridRow: Map<Row, number> }

const specKeyCache = new WeakMap<RowSpec, LabelKey[]>();
function rowKeys(spec: RowSpec): LabelKey[] {
  let keys = specKeyCache.get(spec);
  if (!keys) specKeyCache.set(spec, keys = [spec.label, ...(spec.aliases ?? [])].filter(Boolean).map(labelKey));
  return keys;
}
function matchesRow(spec: RowSpec, text: string): boolean {
  if (spec.anonymous || !text) return false;
  const k = labelKey(text);
  return rowKeys(spec).some((s) => labelsMatch(s, k));
}

const UNIT_WORDS = new Set(['条', '件', '次', '篇', '个', '人', '人次', '万元', '元', '项', '期', '场', '份', '/', '-', '—', '／', '无', '－', '——']);

function looksLikeLabel(text: string): boolean {
  return !UNIT_WORDS.has(text) && /\p{Script=Han}{2,}/u.test(text);
}

function valueCount(spec: TableSpec): number {
  const layout = spec.layout;
  if (!layout) return spec.columns.length;
  const width = layout.header[0].reduce((n, c) => n + (c.colSpan ?? 1), 0);
  return width - layout.labelColumns;
}

const headerTextCache = new WeakMap<TableSpec, string[]>();
/** A template table's header texts as its layout and columns write them, canonical (asked for each line read). */
function headerTextsOf(spec: TableSpec): string[] {
  let texts = headerTextCache.get(spec);
  if (!texts) {
    texts = [...(spec.layout?.header.flat().map((c) => c.text) ?? []), ...spec.columns.map((c) => c.label)].filter(Boolean).map(canonical);
    headerTextCache.set(spec, texts);
  }
  return texts;
}

const headerKeyCache = new WeakMap<TableSpec, LabelKey[]>();
/** The texts a template table's header may show: its layout's cells, its columns, the top-left 信息内容. */
function headerKeysOf(spec: TableSpec): LabelKey[] {
  let keys = headerKeyCache.get(spec);
  if (!keys) {
    const texts = [...(spec.layout?.header.flat().map((c) => c.text) ?? []), ...spec.columns.flatMap((c) => [c.label, ...(c.aliases ?? [])])];
    if (!spec.layout && spec.rows.some((r) => !r.anonymous)) texts.push('信息内容');
    headerKeyCache.set(spec, keys = texts.filter(Boolean).map(labelKey));
  }
  return keys;
}

/** Assembles one template table from tokens: header tokens, then each row label found in order with the cells after it. */
function assemble(spec: TableSpec, tokens: Token[], caption?: Token): Built {
  const built: Built = { spec, caption, header: [], rows: [], leftovers: [], ambiguous: [], unplaced: [], gridRow: new Map() };
  const specs = spec.rows;
  let next = 0;
  let current: Row | undefined;
  const anonymous = specs.find((s) => s.anonymous);
  const headerKeys = [...(spec.layout?.header.flat().map((c) => c.text) ?? []), ...spec.columns.map((c) => c.label)]
    .filter(Boolean).map(labelKey);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.gap) { if (current) current.gap = true; continue; }
    if (!current && !t.blank && !t.number && headerKeys.some((k) => labelsMatch(k, labelKey(t.text)))) {
      built.header.push(t);
      continue;
    }
    if (!t.blank && !t.number) {
      // A label, possibly wrapped over the next tokens.
      let matched: { spec: RowSpec; end: number; text: string } | undefined;
      let text = '';
      for (let j = i; j < Math.min(tokens.length, i + 4); j++) {
        if (tokens[j].blank || tokens[j].number) break;
        text = j === i ? tokens[j].text : text + tokens[j].text;
        const k = specs.findIndex((s, n) => n >= next && matchesRow(s, text));
        if (k >= 0) { matched = { spec: specs[k], end: j, text }; next = k + 1; break; }
      }
      if (!matched) {
        // A label out of order (the template's order is only a preference).
        const k = specs.findIndex((s) => matchesRow(s, t.text));
        if (k >= 0 && !built.rows.some((r) => r.spec === specs[k])) matched = { spec: specs[k], end: i, text: t.text };
      }
      if (matched) {
        const label = { ...t, text: tokens.slice(i, matched.end + 1).map((x) => x.text).join('') };
        current = { spec: matched.spec, label, cells: [], labelOnly: true };
        built.rows.push(current);
        i = matched.end;
        continue;
      }
      if (!current || current.spec?.anonymous) { built.header.push(t); continue; }
      // A second label right after a template row's own, before any of its cells: the row printed as sub-rows.
      if (looksLikeLabel(t.text) && current.spec && !current.spec.group && !current.subLabel && current.cells.length === 0
        && i + 1 < tokens.length && tokens[i + 1].number) {
        current.subLabel = t;
        continue;
      }
      if (looksLikeLabel(t.text) && (current.cells.some((c) => !c.blank) || current.spec?.group || !current.spec)) {
        const sub = Boolean(current.subLabel || current.sub) && current.cells.some((c) => !c.blank);
        current = { label: t, cells: [], labelOnly: true, ...(sub ? { sub } : {}) };
        built.rows.push(current);
        continue;
      }
      current.cells.push(t);
      current.labelOnly = false;
      continue;
    }
    if (!current) {
      if (t.blank) { built.header.push(t); continue; }
      if (anonymous && !built.rows.some((r) => r.spec === anonymous)) {
        current = { spec: anonymous, label: { ...t, text: '' }, cells: [], labelOnly: false };
        built.rows.push(current);
      } else { built.leftovers.push(t); continue; }
    }
    // Blank cells on a label's own line, or a line of one pipe, are cells; figures always are.
    if (t.blank && current.spec?.group && current.cells.every((c) => c.blank)) continue;
    current.cells.push(t);
    if (!t.blank) current.labelOnly = false;
  }
  const expected = valueCount(spec);
  for (const row of built.rows) {
    // Blank cells beyond the table's width are the flattened page's merged cells, not cells.
    while (row.cells.length > expected && row.cells[row.cells.length - 1].blank) row.cells.pop();
    const filled = row.cells.filter((c) => !c.blank);
    if (filled.length === 0) row.labelOnly = true;
    const missing = expected - row.cells.length;
    if (missing > 0 && row.gap && filled.length > 0) {
      // The page printed the row's figures and then its blank cells all together: which column each figure
      // stood in is lost. The figures are not placed (kept as text after the table); the row stays short.
      built.unplaced.push({ row, figures: filled });
      row.cells = [];
      continue;
    }
    if (missing > 0 && filled.some((c) => /^[0-9０-９]+$/.test(c.text) && c.text.length >= Math.max(4, missing + 2))) built.ambiguous.push(row);
  }
  return built;
}

function depthOf(spec: RowSpec | undefined, table: TableSpec): number {
  let depth = 0;
  let parent = spec?.parent;
  while (parent && depth < 5) {
    depth++;
    parent = table.rows.find((r) => r.id === parent)?.parent;
  }
  return depth;
}

/** The header of a rebuilt table: the template's layout, in the source's own spelling where it has one. */
function headerRows(built: Built, notes: Array<{ message: MessageText }>): SourceCell[][] {
  const { spec } = built;
  const texts = built.header.filter((t) => !t.blank);
  const used = new Set<Token>();
  const spell = (label: string): string => {
    const k = labelKey(label);
    const hit = texts.find((t) => !used.has(t) && labelsMatch(labelKey(t.text), k));
    if (hit) { used.add(hit); return hit.text; }
    return label;
  };
  let rows: SourceCell[][];
  if (spec.layout) {
    rows = spec.layout.header.map((row) => row.map((c) => ({ text: c.text ? spell(c.text) : '', rowSpan: c.rowSpan, colSpan: c.colSpan })));
  } else {
    const cells = spec.columns.map((c) => ({ text: spell(c.label) }));
    const topLeft = texts.find((t) => !used.has(t) && /信息内容|项目|统计指标/.test(canonical(t.text)));
    if (topLeft) used.add(topLeft);
    rows = [[{ text: topLeft?.text ?? '信息内容' }, ...cells]];
  }
  const unplaced = texts.filter((t) => !used.has(t) && /[0-9０-９]/.test(t.text));
  if (unplaced.length) {
    notes.push({ message: msg('text.header-text-matches-no-column', { texts: joined(unplaced.map((t) => t.text), msg('row-shape.column-separator')) }) });
    built.leftovers.push(...unplaced);
  }
  return rows;
}

/** The rebuilt table as a grid in the template's layout; a table whose figures were all lost gets every template row. */
function tableGrid(built: Built, notes: Array<{ message: MessageText }>): SourceCell[][] {
  const { spec } = built;
  const grid = headerRows(built, notes);
  // Sub-rows take a label column of their own, after the template's: the first sub-row beside its row's label.
  const subRows = !spec.layout && built.rows.some((r) => r.subLabel);
  if (subRows) grid[0][0] = { ...grid[0][0], colSpan: 2 };
  const labelColumns = spec.layout?.labelColumns ?? (spec.rows.every((r) => r.anonymous) ? 0 : 1);
  const expected = valueCount(spec);
  let rows = built.rows;
  const noFigures = rows.every((r) => r.cells.every((c) => c.blank)) && built.unplaced.length === 0;
  const found = new Set(rows.map((r) => r.spec));
  if (noFigures && spec.rows.some((s) => !found.has(s) && !s.anonymous)) {
    const bySpec = new Map(rows.filter((r) => r.spec).map((r) => [r.spec!, r]));
    const restored = spec.rows.filter((s) => !s.anonymous).map((s) => bySpec.get(s)
      ?? { spec: s, label: { text: `${/[0-9０-９]/.test(s.ordinal ?? '') ? '' : s.ordinal ?? ''}${s.label}`, line: -1, blank: false, number: false }, cells: [], labelOnly: true });
    const lost = restored.filter((r) => r.label.line < 0).length;
    notes.push({ message: msg('text.table-has-no-figures-in', { title: label(spec.title), lost }) });
    rows = [...restored, ...rows.filter((r) => !r.spec)];
  } else if (noFigures && spec.rows.some((s) => s.anonymous && !found.has(s))) {
    // A table of one unlabelled row (the 四 table) printed with its header only: the row is there, every cell blank.
    const blank = spec.rows.filter((s) => s.anonymous && !found.has(s)).map((s): Row => ({ spec: s, label: { text: '', line: -1, blank: true, number: false }, cells: [], labelOnly: true }));
    rows = [...rows, ...blank];
    notes.push({ message: msg('text.table-has-only-its-header', { title: label(spec.title) }) });
  }
  const pending: string[] = [];
  rows.forEach((row, i) => {
    const depth = labelColumns > 1 ? Math.min(depthOf(row.spec, spec), labelColumns - 1) : 0;
    const isGroup = row.labelOnly && row.spec?.group;
    if (isGroup && labelColumns > 1 && i + 1 < rows.length && depthOf(rows[i + 1].spec, spec) > depth) {
      pending[depth] = row.label.text;
      return;
    }
    const labels: SourceCell[] = [];
    for (let c = 0; c < labelColumns; c++) labels.push({ text: c === depth ? row.label.text : c < depth ? (pending[c] ?? '') : '' });
    for (let c = 0; c < depth; c++) pending[c] = '';
    let cells: SourceCell[] = row.cells.map((c) => ({ text: c.text }));
    if (row.labelOnly) cells = Array.from({ length: expected }, () => ({ text: '' }));
    if (subRows) {
      if (row.sub) labels.unshift({ text: '' });
      else labels.push({ text: row.subLabel?.text ?? '' });
    }
    built.gridRow.set(row, grid.length);
    grid.push([...labels, ...cells]);
  });
  return grid;
}

// ---------------------------------------------------------------------------------------------------------------
// Generic tables in " |" form

function genericTable(tokens: Token[]): SourceCell[][] | undefined {
  const header: Token[] = [];
  let i = 0;
  while (i < tokens.length && !tokens[i].number) { if (!tokens[i].blank) header.push(tokens[i]); i++; }
  // The header's last cell is the first row's label when a figure follows it.
  const width = header.length - 1;
  if (width < 2 || i >= tokens.length) return undefined;
  const head = header.slice(0, width);
  const rows: Token[][] = [[header[width]]];
  for (const t of tokens.slice(i)) {
    if (t.blank) continue;
    const row = rows[rows.length - 1];
    if (!t.number && row.length > 1) rows.push([t]); else row.push(t);
  }
  if (!rows.every((r) => r.length === width)) return undefined;
  return [head.map((t) => ({ text: t.text })), ...rows.map((r) => r.map((t) => ({ text: t.text })))];
}

// ---------------------------------------------------------------------------------------------------------------
// The reader

function detectTemplate(text: string, lines: string[], team: readonly Template[]): Template {
  const all = [...team, ...BUILTIN_TEMPLATES];
  const best = templateByLabels(canonical(text), all);
  if (best) return best;
  const year = lines.slice(0, 10).map((l) => /((?:19|20)\d\d)\s*年/.exec(l)).find(Boolean);
  return (year && templateForYear(Number(year[1]), all)) || BUILTIN_TEMPLATES[0];
}

export async function readText(bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  const decoded = decodeText(bytes);
  if (typeof decoded !== 'string') return decoded;
  return readPastedText(decoded, options);
}

/** The same reader on text already decoded. */
export function readPastedText(text: string, options: ReadOptions = {}): ReadResult {
  const lines = text.split(/\r\n|\r|\n/).map((l) => l.replace(/[ \t\u00a0\u3000]+$/, '').replace(/^[ \t\u00a0\u3000]+/, ''));
  const template = options.template ?? detectTemplate(text, lines, options.templates ?? []);
  const templates = templatesFor(template, options.templates);
  const blocks: SourceBlock[] = [];
  const notes: ReaderNote[] = [];
  const note = (message: MessageText, severity: 'error' | 'warning' = 'warning', row?: number) => notes.push({ block: Math.max(0, blocks.length - 1), message, severity, ...(row !== undefined ? { row } : {}) });
  let section: string | undefined;
  const used = new Set<TableSpec>();

  const tableish = (l: string) => isPipeLine(l) || (isAligned(l) && !isBreadcrumb(l)) || spacedRow(l);
  const startsTable = (l: string) => /勾稽/.test(canonical(l)) || captionOf(l.replace(/\|/g, ''), [template]) !== undefined;

  let i = 0;
  /** The line the last paragraph ends on. */
  let paragraphEnd = -1;
  while (i < lines.length) {
    const line = lines[i];
    if (line === '') { i++; continue; }
    // The page's box of particulars (索引号, 发布机构, 发文日期 …): kept as the lines they are, never a table.
    if (isParticulars(line)) {
      do {
        blocks.push({ kind: 'paragraph', text: lines[i], place: { line: i + 1 } });
        i++;
      } while (i < lines.length && lines[i] !== '' && isParticulars(lines[i], 1));
      continue;
    }
    const nextNonBlank = (from: number) => { let k = from; while (k < lines.length && lines[k] === '') k++; return k; };
    const beginsRegion = tableish(line) || (startsTable(line) && nextNonBlank(i + 1) < lines.length && tableish(lines[nextNonBlank(i + 1)]));
    const labelRun = beginsRegion ? -1 : labelRegionEnd(i);
    if (labelRun >= 0) {
      // A table printed as its labels, one per line, with few or no figures: its label lines are never headings.
      const regionLines = lines.slice(i, labelRun + 1);
      readRegion(regionLines.flatMap((l, n) => lineTokens(l, i + n)), regionLines, i);
      i = labelRun + 1;
      continue;
    }
    if (!beginsRegion) {
      const spec = sectionOf(line, templates);
      if (spec) section = spec.id;
      // A sentence broken over lines (text copied from a PDF, or a page that breaks lines around its figures):
      // one paragraph again, so that a figure and its unit (5928 / 条) are read together.
      const previous = blocks[blocks.length - 1];
      if (previous?.kind === 'paragraph' && paragraphEnd === i - 1) {
        const through = continuation(previous.text, i);
        if (through >= 0) {
          previous.text += lines.slice(i, through + 1).join('');
          paragraphEnd = through;
          i = through + 1;
          continue;
        }
      }
      blocks.push({ kind: 'paragraph', text: line, place: { line: i + 1 } });
      paragraphEnd = i;
      i++;
      continue;
    }
    // The region: table lines, and short lines between them (wrapped labels, header texts).
    const start = i;
    let end = i;
    let k = i;
    while (k < lines.length) {
      const l = lines[k];
      if (l === '' || PAGE_NUMBER.test(l)) { k++; continue; }
      if (tableish(l) || (k === start)) { end = k; k++; continue; }
      // Short lines (a wrapped label, a header text) followed within three lines by more of the table.
      const short = (x: string) => x.length <= 40 && !SENTENCE.test(x) && !sectionOf(x, templates);
      let after = k;
      let ahead = 0;
      while (after < lines.length && ahead < 3 && (lines[after] === '' || (!tableish(lines[after]) && short(lines[after])))) {
        if (lines[after] !== '') ahead++;
        after++;
      }
      if (short(l) && after < lines.length && tableish(lines[after])) { end = k; k++; continue; }
      break;
    }
    const regionLines = lines.slice(start, end + 1);
    // A label on a line of its own whose closing pipe fell onto the next line ("行政规范性文件" then "|").
    // A page's number (- 1 -, 第2页 共5页) where a table crossed pages is no cell of it.
    const tokens = regionLines.flatMap((l, n) => ((l.trim() === '|' && n > 0 && regionLines[n - 1] !== '' && !tableish(regionLines[n - 1])) || PAGE_NUMBER.test(l)
      ? [] : spacedHeaderWords(l, start + n) ?? lineTokens(l, start + n)));
    readRegion(tokens, regionLines, start);
    i = end + 1;
  }

  /**
   * The last line of a run of lines, from `from`, that are each a label of the template's tables (a caption, a
   * header text, a row label, the 勾稽 note) or figures only; -1 unless the run holds at least four label lines,
   * three of them one table's. Such a run is a table whose cells were flattened one per line, or lost.
   */
  function labelRegionEnd(from: number): number {
    if (!isTableLabel(lines[from]) || lines[from].includes('|')) return -1;
    let end = from;
    let labels = 0;
    const perTable = new Map<TableSpec, number>();
    for (let k = from; k < lines.length; k++) {
      const l = lines[k];
      if (l === '') continue;
      if (tableish(l) || l.includes('|')) break;
      if (lineTokens(l, k).every((t) => t.number)) { end = k; continue; }
      // A label wrapped over lines of its own, as the page's narrow cell wrapped it (商业 / 企业, （三） / 不予公开).
      const wrapped = isTableLabel(l) ? k : wrappedLabelEnd(k);
      const last = wrapped >= 0 ? wrapped : isHeaderStart(l) ? k : -1;
      if (last < 0) break;
      const text = lines.slice(k, last + 1).join('');
      labels++;
      for (const spec of tablesLabelled(text)) perTable.set(spec, (perTable.get(spec) ?? 0) + 1);
      end = k = last;
    }
    return labels >= 4 && Math.max(0, ...perTable.values()) >= 3 ? end : -1;
  }

  /**
   * A table's line with its cells apart by single spaces, as text copied from a PDF has them: a template row's label
   * and its figures (行政许可 36), or header texts of one template table only, or pieces of them (信息内容
   * 本年处理决定数量; 结果 结果 其他 尚未 总).
   */
  function spacedRow(line: string): boolean {
    const words = line.split(/\s+/);
    if (words.length < 2 || line.length > 120 || SENTENCE.test(line)) return false;
    let k = words.length;
    while (k > 0 && FIGURE_TOKEN.test(words[k - 1])) k--;
    if (k === words.length) return spacedHeader(words);
    const label = words.slice(0, k).join('');
    return k > 0 && template.tables.some((spec) => spec.rows.some((r) => matchesRow(r, label)));
  }

  /**
   * Words that are one template table's header texts, or pieces of them: a PDF's text gives a header cell whose
   * words are stacked (结果 / 维持, or a character a line) as pieces on separate lines.
   */
  function spacedHeader(words: string[]): boolean {
    return template.tables.some((spec) => {
      const keys = headerKeysOf(spec);
      return words.every((w) => { const k = labelKey(w); return k.full !== '' && keys.some((key) => labelsMatch(key, k) || key.full.includes(k.full)); });
    });
  }

  /** A header line whose texts stand apart by single spaces, as its texts. */
  function spacedHeaderWords(line: string, index: number): Token[] | undefined {
    if (isPipeLine(line) || /\t| {2,}|\u3000/.test(line.trim())) return undefined;
    const words = line.trim().split(/\s+/);
    return words.length >= 2 && spacedHeader(words) ? words.map((w) => token(w, index)) : undefined;
  }

  /** A line of structure: a section or sub-part line, a caption, the title, a numbered item, a table's line. */
  function structural(line: string): boolean {
    return sectionOf(line, templates) !== undefined || isSubPart(line) || captionOf(line, [template]) !== undefined
      || isTitle(line) || leadingEnumerator(line) !== undefined || tableish(line) || startsTable(line);
  }

  /**
   * Where the sentence that `before` leaves open continues from line `at`: the last line it takes, or -1. Only where
   * a line cannot end or begin a paragraph of its own: `before` ends with a comma or an opening bracket, or the line
   * begins with punctuation that closes or continues a sentence, or with a figure and its unit after a line that ends
   * mid-sentence; or it is a figure alone whose unit begins the line after (信息 / 5928 / 条，). A figure alone
   * followed by another, or by a label, is a table's cell: never taken.
   */
  function continuation(before: string, at: number): number {
    const after = lines[at];
    if (after === '' || /[。！？!?；;：:]$/.test(before) || structural(before) || structural(after)) return -1;
    if (/^[，,、。；;：:）)》」』”’%％]/.test(after) || /[，,、（(《“‘]$/.test(before)) return at;
    if (/\d$/.test(before) && UNIT_START.test(after)) return at;
    if (/\p{Script=Han}$/u.test(before) && FIGURE_WITH_UNIT.test(after)) return at;
    if (LONE_FIGURE.test(after) && !/\d$/.test(before) && at + 1 < lines.length) {
      const next = lines[at + 1];
      if (next !== '' && !structural(next) && (UNIT_START.test(next) || /^[，,、。；;]/.test(next))) return at + 1;
    }
    return -1;
  }

  /**
   * The last of the short lines from `from` (up to four, blank lines between them) that together make a table's
   * label, the first of them not one alone; -1 if none do.
   */
  function wrappedLabelEnd(from: number): number {
    let text = '';
    let parts = 0;
    for (let k = from; k < lines.length && parts < 4; k++) {
      const l = lines[k];
      if (l === '') continue;
      if (l.length > 20 || l.includes('|') || SENTENCE.test(l) || lineTokens(l, k).some((t) => t.number)) return -1;
      text += l;
      parts++;
      if (parts > 1 && isTableLabel(text)) return k;
    }
    return -1;
  }

  /** A header text cut short on the page (本年增/ for 本年增/减): the start, three characters or more, of one. */
  function isHeaderStart(line: string): boolean {
    const key = canonical(line.trim());
    if (key.length < 3 || key.length > 20) return false;
    return template.tables.some((spec) => headerTextsOf(spec).some((text) => text.startsWith(key)));
  }

  function isTableLabel(line: string): boolean {
    return /勾稽/.test(canonical(line)) || captionOf(line, [template]) !== undefined || tablesLabelled(line).length > 0;
  }

  function tablesLabelled(line: string): TableSpec[] {
    const key = labelKey(line.trim());
    if (!line.trim()) return [];
    return template.tables.filter((spec) => spec.rows.some((r) => matchesRow(r, line.trim()))
      || headerKeysOf(spec).some((k) => labelsMatch(k, key)));
  }

  function readRegion(tokens: Token[], regionLines: string[], start: number): void {
    const sectionTables = template.tables.filter((t) => t.section === section);
    // Split at captions (第二十条第（一）项); otherwise the section's table whose rows the labels name.
    const pieces: Array<{ spec?: TableSpec; caption?: Token; tokens: Token[] }> = [{ tokens: [] }];
    for (const t of tokens) {
      const spec = !t.blank && !t.number ? captionOf(t.text, [template]) : undefined;
      if (spec) { pieces.push({ spec, caption: t, tokens: [] }); continue; }
      // The 勾稽 note heads the 三 table: after another table's rows (a page without the section's line), a new one.
      const current = pieces[pieces.length - 1];
      if (current.spec && !t.blank && !t.number && /勾稽/.test(t.text) && !headsWithNote(current.spec)) {
        const headed = template.tables.find((s) => !used.has(s) && headsWithNote(s));
        if (headed) { pieces.push({ spec: headed, tokens: [t] }); continue; }
      }
      current.tokens.push(t);
    }
    // Header texts before the first caption (one table holding the section's blocks) belong to that block.
    pieces.forEach((piece, n) => {
      if (!piece.spec && n + 1 < pieces.length && pieces[n + 1].spec && !piece.tokens.some((t) => t.number)) {
        pieces[n + 1].tokens.unshift(...piece.tokens);
        piece.tokens = [];
      }
    });
    for (const piece of pieces) {
      if (piece.tokens.length === 0 && !piece.caption) continue;
      let spec = piece.spec;
      if (!spec) {
        const labels = piece.tokens.filter((t) => !t.blank && !t.number);
        // the section's own table first: one whose rows the labels name, or its one table of an unlabelled row (the
        // 四 table, whose header words, 其他 among them, name rows of other tables)
        spec = sectionTables.find((s) => !used.has(s) && labels.some((t) => s.rows.some((r) => matchesRow(r, t.text))))
          ?? (sectionTables.length === 1 && !used.has(sectionTables[0]) && sectionTables[0].rows.some((r) => r.anonymous) ? sectionTables[0] : undefined)
          ?? template.tables.find((s) => !used.has(s) && labels.filter((t) => s.rows.some((r) => matchesRow(r, t.text))).length >= 2);
      }
      if (piece.caption) blocks.push({ kind: 'heading', text: piece.caption.text, depth: 3, place: { line: piece.caption.line + 1 } });
      if (!spec) { genericRegion(piece.tokens, start); continue; }
      used.add(spec);
      const built = assemble(spec, piece.tokens, piece.caption);
      const tableNotes: Array<{ message: MessageText }> = [];
      const grid = tableGrid(built, tableNotes);
      blocks.push({ kind: 'table', rows: grid, place: { line: (piece.tokens[0]?.line ?? start) + 1 } });
      for (const n of tableNotes) note(n.message);
      for (const row of built.ambiguous) {
        note(msg('text.the-figures-of-row-of', { title: label(spec.title), text: label(row.label.text), arg: row.cells.map((c) => c.text).join(' ') }));
      }
      const tableBlock = blocks.length - 1;
      for (const { row, figures } of built.unplaced) {
        notes.push({ block: tableBlock, row: built.gridRow.get(row), severity: 'warning', unplaced: true, message: msg('text.row-of-table-line-of', { title: label(spec.title), text: row.label.text, line: row.label.line + 1, length: figures.length, figures: joined(figures.map((t) => t.text), msg('sep.list')), columns: valueCount(spec) }) });
      }
      if (built.unplaced.length) {
        // Kept as text after the table, each row named without its label's own digits (no figure is added).
        const text = built.unplaced.map(({ row, figures }) => {
          const name = row.label.text.replace(/^[0-9０-９]+\s*[.．、]\s*/, '');
          return `${/[0-9０-９]/.test(name) ? '' : `“${name}”：`}${figures.map((t) => t.text).join(' ')}`;
        }).join('；');
        blocks.push({ kind: 'paragraph', text: `〔无法确定所在列的数字〕${text}`, place: { line: built.unplaced[0].figures[0].line + 1 } });
      }
      if (built.leftovers.length) {
        blocks.push({ kind: 'paragraph', text: built.leftovers.map((t) => t.text).join(' '), place: { line: built.leftovers[0].line + 1 } });
        note(msg('text.this-text-could-not-be', { title: label(spec.title), arg: built.leftovers.map((t) => t.text).join(' ') }));
      }
    }
    void regionLines;
  }

  function headsWithNote(spec: TableSpec): boolean {
    return spec.layout?.header.flat().some((c) => /勾稽/.test(c.text)) ?? false;
  }

  function genericRegion(tokens: Token[], start: number): void {
    const grid = genericTable(tokens);
    if (grid) { blocks.push({ kind: 'table', rows: grid, place: { line: start + 1 } }); return; }
    const text = tokens.filter((t) => !t.blank).map((t) => t.text).join(' ');
    if (text === '') return;
    blocks.push({ kind: 'paragraph', text, place: { line: start + 1 } });
    note(msg('text.a-flattened-table-whose-rows'), 'error');
  }

  return { format: 'text', blocks, notes };
}
