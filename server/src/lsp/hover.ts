// Hover: on a figure, every relation it takes part in, written out with names, values and ✓/✗;
// on a row label, the template row it matched; on a section heading, what the template requires there.
import type { Hover, Position } from 'vscode-languageserver';
import type { Analysis } from '../engine/index.js';
import { evaluateRelations, rowTitle, type RelationInstance, type Term } from '../engine/relations.js';
import { formatDecimal } from '../engine/numbers.js';
import { cellAt, sectionAt } from './locate.js';
import { templateText, text as render, type Language } from './settings.js';
import { toChineseNumeral } from '../engine/text.js';
import { proseFigureAt, proseHover } from './prose.js';
import { msg } from '../engine/message.js';

const T = {
  column: (column: string) => msg('hover.column', { column }),
  row: (row: string) => msg('hover.row', { row }),
  incomplete: msg('hover.incomplete'),
  templateRow: msg('hover.templateRow'),
  notInTemplate: msg('hover.notInTemplate'),
  of: msg('hover.of'),
  section: msg('hover.section'),
  required: msg('hover.required'),
  optional: msg('hover.optional'),
  tables: msg('hover.tables'),
  relations: msg('hover.relations'),
  fix: msg('hover.fix'),
};

const RELATION_CODES = new Set(['total-mismatch', 'reconciliation', 'bound']);

function terms(list: Term[]): string {
  const shown = list.length > 8 ? list.filter((t) => !t.value?.eq(0)) : list;
  const text = shown.map((t) => `${t.label} ${t.value ? formatDecimal(t.value) : '□'}`).join(' + ');
  return shown.length < list.length ? `${text} + …` : text;
}

export function describeInstance(i: RelationInstance, language: Language): string {
  const left = i.terms.filter((t) => t.side === 'left');
  const right = i.terms.filter((t) => t.side === 'right');
  const where = !i.along.label ? '' : i.relation.each === 'row' ? render(T.row(i.along.label), language)
    : i.table.spec.columns.length > 1 ? render(T.column(i.along.label), language) : '';
  if (i.status === 'incomplete') return `${i.relation.id}${where}: ${render(T.incomplete, language)}`;
  const L = formatDecimal(i.left!);
  const R = formatDecimal(i.right!);
  const mark = i.status === 'ok' ? '✓' : '✗';
  if (i.relation.kind === 'sum') {
    const verdict = i.status === 'ok' ? `= ${R} ✓` : `= ${R} ≠ ${L} ✗`;
    return `${i.relation.id}${where}: ${left[0].label} = ${terms(right)} ${verdict}`;
  }
  if (i.relation.kind === 'balance') {
    return `${i.relation.id}${where}: ${terms(left)} = ${L} ${i.status === 'ok' ? '=' : '≠'} ${terms(right)} = ${R} ${mark}`;
  }
  return `${i.relation.id}${where}: ${terms(left)} = ${L} ${i.status === 'ok' ? '≤' : '>'} ${terms(right)} = ${R} ${mark}`;
}

export function hover(analysis: Analysis, position: Position, language: Language): Hover | null {
  const section = sectionAt(analysis, position.line);
  if (section) {
    const spec = section.spec;
    const template = analysis.binding.template!;
    const tables = template.tables.filter((t) => t.section === spec.id).map((t) => `- ${t.title}`);
    const name = templateText(spec.ordinal ? `${toChineseNumeral(spec.ordinal)}、${spec.title}` : spec.title, language);
    const lines = [`**${render(T.section, language)}**: ${name} (${spec.required ? render(T.required, language) : render(T.optional, language)}) — ${render(template.name, language)}`];
    if (tables.length) lines.push('', `${render(T.tables, language)}:`, ...tables);
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range: section.heading.range };
  }
  const figure = proseFigureAt(analysis, position);
  if (figure) {
    const lines = analysis.model.doc.lines;
    return { contents: { kind: 'markdown', value: proseHover(figure, analysis, language) },
      range: lines.range(figure.quantity.start, figure.quantity.end) };
  }
  const at = cellAt(analysis, position);
  if (!at?.bound) return null;
  const { bound, cell, row } = at;
  if (row.labelCell === cell) {
    const binding = [...bound.rows.values()].flat().find((b) => b.row === row);
    const value = binding ? `${render(T.templateRow, language)}: ${templateText(rowTitle(binding.spec), language)} — ${render(T.of, language)} “${templateText(bound.spec.title, language)}”`
      : `“${row.label}”: ${render(T.notInTemplate, language)} (“${templateText(bound.spec.title, language)}”)`;
    return { contents: { kind: 'markdown', value }, range: cell.range };
  }
  if (cell.value.kind !== 'number' && cell.value.kind !== 'empty') return null;
  const involved = evaluateRelations(bound).filter((i) => i.terms.some((t) => t.cell === cell));
  if (involved.length === 0) return null;
  // The finding at this cell: its message is shown beside the hover, so a formula it writes out is not repeated;
  // its fixes follow the formulas, in their order.
  const here = analysis.findings.filter((f) => RELATION_CODES.has(f.code) && f.range.start.line === cell.range.start.line
    && f.range.start.character === cell.range.start.character);
  const written = here.some((f) => 'id' in f.message && f.message.id === 'relations.should-be-found');
  const shown = involved.filter((i) => !(written && i.status === 'fail' && i.relation.kind === 'sum' && i.terms[0]?.cell === cell));
  const lines = shown.length ? [`**${render(T.relations, language)}**`, '', ...shown.map((i) => `- ${describeInstance(i, language)}`)] : [];
  const fixes = here.flatMap((f) => f.fixes ?? []);
  if (fixes.length) lines.push(...(lines.length ? [''] : []), `**${render(T.fix, language)}**`, '', ...fixes.map((f) => `- ${render(f.title, language)}`));
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: cell.range };
}
