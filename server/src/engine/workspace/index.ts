// The checks across files: a report against the same body's report for the period before (its template's
// relations across periods — R7, R12, R16 … — and copied text). They run on each file's WorkspaceFacts — plain data that crosses worker threads and that the
// language server keeps per file — never on a model.
import type { Finding } from '../findings.js';
import type { CrossYearCheck } from './check.js';
import { indexReports, neighbour, type ReportIndex, type WorkspaceReport } from './match.js';
import { acrossPeriods, comparePeriods, type PeriodComparison } from './across-periods.js';
import { copiedText } from './copied-text.js';
import { withinBudget } from '../budget.js';
import { suppressAcross, type Suppression } from '../suppress.js';

export { collectFacts, reportKey, organAbove, reportPeriod, parsePeriod, parseTitle, MIN_PARAGRAPH, type WorkspaceFacts, type CellFact, type ParagraphFact } from './facts.js';
export { neighbours, displayPath, bodyNames, indexReports, type WorkspaceReport, type BodyNames, type ReportIndex } from './match.js';
export { organKey } from '../text.js';
export type { CrossYearCheck } from './check.js';

export const CROSS_YEAR_CHECKS: readonly CrossYearCheck[] = [acrossPeriods, copiedText];

/** Findings of the checks across years, by path; paths without any are absent. Pure. */
export function checkWorkspace(reports: readonly WorkspaceReport[]): Map<string, Finding[]> {
  const index = indexReports(reports);
  const out = new Map<string, Finding[]>();
  for (const current of reports) {
    const findings = findingsAcross(index, current);
    if (findings.length) out.set(current.path, findings);
  }
  return out;
}

/**
 * One report's findings across years in the workspace `index` was built from (`indexReports`), in document order:
 * what `checkWorkspace` gives for it, computed when it is needed (the CLI writes one file's results at a time).
 */
export function findingsAcross(index: ReportIndex, current: WorkspaceReport): Finding[] {
  const previous = neighbour(index, current, -1);
  if (!previous) return [];
  return CROSS_YEAR_CHECKS.flatMap((check) => check(current, previous)).sort(byPosition);
}

/** The report's relations across periods against the same body's report for the period before, instance by instance. */
export function comparisonsAcross(index: ReportIndex, current: WorkspaceReport): { previous: string; instances: PeriodComparison[] } | undefined {
  const previous = neighbour(index, current, -1);
  return previous ? { previous: previous.path, instances: comparePeriods(current, previous) } : undefined;
}

export { comparePeriods, type PeriodComparison };

export function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * A file's own findings and its findings across years, in document order, the file's suppression comments
 * (`facts.suppressions`) applied to the latter.
 */
export function mergeFindings(own: readonly Finding[], across: readonly Finding[] | undefined, suppressions?: readonly Suppression[]): Finding[] {
  if (!across?.length) return [...own];
  const silenced = suppressAcross(own, across, suppressions);
  return [...silenced.own, ...withinBudget(silenced.across.sort(byPosition))].sort(byPosition);
}
