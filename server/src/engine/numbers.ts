// Exact decimal values of table cells. Never floats: totals are compared digit for digit.
import Big from 'big.js';

export type Decimal = Big;

export type CellValue =
  | { kind: 'number'; value: Decimal; /** written with full-width digits */ fullWidth: boolean }
  | { kind: 'empty' }
  | { kind: 'text' };

const EMPHASIS = /^(\*\*|__|\*|_)(.*)\1$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^[+-]?\d+(\.\d+)?$/;

/** Reads a cell: integers, decimals, thousands separators and full-width digits are numbers; blank is missing. */
const EMPTY: CellValue = Object.freeze({ kind: 'empty' });
const TEXT: CellValue = Object.freeze({ kind: 'text' });
/** ASCII digits alone, the most common cell: read without normalising. */
const DIGITS = /^\d{1,15}$/;
const IDEOGRAPH = /[\u4e00-\u9fff]/;

/**
 * Small whole numbers, shared: most cells of a long table hold one, and a Big and its digit array for each
 * would be most of the table's memory. Values are never changed in place (Big's methods return new values).
 */
const SMALL = new Map<string, CellValue>();

export function readCell(raw: string): CellValue {
  if (DIGITS.test(raw)) {
    if (raw.length > 4) return { kind: 'number', value: new Big(raw), fullWidth: false };
    let value = SMALL.get(raw);
    if (!value) {
      value = Object.freeze({ kind: 'number', value: new Big(raw), fullWidth: false });
      SMALL.set(raw, value);
    }
    return value;
  }
  // A CJK ideograph is never part of a number (NFKC leaves them as they are): the labels.
  if (IDEOGRAPH.test(raw)) return TEXT;
  let text = raw.trim();
  for (let m = EMPHASIS.exec(text); m; m = EMPHASIS.exec(text)) text = m[2].trim();
  if (text === '') return EMPTY;
  const ascii = text.normalize('NFKC').replace(/[−－]/g, '-').replace(/\s+/g, '');
  const fullWidth = ascii !== text.replace(/\s+/g, '') && /[０-９]/.test(text);
  // big.js reads a minus but not a plus: "+2" (a 本年增/减 of the 2019 tables) is 2
  const unsigned = ascii.charCodeAt(0) === 0x2b ? ascii.slice(1) : ascii;
  if (PLAIN.test(ascii)) return { kind: 'number', value: new Big(unsigned), fullWidth };
  if (GROUPED.test(ascii)) return { kind: 'number', value: new Big(unsigned.replace(/,/g, '')), fullWidth };
  return TEXT;
}

/** A number written with its unit in a cell ("251000元", "12.5 万元", "１２件"): still text to the sums, but a figure. */
/** The units a figure may be written with, longest first where one ends another (万元 before 元, 人次 before 人). */
export const FIGURE_UNITS: readonly string[] = ['万元', '亿元', '元', '件', '条', '个', '项', '人次', '人', '次', '篇', '场'];
const WITH_UNIT = new RegExp(`^(.+?)\\s*(${FIGURE_UNITS.join('|')})$`);

type WithUnit = { number: string; value: Decimal; unit: string } | undefined;
/** Cell texts repeat (row labels above all, read for every table row): each is read once. */
const withUnit = new Map<string, WithUnit>();

export function numberWithUnit(text: string): WithUnit {
  if (text.length > 64) return readWithUnit(text);
  let read = withUnit.get(text);
  if (read === undefined && !withUnit.has(text)) {
    read = readWithUnit(text);
    if (withUnit.size > 50_000) withUnit.clear();
    withUnit.set(text, read);
  }
  return read;
}

function readWithUnit(text: string): WithUnit {
  const m = WITH_UNIT.exec(text.normalize('NFKC').trim());
  if (!m) return undefined;
  const value = readCell(m[1]);
  return value.kind === 'number' ? { number: m[1].trim(), value: value.value, unit: m[2] } : undefined;
}

/** A cell that holds a figure: a number, or a number written with its unit. */
export function isFigure(cell: { text: string; value: CellValue }): boolean {
  return cell.value.kind === 'number' || (cell.value.kind === 'text' && numberWithUnit(cell.text) !== undefined);
}

/** The exact sum (of one figure, that figure: figures are never changed once read). */
export function sum(values: readonly Decimal[]): Decimal {
  if (values.length === 0) return new Big(0);
  let total = values[0]!;
  for (let i = 1; i < values.length; i++) total = total.plus(values[i]!);
  return plainZero(total);
}

/** 0 for −0 (a cell may read “-0”; a sum is written 0, as adding to 0 writes it). */
function plainZero(value: Decimal): Decimal {
  return value.s < 0 && isZero(value) ? new Big(0) : value;
}

export function zero(): Decimal {
  return new Big(0);
}

/** Plain decimal notation, never exponent form. */
export function formatDecimal(value: Decimal): string {
  return value.toFixed();
}

/**
 * Whether a figure is whole, from big.js's normalised form (digits `c` without trailing zeros, `e` the exponent of
 * the first): no digit after the point. No new number per cell (the not-a-number check asks on every keystroke).
 */
export function isInteger(value: Decimal): boolean {
  return value.c.length <= value.e + 1;
}

/** Whether a figure is below zero (not −0), from big.js's sign and digits: no new number per cell, as isInteger. */
export function isNegative(value: Decimal): boolean {
  return value.s < 0 && value.c[0] !== 0;
}

/** Whether a figure is 0 (or −0), from big.js's digits (0 is [0]): `value.eq(0)` without a new number to compare with. */
export function isZero(value: Decimal): boolean {
  return value.c[0] === 0;
}

/** Whether a figure is above zero: `value.gt(0)` likewise. */
export function isPositive(value: Decimal): boolean {
  return value.s > 0 && value.c[0] !== 0;
}
