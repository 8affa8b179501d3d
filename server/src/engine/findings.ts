// Findings are domain values: a stable code, a severity, a range and the facts for the message.
// They become LSP diagnostics, CLI lines or SARIF results only at the edge.
import type { Range } from './source.js';
import type { MessageText } from './message.js';
import { msg, type Message } from './message.js';

export type Severity = 'error' | 'warning' | 'information';

/** Every code the engine reports with its default severity; its one-line description is the message `title.<code>`. */
const SEVERITIES = {
  'front-matter': 'error',
  'not-a-report': 'warning',
  'outdated-format': 'warning',
  'missing-section': 'error',
  'section-order': 'warning',
  'duplicate-section': 'error',
  'section-title': 'information',
  numbering: 'warning',
  'missing-table': 'error',
  'empty-table': 'error',
  'missing-row': 'error',
  'unknown-row': 'warning',
  'row-order': 'warning',
  'missing-column': 'error',
  'row-shape': 'error',
  'empty-cell': 'warning',
  'blank-as-zero': 'information',
  'not-a-number': 'error',
  unit: 'warning',
  'total-mismatch': 'error',
  reconciliation: 'error',
  bound: 'warning',
  'prose-mismatch': 'error',
  'breakdown-sum': 'error',
  percentage: 'warning',
  'year-mismatch': 'error',
  'part-count': 'warning',
  'claim-contradiction': 'warning',
  'carry-over': 'error',
  'in-force-count': 'warning',
  'project-count': 'error',
  import: 'warning',
  'copied-text': 'information',
  'too-complex': 'error',
  internal: 'error',
  'unused-suppression': 'information',
  'unknown-code': 'warning',
} as const satisfies Record<string, Severity>;

/** Every code the engine reports, with its default severity and a one-line description. */
export const CODES = Object.fromEntries(Object.entries(SEVERITIES).map(([code, severity]) => [code, { severity, title: msg(`title.${code}`) }])) as
  { readonly [K in keyof typeof SEVERITIES]: { readonly severity: (typeof SEVERITIES)[K]; readonly title: Message } };

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
