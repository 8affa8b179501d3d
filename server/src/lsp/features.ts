// The requests that read a document's analysis, as pure functions of it: the main thread answers them for
// documents it analyses itself, the analysis worker for the large documents it holds (analysis-worker.ts).
import type { Analysis } from '../engine/index.js';
import { formatTables } from '../engine/format.js';
import { isReport } from './store.js';
import type { Finding } from '../engine/index.js';
import { hover } from './hover.js';
import { documentSymbols, foldingRanges } from './outline.js';
import { codeActions } from './actions.js';
import type { FixAllOptions } from '../engine/edits/fix-all.js';
import { codeLenses, inlayHints } from './lenses.js';
import { completions } from './completion.js';
import { summary } from './summary.js';
import { review } from './review.js';
import { proseFigureAt, proseDefinition } from './prose.js';
import type { Language } from './settings.js';
import type { TemplateInfo } from './templates.js';
import { totalRowTokens } from './markdown-editors.js';

/** What a request knows besides the analysis: plain data, so that it crosses to the worker. */
export interface FeatureContext {
  uri: string;
  language: Language;
  /** Findings are shown whatever the text: the report language, or the setting scope "all". */
  alwaysShown: boolean;
  inlayHints: boolean;
  /** The same body's reports for the year before and after (from the workspace index). */
  neighbours: { previous?: string; next?: string; ambiguous?: string[] };
  /** The templates the server knows (completion of the front matter's `template:`). */
  templates?: TemplateInfo[];
  /** Columns an East Asian Ambiguous character takes when tables are formatted. */
  ambiguousWidth?: 1 | 2;
  /** How Fix All runs: the document's analysis options, and the codes whose fixes it leaves (checks turned off). */
  fixAll?: FixAllOptions;
}

/** The document as a request sees it: its text, and its analysis computed only when asked for. */
export interface Subject { text: string; analysis: () => Analysis }

/** Whether a document's findings are shown (the setting tally.enable aside): reports, and what claims to be one. */
export function shown(report: { template: string | null; claimsReport: boolean; findings: readonly Finding[] }, alwaysShown: boolean): boolean {
  return alwaysShown || report.template !== null || report.claimsReport || isPasted(report.findings);
}

/** A report pasted from a web page, whose tables could not be read: a report all the same, never silently passed. */
export function isPasted(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.subject?.pasted === true);
}

const showable = (a: Analysis) => ({ template: a.template, claimsReport: a.binding.claimsReport, findings: a.findings });

type Feature = (subject: Subject, params: any, context: FeatureContext) => unknown;

export const FEATURES = {
  hover: (s, p, c) => hover(s.analysis(), p.position, c.language),
  documentSymbol: (s, _p, c) => documentSymbols(s.analysis(), c.language, c.neighbours),
  foldingRange: (s) => foldingRanges(s.analysis()),
  codeAction: (s, p, c) => codeActions(s.analysis(), p, c.language, c.fixAll),
  codeLens: (s, _p, c) => (isReport(s.analysis()) ? codeLenses(s.analysis(), c.uri, c.language) : []),
  inlayHint: (s, p, c) => (!c.inlayHints || !shown({ template: s.analysis().template, claimsReport: s.analysis().binding.claimsReport, findings: s.analysis().findings }, c.alwaysShown) ? [] : inlayHints(s.analysis())
    .filter((h) => h.position.line >= p.range.start.line && h.position.line <= p.range.end.line)),
  definition: (s, p, c) => {
    const figure = proseFigureAt(s.analysis(), p.position);
    return figure ? proseDefinition(figure, c.uri) : null;
  },
  completion: (s, p, c) => completions(s.analysis(), p.position, c.language, c.templates),
  summary: (s, _p, c) => summary(s.analysis(), c.language),
  semanticTokens: (s, _p, c) => ({ data: shown(showable(s.analysis()), c.alwaysShown) ? totalRowTokens(s.analysis()) : [] }),
  review: (s, p, c) => review(s.analysis(), p, c.language),
  formatting: (s, _p, c) => formatTables(s.text, undefined, { ambiguousWidth: c.ambiguousWidth ?? 1 }),
  rangeFormatting: (s, p, c) => formatTables(s.text, p.range, { ambiguousWidth: c.ambiguousWidth ?? 1 }),
} satisfies Record<string, Feature>;

export type FeatureName = keyof typeof FEATURES;
