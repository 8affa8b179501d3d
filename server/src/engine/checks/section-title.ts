// section-title: a section of a prescribed format titled otherwise than the template (a mild finding).
import { finding, type Check } from './check.js';
import { labelKey, toChineseNumeral } from '../text.js';
import { sectionName } from './sections.js';
import { label, msg } from '../message.js';

export const sectionTitle: Check = {
  codes: ['section-title'],
  run({ binding, model }) {
    const out = [];
    for (const match of binding.sections?.matches ?? []) {
      if (!match.spec.ordinal) continue;
      if (labelKey(match.heading.text).full === labelKey(match.spec.title).full) continue;
      const h = match.heading;
      const official = sectionName(match.spec);
      const ordinal = h.enumerator?.style === 'cn' ? h.enumerator.text : `${toChineseNumeral(match.spec.ordinal)}、`;
      const known = match.spec.variants?.some((v) => labelKey(v).full === labelKey(h.text).full);
      out.push(finding('section-title', h.range, known ? msg('section-title.a-common-older-wording-the', { official: label(official) }) : msg('section-title.the-title-differs-from-the', { official: label(official) }), {
        fixes: [{
          title: msg('section-title.fix-use', { official: label(official) }), safe: false,
          edits: [{ range: model.doc.lines.range(h.textStart, h.textEnd), newText: `${ordinal}${match.spec.title}` }],
        }],
      }));
    }
    return out;
  },
};
