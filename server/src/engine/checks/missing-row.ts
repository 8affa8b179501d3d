// missing-row: a row the template requires is absent from its table. Reported where it belongs.
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { rowTitle } from '../relations.js';
import { msg, label } from '../message.js';

export const missingRow: Check = {
  codes: ['missing-row'],
  run({ binding }) {
    const out: Finding[] = [];
    for (const table of binding.tables) {
      const specs = table.spec.rows;
      specs.forEach((spec, i) => {
        if (spec.group || spec.anonymous || spec.required === false || table.rows.has(spec.id)) return;
        const before = specs.slice(0, i).reverse().map((s) => table.rows.get(s.id)?.[0]).find(Boolean);
        const anchor = before?.row.range ?? table.parts[0].table.rows[0].range;
        out.push(finding('missing-row', anchor, msg('missing-row.table-lacks-the-row', { title: label(table.spec.title), row: label(rowTitle(spec)), after: before ? 'yes' : 'no' }), { subject: { table: table.spec.id, row: spec.id } }));
      });
    }
    return out;
  },
};
