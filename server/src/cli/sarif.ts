// SARIF output of `tally check --format sarif` (code scanning), apart from report.ts so that the other formats do not
// load node-sarif-builder.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SarifBuilder, SarifRunBuilder, SarifRuleBuilder, SarifResultBuilder } from 'node-sarif-builder';
import { CODES, ALL_CODES, type Finding, type Severity, type SuppressedFinding } from '../engine/index.js';
import { localize, type Locale } from './locale.js';
import type { FileResult } from './report.js';

/** Relative paths as URI references (what code scanning resolves against the repository); others as file: URIs. */
function artifactUri(file: string): string {
  const relative = path.relative(process.cwd(), file);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).map(encodeURIComponent).join('/');
  return pathToFileURL(path.resolve(file)).href;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note' };

export function formatSarif(results: Iterable<FileResult>, locale: Locale, version: string, docsUrl?: (code: string) => string | undefined): string {
  const builder = new SarifBuilder();
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'tally', toolDriverVersion: version });
  for (const code of ALL_CODES) {
    const rule = new SarifRuleBuilder().initSimple({
      ruleId: code, shortDescriptionText: localize(CODES[code].title, locale),
    });
    rule.rule.defaultConfiguration = { level: SARIF_LEVEL[CODES[code].severity] };
    const help = docsUrl?.(code);
    if (help) rule.rule.helpUri = help;
    run.addRule(rule);
  }
  for (const file of results) {
    const entries: Array<{ f: Finding; suppressed?: SuppressedFinding }> = [
      ...file.findings.map((f) => ({ f })), ...(file.suppressed ?? []).map((s) => ({ f: s.finding, suppressed: s }))];
    for (const { f, suppressed } of entries) {
      const result = new SarifResultBuilder().initSimple({
        level: SARIF_LEVEL[f.severity], messageText: localize(f.message, locale), ruleId: f.code,
        fileUri: artifactUri(file.path),
        startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1,
        endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1,
      });
      // Code scanning shows a result with a suppression as dismissed: silenced in the source, with its reason.
      if (suppressed) result.result.suppressions = [{ kind: 'inSource', ...(suppressed.reason ? { justification: suppressed.reason } : {}) }];
      run.addResult(result);
    }
  }
  run.run.columnKind = 'utf16CodeUnits';
  builder.addRun(run);
  return builder.buildSarifJsonString({ indent: true }) + '\n';
}
