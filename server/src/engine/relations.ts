// Evaluates a template's relations (R1, R2, L3 …) on a bound table, exactly, cell by cell.
// Shared by the arithmetic checks and by editor features that explain a total.
import type { BoundTable } from './bind/tables.js';
import { cellAt } from './bind/tables.js';
import type { TableCell } from './model/table.js';
import type { RelationSpec, RowSpec, ColumnSpec } from '../templates/index.js';
import { sum, zero, type Decimal } from './numbers.js';
import { readBlanks } from './blanks.js';
import { maxOf, minOf } from './lists.js';

export interface Term {
  side: 'left' | 'right';
  /** Template row (each: column) or column (each: row) id. */
  id: string;
  label: string;
  cell?: TableCell;
  /** The figure; 0 for a blank read as 0 by the table's convention; undefined for an unknown blank. */
  value?: Decimal;
  /** The cell is blank. */
  blank?: boolean;
  /** A blank read as 0: the table leaves 0 blank (see blanks.ts). */
  zero?: boolean;
}

export interface RelationInstance {
  table: BoundTable;
  relation: RelationSpec;
  /** The row (each: row) or column (each: column) the relation is checked in. */
  along: { id: string; label: string };
  terms: Term[];
  /** The sums of the known figures (blanks read as 0 included; unknown blanks, each at least 0, not). */
  left?: Decimal;
  right?: Decimal;
  /** Blank cells of unknown value (each some figure ≥ 0). */
  unknown?: Term[];
  /**
   * ok: holds; fail: does not, for every value its unknown blanks could take (`unknown` names them);
   * incomplete: a cell is missing, not a number or shifted, or the relation could hold for some value of its blanks.
   */
  status: 'ok' | 'fail' | 'incomplete';
}

export function rowTitle(spec: RowSpec): string {
  return (spec.ordinal ?? '') + spec.label;
}

export function columnTitle(spec: ColumnSpec): string {
  return spec.group?.length ? `${spec.group.join('·')}·${spec.label}` : spec.label;
}

/** A relation instance before blanks are read: terms with their figures, blanks flagged. */
export interface RawInstance {
  table: BoundTable;
  relation: RelationSpec;
  along: { id: string; label: string };
  terms: Term[];
  /** A term is missing, not a number or in a shifted row, or one side is empty: never judged. */
  unverifiable: boolean;
}

const collected = new WeakMap<BoundTable, RawInstance[]>();

/** Every relation instance of a bound table with its cells, blanks not yet read (shared with blanks.ts). */
export function relationInstances(table: BoundTable): RawInstance[] {
  const known = collected.get(table);
  if (known) return known;
  const out: RawInstance[] = [];
  collected.set(table, out);
  const rowsById = new Map(table.spec.rows.map((r) => [r.id, r]));
  const colsById = new Map(table.spec.columns.map((c) => [c.id, c]));
  for (const relation of table.spec.relations) {
    const alongIds = relation.each === 'row'
      ? table.spec.rows.filter((r) => !r.group && table.rows.has(r.id)).map((r) => r.id)
      : table.spec.columns.filter((c) => table.parts.some((p) => p.columns.has(c.id))).map((c) => c.id);
    for (const alongId of alongIds) {
      const along = relation.each === 'row'
        ? { id: alongId, label: rowTitle(rowsById.get(alongId)!) }
        : { id: alongId, label: columnTitle(colsById.get(alongId)!) };
      out.push(collect(table, relation, along, rowsById, colsById));
    }
  }
  return out;
}

const evaluated = new WeakMap<BoundTable, RelationInstance[]>();

/**
 * Every relation instance of a bound table (computed once per analysis; several checks and features ask).
 * A blank is 0 where the table leaves 0 blank, else an unknown figure ≥ 0 (blanks.ts decides which).
 */
export function evaluateRelations(table: BoundTable): RelationInstance[] {
  const known = evaluated.get(table);
  if (known) return known;
  const zeros = readBlanks(table).zero;
  const out = relationInstances(table).map((raw) => judge(raw, zeros));
  evaluated.set(table, out);
  return out;
}

/** Each relation's terms' labels, left side then right (the same along every row or column it runs along). */
const termLabels = new WeakMap<RelationSpec, [string[], string[]]>();

function labelsOf(relation: RelationSpec, rowsById: Map<string, RowSpec>, colsById: Map<string, ColumnSpec>): [string[], string[]] {
  let labels = termLabels.get(relation);
  if (!labels) {
    const title = (id: string) => (relation.each === 'row' ? columnTitle(colsById.get(id)!) : rowTitle(rowsById.get(id)!));
    labels = [relation.left.map(title), relation.right.map(title)];
    termLabels.set(relation, labels);
  }
  return labels;
}

