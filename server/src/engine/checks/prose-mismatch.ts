// prose-mismatch (R18, R10): a figure in the text that names a table figure differs from it.
// Compared: exact figures (never approximate ones: 4.13万余条, 1900多条, 约20件), in sections of the
// template, about this year and this body; a part of a breakdown only if it names another figure than its
// whole (其中市本级收到574件 is a part of 受理687件, not the table's 收到申请数); and not against a table figure
// that breaks its own table's totals (total-mismatch or reconciliation reports that fault).
import { joined, label, msg } from '../message.js';
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { formatDecimal, type Decimal } from '../numbers.js';
import { evaluateRelations } from '../relations.js';
import type { Binding } from '../bind/index.js';
import type { TableCell } from '../model/table.js';
import {
  figuresOf, inTemplateScope, matchFigure, otherSubject, outsideTemplate, proseAnalysis, resolveBounded, type BoundedFigure,
} from '../prose/index.js';
import { cellLines, describeCells, excerpt, relatedCells, writtenLike } from '../prose/describe.js';
import type { FigureSpec } from '../prose/vocabulary.js';

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

/** The text's figure agrees with a reading of the table: equal to it, or, for a lower bound, not below it. */
function fits(reading: BoundedFigure, value: Decimal): boolean {
  return reading.exact ? reading.value.eq(value) : value.gte(reading.value);
}

export const proseMismatch: Check = {
  codes: ['prose-mismatch'],
  run({ model, binding }) {
    const template = binding.template;
    if (!template || figuresOf(template).length === 0 || binding.tables.length === 0) return [];
    const { text, partOf } = proseAnalysis(model);
    const outside = outsideTemplate(binding);
    const out: Finding[] = [];
    let broken: Set<TableCell> | undefined;
    /** Each figure's readings in this binding: its cells, then its alternatives (`or`); null when its cells are not there. */
    const readingsOf = new Map<FigureSpec, BoundedFigure[] | null>();
    for (const q of text.quantities) {
      if (q.unit === '%' || q.approx || !inTemplateScope(q, outside)) continue;
      const block = text.blocks[q.block];
      const match = matchFigure(q, block, template);
      if (!match) continue;
      const spec = match.figure.spec;
      const breakdown = partOf.get(q.index);
      if (breakdown) {
        const whole = matchFigure(breakdown.whole, text.blocks[breakdown.whole.block], template);
        if (whole?.figure === match.figure) continue;
        if (spec.partOf && !(whole && spec.partOf.includes(whole.figure.spec.id))) continue;
      }
      if (otherSubject(q, block, model, template)) continue;
      // 收到申请130件 may be 新收 alone or 新收 + 上年结转: no finding when either reading fits. A reading with
      // blank cells is only a lower bound: the text may not say less than its written parts.
      let readings = readingsOf.get(spec);
      if (readings === undefined) {
        const first = resolveBounded(binding, spec.cells);
        readings = first ? [first, ...(spec.or ?? []).map((refs) => resolveBounded(binding, refs)).filter((c) => c !== undefined)] : null;
        readingsOf.set(spec, readings);
      }
      if (!readings || readings.some((r) => fits(r, q.value))) continue;
      const [reading, ...others] = readings;
      // A table figure that breaks its own totals is reported there (one fault, one finding).
      broken ??= brokenCells(binding);
      if (readings.some((r) => r.cells.some((c) => broken!.has(c.cell)))) continue;
      const cells = reading.cells;
      const expected = reading.value;

      const said = excerpt(model, q);
      const quoted = msg('prose-mismatch.quoted', { said, quotes: /[“”"]/.test(said) ? 'yes' : 'no' });
      const where = describeCells(cells);
      const lines = cellLines(cells);
      const title = cells[0].table.spec.title;
      const value = formatDecimal(expected);
      // "the sum of …" descriptions already say they add up
      const together = cells.length > 1 && !['describe.sum-under', 'describe.sum-across'].includes(where.id) ? 'yes' : 'no';
      const is = (r: BoundedFigure) => (r.exact ? 'exact' : 'least');
      const alt = others.map((r) => msg('prose-mismatch.alternative', { where: describeCells(r.cells), value: formatDecimal(r.value), is: is(r) }));
      const fixed = writtenLike(model, q, expected);
      out.push(finding('prose-mismatch', model.doc.lines.range(q.start, q.end), msg('prose-mismatch.differs', {
        quoted, table: label(title), where, together, is: is(reading), value, lines,
        blank: reading.exact ? 'no' : 'yes',
        alternatives: alt.length ? msg('prose-mismatch.nor', { alternatives: joined(alt, msg('sep.list')) }) : '',
      }), {
        related: relatedCells(cells),
        // A lower bound is no figure to write in its place.
        fixes: reading.exact ? [{
          title: msg('prose-mismatch.fix', { fixed }), safe: false,
          edits: [{ range: model.doc.lines.range(q.numberStart, q.numberEnd), newText: fixed }],
        }] : [],
      }));
    }
    return out;
  },
};
