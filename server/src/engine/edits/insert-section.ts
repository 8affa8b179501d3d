// insertSectionEdit: a missing template section, inserted where the template puts it.
import type { Analysis } from '../index.js';
import type { Edit } from '../findings.js';
import { blankLineBefore, eolOf } from './markdown.js';
import { sectionLines } from './skeleton.js';

/**
 * Inserts section `sectionId` of the report's template: at the start of the heading line of the next section
 * present (in template order), else at the end of the document. The heading is `{ordinal}、{title}` at the
 * report's section depth (no ordinal where the template has none: the report's own numbering is left alone),
 * then a stub paragraph and, for sections that own tables, the tables with blank cells; blank lines keep it
 * apart from what comes before and after. Undefined when there is no template, the section is not one of its
 * sections, or it is already present.
 */
export function insertSectionEdit(analysis: Analysis, sectionId: string): Edit | undefined {
  const { binding, model } = analysis;
  const template = binding.template;
  const sections = binding.sections;
  if (!template || !sections) return undefined;
  const index = template.sections.findIndex((s) => s.id === sectionId);
  if (index < 0 || sections.matches.some((m) => m.spec.id === sectionId)) return undefined;
  const spec = template.sections[index];

  const { text, lines } = model.doc;
  const eol = eolOf(text);
  const next = template.sections.slice(index + 1)
    .map((s) => sections.matches.find((m) => m.spec.id === s.id))
    .find((m) => m !== undefined);
  const offset = next ? lines.lineStart(next.heading.line) : text.length;
  const depth = Math.min(6, Math.max(1, sections.depth));
  const block = sectionLines(template, spec, spec.ordinal, depth, eol).join(eol);
  const newText = blankLineBefore(lines, offset, eol) + block + eol + (next ? eol : '');
  const at = lines.position(offset);
  return { range: { start: at, end: at }, newText };
}
