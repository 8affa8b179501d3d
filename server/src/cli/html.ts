// `tally check --format html`: one self-contained page for a reviewer without an editor (server/src/review/). The
// analyses stay on the worker threads, so each file is analysed again here as its results are written, one at a time.
import { readFileSync } from 'node:fs';
import { analyze, type Analysis, type Finding, type Severity } from '../engine/index.js';
import { findTemplate } from '../templates/index.js';
import { isImportable } from '../import/importable.js';
import type { FileOptions } from './analyze-files.js';
import type { FileResult } from './report.js';
import type { PeriodComparison } from '../engine/workspace/index.js';
import { buildReview } from '../review/model.js';
import { ReviewPage } from '../review/html.js';
import type { Locale } from './locale.js';

/** The file's analysis as the check made it: its Markdown, or the Markdown its import gives. */
async function analysisOf(path: string, options: FileOptions): Promise<Analysis | undefined> {
  const { saveImported: _, texts, ...analyzeOptions } = options;
  const given = texts?.[path];
  if (given !== undefined) return analyze(given, analyzeOptions);
  const bytes = readFileSync(path);
  if (!/\.md$/i.test(path) && isImportable(path)) {
    const template = typeof options.template === 'string' ? findTemplate(options.template, options.templates) : options.template;
    const { importReport } = await import('../import/index.js');
    const imported = await importReport(bytes, path, { template, templates: options.templates });
    return 'error' in imported ? undefined : analyze(imported.markdown, analyzeOptions);
  }
  return analyze(new TextDecoder('utf-8', { fatal: true }).decode(bytes), analyzeOptions);
}

const key = (f: Finding) => `${f.code}:${f.range.start.line}:${f.range.start.character}:${f.range.end.line}:${f.range.end.character}`;

export class HtmlReport {
  private readonly page: ReviewPage;
  private readonly counts: Record<Severity, number> = { error: 0, warning: 0, information: 0 };

  constructor(locale: Locale) { this.page = new ReviewPage(locale); }

  start(): string { return this.page.start(); }

  async file(result: FileResult, options: FileOptions, comparisons?: { previous: string; instances: PeriodComparison[] }): Promise<string> {
    for (const f of result.findings) this.counts[f.severity]++;
    const analysis = await analysisOf(result.path, options);
    if (!analysis) return '';
    // The findings kept aside lost their related places (the table figures a sentence names): the analysis has them.
    const related = new Map(analysis.findings.filter((f) => f.related).map((f) => [key(f), f.related]));
    const findings = result.findings.map((f) => (f.related || !related.has(key(f)) ? f : { ...f, related: related.get(key(f)) }));
    return this.page.file(buildReview({ path: result.path, analysis, findings, ...(comparisons?.instances.length ? { comparisons } : {}) }));
  }

  end(unreadable: number): string { return this.page.end(this.counts, unreadable); }
}
