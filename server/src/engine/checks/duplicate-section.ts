// duplicate-section: a second heading names a section that already appeared.
import { finding, type Check } from './check.js';
import { sectionName } from './sections.js';
import { label, msg } from '../message.js';

export const duplicateSection: Check = {
  codes: ['duplicate-section'],
  run({ binding }) {
    const sections = binding.sections;
    if (!sections) return [];
    return sections.duplicates.map((dup) => {
      const first = sections.matches.find((m) => m.spec.id === dup.spec.id)!;
      return finding('duplicate-section', dup.heading.range, msg('duplicate-section.section-appears-again-first-at', { arg: label(sectionName(dup.spec)), arg2: first.heading.line + 1 }), { related: [{ range: first.heading.range, message: msg('duplicate-section.first-occurrence') }] });
    });
  },
};
