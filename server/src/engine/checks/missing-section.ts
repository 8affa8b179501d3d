// missing-section: a required section of the template has no heading. Reported at the section it should follow.
import { finding, documentRange, type Check } from './check.js';
import { sectionName } from './sections.js';
import { label, msg } from '../message.js';

export const missingSection: Check = {
  codes: ['missing-section'],
  run(context) {
    const { binding } = context;
    const template = binding.template;
    const sections = binding.sections;
    if (!template || !sections || sections.matches.length === 0) return [];
    const present = new Set(sections.matches.map((m) => m.spec.id));
    const out = [];
    for (const [i, spec] of template.sections.entries()) {
      if (!spec.required || present.has(spec.id)) continue;
      const before = template.sections.slice(0, i).reverse().map((s) => sections.matches.find((m) => m.spec.id === s.id)).find(Boolean);
      const after = template.sections.slice(i + 1).map((s) => sections.matches.find((m) => m.spec.id === s.id)).find(Boolean);
      const anchor = before ?? after;
      const where = before ? msg('missing-section.it-belongs-after', { text: before.heading.text })
        : after ? msg('missing-section.it-belongs-before', { text: after.heading.text }) : msg('missing-section.nowhere');
      out.push(finding('missing-section', anchor?.heading.range ?? documentRange(context), msg('missing-section.missing-section', { arg: label(sectionName(spec)), where }), { subject: { section: spec.id } }));
    }
    return out;
  },
};
