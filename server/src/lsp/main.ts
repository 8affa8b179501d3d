// The Tally language server: the engine behind LSP. Any LSP editor can use it (`tally-language-server --stdio`);
// the VS Code client starts it over IPC. Each handler maps engine data to protocol data and nothing more.
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, CodeActionKind, DidChangeConfigurationNotification,
  type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BUILTIN_TEMPLATES, type Analysis } from '../engine/index.js';
import { formatTables } from '../engine/format.js';
import { skeleton } from '../engine/edits/index.js';
import { AnalysisStore, isReport } from './store.js';
import { WorkspaceIndex } from './workspace.js';
import { mergeFindings } from '../engine/workspace/index.js';
import { toDiagnostic, setDocsLocation } from './diagnostics.js';
import { hover } from './hover.js';
import { documentSymbols, foldingRanges } from './outline.js';
import { codeActions, FIX_ALL_KIND } from './actions.js';
import { codeLenses, inlayHints } from './lenses.js';
import { completions } from './completion.js';
import { summary } from './summary.js';
import { proseFigureAt, proseDefinition } from './prose.js';
import { DEFAULT_SETTINGS, messageLanguage, withDefaults, type Language, type Settings } from './settings.js';

const REPORT_LANGUAGE = 'tally-report';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const store = new AnalysisStore();
const workspace = new WorkspaceIndex();
let roots: string[] = [];

/** The file path of a file: URI (other schemes take no part in the checks across files). */
function pathOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}
setDocsLocation(fileURLToPath(import.meta.url));

let editorLocale: string | undefined;
let canPullSettings = false;
let initialSettings: Settings = DEFAULT_SETTINGS;
/** Delay between the last change and the analysis: bursts of edits arriving together are analysed once. */
let debounceMs = 5;
const settingsCache = new Map<string, Promise<Settings>>();

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as { locale?: string; settings?: unknown; debounceMs?: number };
  editorLocale = options.locale ?? params.locale;
  initialSettings = withDefaults(options.settings);
  if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
  canPullSettings = params.capabilities.workspace?.configuration === true;
  roots = (params.workspaceFolders ?? []).map((f) => pathOf(f.uri)).filter((p): p is string => p !== undefined);
  if (roots.length === 0 && params.rootUri) roots = [pathOf(params.rootUri)].filter((p): p is string => p !== undefined);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      documentSymbolProvider: { label: 'Tally' },
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND] },
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: true,
      completionProvider: { triggerCharacters: ['#', '|', '、'] },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      definitionProvider: true,
    },
    serverInfo: { name: 'tally-language-server' },
  };
});

connection.onInitialized(() => {
  if (canPullSettings) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  // Last year's report is usually closed: read the workspace's reports once, then re-check the open ones.
  const open = new Set(documents.all().map((d) => pathOf(d.uri)));
  void workspace.scan(roots, (p) => open.has(p)).then(() => { for (const d of documents.all()) schedule(d.uri, 0); });
});

function settingsFor(uri: string): Promise<Settings> {
  if (!canPullSettings) return Promise.resolve(initialSettings);
  const cached = settingsCache.get(uri);
  if (cached) return cached;
  const pulled = connection.workspace.getConfiguration({ scopeUri: uri, section: 'tally' }).then(withDefaults, () => initialSettings);
  settingsCache.set(uri, pulled);
  return pulled;
}

connection.onDidChangeConfiguration((change) => {
  settingsCache.clear();
  const pushed = (change.settings as { tally?: unknown } | undefined)?.tally;
  if (pushed !== undefined) initialSettings = withDefaults(pushed);
  for (const document of documents.all()) schedule(document.uri, 0);
});

/** Whether findings are shown for this document: reports always, other Markdown under scope "all". */
function shown(document: TextDocument, analysis: Analysis, settings: Settings): boolean {
  if (!settings.enable) return false;
  return document.languageId === REPORT_LANGUAGE || isReport(analysis) || analysis.binding.claimsReport || settings.scope === 'all';
}

const timers = new Map<string, NodeJS.Timeout>();
const published = new Set<string>();

function schedule(uri: string, delay = debounceMs): void {
  clearTimeout(timers.get(uri));
  timers.set(uri, setTimeout(() => { timers.delete(uri); void validate(uri); }, delay));
}

