// not-a-number: text, a negative figure or a fraction where the template (or a totalled column) needs a count.
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { requiredCells } from './tables.js';
import { totalTables } from './generic.js';
import { columnTitle, rowTitle } from '../relations.js';
import { isInteger } from '../numbers.js';

export const notANumber: Check = {
  codes: ['not-a-number'],
  run({ binding }) {
    const out: Finding[] = [];
    for (const table of binding.tables) {
      for (const c of requiredCells(table)) {
        const cell = c.cell;
        if (!cell) continue;
        const where = { zh: `“${rowTitle(c.rowSpec)}”的“${columnTitle(c.columnSpec)}”`, en: `"${rowTitle(c.rowSpec)}" / "${columnTitle(c.columnSpec)}"` };
        if (cell.value.kind === 'text') {
          out.push(finding('not-a-number', cell.range, {
            zh: `${where.zh}应为数字，此处为“${cell.text}”${/^[-—–/／]+$|^无$/.test(cell.text) ? '；没有请填 0' : ''}`,
            en: `${where.en} should be a number, found "${cell.text}"${/^[-—–/／]+$|^无$/.test(cell.text) ? '; write 0 for none' : ''}`,
          }));
        } else if (cell.value.kind === 'number') {
          const v = cell.value.value;
          if (v.lt(0) && !c.columnSpec.signed) {
            out.push(finding('not-a-number', cell.range, { zh: `${where.zh}不能为负数（${cell.text}）`, en: `${where.en} cannot be negative (${cell.text})` }));
          } else if (!isInteger(v) && !c.columnSpec.decimals && !c.rowSpec.decimals) {
            out.push(finding('not-a-number', cell.range, { zh: `${where.zh}应为整数，此处为 ${cell.text}`, en: `${where.en} should be a whole number, found ${cell.text}` }));
          }
        }
      }
    }
    for (const table of totalTables(binding)) {
      for (const row of table.rows.slice(table.headerRowCount)) {
        for (const column of table.columns) {
          const cell = row.cells[column.index];
          if (!column.numeric || cell?.value.kind !== 'text') continue;
          out.push(finding('not-a-number', cell.range, {
            zh: `“${column.leaf || `第 ${column.index + 1} 列`}”列应为数字，此处为“${cell.text}”`,
            en: `Column "${column.leaf || `#${column.index + 1}`}" holds numbers; found "${cell.text}"`,
          }));
        }
      }
    }
    return out;
  },
};
