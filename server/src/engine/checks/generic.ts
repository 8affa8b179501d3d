// Generic totals for any Markdown table (and for 小计 rows added to a template table, R4):
// a row labelled 合计 / 总计 / 小计 / Total equals the sum of the rows above it, back to the previous total;
// a column so labelled equals the sum of the numeric columns before it.
import type { Binding } from '../bind/index.js';
import { isTotalLabel } from '../bind/tables.js';
import type { TableColumn, TableModel, TableRow } from '../model/table.js';
import { formatDecimal, sum, type Decimal } from '../numbers.js';
import { labelKey } from '../text.js';
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { append } from '../lists.js';
import { listedArgs } from '../budget.js';
import { msg, type Arg, type Message } from '../message.js';

/** Columns whose figures do not add up: shares, rates, averages, ranks, years. */
const NOT_ADDITIVE = /%|％|占比|比例|比重|率|同比|环比|平均|均值|人均|排名|排序|序号|年份|年度|编号|单价|增减|增长/;
/** Rows that break a figure down rather than add to it. */
const BREAKDOWN_ROW = /^\s*(其中|含|注)/;

function isSubtotal(row: TableRow): boolean {
  return /[计計\uf900-\ufaff]/.test(row.label) && labelKey(row.label).core === '小计';
}

function totalRows(table: TableModel): TableRow[] {
  return table.rows.slice(table.headerRowCount).filter((r) => r.kind === 'numeric' && r.label && isTotalLabel(r.label));
}

function additiveColumns(table: TableModel): TableColumn[] {
  return table.columns.filter((c) => c.role === 'value' && c.numeric && !NOT_ADDITIVE.test(c.path.join('')));
}

function totalColumns(table: TableModel): TableColumn[] {
  return additiveColumns(table).filter((c) => c.leaf && isTotalLabel(c.leaf));
}

/** Tables outside every template that have a total row or column: the ones the generic checks look at. */
const totalled = new WeakMap<readonly TableModel[], TableModel[]>();

export function totalTables(binding: Binding): TableModel[] {
  // Kept per list of loose tables: a kept binding (bind/kept.ts) keeps its list.
  let tables = totalled.get(binding.looseTables);
  if (!tables) {
    tables = binding.looseTables.filter((t) => totalRows(t).length > 0 || totalColumns(t).length > 0);
    totalled.set(binding.looseTables, tables);
  }
  return tables;
}

/** Every table a check of cells and shapes looks at: the template's and the totalled loose ones. */
export function checkedTables(binding: Binding): TableModel[] {
  const bound = new Set(binding.tables.flatMap((t) => t.parts.map((p) => p.table)));
  return [...bound, ...totalTables(binding)].sort((a, b) => a.ordinal - b.ordinal);
}

const grouped = new WeakMap<TableModel, boolean>();

function groupsUnderSubtotals(table: TableModel): boolean {
  let known = grouped.get(table);
  if (known === undefined) grouped.set(table, known = table.rows.some(isSubtotal));
  return known;
}

/** The rows a total row adds up: back to the previous total, taking a 小计 for the rows it covers. */
function partsOfRow(table: TableModel, total: TableRow, memo: Map<TableRow, TableRow[]>): TableRow[] {
  const cached = memo.get(total);
  if (cached) return cached;
  const subtotal = isSubtotal(total);
  const prefix = total.path.slice(0, -1).join('\u0000');
  const parts: TableRow[] = [];
  const rows = table.rows;
  for (let i = total.index - 1; i >= table.headerRowCount; i--) {
    const row = rows[i];
    if (row.kind === 'empty') continue;
    if (subtotal && total.path.length > 1 && row.path.slice(0, -1).join('\u0000') !== prefix) break;
    if (row.label && isTotalLabel(row.label)) {
      if (subtotal || !isSubtotal(row)) break;
      parts.push(row);
      const covered = partsOfRow(table, row, memo);
      const first = covered.length ? covered[0].index : row.index;
      i = first;
      continue;
    }
    if (row.kind === 'label') {
      if (subtotal) break;
      // A row without figures is a group label only where the table groups rows under 小计s;
      // elsewhere it may be a row whose figures are missing, and the total cannot be judged.
      if (!groupsUnderSubtotals(table)) { memo.set(total, []); return []; }
      continue;
    }
    if (BREAKDOWN_ROW.test(row.label)) continue;
    parts.push(row);
  }
  parts.reverse();
  memo.set(total, parts);
  return parts;
}

function valueOf(row: TableRow, column: TableColumn): Decimal | undefined {
  const v = row.cells[column.index]?.value;
  return v?.kind === 'number' ? v.value : undefined;
}

function isBlank(row: TableRow, column: TableColumn): boolean {
  return row.cells[column.index]?.value.kind === 'empty';
}

/**
 * Parts with blanks (each some figure ≥ 0): a fault only when the parts written already exceed the total,
 * whatever the blanks hold. One finding, naming the blanks.
 */
