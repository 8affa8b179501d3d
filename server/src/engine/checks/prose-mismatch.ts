// prose-mismatch (R18, R10): a figure in the text that names a table figure differs from it.
// Compared: exact figures (never approximate ones: 4.13万余条, 1900多条, 约20件), in sections of the
// template, about this year and this body; a part of a breakdown only if it names another figure than its
// whole (其中市本级收到574件 is a part of 受理687件, not the table's 收到申请数); and not against a table figure
// that breaks its own table's totals (total-mismatch or reconciliation reports that fault).
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { formatDecimal } from '../numbers.js';
import { evaluateRelations } from '../relations.js';
import type { Binding } from '../bind/index.js';
import type { TableCell } from '../model/table.js';
import {
  figuresOf, inTemplateScope, matchFigure, otherSubject, outsideTemplate, proseAnalysis, resolveCells, total,
} from '../prose/index.js';
import { cellLines, describeCells, excerpt, relatedCells, writtenLike } from '../prose/describe.js';

/** Cells in a hard relation of the template that fails (total-mismatch, reconciliation). */
function brokenCells(binding: Binding): Set<TableCell> {
  const cells = new Set<TableCell>();
  for (const table of binding.tables) {
    for (const instance of evaluateRelations(table)) {
      if (instance.status !== 'fail' || instance.relation.soft) continue;
      for (const term of instance.terms) if (term.cell) cells.add(term.cell);
    }
  }
  return cells;
}

export const proseMismatch: Check = {
  codes: ['prose-mismatch'],
  run({ model, binding }) {
    const template = binding.template;
    if (!template || figuresOf(template.id).length === 0 || binding.tables.length === 0) return [];
    const { text, partOf } = proseAnalysis(model);
    const outside = outsideTemplate(binding);
    const out: Finding[] = [];
    let broken: Set<TableCell> | undefined;
    for (const q of text.quantities) {
      if (q.unit === '%' || q.approx || !inTemplateScope(q, outside)) continue;
      const block = text.blocks[q.block];
      const match = matchFigure(q, block, template.id);
      if (!match) continue;
      const spec = match.figure.spec;
      const breakdown = partOf.get(q.index);
      if (breakdown) {
        const whole = matchFigure(breakdown.whole, text.blocks[breakdown.whole.block], template.id);
        if (whole?.figure === match.figure) continue;
        if (spec.partOf && !(whole && spec.partOf.includes(whole.figure.spec.id))) continue;
      }
      if (otherSubject(q, block, model)) continue;
      const cells = resolveCells(binding, spec.cells);
      if (!cells) continue;
      const expected = total(cells);
      if (expected.eq(q.value)) continue;
      const others = (spec.or ?? []).map((refs) => resolveCells(binding, refs)).filter((c) => c !== undefined);
      if (others.some((c) => total(c).eq(q.value))) continue;
      // A table figure that breaks its own totals is reported there (one fault, one finding).
      broken ??= brokenCells(binding);
      if (cells.some((c) => broken!.has(c.cell))) continue;

      const said = excerpt(model, q);
      const quoted = { zh: /[“”"]/.test(said) ? `「${said}」` : `“${said}”`, en: `"${said}"` };
      const where = describeCells(cells);
      const lines = cellLines(cells);
      const title = cells[0].table.spec.title;
      const value = formatDecimal(expected);
      const sum = cells.length > 1 && !where.zh.endsWith('之和') ? { zh: '之和', en: ' together' } : { zh: '', en: '' };
      const alt = others.map((c) => ({ where: describeCells(c), value: formatDecimal(total(c)) }));
      const altText = alt.length
        ? { zh: `；也不等于${alt.map((a) => `${a.where.zh}的 ${a.value}`).join('、')}`, en: `; nor ${alt.map((a) => `${a.value} in ${a.where.en}`).join(', ')}` }
        : { zh: '', en: '' };
      const fixed = writtenLike(model, q, expected);
      out.push(finding('prose-mismatch', model.doc.lines.range(q.start, q.end), {
        zh: `正文${quoted.zh}与表格“${title}”不符：表中${where.zh}${sum.zh}为 ${value}（${lines.zh}）${altText.zh}`,
        en: `The text says ${quoted.en}, but the table "${title}" has ${value} in ${where.en}${sum.en} (${lines.en})${altText.en}`,
      }, {
        related: relatedCells(cells),
        fixes: [{
          title: { zh: `按表格改为 ${fixed}`, en: `Change to ${fixed} as in the table` }, safe: false,
          edits: [{ range: model.doc.lines.range(q.numberStart, q.numberEnd), newText: fixed }],
        }],
      }));
    }
    return out;
  },
};
