// Shared helpers for the table checks: names for messages and the cells a template table requires.
import type { BoundTable, TablePart } from '../bind/tables.js';
import type { TableCell, TableColumn, TableRow } from '../model/table.js';
import type { ColumnSpec, RowSpec } from '../../templates/index.js';

export interface RequiredCell {
  table: BoundTable;
  part: TablePart;
  row: TableRow;
  rowSpec: RowSpec;
  column: TableColumn;
  columnSpec: ColumnSpec;
  /** Undefined when the row is too short to have this cell (row-shape reports that). */
  cell?: TableCell;
}

const required = new WeakMap<BoundTable, readonly RequiredCell[]>();

/** Every (numeric row × column) cell the template expects a number in, in document order (once per bound table). */
export function requiredCells(table: BoundTable): readonly RequiredCell[] {
  const known = required.get(table);
  if (known) return known;
  const out = cellsOf(table);
  required.set(table, out);
  return out;
}

function cellsOf(table: BoundTable): RequiredCell[] {
  const out: RequiredCell[] = [];
  for (const bindings of table.rows.values()) {
    for (const { row, part, spec: rowSpec } of bindings) {
      if (rowSpec.group) continue;
      for (const columnSpec of table.spec.columns) {
        const column = part.columns.get(columnSpec.id);
        if (!column) continue;
        out.push({ table, part, row, rowSpec, column, columnSpec, cell: row.cells[column.index] });
      }
    }
  }
  return out.sort((a, b) => a.row.range.start.line - b.row.range.start.line || a.column.index - b.column.index);
}
