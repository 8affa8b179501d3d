// row-shape: a row with more or fewer cells than the header (a lost cell shifts every figure after it).
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { checkedTables } from './generic.js';
import { listed } from '../budget.js';

export const rowShape: Check = {
  codes: ['row-shape'],
  run({ binding }) {
    const out: Finding[] = [];
    for (const table of checkedTables(binding)) {
      for (const row of table.rows.slice(1)) {
        const n = row.cells.length;
        if (n === table.width || row.kind === 'empty') continue;
        const label = row.label ? `“${row.label}”` : '';
        if (n < table.width) {
          const lost = table.columns.slice(n).map((c) => c.leaf).filter(Boolean);
          const which = lost.length ? { zh: `，“${listed(lost, '”“', 'zh')}”列没有对应的单元格`, en: `; column${lost.length > 1 ? 's' : ''} "${listed(lost, '", "', 'en')}" get${lost.length > 1 ? '' : 's'} no cell` } : { zh: '', en: '' };
          out.push(finding('row-shape', row.range, {
            zh: `${label}此行有 ${n} 个单元格，比表头少 ${table.width - n} 个${which.zh}`,
            en: `${label ? `Row ${label.replace(/[“”]/g, '"')} has` : 'This row has'} ${n} cells, ${table.width - n} fewer than the header${which.en}`,
          }, { subject: { line: row.line } }));
        } else {
          out.push(finding('row-shape', row.range, {
            zh: `${label}此行有 ${n} 个单元格，比表头多 ${n - table.width} 个；多出的单元格不属于任何列`,
            en: `${label ? `Row ${label.replace(/[“”]/g, '"')} has` : 'This row has'} ${n} cells, ${n - table.width} more than the header; the extra cells belong to no column`,
          }));
        }
      }
    }
    return out;
  },
};
