// empty-cell: a blank where the template needs a figure; blank-as-zero: a table that leaves 0 blank.
// A table that reads its blanks as 0 (blanks.ts) gets one blank-as-zero finding, and empty-cell only for the
// blanks that cannot be 0 (omitted figures). One finding per fault: a whole blank column or row is one finding,
// and the other blanks are grouped by the column or row that holds most of them.
import { finding, type Check } from './check.js';
import type { Finding, Fix } from '../findings.js';
import { requiredCells, type RequiredCell } from './tables.js';
import { isEmptyTable } from './empty-table.js';
import { columnTitle, rowTitle } from '../relations.js';
import { cellValue, readBlanks, type BlankReading } from '../blanks.js';
import type { BoundTable } from '../bind/tables.js';
import type { Binding } from '../bind/index.js';
import type { LocalText } from '../../templates/index.js';
import { formatDecimal, type Decimal } from '../numbers.js';
import { listedArgs } from '../budget.js';
import { label, msg, type Arg, type Message } from '../message.js';

export const emptyCell: Check = {
  codes: ['empty-cell', 'blank-as-zero'],
  run({ binding }) {
    const out: Finding[] = [];
    for (const table of binding.tables) {
      if (isEmptyTable(table)) continue;
      const reading = readBlanks(table);
      const cells = requiredCells(table);
      if (reading.convention && reading.setting === 'auto') out.push(convention(table, cells, reading));
      out.push(...blankFindings(binding, table, cells, reading));
    }
    return out;
  },
};

/** “二、上年结转…”一行 / Row "…"; the 四 table's one unlabelled row by its table. */
function rowName(c: RequiredCell): Message {
  return c.rowSpec.anonymous ? msg('empty-cell.data-row', { table: label(c.table.spec.title) })
    : msg('empty-cell.row', { row: label(rowTitle(c.rowSpec)) });
}

function cellName(c: RequiredCell): Message {
  const column = label(columnTitle(c.columnSpec));
  if (c.rowSpec.anonymous) return msg('describe.quoted', { text: column });
  return msg('not-a-number.cell', { row: label(rowTitle(c.rowSpec)), column });
}

function convention(table: BoundTable, cells: readonly RequiredCell[], reading: BlankReading): Finding {
  const zeros = cells.filter((c) => c.cell && reading.zero.has(c.cell));
  const example = cells.find((c) => c.cell && reading.forcedZero.has(c.cell));
  const e = example ? cellName(example) : undefined;
  const omitted = reading.unknown.size;
  return finding('blank-as-zero', table.parts[0].table.rows[0].range, msg('blank-as-zero.blank-as-zero', {
    example: e ?? '', hasExample: e ? 'yes' : 'no', zeros: zeros.length, omitted,
  }), {
    fixes: [{ title: msg('blank-as-zero.fix'), safe: false,
      edits: zeros.map((c) => ({ range: c.cell!.range, newText: '0' })) }],
  });
}

interface Line { key: string; kind: 'column' | 'row'; cells: RequiredCell[] }

