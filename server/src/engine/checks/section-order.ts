// section-order: a section comes after one that the template puts later.
import { finding, type Check } from './check.js';
import { sectionName } from './sections.js';
import { label, msg } from '../message.js';

export const sectionOrder: Check = {
  codes: ['section-order'],
  run({ binding }) {
    const template = binding.template;
    const matches = binding.sections?.matches ?? [];
    if (!template) return [];
    const rank = new Map(template.sections.map((s, i) => [s.id, i]));
    const out = [];
    let latest = matches[0];
    for (const match of matches.slice(1)) {
      if (rank.get(match.spec.id)! < rank.get(latest.spec.id)!) {
        out.push(finding('section-order', match.heading.range, msg('section-order.belongs-before', { arg: label(sectionName(match.spec)), arg2: label(sectionName(latest.spec)) })));
      } else latest = match;
    }
    return out;
  },
};
