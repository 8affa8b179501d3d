// How the prose checks quote the text and name table cells in their messages.
import type { ReportModel } from '../model/report.js';
import type { RelatedInformation } from '../findings.js';
import { joined, label, msg, type Message } from '../message.js';
import { formatDecimal, type Decimal } from '../numbers.js';
import { rowTitle } from '../relations.js';
import { plainLabel } from '../text.js';
import type { Quantity } from './quantities.js';
import type { ResolvedCell } from './figures.js';
import { maxOf, minOf } from '../lists.js';

/** The figure with the words just before it in its clause: “同意部分公开”41件. */
export function excerpt(model: ReportModel, q: Quantity, words = 14): string {
  const from = Math.max(q.clauseStart, q.numberStart - words);
  return plainLabel(model.doc.text.slice(from, q.end).replace(/\s*[\r\n]\s*/g, ''));
}

/** 1-based line of a document offset. */
export function lineAt(model: ReportModel, offset: number): number {
  return model.doc.lines.position(offset).line + 1;
}

/** `value` written the way the text wrote `like`: thousands separators, full-width digits. */
export function writtenLike(model: ReportModel, like: Quantity, value: Decimal, decimals?: number): string {
  const raw = model.doc.text.slice(like.numberStart, like.numberEnd);
  let text = decimals === undefined ? formatDecimal(value) : value.toFixed(decimals);
  if (like.grouped) {
    const sep = raw.includes('，') ? '，' : ',';
    const [int, frac] = text.split('.');
    text = int.replace(/\B(?=(\d{3})+(?!\d))/g, sep) + (frac ? `.${frac}` : '');
  }
  if (/[０-９]/.test(raw)) text = text.replace(/[0-9.]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  return text;
}

/** "“3.同意部分公开答复数”（“合计”列）", or for a sum the cells it adds up. */
export function describeCells(cells: ResolvedCell[]): Message {
  const one = (c: ResolvedCell): Message => c.rowLabel
    ? (c.table.spec.columns.length > 1
      ? msg('describe.cell', { row: label(c.rowLabel), column: label(c.columnLabel) })
      : msg('describe.quoted', { text: label(c.rowLabel) }))
    : msg('describe.quoted', { text: label(c.columnLabel) });
  if (cells.length === 1) return one(cells[0]);
  const sameRow = cells.every((c) => c.row === cells[0].row);
  const sameColumn = cells.every((c) => c.ref.column === cells[0].ref.column);
  const rowSpec = cells[0].table.spec.rows.find((r) => r.id === cells[0].ref.row);
  const parent = rowSpec?.parent ? cells[0].table.spec.rows.find((r) => r.id === rowSpec.parent) : undefined;
  if (sameColumn && parent && cells.length > 2
    && cells.every((c) => c.table.spec.rows.find((r) => r.id === c.ref.row)?.parent === parent.id)) {
    const title = rowTitle(parent);
    return msg('describe.sum-under', { count: cells.length, parent: label(title), column: label(cells[0].columnLabel) });
  }
  if (sameRow && cells.length > 2 && cells[0].rowLabel) {
    const first = cells[0].columnLabel;
    const last = cells[cells.length - 1].columnLabel;
    return msg('describe.sum-across', { count: cells.length, row: label(cells[0].rowLabel), first: label(first), last: label(last) });
  }
  const parts = cells.map(one);
  return msg('describe.sum', { parts: joined(parts, ' + ') });
}

/** The lines the cells are on: "第 206 行", "第 85–92 行". */
export function cellLines(cells: ResolvedCell[]): Message {
  const lines = cells.map((c) => c.cell.range.start.line + 1);
  const lo = minOf(lines);
  const hi = maxOf(lines);
  return lo === hi ? msg('describe.line', { line: lo }) : msg('describe.lines', { first: lo, last: hi });
}

export function relatedCells(cells: ResolvedCell[]): RelatedInformation[] {
  return cells.map((c) => {
    const name = c.rowLabel ? `${c.rowLabel}·${c.columnLabel}` : c.columnLabel;
    return {
      range: c.cell.range,
      message: msg('describe.table-cell', { table: label(c.table.spec.title), cell: label(name), value: formatDecimal(c.value) }),
    };
  });
}