function blankFindings(binding: Binding, table: BoundTable, cells: readonly RequiredCell[], reading: BlankReading): Finding[] {
  const isBlank = (c: RequiredCell) => c.cell !== undefined && reading.unknown.has(c.cell);
  const blank = cells.filter(isBlank);
  if (blank.length === 0) return [];
  const out: Finding[] = [];
  const reported = new Set<RequiredCell>();
  const columns = lines(cells, 'column');
  const rows = lines(cells, 'row');
  // A whole blank column (publishers often leave 总计 blank), then a whole blank row: one finding each.
  for (const line of columns) {
    if (line.cells.length < 2 || !line.cells.every((c) => isBlank(c) || !c.cell) || !line.cells.some(isBlank)) continue;
    line.cells.forEach((c) => reported.add(c));
    const { column, columnSpec } = line.cells[0];
    const n = line.cells.length;
    out.push(finding('empty-cell', column.headerCell?.range ?? line.cells[0].row.range, reading.convention
      ? msg('empty-cell.column-left-out', { column: label(columnTitle(columnSpec)), n, values: values(binding, line.cells) })
      : msg('empty-cell.column-blank', { column: label(columnTitle(columnSpec)), n }),
    { fixes: fill(binding, line.cells) }));
  }
  for (const line of rows) {
    const present = line.cells.filter((c) => c.cell);
    if (present.length < 2 || !present.every(isBlank)) continue;
    present.forEach((c) => reported.add(c));
    const name = rowName(present[0]);
    out.push(finding('empty-cell', present[0].row.range, reading.convention
      ? msg('empty-cell.row-left-out', { row: name })
      : msg('empty-cell.row-blank', { row: name })));
  }
  // The other blanks, grouped by the column or row that holds most of them.
  const byLine = [...columns, ...rows];
  for (;;) {
    let best: { line: Line; left: RequiredCell[] } | undefined;
    for (const line of byLine) {
      const left = line.cells.filter((c) => isBlank(c) && !reported.has(c));
      if (left.length >= 2 && (!best || left.length > best.left.length)) best = { line, left };
    }
    if (!best) break;
    best.left.forEach((c) => reported.add(c));
    out.push(group(binding, best.line.kind, best.left, reading.convention));
  }
  for (const c of blank) {
    if (reported.has(c)) continue;
    const name = cellName(c);
    out.push(finding('empty-cell', c.cell!.range, reading.convention
      ? msg('empty-cell.cell-left-out', { cell: name, values: values(binding, [c]) })
      // The relations may give the figure even where blanks are missing figures: then say it, not "write 0".
      : known(binding, c) ? msg('empty-cell.cell-blank-known', { cell: name, values: values(binding, [c]) })
      : msg('empty-cell.cell-blank', { cell: name }),
    { fixes: fill(binding, [c]) }));
  }
  return out;
}

function group(binding: Binding, kind: Line['kind'], cells: RequiredCell[], convention: boolean): Finding {
  const first = cells[0];
  const n = cells.length;
  const items = listedArgs(cells.map((c) => {
    const name = label(kind === 'column' ? (c.rowSpec.anonymous ? '' : rowTitle(c.rowSpec)) : columnTitle(c.columnSpec));
    const v = known(binding, c);
    return v ? msg('empty-cell.should-be', { name, value: formatDecimal(v) }) : name;
  }), msg('sep.list'));
  const where = kind === 'column'
    ? msg('empty-cell.column', { column: label(columnTitle(first.columnSpec)) })
    : rowName(first);
  const related = cells.map((c) => ({ range: c.cell!.range, message: msg('relations.blank', { cell: cellName(c) }) }));
  return finding('empty-cell', first.cell!.range, convention
    ? msg('empty-cell.blanks-left-out', { where, n, items })
    : msg('empty-cell.blanks', { where, n, items }),
  { related, fixes: fill(binding, cells) });
}

/** The figure the relations give a blank, when they determine it. */
function known(binding: Binding, c: RequiredCell): Decimal | undefined {
  const v = cellValue(binding, c.table, c.rowSpec.id, c.columnSpec.id);
  return v.kind === 'unknown' ? v.value : undefined;
}

/** "：按各项之和应为 272" for one cell; for several, the ones known. */
function values(binding: Binding, cells: RequiredCell[]): Arg {
  const known_ = cells.map((c) => ({ c, v: known(binding, c) })).filter((x) => x.v);
  if (known_.length === 0) return '';
  if (cells.length === 1) return msg('empty-cell.value', { value: formatDecimal(known_[0].v!) });
  const items = listedArgs(known_.map(({ c, v }) => msg('relations.term', {
    label: label(c.rowSpec.anonymous ? columnTitle(c.columnSpec) : rowTitle(c.rowSpec)), value: formatDecimal(v!),
  })), msg('sep.list'));
  return msg('empty-cell.values', { items });
}

/** Writing the figures the relations determine: a quick fix when every blank of the finding is determined. */
function fill(binding: Binding, cells: RequiredCell[]): Fix[] {
  const edits = cells.filter((c) => c.cell).map((c) => ({ c, v: known(binding, c) }));
  if (edits.length === 0 || edits.some((e) => !e.v)) return [];
  return [{ title: msg('empty-cell.fix'), safe: false,
    edits: edits.map(({ c, v }) => ({ range: c.cell!.range, newText: formatDecimal(v!) })) }];
}

function lines(cells: readonly RequiredCell[], kind: Line['kind']): Line[] {
  const map = new Map<string, Line>();
  for (const c of cells) {
    const key = kind === 'column' ? `${c.part.table.ordinal}:${c.column.index}` : `${c.part.table.ordinal}:${c.row.index}`;
    const line = map.get(key);
    if (line) line.cells.push(c); else map.set(key, { key, kind, cells: [c] });
  }
  return [...map.values()];
}
