// empty-cell: a blank where the template needs a number. A whole blank column or row is one finding.
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { requiredCells, type RequiredCell } from './tables.js';
import { isEmptyTable } from './empty-table.js';
import { columnTitle, rowTitle } from '../relations.js';

export const emptyCell: Check = {
  codes: ['empty-cell'],
  run({ binding }) {
    const out: Finding[] = [];
    for (const table of binding.tables) {
      if (isEmptyTable(table)) continue;
      const cells = requiredCells(table);
      const blank = cells.filter((c) => c.cell && c.cell.value.kind === 'empty');
      const reported = new Set<RequiredCell>();
      // Whole columns first (publishers often leave 总计 blank), then whole rows, then single cells.
      const byColumn = groupBy(cells, (c) => `${c.part.table.ordinal}:${c.column.index}`);
      for (const group of byColumn.values()) {
        if (group.length < 2 || !group.every((c) => c.cell?.value.kind === 'empty' || !c.cell)) continue;
        const { column, columnSpec } = group[0];
        group.forEach((c) => reported.add(c));
        out.push(finding('empty-cell', column.headerCell?.range ?? group[0].row.range, {
          zh: `“${columnTitle(columnSpec)}”列全部为空，共 ${group.length} 个单元格没有数字`,
          en: `Column "${columnTitle(columnSpec)}" is blank: none of its ${group.length} cells has a number`,
        }));
      }
      const byRow = groupBy(blank.filter((c) => !reported.has(c)), (c) => `${c.part.table.ordinal}:${c.row.index}`);
      for (const group of byRow.values()) {
        const rowCells = cells.filter((c) => c.row === group[0].row);
        if (group.length >= 2 && group.length === rowCells.filter((c) => c.cell).length) {
          group.forEach((c) => reported.add(c));
          out.push(finding('empty-cell', group[0].row.range, {
            zh: `“${rowTitle(group[0].rowSpec)}”一行没有填写数字`,
            en: `Row "${rowTitle(group[0].rowSpec)}" has no numbers`,
          }));
        }
      }
      for (const c of blank) {
        if (reported.has(c)) continue;
        out.push(finding('empty-cell', c.cell!.range, {
          zh: `“${rowTitle(c.rowSpec)}”的“${columnTitle(c.columnSpec)}”为空；没有数字请填 0`,
          en: `"${rowTitle(c.rowSpec)}" / "${columnTitle(c.columnSpec)}" is blank; write 0 if there is none`,
        }));
      }
    }
    return out;
  },
};

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item); else map.set(k, [item]);
  }
  return map;
}
