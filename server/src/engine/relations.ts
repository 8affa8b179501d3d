// Evaluates a template's relations (R1, R2, L3 …) on a bound table, exactly, cell by cell.
// Shared by the arithmetic checks and by editor features that explain a total.
import type { BoundTable } from './bind/tables.js';
import { cellAt } from './bind/tables.js';
import type { TableCell } from './model/table.js';
import type { RelationSpec, RowSpec, ColumnSpec } from '../templates/index.js';
import { sum, type Decimal } from './numbers.js';
import { maxOf, minOf } from './lists.js';

export interface Term {
  side: 'left' | 'right';
  /** Template row (each: column) or column (each: row) id. */
  id: string;
  label: string;
  cell?: TableCell;
  value?: Decimal;
}

export interface RelationInstance {
  table: BoundTable;
  relation: RelationSpec;
  /** The row (each: row) or column (each: column) the relation is checked in. */
  along: { id: string; label: string };
  terms: Term[];
  left?: Decimal;
  right?: Decimal;
  /** ok: holds; fail: does not; incomplete: a required cell is blank, missing or not a number. */
  status: 'ok' | 'fail' | 'incomplete';
}

export function rowTitle(spec: RowSpec): string {
  return (spec.ordinal ?? '') + spec.label;
}

export function columnTitle(spec: ColumnSpec): string {
  return spec.group?.length ? `${spec.group.join('·')}·${spec.label}` : spec.label;
}

const evaluated = new WeakMap<BoundTable, RelationInstance[]>();

/** Every relation instance of a bound table (computed once per analysis; several checks and features ask). */
export function evaluateRelations(table: BoundTable): RelationInstance[] {
  const known = evaluated.get(table);
  if (known) return known;
  const out: RelationInstance[] = [];
  evaluated.set(table, out);
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
      out.push(instance(table, relation, along, rowsById, colsById));
    }
  }
  return out;
}

function instance(table: BoundTable, relation: RelationSpec, along: { id: string; label: string },
  rowsById: Map<string, RowSpec>, colsById: Map<string, ColumnSpec>): RelationInstance {
  const terms: Term[] = [];
  let complete = true;
  const sides: Array<['left' | 'right', string[]]> = [['left', relation.left], ['right', relation.right]];
  for (const [side, ids] of sides) {
    for (const id of ids) {
      const rowId = relation.each === 'row' ? along.id : id;
      const colId = relation.each === 'row' ? id : along.id;
      const rowSpec = rowsById.get(rowId);
      const label = relation.each === 'row' ? columnTitle(colsById.get(id)!) : rowTitle(rowsById.get(id)!);
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
      // In a row with a lost or extra cell the figures may have shifted: row-shape says so, the sums stay silent.
      if (value === undefined || at.row.cells.length !== at.part.table.width) complete = false;
      terms.push({ side, id, label, cell, value });
    }
  }
  if (!complete || terms.every((t) => t.side !== 'left') || terms.every((t) => t.side !== 'right')
    || (table.spec.extraRows && relation.each === 'column' && unknownRowAmong(table, terms))) {
    return { table, relation, along, terms, status: 'incomplete' };
  }
  const left = sum(terms.filter((t) => t.side === 'left').map((t) => t.value!));
  const right = sum(terms.filter((t) => t.side === 'right').map((t) => t.value!));
  const holds = relation.kind === 'bound' ? left.lte(right) : left.eq(right);
  return { table, relation, along, terms, left, right, status: holds ? 'ok' : 'fail' };
}

/** A row outside the template sits among the relation's rows: it may be one of the parts, so do not judge. */
function unknownRowAmong(table: BoundTable, terms: Term[]): boolean {
  const rows = terms.map((t) => t.cell && table.rows.get(t.id)?.[0]).filter((b) => b !== undefined);
  return table.unknownRows.some(({ row, part }) => {
    const same = rows.filter((b) => b.part === part).map((b) => b.row.index);
    return same.length > 0 && row.index > minOf(same) && row.index < maxOf(same);
  });
}
