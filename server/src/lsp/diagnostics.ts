// Findings → LSP diagnostics, in one place. Quick-fix data travels on the diagnostic itself.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Edit, Finding, Severity } from '../engine/index.js';
import type { Subject } from '../engine/findings.js';
import { text, type Language } from './settings.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information,
};

/** What a code action needs, carried on the diagnostic (the server keeps no fix cache). */
export interface DiagnosticData {
  fixes: Array<{ title: string; edits: Edit[]; safe: boolean }>;
  subject?: Subject;
}

/** The README's table of checks, shipped beside the server. */
let checksUrl: string | undefined;
export function setDocsLocation(serverFile: string): void {
  for (let dir = path.dirname(serverFile), i = 0; i < 4; dir = path.dirname(dir), i++) {
    if (existsSync(path.join(dir, 'README.md'))) {
      checksUrl = `${pathToFileURL(path.join(dir, 'README.md')).href}#checks`;
      return;
    }
  }
}

export function toDiagnostic(finding: Finding, uri: string, language: Language): Diagnostic {
  const data: DiagnosticData = {
    fixes: (finding.fixes ?? []).map((f) => ({ title: text(f.title, language), edits: f.edits, safe: f.safe })),
    ...(finding.subject ? { subject: finding.subject } : {}),
  };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    ...(checksUrl ? { codeDescription: { href: checksUrl } } : {}),
    source: 'tally',
    message: text(finding.message, language),
    ...(finding.related?.length ? {
      relatedInformation: finding.related.map((r) => ({
        location: { uri: r.uri ? toUri(r.uri) : uri, range: r.range }, message: text(r.message, language),
      })),
    } : {}),
    data,
  };
}

/** A path or URI from the engine as a URI. */
export function toUri(pathOrUri: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(pathOrUri) && !/^[a-z]:[\\/]/i.test(pathOrUri) ? pathOrUri : pathToFileURL(pathOrUri).href;
}
