// not-a-number: text, a negative figure or a fraction where the template (or a totalled column) needs a count.
// unit (R14): a figure written with its unit (251000元, 12.5万元, 12件) is a number, not text: a warning when the
// unit is not the column's (采购总金额 prints none; 本年收费金额 is in 万元), information when it only repeats it.
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { requiredCells } from './tables.js';
import { totalTables } from './generic.js';
import { columnTitle, rowTitle } from '../relations.js';
import { isInteger, numberWithUnit } from '../numbers.js';
import type { ColumnSpec, RowSpec } from '../../templates/index.js';
import type { TableCell } from '../model/table.js';


/** The unit finding for a cell written as a number with its unit, or undefined when it is no such cell. */
function unitFinding(cell: TableCell, rowSpec: RowSpec, columnSpec: ColumnSpec, where: { zh: string; en: string }): Finding | undefined {
  const m = numberWithUnit(cell.text);
  if (!m) return undefined;
  const { number, value, unit: written } = m;
  const own = columnSpec.unit ?? rowSpec.unit;
  if (own === written) {
    return finding('unit', cell.range, {
      zh: `${where.zh}写成“${cell.text}”：本栏单位已是${own}，只填数字 ${number}`,
      en: `${where.en} is written "${cell.text}": the column is already in ${own}; write the number ${number} alone`,
    }, { severity: 'information', fixes: [{ title: { zh: `改为 ${number}`, en: `Write ${number}` }, safe: false, edits: [{ range: cell.range, newText: number }] }] });
  }
  if (own === '万元' && written === '元') {
    const inWan = value.div(10000).toFixed();
    return finding('unit', cell.range, {
      zh: `${where.zh}写成“${cell.text}”：本栏单位为万元，${number}元应填 ${inWan}`,
      en: `${where.en} is written "${cell.text}": the column is in 万元 (10,000 yuan), so ${number}元 is ${inWan}`,
    }, { fixes: [{ title: { zh: `改为 ${inWan}（万元）`, en: `Write ${inWan} (万元)` }, safe: false, edits: [{ range: cell.range, newText: inWan }] }] });
  }
  return finding('unit', cell.range, own
    ? {
      zh: `${where.zh}写成“${cell.text}”：本栏单位为${own}，不是${written}，请核对并只填数字`,
      en: `${where.en} is written "${cell.text}": the column is in ${own}, not ${written}; check it and write the number alone`,
    }
    : {
      zh: `${where.zh}写成“${cell.text}”：模板本栏不带单位，写明“${written}”的数字读者无从比较（元还是万元），请按统一单位只填数字`,
      en: `${where.en} is written "${cell.text}": the template prints no unit for this column, so a figure in ${written} cannot be compared (yuan or 万元?); write the number alone in one unit`,
    });
}

export const notANumber: Check = {
  codes: ['not-a-number', 'unit'],
  run({ binding }) {
    const out: Finding[] = [];
    for (const table of binding.tables) {
      for (const c of requiredCells(table)) {
        const cell = c.cell;
        if (!cell) continue;
        const where = { zh: `“${rowTitle(c.rowSpec)}”的“${columnTitle(c.columnSpec)}”`, en: `"${rowTitle(c.rowSpec)}" / "${columnTitle(c.columnSpec)}"` };
        if (cell.value.kind === 'text') {
          const unit = unitFinding(cell, c.rowSpec, c.columnSpec, where);
          if (unit) { out.push(unit); continue; }
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