function collect(table: BoundTable, relation: RelationSpec, along: { id: string; label: string },
  rowsById: Map<string, RowSpec>, colsById: Map<string, ColumnSpec>): RawInstance {
  const terms: Term[] = [];
  let complete = true;
  const labels = labelsOf(relation, rowsById, colsById);
  const sides: Array<['left' | 'right', string[], string[]]> = [['left', relation.left, labels[0]], ['right', relation.right, labels[1]]];
  for (const [side, ids, titles] of sides) {
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const rowId = relation.each === 'row' ? along.id : id;
      const colId = relation.each === 'row' ? id : along.id;
      const rowSpec = rowsById.get(rowId);
      const label = titles[k]!;
      const at = cellAt(table, rowId, colId);
      if (!at) {
        // An optional row that is absent counts as nothing; anything else leaves the relation unverifiable.
        if (rowSpec?.required === false && !table.rows.has(rowId)) continue;
        complete = false;
        terms.push({ side, id, label });
        continue;
      }
      const cell = at.row.cells[at.column.index];
      const value = cell?.value.kind === 'number' ? cell.value.value : undefined;
      const blank = cell?.value.kind === 'empty';
      // In a row with a lost or extra cell the figures may have shifted: row-shape says so, the sums stay silent.
      if ((value === undefined && !blank) || at.row.cells.length !== at.part.table.width) complete = false;
      terms.push(blank ? { side, id, label, cell, value, blank } : { side, id, label, cell, value });
    }
  }
  const unverifiable = !complete || terms.every((t) => t.side !== 'left') || terms.every((t) => t.side !== 'right')
    || (table.spec.extraRows === true && relation.each === 'column' && unknownRowAmong(table, terms));
  return { table, relation, along, terms, unverifiable };
}

/** 0, for every blank read as 0 (figures are never changed once read). */
const ZERO = zero();

const written = new WeakMap<RawInstance, { left: Decimal; right: Decimal }>();

/**
 * Each side's written figures added up, exactly: what the blanks, read as 0 or unknown, never change. Worked out once
 * per instance: blanks.ts asks for them to read the table's blanks, then judge for each reading.
 */
export function writtenSums(raw: RawInstance): { left: Decimal; right: Decimal } {
  let sums = written.get(raw);
  if (!sums) {
    const side = (s: Term['side']) => sum(raw.terms.filter((t) => t.side === s && t.value).map((t) => t.value!));
    sums = { left: side('left'), right: side('right') };
    written.set(raw, sums);
  }
  return sums;
}

/** Judges a relation with blanks read: those in `zeros` as 0, the others as unknown figures ≥ 0. */
function judge(raw: RawInstance, zeros: ReadonlySet<TableCell>): RelationInstance {
  const { table, relation, along } = raw;
  if (raw.unverifiable) return { table, relation, along, terms: raw.terms, status: 'incomplete' };
  // A blank read as 0 is a term of its own (the raw term is shared by every reading of the blanks).
  const terms = zeros.size > 0 && raw.terms.some((t) => t.blank && zeros.has(t.cell!))
    ? raw.terms.map((t) => (t.blank && zeros.has(t.cell!)
      ? { side: t.side, id: t.id, label: t.label, cell: t.cell, value: ZERO, blank: true, zero: true } : t)) : raw.terms;
  const unknown = terms.filter((t) => t.value === undefined);
  // the blanks read as 0 add nothing
  const { left, right } = writtenSums(raw);
  const verdict = feasible(relation.kind, left, unknown.some((t) => t.side === 'left'), right, unknown.some((t) => t.side === 'right'));
  const status = unknown.length === 0 ? (verdict ? 'ok' : 'fail') : verdict ? 'incomplete' : 'fail';
  return unknown.length ? { table, relation, along, terms, left, right, unknown, status } : { table, relation, along, terms, left, right, status };
}

/**
 * Whether `left (+ unknowns) = right (+ unknowns)` (for a bound, ≤) can hold, each unknown some figure ≥ 0:
 * exact, in decimals. Unknowns on both sides can absorb any difference; on one side only, they can only add.
 */
export function feasible(kind: RelationSpec['kind'], left: Decimal, leftOpen: boolean, right: Decimal, rightOpen: boolean): boolean {
  if (kind === 'bound') return rightOpen || left.lte(right);
  if (leftOpen && rightOpen) return true;
  if (leftOpen) return left.lte(right);
  if (rightOpen) return right.lte(left);
  return left.eq(right);
}

/** A row outside the template sits among the relation's rows: it may be one of the parts, so do not judge. */
function unknownRowAmong(table: BoundTable, terms: Term[]): boolean {
  const rows = terms.map((t) => t.cell && table.rows.get(t.id)?.[0]).filter((b) => b !== undefined);
  return table.unknownRows.some(({ row, part }) => {
    const same = rows.filter((b) => b.part === part).map((b) => b.row.index);
    return same.length > 0 && row.index > minOf(same) && row.index < maxOf(same);
  });
}
