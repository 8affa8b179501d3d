// unknown-row: a row with figures that matches no row of the template (a typo, or a row of another format).
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';

export const unknownRow: Check = {
  codes: ['unknown-row'],
  run({ binding }) {
    const out: Finding[] = [];
    for (const table of binding.tables) {
      if (table.spec.extraRows) continue;
      for (const { row } of table.unknownRows) {
        const label = row.label || row.cells[0]?.text || '';
        out.push(finding('unknown-row', row.labelCell?.range ?? row.range, label
          ? { zh: `“${label}”不是表格“${table.spec.title}”的行`, en: `"${label}" is not a row of table "${table.spec.title}"` }
          : { zh: `表格“${table.spec.title}”中有一行数字没有行名`, en: `Table "${table.spec.title}" has a row of figures without a label` }));
      }
    }
    return out;
  },
};
