// missing-column: a column the template requires is in no part of its table.
import { finding, type Check } from './check.js';
import { columnTitle } from '../relations.js';
import { joined, label, msg } from '../message.js';

export const missingColumn: Check = {
  codes: ['missing-column'],
  run({ binding }) {
    return binding.tables.filter((t) => t.missingColumns.length > 0).map((table) => {
      const names = joined(table.missingColumns.map((c) => msg('quote.cjk', { text: label(columnTitle(c)) })), msg('sep.cjk-list'));
      return finding('missing-column', table.parts[0].table.rows[0].range, msg('missing-column.table-lacks-the-column', { title: label(table.spec.title), names, count: table.missingColumns.length }));
    });
  },
};
