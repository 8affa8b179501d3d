// Findings → LSP diagnostics, in one place. Quick-fix data travels on the diagnostic itself.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Edit, Finding, Severity } from '../engine/index.js';
import type { Subject } from '../engine/findings.js';
import { text, type Language } from './settings.js';
import { checkDocUrl, checksDocsFolder } from '../shared/docs.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information,
};

/** What a code action needs, carried on the diagnostic (the server keeps no fix cache). */
export interface DiagnosticData {
  fixes: Array<{ title: string; edits: Edit[]; safe: boolean }>;
  subject?: Subject;
}

/** The docs/checks pages shipped beside the server (one per code); the README's table of checks without them. */
let docsFolder: string | undefined;
let checksUrl: string | undefined;
const pages = new Map<string, string | undefined>();
export function setDocsLocation(serverFile: string): void {
  docsFolder = checksDocsFolder(serverFile);
  pages.clear();
  for (let dir = path.dirname(serverFile), i = 0; i < 4; dir = path.dirname(dir), i++) {
    if (existsSync(path.join(dir, 'README.md'))) {
      checksUrl = `${pathToFileURL(path.join(dir, 'README.md')).href}#checks`;
      return;
    }
  }
}

function docsUrl(code: string): string | undefined {
  if (!pages.has(code)) pages.set(code, checkDocUrl(docsFolder, code));
  return pages.get(code) ?? checksUrl;
}

/**
 * Diagnostics by the finding they were made of: a finding is never changed once made, and the engine gives the same
 * finding objects again for what a keystroke left unchanged (a table's relations, the findings across years).
 */
const made = new WeakMap<Finding, { uri: string; language: Language; diagnostic: Diagnostic }>();

export function toDiagnostic(finding: Finding, uri: string, language: Language): Diagnostic {
  const known = made.get(finding);
  if (known && known.uri === uri && known.language === language) return known.diagnostic;
  const diagnostic = makeDiagnostic(finding, uri, language);
  made.set(finding, { uri, language, diagnostic });
  return diagnostic;
}

function makeDiagnostic(finding: Finding, uri: string, language: Language): Diagnostic {
  const data: DiagnosticData = {
    fixes: (finding.fixes ?? []).map((f) => ({ title: text(f.title, language), edits: f.edits, safe: f.safe })),
    ...(finding.subject ? { subject: finding.subject } : {}),
  };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    ...(docsUrl(finding.code) ? { codeDescription: { href: docsUrl(finding.code)! } } : {}),
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
