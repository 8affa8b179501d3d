// The VS Code client of Tally: starts the language server (out/server.js) over IPC and adds what only the editor
// can do — the report language, the status bar item and the commands. Everything that reads a report is in the server.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerMarkdownReports, type MarkdownIt, type ReportOutline } from './markdown-reports';
import { registerNewReport } from './new-report';
import { registerCheckWorkspace } from './check-workspace';
import { registerReviewPanel, type ReviewPanelApi } from './review-panel';
import { registerSummaryView, statusBarBackground, statusBarText, statusBarTooltip, type ReportState } from './report-status.js';

export const REPORT_LANGUAGE = 'tally-report';

/** Params of the server's `tally/status` notification, sent after each analysis. */
export interface TallyStatus extends ReportState {
  uri: string;
  version: number;
  template: string | null;
  isReport: boolean;
  errors: number;
  warnings: number;
  infos: number;
}

interface RelationItem {
  label: string;
  detail: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** What `activate` returns (used by the end-to-end tests). */
export interface TallyApi {
  client: LanguageClient;
  status(uri: vscode.Uri): TallyStatus | undefined;
  onStatus: vscode.Event<TallyStatus>;
  /** The report outline view (reports stay Markdown: VS Code's Outline keeps their headings). */
  reportOutline: ReportOutline;
  /** VS Code's Markdown preview calls it (`markdown.markdownItPlugins`): findings marked in the preview. */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  /** The status bar item, as the user sees it. */
  statusBar: vscode.StatusBarItem;
  review: ReviewPanelApi;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<TallyApi> {
  const server = context.asAbsolutePath('out/server.js');
  const serverOptions: ServerOptions = {
    run: { module: server, transport: TransportKind.ipc },
    debug: { module: server, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const documentSelector = ['file', 'untitled'].flatMap((scheme) =>
    ['markdown', REPORT_LANGUAGE].map((language) => ({ scheme, language })));
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    // VS Code shows its own Markdown outline and folding: Tally's outline is a view of its own (markdown-reports.ts).
    initializationOptions: { locale: vscode.env.language, settings: settings(), clientMarkdownOutline: true },
    // The editor's font gives the default width of ambiguous characters in aligned tables (tally.format.ambiguousWidth).
    synchronize: { configurationSection: ['tally', 'editor.fontFamily'] },
  };
  const lc = new LanguageClient('tally', 'Tally', serverOptions, clientOptions);
  client = lc;

  const statuses = new Map<string, TallyStatus>();
  const switched = new Set<string>(); // documents already given the report language once: a user may switch back
  const statusEmitter = new vscode.EventEmitter<TallyStatus>();
  const item = vscode.window.createStatusBarItem('tally.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Tally';
  item.command = 'workbench.actions.view.problems';

  const render = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const s = doc && statuses.get(doc.uri.toString());
    if (!doc || !s || !s.isReport || !settings().enable) { item.hide(); return; }
    item.text = statusBarText(s);
    item.tooltip = statusBarTooltip(s);
    item.backgroundColor = statusBarBackground(s);
    item.show();
  };

  const openSummary = registerSummaryView(context, lc, statusEmitter.event);
  context.subscriptions.push(
    item, statusEmitter,
    lc.onNotification('tally/status', (s: TallyStatus) => {
      statuses.set(s.uri, s);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === s.uri);
      if (doc && s.isReport && doc.languageId === 'markdown' && settings().reportLanguage && !switched.has(s.uri)) {
        switched.add(s.uri);
        // A document closed meanwhile (a new report discarded at once) has no language to change.
        vscode.languages.setTextDocumentLanguage(doc, REPORT_LANGUAGE).then(undefined, () => undefined);
      }
      render();
      statusEmitter.fire(s);
    }),
    vscode.window.onDidChangeActiveTextEditor(render),
    vscode.workspace.onDidCloseTextDocument((d) => {
      // A change of language closes and reopens the same document: only a real close forgets it.
      const key = d.uri.toString();
      if (vscode.workspace.textDocuments.some((o) => o.uri.toString() === key)) return;
      statuses.delete(key);
      switched.delete(key);
      render();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tally.reportLanguage') && !settings().reportLanguage) void backToMarkdown(switched);
      if (e.affectsConfiguration('tally')) render();
    }),

    registerCheckWorkspace(lc),

    vscode.commands.registerCommand('tally.restartServer', async () => {
      statuses.clear();
      render();
      await lc.restart();
    }),

    registerNewReport(context, lc),

    vscode.commands.registerCommand('tally.showSummary', async (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (!target) return;
      const doc = await openSummary(target);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),

    vscode.commands.registerCommand('tally.showRelations', async (uri: string, items: RelationItem[]) => {
      const picked = await vscode.window.showQuickPick(
        items.map((it) => ({ label: it.label, detail: it.detail, it })),
        { placeHolder: vscode.l10n.t('Relations of this figure'), matchOnDetail: true });
      if (!picked) return;
      const { start, end } = picked.it.range;
      const range = new vscode.Range(start.line, start.character, end.line, end.character);
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: range });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),

    // Opens a place another file or the table holds (cross-year findings, "go to the table" fixes).
    vscode.commands.registerCommand('tally.reveal', async (uri: string, range: RelationItem['range']) => {
      const target = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: target });
      editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),

    // Published reports (HTML, PDF, Word, pasted text) → the dialect, saved beside the original (never over a file
    // that exists: then in a new editor). Arguments skip the file picker: for keybindings and tests.
    vscode.commands.registerCommand('tally.importReport', async (uris?: vscode.Uri[]) => {
      const picked = Array.isArray(uris) ? uris : await vscode.window.showOpenDialog({
        canSelectMany: true, openLabel: vscode.l10n.t('Import'),
        filters: { [vscode.l10n.t('Published reports')]: ['html', 'htm', 'pdf', 'docx', 'txt', 'doc', 'wps'] },
      });
      const opened: vscode.Uri[] = [];
      for (const source of picked ?? []) {
        const uri = await importOne(lc, source);
        if (uri) opened.push(uri);
      }
      return opened;
    }),

    vscode.commands.registerCommand('tally.showPreview', async (uri?: vscode.Uri) => {
      const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
      await vscode.commands.executeCommand('markdown.showPreviewToSide', target);
    }),
  );

