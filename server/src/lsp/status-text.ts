// The words for engine/status.ts's states, shared by the code lenses, the outline, the summary and the status bar:
// "✓ 46 relations hold", "✗ 4 tables missing", "○ not checked: the table has no figures".
import type { Analysis } from '../engine/index.js';
import { reportStatus, type NotCheckedReason, type Status, type StatusProblem } from '../engine/status.js';
import { joined, label, msg, type Arg, type MessageText } from '../engine/message.js';
import { templateName, text as render, type Language } from './settings.js';

/** Why nothing was verified, as a phrase ("the table has no figures"). */
export function reasonText(reason: NotCheckedReason): MessageText {
  if (reason.code === 'unverifiable') return msg('status.why.unverifiable', { count: reason.blanks + reason.cells });
  if (reason.code === 'tables-not-checked') {
    const names = reason.tables.map((t) => msg('quote.cjk', { text: label(t.title) }));
    return msg('status.why.tables-not-checked', { count: names.length, names: joined(names, msg('sep.cjk-list')) });
  }
  return msg(`status.why.${reason.code}`);
}

/** What fails, as a phrase ("1 relation fails, 4 tables missing"). */
export function problemsText(problems: StatusProblem[]): Arg {
  const count = (code: StatusProblem['code']) => problems.filter((p) => p.code === code).length;
  const parts: MessageText[] = [];
  if (count('section-missing')) parts.push(msg('status.section-missing'));
  if (count('table-missing')) parts.push(msg('status.tables-missing', { count: count('table-missing') }));
  if (count('relation-fails')) parts.push(msg('status.relations-fail', { count: count('relation-fails') }));
  return joined(parts, msg('sep.comma'));
}

/** A state in a few words, with its mark: ✓ holds, ✗ fails, ○ not checked. `of` says what a presence holds for. */
export function statusText(status: Status, of: 'section' | 'table' | 'report', language: Language): string {
  if (status.state === 'fails' && of === 'table' && status.problems.every((p) => p.code === 'table-missing')) return render(msg('status.missing'), language);
  if (status.state === 'fails') return render(msg('status.fails', { problems: problemsText(status.problems) }), language);
  if (status.state === 'not-checked') return render(msg('status.not-checked', { why: reasonText(status.reason) }), language);
  if (status.basis === 'presence') return render(msg(of === 'table' ? 'status.holds-table' : 'status.holds-section'), language);
  return render(msg('status.holds-relations', { verified: status.verified }), language)
    + (status.unverified ? render(msg('status.unverified', { count: status.unverified }), language) : '');
}

/** The mark alone. */
export function statusMark(status: Status): string {
  return status.state === 'holds' ? '✓' : status.state === 'fails' ? '✗' : '○';
}

/** A report's state for the status bar, as plain data (it crosses from the analysis worker): in each language. */
export interface ReportLine {
  state: Status['state'];
  /** Problems of a failing report (missing parts, failing relations); 0 otherwise. */
  problems: number;
  year?: number;
  /** The template's name in each language. */
  templateName?: Record<Language, string>;
  /** The state in words, in each language ("✓ 49 relations hold"). */
  text: Record<Language, string>;
}

const LANGUAGES: readonly Language[] = ['zh-CN', 'zh-TW', 'en'];

export function reportLine(analysis: Analysis): ReportLine {
  const { status, template } = reportStatus(analysis);
  const each = (f: (l: Language) => string) => Object.fromEntries(LANGUAGES.map((l) => [l, f(l)])) as Record<Language, string>;
  return {
    state: status.state, problems: status.state === 'fails' ? status.count : 0,
    ...(analysis.model.year ? { year: analysis.model.year.value } : {}),
    ...(template ? { templateName: each((l) => templateName(template.name, l)) } : {}),
    text: each((l) => statusText(status, 'report', l)),
  };
}

/** The `tally/status` notification's fields about the report's state, in the reader's language. */
export function statusFields(line: ReportLine, language: Language): {
  state: Status['state']; problems: number; statusText: string; year?: number; templateName?: string;
} {
  return {
    state: line.state, problems: line.problems, statusText: line.text[language],
    ...(line.year !== undefined ? { year: line.year } : {}),
    ...(line.templateName ? { templateName: line.templateName[language] } : {}),
  };
}
