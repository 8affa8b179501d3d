// unknown-row: a row with figures that matches no row of the template (a typo, or a row of another format).
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { rowTitle } from '../relations.js';
import { leadingEnumerator } from '../text.js';
import { msg, label as templateLabel } from '../message.js';

export const unknownRow: Check = {
  codes: ['unknown-row'],
  run({ binding }) {
    const out: Finding[] = [];
    for (const table of binding.tables) {
      for (const { row, spec } of table.relabelled) {
        const cell = row.labelCell!;
        const enumerator = leadingEnumerator(cell.raw);
        const newText = (enumerator ? cell.raw.slice(0, enumerator.length) : spec.ordinal ?? '') + spec.label;
        out.push(finding('unknown-row', cell.range, msg('unknown-row.row-label-is-not-the', { label: row.label, arg: templateLabel(rowTitle(spec)) }), { fixes: [{ title: msg('unknown-row.fix-use', { label: templateLabel(spec.label) }), safe: false, edits: [{ range: cell.range, newText }] }] }));
      }
      if (table.spec.extraRows) continue;
      for (const { row } of table.unknownRows) {
        const label = row.label || row.cells[0]?.text || '';
        out.push(finding('unknown-row', row.labelCell?.range ?? row.range, label
          ? msg('unknown-row.is-not-a-row-of', { label, title: templateLabel(table.spec.title) })
          : msg('unknown-row.table-has-a-row-of', { title: templateLabel(table.spec.title) })));
      }
    }
    return out;
  },
};