  // HTML copied from a report's web page pastes as Markdown tables; other pastes are left to VS Code.
  if (vscode.languages.registerDocumentPasteEditProvider) {
    const kind = vscode.DocumentDropOrPasteEditKind.Text.append('tally', 'table');
    context.subscriptions.push(vscode.languages.registerDocumentPasteEditProvider(documentSelector, {
      async provideDocumentPasteEdits(_document, _ranges, dataTransfer, _context, token) {
        const html = await dataTransfer.get('text/html')?.asString();
        if (!html || !/<table[\s>]/i.test(html) || token.isCancellationRequested) return undefined;
        const result = await lc.sendRequest<{ markdown?: string }>('tally/importHtml', { html });
        if (!result.markdown || token.isCancellationRequested) return undefined;
        return [new vscode.DocumentPasteEdit(result.markdown, vscode.l10n.t('Insert as Markdown tables (Tally)'), kind)];
      },
    }, { providedPasteEditKinds: [kind], pasteMimeTypes: ['text/html'] }));
  }

  const reports = registerMarkdownReports(context, lc, (uri) => statuses.get(uri.toString()), statusEmitter.event, () => settings().enable);
  const review = registerReviewPanel(context, lc, statusEmitter.event);

  await lc.start();
  render();
  return { client: lc, status: (uri) => statuses.get(uri.toString()), onStatus: statusEmitter.event, statusBar: item,
    reportOutline: reports.outline, extendMarkdownIt: reports.extendMarkdownIt, review };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Imports one published report through the server; returns the opened document's URI, or undefined. */
async function importOne(lc: LanguageClient, source: vscode.Uri): Promise<vscode.Uri | undefined> {
  const name = source.path.slice(source.path.lastIndexOf('/') + 1);
  const params = source.scheme === 'file'
    ? { name, path: source.fsPath }
    : { name, data: Buffer.from(await vscode.workspace.fs.readFile(source)).toString('base64') };
  const result = await lc.sendRequest<{ markdown?: string; error?: string; notes?: number }>('tally/import', params);
  if (result.markdown === undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Tally could not import {0}: {1}', name, result.error ?? '?'));
    return undefined;
  }
  const target = vscode.Uri.joinPath(source, '..', `${name.replace(/\.[^.]*$/, '')}.md`);
  let exists = true;
  try { await vscode.workspace.fs.stat(target); } catch { exists = false; }
  let doc: vscode.TextDocument;
  if (exists || source.scheme !== 'file') {
    doc = await vscode.workspace.openTextDocument({ language: newReportLanguage(), content: result.markdown });
    if (exists) void vscode.window.showInformationMessage(vscode.l10n.t('{0} exists already: the imported report is in a new editor.', target.fsPath));
  } else {
    await vscode.workspace.fs.writeFile(target, Buffer.from(result.markdown, 'utf8'));
    doc = await vscode.workspace.openTextDocument(target);
  }
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc.uri;
}

/** `tally.reportLanguage` turned off: the documents the client gave the report language are Markdown again. */
async function backToMarkdown(switched: Set<string>): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.languageId === REPORT_LANGUAGE && switched.has(d.uri.toString()))) {
    switched.delete(doc.uri.toString());
    await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  }
}

/** A new report's language: Markdown, or the report language while `tally.reportLanguage` asks for it. */
function newReportLanguage(): string {
  return settings().reportLanguage ? REPORT_LANGUAGE : 'markdown';
}

/** The `tally` settings as sent to the server. */
function settings() {
  const c = vscode.workspace.getConfiguration('tally');
  return {
    enable: c.get<boolean>('enable', true),
    locale: c.get<string>('locale', 'auto'),
    run: c.get<string>('run', 'onType'),
    scope: c.get<string>('scope', 'reports'),
    inlayHints: c.get<boolean>('inlayHints', true),
    reportLanguage: c.get<boolean>('reportLanguage', false),
    blankCells: c.get<string>('blankCells', 'auto'),
  };
}
