// Stage 3b: which Markdown tables (or parts of them) are the template's tables, and which rows and
// columns are which. A template table may be split over several Markdown tables (the 四 table as three),
// and one Markdown table may hold several template tables (section 二 as one table with four blocks).
import type { TableColumn, TableModel, TableRow } from '../model/table.js';
import type { ColumnSpec, RowSpec, TableSpec, Template } from '../../templates/index.js';
import type { SectionMatch } from './sections.js';
import type { BlankCells } from '../blanks.js';
import { canonical, labelKey, labelsMatch, type LabelKey } from '../text.js';

export interface TablePart {
  table: TableModel;
  /** Body rows of this part (caption and repeated header rows excluded). */
  rows: TableRow[];
  /** Template column id → Markdown column. */
  columns: Map<string, TableColumn>;
  /** Leaf header text of each column as this part sees it (a repeated header row may rename them). */
  leaves: string[];
  captionRow?: TableRow;
}

export interface RowBinding { spec: RowSpec; row: TableRow; part: TablePart }

export interface BoundTable {
  spec: TableSpec;
  section: SectionMatch;
  parts: TablePart[];
  rows: Map<string, RowBinding[]>;
  unknownRows: Array<{ row: TableRow; part: TablePart }>;
  subtotalRows: Array<{ row: TableRow; part: TablePart }>;
  outOfOrder: Array<{ binding: RowBinding; after: RowBinding }>;
  /** Rows whose label matches nothing, taken by their position for the one template row missing there. */
  relabelled: RowBinding[];
  missingColumns: ColumnSpec[];
  /** How to read its blanks (`bind`'s option; blanks.ts); auto when absent. */
  blankCells?: BlankCells;
}

const TOTAL_WORDS = new Set(['合计', '总计', '小计', '总数', 'total', 'subtotal', 'sum', 'grandtotal']);
/**
 * Characters one of which every total label holds before normalisation (计 數 … in any script, the letters of
 * total and sum in either width, CJK compatibility ideographs that NFKC folds): without one, a label is read
 * no further, so a table of 10⁵ differently labelled rows never converts each label's script.
 */
const MAYBE_TOTAL = /[计計数數tsTSｔｓＴＳ\uf900-\ufaff]/;

/** Labels like 合计 / 总计 / 小计 / Total. */
export function isTotalLabel(text: string): boolean {
  if (!MAYBE_TOTAL.test(text)) return false;
  const k = labelKey(text);
  return TOTAL_WORDS.has(k.core.toLowerCase()) || TOTAL_WORDS.has(k.full.toLowerCase());
}

const specKeys = new WeakMap<object, LabelKey[]>();
function keysOf(spec: RowSpec | ColumnSpec): LabelKey[] {
  let keys = specKeys.get(spec);
  if (!keys) {
    keys = [spec.label, ...(spec.aliases ?? [])].filter((t) => t !== '').map(labelKey);
    specKeys.set(spec, keys);
  }
  return keys;
}
function matchesSpec(spec: RowSpec | ColumnSpec, text: string): boolean {
  if (!text) return false;
  const k = labelKey(text);
  return keysOf(spec).some((s) => labelsMatch(s, k));
}

/** A template's rows or columns by the keys of their labels (`labelsMatch` compares full keys and core keys). */
interface LabelIndex { byFull: Map<string, number[]>; byCore: Map<string, number[]> }
const labelIndexes = new WeakMap<readonly object[], LabelIndex>();
const NONE: readonly number[] = [];

/** A key and its reading with Taiwan phrasing: two labels match when a full or a core key of either is the same. */
function readings(k: LabelKey): LabelKey[] {
  return k.phrased ? [k, k.phrased] : [k];
}