function exceeded(row: TableRow, column: TableColumn, parts: Array<{ label: Arg; value?: Decimal }>, found: Decimal,
  what: Message): Finding | undefined {
  const written = parts.filter((p) => p.value !== undefined);
  const known = sum(written.map((p) => p.value!));
  if (known.lte(found)) return undefined;
  const terms = written.filter((p) => !p.value!.eq(0)).map((p) => msg('relations.term', { label: p.label, value: formatDecimal(p.value!) }));
  const blanks = parts.filter((p) => p.value === undefined).map((p) => msg('quote.cjk', { text: p.label }));
  return finding('total-mismatch', row.cells[column.index]!.range, msg('generic.exceeded', {
    what, found: formatDecimal(found), known: formatDecimal(known), terms: listedArgs(terms, ' + '), blanks: listedArgs(blanks, msg('sep.list')),
  }));
}

function mismatch(row: TableRow, column: TableColumn, parts: Array<{ label: Arg; value: Decimal }>, found: Decimal,
  what: Message): Finding {
  const expected = sum(parts.map((p) => p.value));
  const cell = row.cells[column.index]!;
  const shown = parts.length > 8 ? parts.filter((p) => !p.value.eq(0)) : parts;
  const terms = shown.map((p) => msg('relations.term', { label: p.label, value: formatDecimal(p.value) }));
  const formula = terms.length ? listedArgs(terms, ' + ') : '0';
  return finding('total-mismatch', cell.range, msg('generic.should-be', {
    what, expected: formatDecimal(expected), formula, zeros: parts.length - shown.length, found: formatDecimal(found),
  }), {
    fixes: [{ title: msg('relations.fix-change-to-value', { v: formatDecimal(expected) }), safe: true,
      edits: [{ range: cell.range, newText: formatDecimal(expected) }] }],
  });
}

function checkRowTotals(table: TableModel, only?: Set<TableRow>): Finding[] {
  const out: Finding[] = [];
  const memo = new Map<TableRow, TableRow[]>();
  const columns = additiveColumns(table);
  for (const total of totalRows(table)) {
    if (only && !only.has(total)) continue;
    const rows = partsOfRow(table, total, memo);
    if (rows.length === 0) continue;
    for (const column of columns) {
      const found = valueOf(total, column);
      const values = rows.map((r) => valueOf(r, column));
      if ([total, ...rows].some((r) => r.cells.length !== table.width)) continue;
      if (found === undefined || rows.some((r, i) => values[i] === undefined && !isBlank(r, column))) continue;
      const what = msg('generic.row-total', { row: total.label, column: column.leaf, named: column.leaf ? 'yes' : 'no', index: column.index + 1 });
      if (values.some((v) => v === undefined)) {
        const fault = exceeded(total, column, rows.map((r, i) => ({ label: r.label || msg('generic.line', { line: r.line + 1 }), value: values[i] })), found, what);
        if (fault) out.push(fault);
        continue;
      }
      if (sum(values as Decimal[]).eq(found)) continue;
      const parts = rows.map((r, i) => ({ label: r.label || msg('generic.line', { line: r.line + 1 }), value: values[i]! }));
      out.push(mismatch(total, column, parts, found, what));
    }
  }
  return out;
}

function checkColumnTotals(table: TableModel): Finding[] {
  const out: Finding[] = [];
  const columns = additiveColumns(table);
  for (const total of totalColumns(table)) {
    const before = columns.filter((c) => c.index < total.index);
    const lastTotal = before.filter((c) => isTotalLabel(c.leaf)).pop();
    const parts = before.filter((c) => !lastTotal || c.index > lastTotal.index);
    if (parts.length === 0) continue;
    for (const row of table.rows.slice(table.headerRowCount)) {
      if (row.kind !== 'numeric' || row.cells.length !== table.width) continue;
      const found = valueOf(row, total);
      const values = parts.map((c) => valueOf(row, c));
      if (found === undefined || parts.some((c, i) => values[i] === undefined && !isBlank(row, c))) continue;
      const what = msg('generic.column-total', { total: total.leaf, row: row.label, hasRow: row.label ? 'yes' : 'no' });
      if (values.some((v) => v === undefined)) {
        const fault = exceeded(row, total, parts.map((c, i) => ({ label: c.leaf || msg('generic.column', { index: c.index + 1 }), value: values[i] })), found, what);
        if (fault) out.push(fault);
        continue;
      }
      if (sum(values as Decimal[]).eq(found)) continue;
      out.push(mismatch(row, total, parts.map((c, i) => ({ label: c.leaf || msg('generic.column', { index: c.index + 1 }), value: values[i]! })), found, what));
    }
  }
  return out;
}

export const genericTotals: Check = {
  codes: ['total-mismatch'],
  run({ binding }) {
    const out: Finding[] = [];
    for (const table of totalTables(binding)) { append(out, checkRowTotals(table)); append(out, checkColumnTotals(table)); }
    // R4: a 小计 row someone added to a template table.
    for (const bound of binding.tables) {
      for (const part of bound.parts) {
        const rows = new Set(bound.subtotalRows.filter((s) => s.part === part).map((s) => s.row));
        if (rows.size) append(out, checkRowTotals(part.table, rows));
      }
    }
    return out;
  },
};
