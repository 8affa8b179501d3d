// Findings are domain values: a stable code, a severity, a range and the facts for the message.
// They become LSP diagnostics, CLI lines or SARIF results only at the edge.
import type { Range } from './source.js';
import type { MessageText } from './message.js';
import { msg } from './message.js';

export type Severity = 'error' | 'warning' | 'information';

export interface CodeInfo {
  severity: Severity;
  title: MessageText;
}

/** Every code the engine reports, with its default severity and a one-line description. */
export const CODES = {
  'front-matter': { severity: 'error', title: msg('title.front-matter') },
  'not-a-report': { severity: 'warning', title: msg('title.not-a-report') },
  'outdated-format': { severity: 'warning', title: msg('title.outdated-format') },
  'missing-section': { severity: 'error', title: msg('title.missing-section') },
  'section-order': { severity: 'warning', title: msg('title.section-order') },
  'duplicate-section': { severity: 'error', title: msg('title.duplicate-section') },
  'section-title': { severity: 'information', title: msg('title.section-title') },
  numbering: { severity: 'warning', title: msg('title.numbering') },
  'missing-table': { severity: 'error', title: msg('title.missing-table') },
  'empty-table': { severity: 'error', title: msg('title.empty-table') },
  'missing-row': { severity: 'error', title: msg('title.missing-row') },
  'unknown-row': { severity: 'warning', title: msg('title.unknown-row') },
  'row-order': { severity: 'warning', title: msg('title.row-order') },
  'missing-column': { severity: 'error', title: msg('title.missing-column') },
  'row-shape': { severity: 'error', title: msg('title.row-shape') },
  'empty-cell': { severity: 'warning', title: msg('title.empty-cell') },
  'blank-as-zero': { severity: 'information', title: msg('title.blank-as-zero') },
  'not-a-number': { severity: 'error', title: msg('title.not-a-number') },
  unit: { severity: 'warning', title: msg('title.unit') },
  'total-mismatch': { severity: 'error', title: msg('title.total-mismatch') },
  reconciliation: { severity: 'error', title: msg('title.reconciliation') },
  bound: { severity: 'warning', title: msg('title.bound') },
  'prose-mismatch': { severity: 'error', title: msg('title.prose-mismatch') },
  'breakdown-sum': { severity: 'error', title: msg('title.breakdown-sum') },
  percentage: { severity: 'warning', title: msg('title.percentage') },
  'year-mismatch': { severity: 'error', title: msg('title.year-mismatch') },
  'part-count': { severity: 'warning', title: msg('title.part-count') },
  'claim-contradiction': { severity: 'warning', title: msg('title.claim-contradiction') },
  'carry-over': { severity: 'error', title: msg('title.carry-over') },
  'in-force-count': { severity: 'warning', title: msg('title.in-force-count') },
  'project-count': { severity: 'error', title: msg('title.project-count') },
  import: { severity: 'warning', title: msg('title.import') },
  'copied-text': { severity: 'information', title: msg('title.copied-text') },
  'too-complex': { severity: 'error', title: msg('title.too-complex') },
  internal: { severity: 'error', title: msg('title.internal') },
  'unused-suppression': { severity: 'information', title: msg('title.unused-suppression') },
  'unknown-code': { severity: 'warning', title: msg('title.unknown-code') },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export type Args = Record<string, string | number>;

export interface RelatedInformation {
  range: Range;
  message: MessageText;
  /** The file the range is in, when another than the finding's (a path or URI, as the caller named it). */
  uri?: string;
}

/** A text edit: replace `range` with `newText`. */
export interface Edit { range: Range; newText: string }

export interface Fix {
  title: MessageText;
  edits: Edit[];
  /**
   * A candidate for fix-all (`fixAll`, source.fixAll, `--fix`): a mechanical fix the check would apply without
   * review. fixAll still applies it only when re-analysing the whole edited report finds strictly fewer findings
   * and none new; otherwise it stays a quick fix the user chooses. A fix not marked safe is never applied unasked.
   */
  safe: boolean;
}

export interface Finding {
  code: Code;
  severity: Severity;
  range: Range;
  message: MessageText;
  related?: RelatedInformation[];
  fixes?: Fix[];
  /** What the finding is about, for fixes an editor computes from the current text (insert a section …). */
  subject?: Subject;
}

export interface Subject {
  section?: string; table?: string; row?: string; line?: number;
  /** A report pasted from a web page, not in the dialect: the editor offers to convert it in place. */
  pasted?: boolean;
}

export const ALL_CODES = Object.keys(CODES) as Code[];
