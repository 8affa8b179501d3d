// What every check receives and returns. A check is a pure function of the bound report.
import type { ReportModel } from '../model/report.js';
import type { Binding } from '../bind/index.js';
import { CODES, type Code, type Finding, type Fix, type RelatedInformation, type Subject } from '../findings.js';
import type { Range } from '../source.js';
import type { MessageText } from '../message.js';

export interface CheckContext {
  model: ReportModel;
  binding: Binding;
  /** The report is analysed again after each small edit (`AnalyzeOptions.repeated`). */
  repeated?: boolean;
}

export interface Check {
  /** Codes this check can report. */
  codes: readonly Code[];
  run(context: CheckContext): Finding[];
}

export function finding(code: Code, range: Range, message: MessageText,
  extra: { severity?: Finding['severity']; related?: RelatedInformation[]; fixes?: Fix[]; subject?: Subject } = {}): Finding {
  return {
    code, severity: extra.severity ?? CODES[code].severity, range, message,
    ...(extra.related?.length ? { related: extra.related } : {}),
    ...(extra.fixes?.length ? { fixes: extra.fixes } : {}),
    ...(extra.subject ? { subject: extra.subject } : {}),
  };
}

/** Where to point at a whole document: its title, else its first line. */
export function documentRange(context: CheckContext): Range {
  return context.model.title?.range ?? context.model.doc.lines.lineRange(0);
}
