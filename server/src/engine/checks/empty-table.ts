// empty-table: a template table is present but holds no number at all (every figure lost). Never "passing".
import { finding, type Check } from './check.js';
import { requiredCells } from './tables.js';
import { msg, label } from '../message.js';

export const emptyTable: Check = {
  codes: ['empty-table'],
  run({ binding }) {
    return binding.tables.filter((t) => isEmptyTable(t)).map((t) => finding('empty-table', t.parts[0].table.rows[0].range, msg('empty-table.table-has-no-numbers-at', { title: label(t.spec.title), arg: requiredCells(t).length })));
  },
};

export function isEmptyTable(table: Parameters<typeof requiredCells>[0]): boolean {
  const cells = requiredCells(table);
  return cells.length > 0 && cells.every((c) => c.cell?.value.kind !== 'number' && c.cell?.value.kind !== 'text');
}
