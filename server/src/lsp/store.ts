// One incremental analyzer per open document; an analysis is always of the document's current version.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalAnalyzer, type Analysis, type AnalyzeOptions } from '../engine/index.js';

interface Entry { analyzer: IncrementalAnalyzer; version?: number; options?: string; analysis?: Analysis; failure?: unknown }

export class AnalysisStore {
  private readonly entries = new Map<string, Entry>();

  /** The analysis of `document` as it is now (re-analysing only what changed since the last one). */
  analysisOf(document: TextDocument, options: AnalyzeOptions = {}): Analysis {
    const key = JSON.stringify(options);
    let entry = this.entries.get(document.uri);
    if (!entry) {
      entry = { analyzer: new IncrementalAnalyzer() };
      this.entries.set(document.uri, entry);
    }
    if (entry.version !== document.version || entry.options !== key || (!entry.analysis && !entry.failure)) {
      entry.version = document.version;
      entry.options = key;
      try {
        entry.analysis = entry.analyzer.analyze(document.getText(), options);
        entry.failure = undefined;
      } catch (e) {
        // The analyzer may be left half-updated: the next version starts afresh; this one fails at once.
        entry.analyzer = new IncrementalAnalyzer();
        entry.analysis = undefined;
        entry.failure = e;
      }
    }
    if (!entry.analysis) throw entry.failure;
    return entry.analysis;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}

/** A document Tally treats as a report: bound to a template (front matter, option or detection). */
export function isReport(analysis: Analysis): boolean {
  return analysis.template !== null;
}
