// row-order: a template row comes after a row the template puts later.
import { finding, type Check } from './check.js';
import { rowTitle } from '../relations.js';
import { label, msg } from '../message.js';

export const rowOrder: Check = {
  codes: ['row-order'],
  run({ binding }) {
    return binding.tables.flatMap((table) => table.outOfOrder.map(({ binding: b, after }) =>
      finding('row-order', b.row.labelCell?.range ?? b.row.range, msg('row-order.row-belongs-before', { arg: label(rowTitle(b.spec)), arg2: label(rowTitle(after.spec)) }))));
  },
};
