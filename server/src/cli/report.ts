// The three output formats of `tally check`: text for people, JSON for scripts, SARIF for code scanning.
import pc from 'picocolors';
import { CODES, ALL_CODES, type Finding, type Severity, type SuppressedFinding } from '../engine/index.js';
import { localize, type Locale } from './locale.js';
import { maxOf } from '../engine/lists.js';
import { msg } from '../engine/message.js';

export interface FileResult {
  path: string;
  template: string | null;
  findings: Finding[];
  /** Findings the file's suppression comments silenced: SARIF carries them as suppressed results, the rest leave them out. */
  suppressed?: SuppressedFinding[];
  /** The file was imported (a web page, PDF, Word file or pasted text) and checked as its Markdown. */
  imported?: { from: string; saved?: string };
}

const severityText = (severity: Severity, locale: Locale) => localize(msg(`severity.${severity}`), locale);

const paint: Record<Severity, (s: string) => string> = { error: pc.red, warning: pc.yellow, information: pc.blue };

/** An OSC 8 hyperlink (terminals that know it show `text` as a link; the others print `text`). */
function hyperlink(text: string, url: string | undefined): string {
  return url ? `\u001b]8;;${url}\u0007${text}\u001b]8;;\u0007` : text;
}

/** `docsUrl` links each code to its page (given only when writing to a terminal). */
export function formatText(results: FileResult[], locale: Locale, unreadable = 0, docsUrl?: (code: string) => string | undefined): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0 };
  const all = results.flatMap((file) => file.findings);
  const severityWidth = maxOf(all.map((f) => severityText(f.severity, locale).length), 0);
  const codeWidth = maxOf(all.map((f) => f.code.length), 0);
  for (const file of results) {
    if (file.findings.length === 0) continue;
    if (lines.length) lines.push('');
    for (const f of file.findings) {
      counts[f.severity]++;
      const where = `${file.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const severity = severityText(f.severity, locale);
      // CJK severities are two columns wide each.
      const pad = ' '.repeat((severityWidth - severity.length) * (locale === 'en' ? 1 : 2));
      lines.push(`${pc.dim(where)}  ${paint[f.severity](severity)}${pad}  ${hyperlink(pc.bold(f.code), docsUrl?.(f.code))}${' '.repeat(codeWidth - f.code.length)}  ${localize(f.message, locale)}`);
    }
  }
  const total = counts.error + counts.warning + counts.information;
  if (lines.length) lines.push('');
  lines.push(summary(total, counts, results.length, locale));
  if (unreadable) lines.push(pc.red(localize(msg('report.path-could-not-be-read', { unreadable }), locale)));
  return lines.join('\n') + '\n';
}

function summary(total: number, c: Record<Severity, number>, files: number, locale: Locale): string {
  if (total === 0) return pc.green(localize(msg('report.clean', { files }), locale));
  // English colours only the mark, Chinese the whole line
  const mark = c.error ? '✖' : '⚠';
  const counts = { files, total, errors: c.error, warnings: c.warning, notes: c.information };
  if (locale === 'en') return localize(msg('report.summary', { ...counts, mark: c.error ? pc.red(mark) : pc.yellow(mark) }), locale);
  const out = localize(msg('report.summary', { ...counts, mark }), locale);
  return c.error ? pc.red(out) : pc.yellow(out);
}

export function formatJson(results: FileResult[], locale: Locale): string {
  return JSON.stringify({
    files: results.map((file) => ({
      path: file.path,
      template: file.template,
      ...(file.imported ? { imported: file.imported } : {}),
      diagnostics: file.findings.map((f) => ({
        code: f.code, severity: f.severity, message: localize(f.message, locale), range: f.range,
      })),
    })),
  }, null, 2) + '\n';
}
