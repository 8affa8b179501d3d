// A figure in the text and the table figure it names: for hover and go to definition.
import type { Position, Location } from 'vscode-languageserver';
import type { Analysis } from '../engine/index.js';
import { matchFigure, proseAnalysis, resolveCells, total, type Quantity, type ResolvedCell } from '../engine/prose/index.js';
import { cellLines, describeCells } from '../engine/prose/describe.js';
import { formatDecimal } from '../engine/numbers.js';
import { text as render, type Language } from './settings.js';
import { label, msg } from '../engine/message.js';

export interface ProseFigure { quantity: Quantity; cells: ResolvedCell[] }

export function proseFigureAt(analysis: Analysis, position: Position): ProseFigure | undefined {
  const template = analysis.binding.template;
  if (!template) return undefined;
  const offset = analysis.model.doc.lines.offset(position);
  const { text } = proseAnalysis(analysis.model);
  const quantity = text.quantities.find((q) => q.start <= offset && offset <= q.end);
  if (!quantity) return undefined;
  const match = matchFigure(quantity, text.blocks[quantity.block], template);
  const cells = match && resolveCells(analysis.binding, match.figure.spec.cells);
  return cells ? { quantity, cells } : undefined;
}

export function proseHover(figure: ProseFigure, analysis: Analysis, language: Language): string {
  const expected = total(figure.cells);
  const same = expected.eq(figure.quantity.value);
  return render(msg('prose.hover', {
    quoted: figure.quantity.text, table: label(figure.cells[0].table.spec.title), where: describeCells(figure.cells), at: cellLines(figure.cells),
    expected: formatDecimal(expected), verdict: same ? '✓' : `≠ ${formatDecimal(figure.quantity.value)} ✗`,
  }), language);
}

export function proseDefinition(figure: ProseFigure, uri: string): Location[] {
  return figure.cells.map((c) => ({ uri, range: c.cell.range }));
}
