// The three output formats of `tally check`: text for people, JSON for scripts, SARIF for code scanning.
import { PLAIN, type Colors } from './stdout.js';
import { CODES, ALL_CODES, type Finding, type Severity, type SuppressedFinding } from '../engine/index.js';
import { localize, type Locale } from './locale.js';
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

/** Colours for the text report: none until the CLI gives picocolors (cli/stdout.ts loadColors). */
let pc: Colors = PLAIN;
export function useColors(colors: Colors): void { pc = colors; }
const paint = (severity: Severity, s: string): string => (severity === 'error' ? pc.red(s) : severity === 'warning' ? pc.yellow(s) : pc.blue(s));

/** An OSC 8 hyperlink (terminals that know it show `text` as a link; the others print `text`). */
function hyperlink(text: string, url: string | undefined): string {
  return url ? `\u001b]8;;${url}\u0007${text}\u001b]8;;\u0007` : text;
}

/** `docsUrl` links each code to its page (given only when writing to a terminal). */
export function formatText(results: FileResult[], locale: Locale, unreadable = 0, docsUrl?: (code: string) => string | undefined): string {
  const text = new TextReport(locale, docsUrl);
  for (const file of results) text.measure(file.findings);
  return results.map((file) => text.file(file)).join('') + text.end(results.length, unreadable);
}

/**
 * The text format a file at a time: `measure` every file's findings first (codes and severities are aligned
 * across files), then write `file(…)` for each in order and `end(…)`.
 */
export class TextReport {
  private severityWidth = 0;
  private codeWidth = 0;
  private readonly counts: Record<Severity, number> = { error: 0, warning: 0, information: 0 };
  private written = false;

  constructor(private readonly locale: Locale, private readonly docsUrl?: (code: string) => string | undefined) {}

  measure(findings: readonly Finding[]): void {
    for (const f of findings) {
      this.severityWidth = Math.max(this.severityWidth, severityText(f.severity, this.locale).length);
      this.codeWidth = Math.max(this.codeWidth, f.code.length);
    }
  }

  /** The file's lines, after a blank line when a file before had some; '' when it has no findings. */
  file(file: FileResult): string {
    if (file.findings.length === 0) return '';
    const { locale } = this;
    const lines: string[] = [];
    for (const f of file.findings) {
      this.counts[f.severity]++;
      const where = `${file.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const severity = severityText(f.severity, locale);
      // CJK severities are two columns wide each.
      const pad = ' '.repeat((this.severityWidth - severity.length) * (locale === 'en' ? 1 : 2));
      lines.push(`${pc.dim(where)}  ${paint(f.severity, severity)}${pad}  ${hyperlink(pc.bold(f.code), this.docsUrl?.(f.code))}${' '.repeat(this.codeWidth - f.code.length)}  ${localize(f.message, locale)}`);
    }
    const before = this.written ? '\n' : '';
    this.written = true;
    return `${before}${lines.join('\n')}\n`;
  }

  /** The summary of `files` files, and how many paths could not be read. */
  end(files: number, unreadable = 0): string {
    const c = this.counts;
    const lines = [summary(c.error + c.warning + c.information, c, files, this.locale)];
    if (unreadable) lines.push(pc.red(localize(msg('report.path-could-not-be-read', { unreadable }), this.locale)));
    return `${this.written ? '\n' : ''}${lines.join('\n')}\n`;
  }
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
  return jsonStart(results.length > 0) + results.map((file, i) => jsonFile(file, locale, i === 0)).join('') + jsonEnd(results.length > 0);
}

/**
 * The JSON format a file at a time, byte for byte what JSON.stringify({ files }, null, 2) writes: `jsonStart`,
 * `jsonFile` for each file in order, `jsonEnd`.
 */
export function jsonStart(anyFile: boolean): string {
  return anyFile ? '{\n  "files": [\n' : '{\n  "files": [';
}

export function jsonFile(file: FileResult, locale: Locale, first: boolean): string {
  const entry = JSON.stringify({
    path: file.path,
    template: file.template,
    ...(file.imported ? { imported: file.imported } : {}),
    diagnostics: file.findings.map((f) => ({
      code: f.code, severity: f.severity, message: localize(f.message, locale), range: f.range,
    })),
  }, null, 2);
  return (first ? '' : ',\n') + entry.replace(/^/gm, '    ');
}

export function jsonEnd(anyFile: boolean): string {
  return anyFile ? '\n  ]\n}\n' : ']\n}\n';
}