function labelIndex(specs: ReadonlyArray<RowSpec | ColumnSpec>): LabelIndex {
  let index = labelIndexes.get(specs);
  if (!index) {
    const add = (map: Map<string, number[]>, key: string, i: number) => {
      const list = map.get(key);
      if (!list) map.set(key, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    };
    index = { byFull: new Map(), byCore: new Map() };
    specs.forEach((spec, i) => {
      for (const key of keysOf(spec)) {
        for (const k of readings(key)) { add(index!.byFull, k.full, i); add(index!.byCore, k.core, i); }
      }
    });
    labelIndexes.set(specs, index);
  }
  return index;
}

/**
 * The places in `specs` of the rows or columns `text` names, in ascending order: each for which `matchesSpec` holds,
 * found by key rather than by comparing the label with each. Not to be changed.
 */
function matching(specs: ReadonlyArray<RowSpec | ColumnSpec>, text: string): readonly number[] {
  if (!text) return NONE;
  const index = labelIndex(specs);
  let found: readonly number[] = NONE;
  let merged: Set<number> | undefined;
  for (const k of readings(labelKey(text))) {
    for (const list of [index.byFull.get(k.full), index.byCore.get(k.core)]) {
      if (!list || list === found) continue;
      if (found.length === 0) { found = list; continue; }
      merged ??= new Set(found);
      for (const i of list) merged.add(i);
    }
  }
  return merged ? [...merged].sort((x, y) => x - y) : found;
}

export function captionMatches(spec: TableSpec, text: string): boolean {
  if (!spec.caption || !text) return false;
  const k = labelKey(text).full;
  return spec.caption.some((c) => k.includes(labelKey(c).full));
}

interface Segment { spec?: TableSpec; rows: TableRow[]; headerRow?: TableRow; captionRow?: TableRow }

function segment(table: TableModel, specs: TableSpec[]): Segment[] {
  const topLeft = canonical(table.rows[0]?.cells[0]?.text ?? '');
  const segments: Segment[] = [{ rows: [] }];
  for (const row of table.rows.slice(table.headerRowCount)) {
    const current = segments[segments.length - 1];
    if (row.kind !== 'numeric') {
      const text = row.label || row.cells[0]?.text || '';
      const spec = specs.find((s) => captionMatches(s, text));
      if (spec) { segments.push({ spec, rows: [], captionRow: row }); continue; }
      const repeatsHeader = topLeft !== '' && canonical(row.cells[0]?.text ?? '') === topLeft
        && row.cells.slice(1).some((c) => c.text !== '');
      if (repeatsHeader) { current.headerRow = row; continue; }
    }
    current.rows.push(row);
  }
  return segments.filter((s, i) => i > 0 || s.rows.some((r) => r.kind !== 'empty') || segments.length === 1);
}

function valueColumns(table: TableModel): TableColumn[] {
  return table.columns.filter((c) => c.role === 'value');
}

function leavesOf(table: TableModel, seg: Segment): string[] {
  return table.columns.map((c) => (seg.headerRow ? seg.headerRow.cells[c.index]?.text ?? '' : c.leaf));
}

function contentScore(spec: TableSpec, table: TableModel, seg: Segment): number {
  const leaves = leavesOf(table, seg);
  // The template's columns that some leaf names, and its rows that some row's label names.
  const named = new Set<number>();
  for (const leaf of leaves) for (const i of matching(spec.columns, leaf)) named.add(i);
  let score = named.size;
  named.clear();
  for (const row of seg.rows) for (const i of matching(spec.rows, row.label)) named.add(i);
  score += named.size;
  return score;
}

function bindColumns(spec: TableSpec, table: TableModel, seg: Segment): Map<string, TableColumn> {
  const leaves = leavesOf(table, seg);
  const candidates = valueColumns(table);
  const context = [...table.caption, seg.captionRow?.label ?? ''].map(canonical);
  const used = new Set<number>();
  const bound = new Map<string, TableColumn>();
  for (const col of spec.columns) {
    let best: TableColumn | undefined;
    let bestScore = -1;
    for (const c of candidates) {
      if (used.has(c.index) || !matchesSpec(col, leaves[c.index])) continue;
      const path = seg.headerRow ? [] : c.path.map(canonical);
      let score = 0;
      for (const g of col.group ?? []) {
        const key = canonical(g);
        if (path.some((p) => p.includes(key))) score += 2;
        else if (context.some((p) => p.includes(key))) score += 1;
        else score -= 4;
      }
      if (score > bestScore) { best = c; bestScore = score; }
    }
    if (best) { bound.set(col.id, best); used.add(best.index); }
  }
  // Headers that name nothing we know, but the right number of value columns: bind by position.
  if (bound.size === 0) {
    const inUse = candidates.filter((c) => seg.rows.some((r) => (r.cells[c.index]?.value.kind ?? 'empty') !== 'empty'));
    if (inUse.length === spec.columns.length) spec.columns.forEach((col, i) => bound.set(col.id, inUse[i]));
  }
  return bound;
}

export function bindTables(template: Template, sections: SectionMatch[], tables: TableModel[]): BoundTable[] {
  const result: BoundTable[] = [];
  for (const section of sections) {
    const specs = template.tables.filter((t) => t.section === section.spec.id);
    if (specs.length === 0) continue;
    const bound = new Map<TableSpec, BoundTable>();
    const inSection = tables.filter((t) => t.start >= section.start && t.end <= section.end);
    for (const table of inSection) {
      for (const seg of segment(table, specs)) {
        let spec = seg.spec ?? specs.find((s) => [...table.caption].reverse().some((c) => captionMatches(s, c)));
        if (!spec) {
          let best = 0;
          for (const s of specs) {
            const score = contentScore(s, table, seg);
            if (score > best) { best = score; spec = s; }
          }
        }
        if (!spec) continue;
        let entry = bound.get(spec);
        if (!entry) {
          entry = { spec, section, parts: [], rows: new Map(), unknownRows: [], subtotalRows: [], outOfOrder: [], relabelled: [], missingColumns: [] };
          bound.set(spec, entry);
        }
        entry.parts.push({
          table, rows: seg.rows, columns: bindColumns(spec, table, seg), leaves: leavesOf(table, seg),
          captionRow: seg.captionRow,
        });
      }
    }
    for (const entry of bound.values()) {
      bindRows(entry);
      entry.missingColumns = entry.spec.columns.filter((c) => !entry.parts.some((p) => p.columns.has(c.id)));
      result.push(entry);
    }
  }
  return result;
}

function bindRows(entry: BoundTable): void {
  const specRows = entry.spec.rows;
  const order = new Map(specRows.map((r, i) => [r.id, i]));
  const anonymous = specRows.find((r) => r.anonymous);
  let cursor = 0;
  let last: RowBinding | undefined;
  for (const part of entry.parts) {
    // The single unlabelled data row: the first row of figures, or the first row at all if every figure is lost.
    const data = anonymous && (part.rows.find((r) => r.kind === 'numeric') ?? part.rows[0]);
    if (anonymous && data) add(entry, { spec: anonymous, row: data, part });
    for (const row of part.rows) {
      if (row.kind === 'empty') continue;
      if (anonymous) {
        if (row.kind === 'numeric' && row !== data) entry.unknownRows.push({ row, part });
        continue;
      }
      const candidates = matching(specRows, row.label).map((i) => specRows[i]!).filter((r) => !r.anonymous);
      if (candidates.length === 0) {
        if (row.label && isTotalLabel(row.label)) entry.subtotalRows.push({ row, part });
        else if (row.kind === 'numeric') entry.unknownRows.push({ row, part });
        continue;
      }
      const free = candidates.filter((r) => !entry.rows.has(r.id));
      const spec = free.find((r) => order.get(r.id)! >= cursor) ?? free[0];
      if (!spec) {
        if (row.kind === 'numeric') entry.unknownRows.push({ row, part });
        continue;
      }
      const binding = { spec, row, part };
      add(entry, binding);
      const index = order.get(spec.id)!;
      if (index < cursor && last && !spec.group) entry.outOfOrder.push({ binding, after: last });
      else cursor = index + 1;
      if (!spec.group) last = binding;
    }
  }
  relabelByPosition(entry, order);
}

/** A row with an unknown label between two bound rows, where the template has a missing row: that row, mislabelled. */
function relabelByPosition(entry: BoundTable, order: Map<string, number>): void {
  const missing = (from: number, to: number) => entry.spec.rows.filter((r, i) =>
    i > from && i < to && !r.group && !r.anonymous && !entry.rows.has(r.id));
  const keep: BoundTable['unknownRows'] = [];
  for (const unknown of entry.unknownRows) {
    const bound = [...entry.rows.values()].flat().filter((b) => b.part === unknown.part && !b.spec.group);
    const before = bound.filter((b) => b.row.index < unknown.row.index).map((b) => order.get(b.spec.id)!);
    const after = bound.filter((b) => b.row.index > unknown.row.index).map((b) => order.get(b.spec.id)!);
    const from = before.length ? Math.max(...before) : -1;
    const to = after.length ? Math.min(...after) : entry.spec.rows.length;
    const spec = unknown.row.label ? missing(from, to)[0] : undefined;
    if (!spec) { keep.push(unknown); continue; }
    const binding = { spec, row: unknown.row, part: unknown.part };
    add(entry, binding);
    entry.relabelled.push(binding);
  }
  entry.unknownRows = keep;
}

function add(entry: BoundTable, binding: RowBinding): void {
  const list = entry.rows.get(binding.spec.id);
  if (list) list.push(binding); else entry.rows.set(binding.spec.id, [binding]);
}

/** The cell of a template row and column, looked up across the parts the table is split into. */
export function cellAt(entry: BoundTable, rowId: string, columnId: string): { row: TableRow; column: TableColumn; part: TablePart } | undefined {
  for (const binding of entry.rows.get(rowId) ?? []) {
    const column = binding.part.columns.get(columnId);
    if (column) return { row: binding.row, column, part: binding.part };
  }
  // A row split over parts that share it (the 四 table's single data row in three tables).
  const anonymous = entry.spec.rows.find((r) => r.id === rowId)?.anonymous;
  if (anonymous) {
    for (const list of entry.rows.values()) {
      for (const b of list) {
        const column = b.part.columns.get(columnId);
        if (column && b.spec.id === rowId) return { row: b.row, column, part: b.part };
      }
    }
  }
  return undefined;
}
