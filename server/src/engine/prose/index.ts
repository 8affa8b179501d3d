// Figures in the report's text, read once per report model and shared by the prose checks.
import type { ReportModel } from '../model/report.js';
import { findBreakdowns, type Breakdown } from './breakdowns.js';
import { proseText, type ProseText } from './quantities.js';

export interface ProseAnalysis {
  text: ProseText;
  breakdowns: Breakdown[];
  /** The breakdown each part belongs to. */
  partOf: Map<number, Breakdown>;
}

const cache = new WeakMap<ReportModel, ProseAnalysis>();

export function proseAnalysis(model: ReportModel): ProseAnalysis {
  let analysis = cache.get(model);
  if (!analysis) {
    const text = proseText(model);
    const breakdowns = findBreakdowns(text);
    const partOf = new Map<number, Breakdown>();
    for (const b of breakdowns) for (const p of b.parts) partOf.set(p.quantity.index, b);
    analysis = { text, breakdowns, partOf };
    cache.set(model, analysis);
  }
  return analysis;
}

export { readQuantities, proseText, blockMemo, fold, simplify, chineseNumber, type Quantity, type ProseBlock, type ProseText } from './quantities.js';
export { findBreakdowns, percentMatch, type Breakdown, type Part, type PercentMatch } from './breakdowns.js';
export { matchFigure, otherSubject, aboutOtherYear, outsideTemplate, inTemplateScope, resolveCells, resolveBounded, total, type FigureMatch, type ResolvedCell, type BoundedFigure } from './figures.js';
export { PROSE_VOCABULARY, figuresOf, claimsOf } from './vocabulary.js';
