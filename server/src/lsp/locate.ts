// What is under the cursor: a template table cell, a row label, a section heading.
import type { Position } from 'vscode-languageserver';
import type { Analysis } from '../engine/index.js';
import type { BoundTable, TablePart } from '../engine/bind/tables.js';
import type { TableCell, TableModel, TableRow } from '../engine/model/table.js';
import type { SectionMatch } from '../engine/bind/sections.js';

export interface CellAt { table: TableModel; row: TableRow; cell: TableCell; bound?: BoundTable; part?: TablePart }

function contains(cell: TableCell, position: Position): boolean {
  return cell.range.start.line === position.line && cell.range.start.character <= position.character
    && position.character <= Math.max(cell.range.end.character, cell.range.start.character + 1);
}

export function cellAt(analysis: Analysis, position: Position): CellAt | undefined {
  const table = analysis.model.tables.find((t) => t.range.start.line <= position.line && position.line <= t.range.end.line);
  if (!table) return undefined;
  const row = table.rows.find((r) => r.line === position.line);
  const cell = row?.cells.find((c) => contains(c, position));
  if (!row || !cell) return undefined;
  const bound = analysis.binding.tables.find((b) => b.parts.some((p) => p.table === table && p.rows.includes(row)));
  const part = bound?.parts.find((p) => p.table === table && p.rows.includes(row));
  return { table, row, cell, bound, part };
}

export function sectionAt(analysis: Analysis, line: number): SectionMatch | undefined {
  return analysis.binding.sections?.matches.find((m) => m.heading.line === line);
}
