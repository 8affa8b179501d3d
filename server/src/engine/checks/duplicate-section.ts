// duplicate-section: a second heading names a section that already appeared.
import { finding, type Check } from './check.js';
import { sectionName } from './sections.js';

export const duplicateSection: Check = {
  codes: ['duplicate-section'],
  run({ binding }) {
    const sections = binding.sections;
    if (!sections) return [];
    return sections.duplicates.map((dup) => {
      const first = sections.matches.find((m) => m.spec.id === dup.spec.id)!;
      return finding('duplicate-section', dup.heading.range, {
        zh: `“${sectionName(dup.spec)}”部分重复出现（首次在第 ${first.heading.line + 1} 行）`,
        en: `Section "${sectionName(dup.spec)}" appears again (first at line ${first.heading.line + 1})`,
      }, { related: [{ range: first.heading.range, message: { zh: '首次出现', en: 'first occurrence' } }] });
    });
  },
};
