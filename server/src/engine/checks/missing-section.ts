// missing-section: a required section of the template has no heading. Reported at the section it should follow.
import { finding, documentRange, type Check } from './check.js';
import { sectionName } from './sections.js';

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
      const where = before ? { zh: `，应在“${before.heading.text}”之后`, en: `; it belongs after "${before.heading.text}"` }
        : after ? { zh: `，应在“${after.heading.text}”之前`, en: `; it belongs before "${after.heading.text}"` } : { zh: '', en: '' };
      out.push(finding('missing-section', anchor?.heading.range ?? documentRange(context), {
        zh: `缺少“${sectionName(spec)}”部分${where.zh}`,
        en: `Missing section "${sectionName(spec)}"${where.en}`,
      }, { subject: { section: spec.id } }));
    }
    return out;
  },
};
