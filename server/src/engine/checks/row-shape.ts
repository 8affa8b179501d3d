// row-shape: a row with more or fewer cells than the header (a lost cell shifts every figure after it).
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { checkedTables } from './generic.js';
import { listedArgs } from '../budget.js';
import { msg } from '../message.js';

export const rowShape: Check = {
  codes: ['row-shape'],
  run({ binding }) {
    const out: Finding[] = [];
    for (const table of checkedTables(binding)) {
      for (const row of table.rows.slice(1)) {
        const n = row.cells.length;
        if (n === table.width || row.kind === 'empty') continue;
        const named = { row: row.label, named: row.label ? 'yes' : 'no', n };
        if (n < table.width) {
          const lost = table.columns.slice(n).map((c) => c.leaf).filter(Boolean);
          const lostText = lost.length ? msg('row-shape.no-cell', { columns: listedArgs(lost, msg('row-shape.column-separator')), count: lost.length }) : '';
          out.push(finding('row-shape', row.range, msg('row-shape.fewer', { ...named, fewer: table.width - n, lost: lostText }), { subject: { line: row.line } }));
        } else {
          out.push(finding('row-shape', row.range, msg('row-shape.more', { ...named, more: n - table.width })));
        }
      }
    }
    return out;
  },
};
