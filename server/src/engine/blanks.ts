// How a template table's blank cells read. A blank is an unknown figure, at least 0, never a reason to skip a
// relation. Many bodies leave 0 blank: a table that writes no 0 anywhere and whose relations force some blanks
// to be 0 reads its blanks as 0 (the publisher's convention), except a blank the relations forbid to be 0
// (a 总计 whose parts are not all 0): that one is an omitted figure and stays unknown. The setting
// (`--blank-cells`, `tally.blankCells`) can force either reading.
import type { Binding } from './bind/index.js';
import type { BoundTable } from './bind/tables.js';
import { cellAt } from './bind/tables.js';
import type { TableCell } from './model/table.js';
import { evaluateRelations, feasible, relationInstances, writtenSums, type RawInstance, type Term } from './relations.js';
import { requiredCells } from './checks/tables.js';
import { isZero, zero, type Decimal } from './numbers.js';
import { minOf } from './lists.js';

/** auto: detect each table's convention; zero: every blank of a table with figures is 0; missing: never 0. */
export type BlankCells = 'auto' | 'zero' | 'missing';

export const BLANK_CELLS: readonly BlankCells[] = ['auto', 'zero', 'missing'];

export interface BlankReading {
  /** The setting the table was read with. */
  setting: BlankCells;
  /** Blanks read as 0: the table's convention (setting auto) or the setting zero. */
  convention: boolean;
  /** Every blank cell where the template needs a figure, in document order. */
  blanks: TableCell[];
  /** Blank cells read as 0. */
  zero: ReadonlySet<TableCell>;
  /** Blank cells of unknown value: every blank without the convention; with it, the omitted figures. */
  unknown: ReadonlySet<TableCell>;
  /** Blanks the relations force to be 0 whatever the reading (a row whose written parts already make its total). */
  forcedZero: ReadonlySet<TableCell>;
}

const readings = new WeakMap<BoundTable, BlankReading>();

export function readBlanks(table: BoundTable): BlankReading {
  const known = readings.get(table);
  if (known) return known;
  const setting = table.blankCells ?? 'auto';
  const cells = requiredCells(table);
  const blanks = cells.filter((c) => c.cell?.value.kind === 'empty').map((c) => c.cell!);
  const figures = cells.filter((c) => c.cell?.value.kind === 'number').map((c) => c.cell!.value);
  const writesZero = figures.some((v) => v.kind === 'number' && isZero(v.value));
  // A table without a figure is empty-table's: there is nothing to read its blanks against. The blanks forced to
  // be 0 matter only where the table may read its blanks as 0 (they decide it under auto, and name an example).
  const may = blanks.length > 0 && figures.length > 0 && (setting === 'zero' || (setting === 'auto' && !writesZero));
  const raws = may ? relationInstances(table).filter((r) => !r.unverifiable && r.relation.kind !== 'bound') : [];
  const forcedZero = may ? forcedZeros(raws) : new Set<TableCell>();
  const convention = may && (setting === 'zero' || forcedZero.size > 0);
  const omitted = convention ? omittedFigures(raws) : new Set(blanks);
  const reading: BlankReading = {
    setting, convention, blanks, forcedZero,
    zero: new Set(convention ? blanks.filter((c) => !omitted.has(c)) : []),
    unknown: omitted,
  };
  readings.set(table, reading);
  return reading;
}

/** Blanks on one side of an equality whose written figures already balance the other side, which has no blank. */
function forcedZeros(raws: RawInstance[]): Set<TableCell> {
  const out = new Set<TableCell>();
  for (const raw of raws) {
    let blankLeft = 0;
    let blankRight = 0;
    for (const t of raw.terms) if (t.blank) { if (t.side === 'left') blankLeft++; else blankRight++; }
    if ((blankLeft === 0) === (blankRight === 0)) continue;
    const { left, right } = writtenSums(raw);
    if (!left.eq(right)) continue;
    for (const t of raw.terms) if (t.blank) out.add(t.cell!);
  }
  return out;
}

