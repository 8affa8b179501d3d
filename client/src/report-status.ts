// The report's state where the editor shows it: the status bar item (the findings counted as the Problems view
// counts them, the template and year in the tooltip, and the state of the report from the server's one status
// function), and the report summary, a read-only view of its own scheme whose lines open their place in the report.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** The `tally/status` fields about the report's state (the server's engine/status.ts, in words). */
export interface ReportState {
  errors: number;
  warnings: number;
  infos: number;
  template: string | null;
  /** holds, fails or not-checked (absent from a server that does not say). */
  state?: 'holds' | 'fails' | 'not-checked';
  /** The state in words, in the language of Tally's messages ("✓ 49 relations hold"). */
  statusText?: string;
  year?: number;
  templateName?: string;
}

/** "1 error", "2 errors": each count with its plural, as VS Code's l10n has no plural forms. */
function counted(count: number, one: string, other: string): string {
  return count === 1 ? vscode.l10n.t(one, count) : vscode.l10n.t(other, count);
}

/** The item's text: "Tally" with the error and warning counts, else the state's mark (✓ only where it holds). */
export function statusBarText(s: ReportState): string {
  const counts = [s.errors ? `$(error) ${s.errors}` : '', s.warnings ? `$(warning) ${s.warnings}` : ''].filter(Boolean);
  if (counts.length) return `Tally ${counts.join(' ')}`;
  return s.state === 'holds' ? 'Tally $(check)' : 'Tally $(circle-large-outline)';
}

export function statusBarTooltip(s: ReportState): string {
  const template = s.template ? (s.templateName ? `${s.templateName} (${s.template})` : s.template) : vscode.l10n.t('no template');
  const head = s.year !== undefined ? vscode.l10n.t('Tally — template: {0}; year: {1}', template, s.year)
    : vscode.l10n.t('Tally — template: {0}', template);
  const counts = [
    counted(s.errors, '{0} error', '{0} errors'),
    counted(s.warnings, '{0} warning', '{0} warnings'),
    counted(s.infos, '{0} note', '{0} notes'),
  ].join(vscode.l10n.t(', '));
  return [head, counts, s.statusText, vscode.l10n.t('Click to open Problems.')].filter(Boolean).join('\n');
}

/** Errors alone colour the item, as errors alone make a problem that blocks. */
export function statusBarBackground(s: ReportState): vscode.ThemeColor | undefined {
  return s.errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
}

export const SUMMARY_SCHEME = 'tally-summary';

interface SummaryAnswer {
  markdown: string;
  links: Array<{ line: number; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>;
}

/**
 * The summary of a report as a read-only document `tally-summary:/<report name>.md?<report uri>`: never dirty, so
 * never asks to be saved; each line standing for a section or a table links to it (tally.reveal); it follows the
 * report as the server re-checks it.
 */
export function registerSummaryView(context: vscode.ExtensionContext, lc: LanguageClient,
  onStatus: vscode.Event<{ uri: string }>): (report: vscode.Uri) => Promise<vscode.TextDocument> {
  const answers = new Map<string, SummaryAnswer>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const reportOf = (uri: vscode.Uri) => vscode.Uri.parse(uri.query);
  const summaryUri = (report: vscode.Uri) => vscode.Uri.from({
    scheme: SUMMARY_SCHEME, path: `/${(report.path.split('/').pop() || 'report').replace(/\.md$/i, '')}.summary.md`, query: report.toString(),
  });
  const fetch = async (uri: vscode.Uri) => {
    const answer = await lc.sendRequest<SummaryAnswer>('tally/summary', { uri: uri.query });
    answers.set(uri.toString(), answer);
    return answer;
  };
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: async (uri) => (await fetch(uri)).markdown,
    }),
    vscode.languages.registerDocumentLinkProvider({ scheme: SUMMARY_SCHEME }, {
      provideDocumentLinks(document) {
        const answer = answers.get(document.uri.toString());
        if (!answer) return [];
        const report = reportOf(document.uri).toString();
        return answer.links.filter((l) => l.line < document.lineCount).map((l) => {
          const text = document.lineAt(l.line).text;
          const start = text.search(/\S/) + (text.trimStart().startsWith('- ') ? 2 : 0);
          const target = vscode.Uri.parse(`command:tally.reveal?${encodeURIComponent(JSON.stringify([report, l.range]))}`);
          const link = new vscode.DocumentLink(new vscode.Range(l.line, Math.max(start, 0), l.line, text.length), target);
          link.tooltip = vscode.l10n.t('Go to line {0} of the report', l.range.start.line + 1);
          return link;
        });
      },
    }),
    onStatus((s) => {
      for (const doc of vscode.workspace.textDocuments) {
        if (doc.uri.scheme === SUMMARY_SCHEME && doc.uri.query === s.uri) changed.fire(doc.uri);
      }
    }),
  );
  return async (report) => {
    const doc = await vscode.workspace.openTextDocument(summaryUri(report));
    if (doc.languageId !== 'markdown') return vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    return doc;
  };
}
