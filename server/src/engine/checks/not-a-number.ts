// not-a-number: text, a negative figure or a fraction where the template (or a totalled column) needs a count.
// unit (R14): a figure written with its unit (251000元, 12.5万元, 12件) is a number, not text: a warning when the
// unit is not the column's (采购总金额 prints none; 本年收费金额 is in 万元), information when it only repeats it.
import { label, msg, type Message } from '../message.js';
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { requiredCells } from './tables.js';
import { totalTables } from './generic.js';
import { columnTitle, rowTitle } from '../relations.js';
import { isInteger, isNegative, numberWithUnit } from '../numbers.js';
import type { ColumnSpec, RowSpec } from '../../templates/index.js';
import type { TableCell } from '../model/table.js';


/** The unit finding for a cell written as a number with its unit, or undefined when it is no such cell. */
function unitFinding(cell: TableCell, rowSpec: RowSpec, columnSpec: ColumnSpec, where: Message): Finding | undefined {
  const m = numberWithUnit(cell.text);
  if (!m) return undefined;
  const { number, value, unit: written } = m;
  const own = columnSpec.unit ?? rowSpec.unit;
  const said = { where, text: cell.text };
  if (own === written) {
    return finding('unit', cell.range, msg('unit.same-unit', { ...said, unit: label(own), number }),
      { severity: 'information', fixes: [{ title: msg('unit.fix-number', { number }), safe: false, edits: [{ range: cell.range, newText: number }] }] });
  }
  if (own === '万元' && written === '元') {
    const inWan = value.div(10000).toFixed();
    return finding('unit', cell.range, msg('unit.yuan-in-wan', { ...said, number, inWan }),
      { fixes: [{ title: msg('unit.fix-wan', { inWan }), safe: false, edits: [{ range: cell.range, newText: inWan }] }] });
  }
  return finding('unit', cell.range, own
    ? msg('unit.other-unit', { ...said, unit: label(own), written })
    : msg('unit.no-unit', { ...said, written }));
}

export const notANumber: Check = {
  codes: ['not-a-number', 'unit'],
  run({ binding }) {
    const out: Finding[] = [];
    for (const table of binding.tables) {
      for (const c of requiredCells(table)) {
        const cell = c.cell;
        if (!cell) continue;
        // Worded only for a cell with a finding: most cells of most reports have none.
        const where = () => msg('not-a-number.cell', { row: label(rowTitle(c.rowSpec)), column: label(columnTitle(c.columnSpec)) });
        if (cell.value.kind === 'text') {
          const unit = unitFinding(cell, c.rowSpec, c.columnSpec, where());
          if (unit) { out.push(unit); continue; }
          out.push(finding('not-a-number', cell.range, msg('not-a-number.not-a-number', { where: where(), text: cell.text, none: /^[-—–/／]+$|^无$/.test(cell.text) ? 'yes' : 'no' })));
        } else if (cell.value.kind === 'number') {
          const v = cell.value.value;
          if (isNegative(v) && !c.columnSpec.signed) {
            out.push(finding('not-a-number', cell.range, msg('not-a-number.negative', { where: where(), text: cell.text })));
          } else if (!isInteger(v) && !c.columnSpec.decimals && !c.rowSpec.decimals) {
            out.push(finding('not-a-number', cell.range, msg('not-a-number.not-whole', { where: where(), text: cell.text })));
          }
        }
      }
    }
    for (const table of totalTables(binding)) {
      for (const row of table.rows.slice(table.headerRowCount)) {
        for (const column of table.columns) {
          const cell = row.cells[column.index];
          if (!column.numeric || cell?.value.kind !== 'text') continue;
          out.push(finding('not-a-number', cell.range, msg('not-a-number.column', { column: column.leaf, index: column.index + 1, named: column.leaf ? 'yes' : 'no', text: cell.text })));
        }
      }
    }
    return out;
  },
};
