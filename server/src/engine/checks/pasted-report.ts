// import: a report pasted from a web page but not in the dialect — section lines as plain paragraphs and tables
// flattened to " |" lines — would otherwise pass with no table read. One error, pointing to `tally import`.
import { finding, documentRange, type Check } from './check.js';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { canonical, leadingEnumerator } from '../text.js';
import { msg } from '../message.js';

const FLATTENED = /(?:^\s*\|+\s*$|\S\s+\|\s*$|^\s*\|\s*\S.*\|\s*$)/;

/** A short line with a section ordinal naming a section of some template: 三、收到和处理政府信息公开申请情况. */
function sectionOrdinal(line: string): number | undefined {
  const text = line.trim();
  if (text.length > 40) return undefined;
  const e = leadingEnumerator(text);
  if (!e || e.style !== 'cn') return undefined;
  const rest = canonical(text.slice(e.length));
  const names = BUILTIN_TEMPLATES.some((t) => t.sections.some((s) => s.keywords.some((k) => rest.includes(canonical(k)))));
  return names ? e.value : undefined;
}

export const pastedReport: Check = {
  codes: ['import'],
  run(context) {
    const { model, binding } = context;
    if (binding.tables.some((t) => t.parts.some((p) => p.table.hasNumbers))) return [];
    const ordinals = new Set<number>();
    let flattened = 0;
    let first: { start: number; end: number } | undefined;
    for (const block of model.blocks) {
      if (block.kind === 'heading') {
        const n = sectionOrdinal(block.heading.text);
        if (n !== undefined) ordinals.add(n);
        continue;
      }
      if (block.kind !== 'text') continue;
      let offset = block.start;
      for (const line of block.text.split('\n')) {
        const n = sectionOrdinal(line);
        if (n !== undefined) ordinals.add(n);
        if (FLATTENED.test(line)) {
          flattened++;
          first ??= { start: offset, end: offset + line.length };
        }
        offset += line.length + 1;
      }
    }
    if (ordinals.size < 2 || flattened < 3 || !first) return [];
    return [finding('import', first ? model.doc.lines.range(first.start, first.end) : documentRange(context), msg('pasted-report.this-report-s-tables-are', { flattened }), { severity: 'error', subject: { pasted: true } })];
  },
};
