// missing-table: a section is present but a table the template requires there is not.
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { joined, label, msg } from '../message.js';

export const missingTable: Check = {
  codes: ['missing-table'],
  run({ binding }) {
    const template = binding.template;
    if (!template) return [];
    const out: Finding[] = [];
    for (const section of binding.sections?.matches ?? []) {
      const specs = template.tables.filter((t) => t.section === section.spec.id && t.required);
      const missing = specs.filter((s) => !binding.tables.some((b) => b.spec === s));
      if (missing.length === 0) continue;
      const names = joined(missing.map((s) => msg('quote.cjk', { text: label(s.title) })), msg('sep.cjk-list'));
      const none = missing.length === specs.length;
      out.push(finding('missing-table', section.heading.range, none && specs.length > 1
        ? msg('missing-table.this-section-has-none-of', { names })
        : msg('missing-table.this-section-lacks-the-table', { names }), { subject: { section: section.spec.id, table: missing.map((m) => m.id).join(',') } }));
    }
    return out;
  },
};
