// unknown-row: a row with figures that matches no row of the template (a typo, or a row of another format).
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { rowTitle } from '../relations.js';
import { leadingEnumerator } from '../text.js';

export const unknownRow: Check = {
  codes: ['unknown-row'],
  run({ binding }) {
    const out: Finding[] = [];
    for (const table of binding.tables) {
      for (const { row, spec } of table.relabelled) {
        const cell = row.labelCell!;
        const enumerator = leadingEnumerator(cell.raw);
        const newText = (enumerator ? cell.raw.slice(0, enumerator.length) : spec.ordinal ?? '') + spec.label;
        out.push(finding('unknown-row', cell.range, {
          zh: `行名“${row.label}”与模板不符，按位置应为“${rowTitle(spec)}”`,
          en: `Row label "${row.label}" is not the template's; by its position it is "${rowTitle(spec)}"`,
        }, { fixes: [{ title: { zh: `改为“${spec.label}”`, en: `Use "${spec.label}"` }, safe: false, edits: [{ range: cell.range, newText }] }] }));
      }
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
