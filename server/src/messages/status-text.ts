// The words for engine/status.ts's states, shared by the code lenses, the outline, the summary and the status bar:
// "✓ 46 relations hold", "✗ 4 tables missing", "○ not checked: the table has no figures".
import type { Analysis } from '../engine/index.js';
import { reportStatus, type NotCheckedReason, type Status, type StatusProblem } from '../engine/status.js';
import { joined, label, msg, type Arg, type MessageText } from '../engine/message.js';
import type { LocalText } from '../templates/index.js';
import { render, templateName, type Locale as Language } from './render.js';

/**
 * A state as its words need it: engine/status.ts's `Status`, or the plain copy of it that crosses from the analysis
 * worker (`plainStatus`: problem codes, table titles).
 */
export type StatusWords =
  | { state: 'holds'; basis: 'relations' | 'presence'; verified: number; unverified: number }
  | { state: 'fails'; count: number; problems: ReadonlyArray<{ code: StatusProblem['code'] }> }
  | { state: 'not-checked'; reason: ReasonWords };

type ReasonWords = Exclude<NotCheckedReason, { code: 'tables-not-checked' }> | { code: 'tables-not-checked'; tables: ReadonlyArray<{ title: string }> };

/** A state as plain data, without the relation instances and template objects it refers to. */
export function plainStatus(status: Status): StatusWords {
  if (status.state === 'fails') return { state: 'fails', count: status.count, problems: status.problems.map((p) => ({ code: p.code })) };
  if (status.state === 'not-checked' && status.reason.code === 'tables-not-checked') {
    return { state: 'not-checked', reason: { code: 'tables-not-checked', tables: status.reason.tables.map((t) => ({ title: t.title })) } };
  }
  return status;
}

/** Why nothing was verified, as a phrase ("the table has no figures"). */
export function reasonText(reason: ReasonWords): MessageText {
  if (reason.code === 'unverifiable') return msg('status.why.unverifiable', { count: reason.blanks + reason.cells });
  if (reason.code === 'tables-not-checked') {
    const names = reason.tables.map((t) => msg('quote.cjk', { text: label(t.title) }));
    return msg('status.why.tables-not-checked', { count: names.length, names: joined(names, msg('sep.cjk-list')) });
  }
  return msg(`status.why.${reason.code}`);
}

/** What fails, as a phrase ("1 relation fails, 4 tables missing"). */
export function problemsText(problems: ReadonlyArray<{ code: StatusProblem['code'] }>): Arg {
  const count = (code: StatusProblem['code']) => problems.filter((p) => p.code === code).length;
  const parts: MessageText[] = [];
  if (count('section-missing')) parts.push(msg('status.section-missing'));
  if (count('table-missing')) parts.push(msg('status.tables-missing', { count: count('table-missing') }));
  if (count('relation-fails')) parts.push(msg('status.relations-fail', { count: count('relation-fails') }));
  return joined(parts, msg('sep.comma'));
}

/** A state in a few words, with its mark: ✓ holds, ✗ fails, ○ not checked. `of` says what a presence holds for. */
export function statusText(status: StatusWords, of: 'section' | 'table' | 'report', language: Language): string {
  if (status.state === 'fails' && of === 'table' && status.problems.every((p) => p.code === 'table-missing')) return render(msg('status.missing'), language);
  if (status.state === 'fails') return render(msg('status.fails', { problems: problemsText(status.problems) }), language);
  if (status.state === 'not-checked') return render(msg('status.not-checked', { why: reasonText(status.reason) }), language);
  if (status.basis === 'presence') return render(msg(of === 'table' ? 'status.holds-table' : 'status.holds-section'), language);
  return render(msg('status.holds-relations', { verified: status.verified }), language)
    + (status.unverified ? render(msg('status.unverified', { count: status.unverified }), language) : '');
}

/** The mark alone. */
export function statusMark(status: StatusWords): string {
  return status.state === 'holds' ? '✓' : status.state === 'fails' ? '✗' : '○';
}

/**
 * A report's state for the status bar, as plain data (it crosses from the analysis worker); put in words only
 * for the reader's language (zh-TW's conversion is loaded only when someone reads zh-TW).
 */
export interface ReportLine {
  status: StatusWords;
  year?: number;
  /** The template's name. */
  templateName?: LocalText;
}

export function reportLine(analysis: Analysis): ReportLine {
  const { status, template } = reportStatus(analysis);
  return {
    status: plainStatus(status),
    ...(analysis.model.year ? { year: analysis.model.year.value } : {}),
    ...(template ? { templateName: template.name } : {}),
  };
}

/** The `tally/status` notification's fields about the report's state, in the reader's language. */
export function statusFields(line: ReportLine, language: Language): {
  state: Status['state']; problems: number; statusText: string; year?: number; templateName?: string;
} {
  return {
    state: line.status.state, problems: line.status.state === 'fails' ? line.status.count : 0,
    statusText: statusText(line.status, 'report', language),
    ...(line.year !== undefined ? { year: line.year } : {}),
    ...(line.templateName ? { templateName: templateName(line.templateName, language) } : {}),
  };
}
