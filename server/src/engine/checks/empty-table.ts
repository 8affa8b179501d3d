// empty-table: a template table is present but holds no number at all (every figure lost). Never "passing".
import { finding, type Check } from './check.js';
import { requiredCells } from './tables.js';

export const emptyTable: Check = {
  codes: ['empty-table'],
  run({ binding }) {
    return binding.tables.filter((t) => isEmptyTable(t)).map((t) => finding('empty-table', t.parts[0].table.rows[0].range, {
      zh: `表格“${t.spec.title}”没有任何数字：${requiredCells(t).length} 个应填数字的单元格全部为空`,
      en: `Table "${t.spec.title}" has no numbers at all: all ${requiredCells(t).length} cells that need a figure are blank`,
    }));
  },
};

export function isEmptyTable(table: Parameters<typeof requiredCells>[0]): boolean {
  const cells = requiredCells(table);
  return cells.length > 0 && cells.every((c) => c.cell?.value.kind !== 'number' && c.cell?.value.kind !== 'text');
}
