// insertRowEdit: a missing template row, inserted into its bound table in the table's own layout.
import type { Analysis } from '../index.js';
import type { Edit } from '../findings.js';
import type { BoundTable, TablePart } from '../bind/tables.js';
import type { RowSpec } from '../../templates/index.js';
import { leadingEnumerator, toChineseNumeral } from '../text.js';
import { eolOf, renderRow, rowStyleOf } from './markdown.js';

/**
 * Inserts template row `rowId` of table `tableSpecId`: on the line after the row bound to the nearest earlier
 * template row, else before the row bound to the nearest later one, else at the start of the table's body
 * (after its header, or after a block's caption row and the header row repeated under it).
 * The new row has as many cells as the header: its ordinal and label in the label column its siblings use
 * (else the last label column, empty label cells before it), its unit in the unit column, and empty value
 * cells; pipes and empty cells are written as the table writes them, the ordinal as the table writes ordinals.
 * Undefined when the table is not bound, the row is unknown or anonymous, or it is already there.
 */
export function insertRowEdit(analysis: Analysis, tableSpecId: string, rowId: string): Edit | undefined {
  const bound = analysis.binding.tables.find((t) => t.spec.id === tableSpecId);
  if (!bound) return undefined;
  const specs = bound.spec.rows;
  const index = specs.findIndex((r) => r.id === rowId);
  const spec = specs[index];
  if (!spec || spec.anonymous || bound.rows.has(rowId)) return undefined;

  const before = specs.slice(0, index).reverse().map((s) => bound.rows.get(s.id)?.[0]).find((b) => b !== undefined);
  const after = before ? undefined : specs.slice(index + 1).map((s) => bound.rows.get(s.id)?.[0]).find((b) => b !== undefined);
  const part = (before ?? after)?.part ?? bound.parts[0];
  const table = part.table;
  const { text, lines } = analysis.model.doc;
  const eol = eolOf(text);

  const labelColumns = table.columns.filter((c) => c.role === 'label').map((c) => c.index);
  if (labelColumns.length === 0) return undefined;
  const unitColumn = table.columns.find((c) => c.role === 'unit')?.index;
  const cells = new Array<string>(table.width).fill('');
  cells[labelColumnFor(bound, part, spec, labelColumns)] = ordinalFor(bound, spec) + spec.label;
  if (unitColumn !== undefined && spec.unit) cells[unitColumn] = spec.unit;

  const anchorLine = before?.row.line ?? after?.row.line ?? lineAfterHeader(part);
  const tableLines = table.rows.map((r) => lines.lineText(r.line));
  const row = renderRow(cells, rowStyleOf(lines.lineText(anchorLine), tableLines));
  if (after) {
    const at = lines.position(lines.lineStart(anchorLine));
    return { range: { start: at, end: at }, newText: row + eol };
  }
  const at = lines.position(lines.lineEnd(anchorLine));
  return { range: { start: at, end: at }, newText: eol + row };
}

/** Where a part's body starts: after its caption row (and the header row repeated under it), else the header. */
function lineAfterHeader(part: TablePart): number {
  const { table, captionRow } = part;
  if (captionRow) {
    const next = table.rows[captionRow.index + 1];
    const repeatedHeader = next && next.kind !== 'numeric' && !part.rows.includes(next);
    return repeatedHeader ? next.line : captionRow.line;
  }
  // The delimiter row is the line after the GFM header row; further header rows follow it.
  return table.headerRowCount > 1 ? table.rows[table.headerRowCount - 1].line : table.rows[0].line + 1;
}

/** The label column of the nearest bound sibling (same parent) in the same part, else the last label column. */
function labelColumnFor(bound: BoundTable, part: TablePart, spec: RowSpec, labelColumns: number[]): number {
  const order = bound.spec.rows.indexOf(spec);
  const siblings: Array<{ distance: number; column: number }> = [];
  for (const list of bound.rows.values()) {
    for (const b of list) {
      const column = b.row.labelCell?.column;
      if (b.part !== part || b.spec.parent !== spec.parent || column === undefined || !labelColumns.includes(column)) continue;
      siblings.push({ distance: Math.abs(bound.spec.rows.indexOf(b.spec) - order), column });
    }
  }
  siblings.sort((a, b) => a.distance - b.distance);
  return siblings[0]?.column ?? labelColumns[labelColumns.length - 1];
}

/**
 * The row's ordinal as this table writes ordinals of its kind: (二) where the table writes (一), 2、 where it
 * writes 1、; none where the table writes its rows without ordinals; the template's otherwise.
 */
function ordinalFor(bound: BoundTable, spec: RowSpec): string {
  if (!spec.ordinal) return '';
  const own = leadingEnumerator(spec.ordinal);
  if (!own) return spec.ordinal;
  let withOrdinal = 0;
  let without = 0;
  let sample: string | undefined;
  for (const list of bound.rows.values()) {
    for (const b of list) {
      const specOrdinal = b.spec.ordinal ? leadingEnumerator(b.spec.ordinal) : undefined;
      const raw = b.row.labelCell?.raw;
      if (!specOrdinal || raw === undefined) continue;
      const written = leadingEnumerator(raw);
      if (!written) { without++; continue; }
      withOrdinal++;
      if (sample === undefined && written.style === own.style) sample = written.text;
    }
  }
  if (withOrdinal === 0 && without > 0) return '';
  if (!sample) return spec.ordinal;
  const m = /[0-9]+|[０-９]+|[零〇一二两三四五六七八九十百]+/.exec(sample);
  if (!m) return spec.ordinal;
  const numeral = /[0-9]/.test(m[0]) ? String(own.value)
    : /[０-９]/.test(m[0]) ? String(own.value).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
      : toChineseNumeral(own.value);
  return sample.slice(0, m.index) + numeral + sample.slice(m.index + m[0].length);
}