async function validate(uri: string): Promise<void> {
  const document = documents.get(uri);
  if (!document) return;
  const version = document.version;
  const settings = await settingsFor(uri);
  // A newer version arrived while the settings were fetched: its own analysis is scheduled.
  if (documents.get(uri)?.version !== version) return;
  const analysis = store.analysisOf(document);
  const language = messageLanguage(settings, editorLocale);
  const visible = shown(document, analysis, settings);
  const path = pathOf(uri);
  if (path) {
    // A neighbour year whose cross-year findings this edit changed is re-checked too.
    for (const other of workspace.update(path, isReport(analysis) ? analysis : undefined)) {
      const otherUri = pathToFileURL(other).href;
      if (otherUri !== uri && documents.get(otherUri)) schedule(otherUri, 0);
    }
  }
  const findings = mergeFindings(analysis.findings, path ? workspace.findingsFor(path) : []);
  if (visible || published.has(uri)) {
    const diagnostics = visible ? findings.map((f) => toDiagnostic(f, uri, language)) : [];
    void connection.sendDiagnostics({ uri, version, diagnostics });
    if (visible) published.add(uri); else published.delete(uri);
  }
  const count = (s: string) => (visible ? findings.filter((f) => f.severity === s).length : 0);
  void connection.sendNotification('tally/status', {
    uri, version, template: analysis.template, isReport: isReport(analysis),
    errors: count('error'), warnings: count('warning'), infos: count('information'),
  });
}

documents.onDidOpen((e) => schedule(e.document.uri, 0));
documents.onDidChangeContent(async (e) => {
  if ((await settingsFor(e.document.uri)).run === 'onType') schedule(e.document.uri);
});
documents.onDidSave((e) => schedule(e.document.uri, 0));
documents.onDidClose((e) => {
  clearTimeout(timers.get(e.document.uri));
  store.forget(e.document.uri);
  settingsCache.delete(e.document.uri);
  if (published.delete(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

/** The current analysis and message language of an open document, for a request. */
async function current(uri: string): Promise<{ document: TextDocument; analysis: Analysis; language: Language; settings: Settings } | undefined> {
  const document = documents.get(uri);
  if (!document) return undefined;
  const settings = await settingsFor(uri);
  if (!settings.enable) return undefined;
  return { document, analysis: store.analysisOf(document), language: messageLanguage(settings, editorLocale), settings };
}

connection.onHover(async (params, token) => {
  const c = await current(params.textDocument.uri);
  if (!c || token.isCancellationRequested) return null;
  return hover(c.analysis, params.position, c.language);
});

// VS Code's own Markdown outline and folding serve plain Markdown; Tally's serve reports (ARCHITECTURE.md).
connection.onDocumentSymbol(async (params, token) => {
  const c = await current(params.textDocument.uri);
  if (!c || token.isCancellationRequested || c.document.languageId !== REPORT_LANGUAGE) return [];
  const path = pathOf(params.textDocument.uri);
  return documentSymbols(c.analysis, c.language, path ? workspace.neighbours(path) : {});
});

connection.onFoldingRanges(async (params, token) => {
  const c = await current(params.textDocument.uri);
  if (!c || token.isCancellationRequested || c.document.languageId !== REPORT_LANGUAGE) return [];
  return foldingRanges(c.analysis);
});

connection.onCodeAction(async (params, token) => {
  const c = await current(params.textDocument.uri);
  if (!c || token.isCancellationRequested) return [];
  return codeActions(c.analysis, params, c.language);
});

connection.onCodeLens(async (params, token) => {
  const c = await current(params.textDocument.uri);
  if (!c || token.isCancellationRequested || !isReport(c.analysis)) return [];
  return codeLenses(c.analysis, params.textDocument.uri, c.language);
});

connection.languages.inlayHint.on(async (params, token) => {
  const c = await current(params.textDocument.uri);
  if (!c || token.isCancellationRequested || !c.settings.inlayHints || !shown(c.document, c.analysis, c.settings)) return [];
  return inlayHints(c.analysis).filter((h) => h.position.line >= params.range.start.line && h.position.line <= params.range.end.line);
});

// Go to definition on a figure in the text: the table figure it names.
connection.onDefinition(async (params, token) => {
  const c = await current(params.textDocument.uri);
  if (!c || token.isCancellationRequested) return null;
  const figure = proseFigureAt(c.analysis, params.position);
  return figure ? proseDefinition(figure, params.textDocument.uri) : null;
});

connection.onCompletion(async (params, token) => {
  const c = await current(params.textDocument.uri);
  if (!c || token.isCancellationRequested) return [];
  return completions(c.analysis, params.position, c.language);
});

connection.onDocumentFormatting(async (params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? formatTables(document.getText()) : [];
});

connection.onDocumentRangeFormatting(async (params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? formatTables(document.getText(), params.range) : [];
});

connection.onRequest('tally/skeleton', (params: { template: string; year: number; organ?: string }) => {
  const template = BUILTIN_TEMPLATES.find((t) => t.id === params.template) ?? BUILTIN_TEMPLATES[0];
  return { text: skeleton(template, { year: params.year, organ: params.organ }) };
});

connection.onRequest('tally/summary', async (params: { uri: string }) => {
  const c = await current(params.uri);
  return { markdown: c ? summary(c.analysis, c.language) : '' };
});

documents.listen(connection);
connection.listen();
