// row-order: a template row comes after a row the template puts later.
import { finding, type Check } from './check.js';
import { rowTitle } from '../relations.js';

export const rowOrder: Check = {
  codes: ['row-order'],
  run({ binding }) {
    return binding.tables.flatMap((table) => table.outOfOrder.map(({ binding: b, after }) =>
      finding('row-order', b.row.labelCell?.range ?? b.row.range, {
        zh: `“${rowTitle(b.spec)}”应在“${rowTitle(after.spec)}”之前`,
        en: `Row "${rowTitle(b.spec)}" belongs before "${rowTitle(after.spec)}"`,
      })));
  },
};