/**
 * With blanks read as 0, the blanks of a relation that 0 cannot satisfy (its short side's blanks) are omitted
 * figures. The relations with the fewest such blanks go first, so a row's blank 总计 is the omitted figure, not
 * every blank 总计 of the column whose total they make.
 */
function omittedFigures(raws: RawInstance[]): Set<TableCell> {
  const omitted = new Set<TableCell>();
  for (;;) {
    const candidates: TableCell[][] = [];
    for (const raw of raws) {
      const { left, right } = writtenSums(raw);
      const open = (side: Term['side']) => raw.terms.some((t) => t.side === side && t.blank && omitted.has(t.cell!));
      if (feasible(raw.relation.kind, left, open('left'), right, open('right'))) continue;
      const short: Term['side'] = left.lt(right) ? 'left' : 'right';
      const zeros: TableCell[] = [];
      for (const t of raw.terms) if (t.side === short && t.blank && !omitted.has(t.cell!)) zeros.push(t.cell!);
      // No blank on the short side: the written figures contradict each other, a fault the relation reports.
      if (zeros.length > 0) candidates.push(zeros);
    }
    if (candidates.length === 0) return omitted;
    const fewest = minOf(candidates.map((c) => c.length));
    for (const c of candidates) if (c.length === fewest) c.forEach((cell) => omitted.add(cell));
  }
}

/** What a template cell holds, as every check should read it. */
export type CellReading =
  | { kind: 'number'; value: Decimal }
  /** Blank, in a table that leaves 0 blank: 0. */
  | { kind: 'zero-by-convention' }
  /**
   * Blank, of unknown value: at least `min` (0, or more where a relation needs it: a blank 总计 is at least the
   * sum of its written parts), and exactly `value` where the relations determine it (a 总计 whose parts are all known).
   */
  | { kind: 'unknown'; min: Decimal; value?: Decimal }
  /** No such table, row or cell; text; or a row with a lost or extra cell, whose figures may have shifted. */
  | { kind: 'absent' };

const bounds = new WeakMap<BoundTable, Map<TableCell, { min: Decimal; value?: Decimal }>>();

/**
 * The figure of a template cell (`table` a bound table or a template table id; `row` and `column` template ids),
 * with blanks read as the table reads them. For checks that need a table figure, prose checks among them.
 */
export function cellValue(binding: Binding, table: BoundTable | string, row: string, column: string): CellReading {
  const bound = typeof table === 'string' ? binding.tables.find((t) => t.spec.id === table) : table;
  if (!bound) return { kind: 'absent' };
  const at = cellAt(bound, row, column);
  const cell = at?.row.cells[at.column.index];
  if (!at || !cell || at.row.cells.length !== at.part.table.width) return { kind: 'absent' };
  if (cell.value.kind === 'number') return { kind: 'number', value: cell.value.value };
  if (cell.value.kind !== 'empty') return { kind: 'absent' };
  if (readBlanks(bound).zero.has(cell)) return { kind: 'zero-by-convention' };
  return { kind: 'unknown', ...(unknownBounds(bound).get(cell) ?? { min: zero() }) };
}

/** Lower bounds (and values) of a table's unknown blanks from the equalities they take part in. */
function unknownBounds(table: BoundTable): Map<TableCell, { min: Decimal; value?: Decimal }> {
  let map = bounds.get(table);
  if (map) return map;
  map = new Map();
  bounds.set(table, map);
  for (const instance of evaluateRelations(table)) {
    if (instance.status !== 'incomplete' || !instance.unknown || instance.relation.kind === 'bound') continue;
    for (const term of instance.unknown) {
      const same = term.side === 'left' ? instance.left! : instance.right!;
      const other = term.side === 'left' ? instance.right! : instance.left!;
      const alone = instance.unknown.filter((t) => t.side === term.side).length === 1;
      if (!alone) continue;
      const entry = map.get(term.cell!) ?? { min: zero() };
      const least = other.minus(same);
      if (least.gt(entry.min)) entry.min = least;
      if (instance.unknown.length === 1) entry.value = least;
      map.set(term.cell!, entry);
    }
  }
  return map;
}
