// The engine: text → parse → report model → template binding → checks → findings.
// No editor or protocol imports: the CLI, the language server and the tests share it.
import { parse } from './parse.js';
import { buildReport, type ReportModel } from './model/report.js';
import { bind, type Binding, type BindOptions } from './bind/index.js';
import { CHECKS } from './checks/index.js';
import { PROSE_CHECKS } from './checks/prose.js';
import type { Finding } from './findings.js';
import { failedAnalysis } from './guard.js';
import { append } from './lists.js';
import { withinBudget } from './budget.js';
import { suppress, type Suppression, type SuppressedFinding } from './suppress.js';

export interface Analysis {
  /** Id of the template the report was checked against, or null for generic checks only. */
  template: string | null;
  findings: Finding[];
  model: ReportModel;
  binding: Binding;
  /** The findings the report's suppression comments silenced (SARIF carries them as suppressed results). */
  suppressed: SuppressedFinding[];
  /** The report's suppression comments, as plain data (the checks across years apply them too). */
  suppressions: Suppression[];
}

export interface AnalyzeOptions extends BindOptions {
  /** Check the figures in the text too (prose-mismatch, breakdown-sum, percentage, claim-contradiction). */
  prose?: boolean;
  /**
   * The same report is analysed again and again with small edits between (an editor's keystrokes, fix-all's rounds):
   * checks may keep what they derive for the next analysis. Off for a one-time check (`tally check`), where keeping
   * costs more than it saves.
   */
  repeated?: boolean;
}

/**
 * Positions refer to `text` without a leading byte-order mark, as editors present it. Never throws: an internal
 * error becomes one `internal` finding.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let model: ReportModel;
  try {
    model = buildReport(parse(clean));
  } catch (e) {
    return failedAnalysis(clean, e);
  }
  return check(model, options);
}

/**
 * Binds a report model to its template (or takes `binder`'s binding: the editor's engine keeps one while its
 * inputs stay) and runs every check. Never throws, as `analyze`.
 */
export function check(model: ReportModel, options: AnalyzeOptions = {}, binder: (model: ReportModel, options: AnalyzeOptions) => Binding = bind): Analysis {
  try {
    return checkModel(model, options, binder);
  } catch (e) {
    return failedAnalysis(model.doc.text, e, model);
  }
}

function checkModel(model: ReportModel, options: AnalyzeOptions, binder: (model: ReportModel, options: AnalyzeOptions) => Binding): Analysis {
  const binding = binder(model, options);
  const findings: Finding[] = [];
  for (const check of options.prose === false ? CHECKS.filter((c) => !PROSE_CHECKS.includes(c)) : CHECKS) {
    append(findings, check.run({ model, binding, repeated: options.repeated === true }));
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const silenced = suppress(model, findings);
  return { template: binding.template?.id ?? null, findings: withinBudget(silenced.findings), model, binding,
    suppressed: silenced.suppressed, suppressions: silenced.suppressions };
}

export type { Finding, Severity, Code, Fix, Edit } from './findings.js';
export { CODES, ALL_CODES } from './findings.js';
export type { Range, Position } from './source.js';
export { BUILTIN_TEMPLATES, type Template } from '../templates/index.js';
export { IncrementalAnalyzer } from './incremental.js';
export type { Suppression, SuppressedFinding } from './suppress.js';
export { reportStatus, type ReportStatus, type SectionStatus, type TableStatus, type Status, type StatusProblem, type NotCheckedReason } from './status.js';
