// The engine's last line of defence: an internal error becomes one `internal` finding at the document's start,
// so the language server and the CLI go on. The message names the error's kind only: its text may quote the user's.
import type { Analysis } from './index.js';
import type { Finding } from './findings.js';
import type { ReportModel } from './model/report.js';
import { LineIndex, type Range } from './source.js';
import { msg } from './message.js';

/** `range` defaults to the document's start. */
export function internalFinding(error: unknown, range: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }): Finding {
  const raw = error instanceof Error ? error.name : typeof error;
  const name = /^[A-Za-z_$][\w$]{0,39}$/.test(raw) ? raw : 'Error';
  return {
    code: 'internal', severity: 'error', range,
    message: msg('guard.the-document-could-not-be', { name }),
  };
}

/** The analysis of a document the engine failed on: the model read so far, if any, and no binding. */
export function failedAnalysis(text: string, error: unknown, model?: ReportModel): Analysis {
  const lines = model?.doc.lines ?? new LineIndex(text);
  return {
    template: null,
    findings: [internalFinding(error, lines.lineRange(0))],
    model: model ?? { doc: { text, lines, chunks: [] }, blocks: [], headings: [], tables: [], enumerated: [] },
    binding: { via: 'none', tables: [], looseTables: [], claimsReport: false },
    suppressed: [], suppressions: [],
  };
}
