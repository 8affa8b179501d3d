// The Tally language server: the engine behind LSP. Any LSP editor can use it (`tally-language-server --stdio`);
// the VS Code client starts it over IPC. Each handler maps engine data to protocol data and nothing more.
import nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import {
  ProposedFeatures, TextDocuments, TextDocumentSyncKind, CodeActionKind, DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification, DiagnosticSeverity, FileChangeType,
  type InitializeParams, type InitializeResult, type CancellationToken,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { collectFacts } from '../engine/workspace/index.js';
import { AnalysisStore } from './store.js';
import { WorkspaceIndex } from './workspace.js';
import { mergeFindings } from '../engine/workspace/index.js';
import { toDiagnostic, setDocsLocation } from './diagnostics.js';
import { FIX_ALL_KIND } from './actions.js';
import { FEATURES, shown, isPasted, type FeatureContext, type FeatureName } from './features.js';
import { AnalysisWorker, type DocumentOutcome } from './background.js';
import { reportLine, statusFields } from '../messages/status-text.js';
import { DEFAULT_SETTINGS, ambiguousWidth, analyzeOptions, messageLanguage, text, withConfig, withDefaults, type Settings } from './settings.js';
import { newReport, templatesWithTitles, type SkeletonParams } from './new-report.js';
import { applyChecks, CONFIG_GLOB, CONFIG_NAMES, TEMPLATE_GLOB, ConfigResolver, NO_SETTINGS, offCodes, type FileSettings } from '../shared/config.js';
import { collectFiles } from '../shared/files.js';
import { importFile, importHtml, type ImportParams } from './import.js';
import { setExtraTemplates, templateList } from './templates.js';
import { Progress } from './progress.js';
import { WorkspaceFiles, type Reading } from './workspace-files.js';
import { reviewRequest, type ReviewParams } from './review.js';
import { msg } from '../engine/message.js';
import { REPORT_LANGUAGE, SEMANTIC_LEGEND, answersOutline, clientShowsOutline } from './markdown-editors.js';
import { LineBreakSafeDocument } from './text-document.js';
import { serverConnection } from './stdio.js';

/** The report files the client watches: a report changed on disk is read again (workspace-files.ts). */
const REPORT_GLOB = '**/*.md';

const connection = serverConnection();
const documents = new TextDocuments(LineBreakSafeDocument);
const store = new AnalysisStore();
const workspace = new WorkspaceIndex();
/** The configuration files (.tally.jsonc …), read as `tally check` reads them; forgotten when one changes. */
const configs = new ConfigResolver();
let roots: string[] = [];

/** An exception in a handler is logged and answered with an empty result: the server keeps serving. */
function logError(what: string, error: unknown): void {
  const detail = error instanceof Error ? error.stack ?? error.message : String(error);
  try { connection.console.error(`Tally: ${what} failed: ${detail}`); } catch { /* the connection is gone */ }
}
process.on('uncaughtException', (e) => logError('uncaught exception', e));
process.on('unhandledRejection', (e) => logError('unhandled rejection', e));

function guarded<P, R>(what: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
  return async (params: P, token: CancellationToken): Promise<R> => {
    try {
      return await handler(params, token);
    } catch (e) {
      logError(what, e);
      return fallback;
    }
  };
}

// Off the main thread (analysis-worker.ts): the workspace scan, and open documents longer than `largeDocument`,
// so a keystroke's diagnostics in a normal document never wait for either. Two threads: a large document's analysis
// does not wait for the scan either.
const WORKER = new URL('./analysis-worker.js', import.meta.url);
const scanner = new AnalysisWorker(WORKER, (m) => connection.console.error(m));
const analyst = new AnalysisWorker(WORKER, (m) => connection.console.error(m));
/**
 * UTF-16 units above which an open document is analysed by the worker: about 1.5 MB of Chinese text. Below it a
 * first analysis takes at most a few hundred milliseconds and a keystroke tens (IncrementalAnalyzer); above it the
 * main thread would stall every other document for as long.
 */
let largeDocument = 500_000;
const isLarge = (document: TextDocument) => document.getText().length > largeDocument;

/** The file path of a file: URI (other schemes take no part in the checks across files). */
function pathOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}
setDocsLocation(fileURLToPath(import.meta.url));

let editorLocale: string | undefined;
let canPullSettings = false;
let canWatchFiles = false;
let canShowProgress = false;
/** The client shows its own outline and folding for Markdown (VS Code): Tally's then only for `tally-report`. */
let clientOutline = false;
let canRefreshTokens = false;
let initialSettings: Settings = DEFAULT_SETTINGS;
/** Delay between a change and the analysis when an analysis already waits: the edits of a burst are analysed once. */
let debounceMs = 5;
const settingsCache = new Map<string, Promise<Settings>>();

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as { locale?: string; settings?: unknown; debounceMs?: number; largeDocument?: number; clientMarkdownOutline?: unknown };
  clientOutline = clientShowsOutline(options);
  if (typeof options.largeDocument === 'number' && options.largeDocument >= 0) largeDocument = options.largeDocument;
  editorLocale = options.locale ?? params.locale;
  initialSettings = withDefaults(options.settings);
  if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
  canPullSettings = params.capabilities.workspace?.configuration === true;
  canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  canShowProgress = params.capabilities.window?.workDoneProgress === true;
  canRefreshTokens = params.capabilities.workspace?.semanticTokens?.refreshSupport === true;
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
      semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
    },
    serverInfo: { name: 'tally-language-server' },
  };
});

connection.onInitialized(() => {
  if (canPullSettings) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  if (canWatchFiles) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_GLOB }, { globPattern: TEMPLATE_GLOB }, { globPattern: REPORT_GLOB }] });
  }
  void loadWorkspaceConfigs().catch((e) => logError('configuration files', e));
  // Last year's report is usually closed: read the workspace's reports once, then re-check the open ones.
  const isOpen = (p: string) => documents.all().some((d) => pathOf(d.uri) === p);
  // A closed report is read with the options its configuration file gives, and an ignored one not at all.
  const factsOf = async (p: string) => {
    const file = (await configs.settingsFor(p)).settings;
    return file.ignored ? null : scanner.facts(p, analyzeOptions(withConfig(initialSettings, file), file));
  };
  // In the editor's progress ("n / total", cancellable: the reports read so far are kept) while there are folders.
  const progress = roots.length ? new Progress(connection, canShowProgress, msg('scan.title'), messageLanguage(initialSettings, editorLocale)) : undefined;
  void workspace.scan(roots, isOpen, factsOf, { progress: (read, total) => progress?.update(read, total), cancelled: () => progress?.cancelled ?? false })
    .then(() => { for (const d of documents.all()) schedule(d.uri, 0); }, (e) => logError('workspace scan', e))
    .finally(() => { progress?.end(); scanner.release(); });
});

/** How a closed report is read (its folder's settings and its configuration file's); null: ignored, as by the scan. */
async function readingOf(path: string): Promise<Reading | null> {
  const file = (await configs.settingsFor(path)).settings;
  if (file.ignored) return null;
  const root = roots.find((r) => path.startsWith(r + nodePath.sep));
  const settings = withConfig(await settingsFor(pathToFileURL(root ?? path).href), file);
  return {
    options: analyzeOptions(settings, file), checks: file.checks, language: messageLanguage(settings, editorLocale),
    enabled: settings.enable, scopeAll: settings.scope === 'all',
  };
}

/** The open document of a file, if any. */
const openUri = (path: string) => documents.all().find((d) => pathOf(d.uri) === path)?.uri;

// Reports changed on disk, editors closed, and Tally: Check Workspace (workspace-files.ts); the scan's thread reads them.
const files = new WorkspaceFiles({
  connection, roots: () => roots, isOpen: (p) => openUri(p) !== undefined, readingOf,
  recheck: (p) => { const uri = openUri(p); if (uri) schedule(uri, 0); },
  progress: () => ({ supported: canShowProgress, language: messageLanguage(initialSettings, editorLocale) }),
}, scanner, workspace);

function settingsFor(uri: string): Promise<Settings> {
  if (!canPullSettings) return Promise.resolve(initialSettings);
  const cached = settingsCache.get(uri);
  if (cached) return cached;
  // The editor's font gives the default width of ambiguous characters (tally.format.ambiguousWidth "auto").
  const pulled = connection.workspace.getConfiguration([{ scopeUri: uri || undefined, section: 'tally' }, { scopeUri: uri || undefined, section: 'editor.fontFamily' }])
    .then(([tally, fontFamily]: unknown[]) => withDefaults(tally, fontFamily), () => initialSettings);
  settingsCache.set(uri, pulled);
  return pulled;
}

/** The configuration file's settings for a document (none for a document that is not a file). */
async function configFor(uri: string): Promise<FileSettings> {
  const path = pathOf(uri);
  if (!path) return NO_SETTINGS;
  const { config, settings } = await configs.settingsFor(path);
  if (config) void publishConfigProblems();
  return settings;
}

/** Every configuration file of the workspace folders, read at start and after a change, so its problems show. */
async function loadWorkspaceConfigs(): Promise<void> {
  if (roots.length) {
    const names = new Set<string>(CONFIG_NAMES);
    const { files } = await collectFiles(roots, (file) => names.has(file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1)));
    await Promise.all(files.map((f) => configs.load(f)));
  }
  await publishConfigProblems();
}

/** Configuration files (and template files they name) → their diagnostics, as last published. */
const configDiagnostics = new Map<string, string>();

async function publishConfigProblems(): Promise<void> {
  const loaded = await configs.all();
  // The team's templates of every configuration: New Report's list and completion offer them.
  setExtraTemplates(loaded.flatMap((c) => c.templates.map((template) => ({ template, source: c.file }))));
  const byFile = new Map<string, typeof loaded[number]['problems']>();
  for (const config of loaded) {
    if (!byFile.has(config.file)) byFile.set(config.file, []);
    for (const p of config.problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  }
  for (const file of configDiagnostics.keys()) if (!byFile.has(file)) byFile.set(file, []);
  const language = messageLanguage(initialSettings, editorLocale);
  for (const [file, problems] of byFile) {
    const diagnostics = problems.map((p) => ({ range: p.range, severity: p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, source: 'tally', code: 'configuration', message: text(p.message, language) }));
    const key = JSON.stringify(diagnostics);
    if (configDiagnostics.get(file) === key) continue;
    if (diagnostics.length === 0 && !configDiagnostics.has(file) && !loaded.some((c) => c.file === file)) continue;
    configDiagnostics.set(file, key);
    void connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics });
  }
}

// A configuration file created, changed or deleted: read them all again and re-check the open reports.
connection.onDidChangeWatchedFiles((change) => {
  void files.changed(change.changes).catch((e) => logError('changed files', e));
  const names: readonly string[] = CONFIG_NAMES;
  void (async () => {
    const folders = (await configs.all()).flatMap((c) => c.templateFolders);
    const inFolder = (p: string | undefined) => p !== undefined && folders.some((f) => nodePath.dirname(p) === f);
    if (!change.changes.some((c) => names.includes(c.uri.slice(c.uri.lastIndexOf('/') + 1)) || inFolder(pathOf(c.uri)))) return;
    // Those read before are read again (but for the deleted ones), so their diagnostics never blink out.
    const deleted = new Set(change.changes.filter((c) => c.type === FileChangeType.Deleted).map((c) => pathOf(c.uri)));
    const before = (await configs.all()).map((c) => c.file).filter((f) => !deleted.has(f));
    configs.clear();
    await Promise.all(before.map((f) => configs.load(f)));
    await loadWorkspaceConfigs();
    for (const document of documents.all()) schedule(document.uri, 0);
    await files.settingsChanged();
  })().catch((e) => logError('configuration files', e));
});

connection.onDidChangeConfiguration((change) => {
  settingsCache.clear();
  const pushed = (change.settings as { tally?: unknown; editor?: { fontFamily?: unknown } } | undefined);
  if (pushed?.tally !== undefined) initialSettings = withDefaults(pushed.tally, pushed.editor?.fontFamily);
  for (const document of documents.all()) schedule(document.uri, 0);
  // Total rows show where findings do (tally.scope, tally.enable): the client asks for the tokens again.
  if (canRefreshTokens) void connection.languages.semanticTokens.refresh();
  void files.settingsChanged().catch((e) => logError('settings', e));
});

/** Each document's analysis waiting to run: cancelled when a newer change re-schedules it. */
const timers = new Map<string, () => void>();
const published = new Set<string>();

function schedule(uri: string, delay = debounceMs): void {
  timers.get(uri)?.();
  const run = () => { timers.delete(uri); void validate(uri).catch((e) => logError(`analysis of ${uri}`, e)); };
  // No delay: after the messages already read (each is handled in an immediate of its own), before any timer.
  if (delay <= 0) {
    const immediate = setImmediate(run);
    timers.set(uri, () => clearImmediate(immediate));
  } else {
    const timer = setTimeout(run, delay);
    timers.set(uri, () => clearTimeout(timer));
  }
}

/**
 * A change while none waits is analysed at once (after the messages already read, so a burst read together is
 * analysed once); a change while one waits postpones it by `debounceMs`, so the edits of a burst cost one analysis.
 */
function scheduleChange(uri: string): void {
  schedule(uri, timers.has(uri) ? debounceMs : 0);
}

/** Findings are shown whatever the text: the report language, or scope "all". */
const alwaysShown = (document: TextDocument, settings: Settings) => document.languageId === REPORT_LANGUAGE || settings.scope === 'all';

/** The document's analysis as plain data: here for a normal size, in the worker for a large one (undefined: superseded). */
async function outcomeOf(document: TextDocument, settings: Settings, file: FileSettings): Promise<DocumentOutcome | undefined> {
  if (isLarge(document)) {
    store.forget(document.uri);
    return analyst.analyze(document.uri, document.version, document.getText(), analyzeOptions(settings, file));
  }
  if (analyst.holds(document.uri)) analyst.forget(document.uri);
  const analysis = store.analysisOf(document, analyzeOptions(settings, file));
  let facts: DocumentOutcome['facts'] | undefined;
  return {
    template: analysis.template, claimsReport: analysis.binding.claimsReport, findings: analysis.findings,
    get facts() { return (facts ??= collectFacts(analysis)); },
    get status() { return reportLine(analysis); },
  };
}

async function validate(uri: string): Promise<void> {
  const document = documents.get(uri);
  if (!document) return;
  const version = document.version;
  const file = await configFor(uri);
  const settings = withConfig(await settingsFor(uri), file);
  // A newer version arrived while the settings were fetched: its own analysis is scheduled.
  if (documents.get(uri)?.version !== version) return;
  const outcome = await outcomeOf(document, settings, file);
  // Superseded, or a newer version arrived meanwhile: a stale result is dropped.
  if (!outcome || documents.get(uri)?.version !== version) return;
  const language = messageLanguage(settings, editorLocale);
  const visible = settings.enable && !file.ignored && shown(outcome, alwaysShown(document, settings));
  const path = pathOf(uri);
  const record = (path: string) => {
    // A neighbour year whose cross-year findings this edit changed is re-checked too.
    for (const other of workspace.update(path, outcome.template !== null ? outcome.facts : undefined)) {
      const otherUri = pathToFileURL(other).href;
      if (otherUri !== uri && documents.get(otherUri)) schedule(otherUri, 0);
      else if (other !== path) files.neighbourChanged(other);
    }
  };
  // The only report the workspace knows (no other's facts, no findings across periods): no facts of its own can give
  // it findings across periods, so they are read and recorded once its diagnostics are written.
  const alone = path !== undefined && workspace.alone(path);
  if (path && !alone) record(path);
  const across = path && !alone ? workspace.findingsFor(path) : [];
  const findings = applyChecks(mergeFindings(outcome.findings, across, across.length ? outcome.facts?.suppressions : undefined), file.checks);
  if (visible || published.has(uri)) {
    const diagnostics = visible ? findings.map((f) => toDiagnostic(f, uri, language)) : [];
    void connection.sendDiagnostics({ uri, version, diagnostics });
    if (visible) published.add(uri); else published.delete(uri);
  }
  const count = (s: string) => (visible ? findings.filter((f) => f.severity === s).length : 0);
  // After the diagnostics are written (the connection writes each message in an immediate of its own): the
  // report's status (every relation's state) is not worked out while the keystroke's diagnostics wait.
  setImmediate(() => {
    try {
      // A newer version's analysis records its own facts.
      if (path && alone && documents.get(uri)?.version === version) record(path);
      void connection.sendNotification('tally/status', {
        uri, version, template: outcome.template, isReport: outcome.template !== null || isPasted(outcome.findings),
        errors: count('error'), warnings: count('warning'), infos: count('information'), ...statusFields(outcome.status, language),
      });
    } catch (e) {
      logError(`status of ${uri}`, e);
    }
  });
}

documents.onDidOpen((e) => schedule(e.document.uri, 0));
documents.onDidChangeContent(async (e) => {
  if ((await settingsFor(e.document.uri)).run === 'onType') scheduleChange(e.document.uri);
});
documents.onDidSave((e) => schedule(e.document.uri, 0));
documents.onDidClose((e) => {
  timers.get(e.document.uri)?.();
  timers.delete(e.document.uri);
  store.forget(e.document.uri);
  analyst.forget(e.document.uri);
  settingsCache.delete(e.document.uri);
  // Once the workspace was checked, the problems stay: those of the file on disk replace them.
  const hadProblems = published.delete(e.document.uri);
  if (hadProblems && !files.keepsProblems) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  const path = pathOf(e.document.uri);
  if (path) void files.closed(path, hadProblems).catch((err) => logError(`reading ${path}`, err));
});

/**
 * Answers a request from the document's analysis: here, or in the worker for a large document. `always`: also
 * when Tally is disabled for the document (formatting).
 */
async function answer<R>(feature: FeatureName, uri: string, params: object, token: CancellationToken | undefined, fallback: R, always = false): Promise<R> {
  const document = documents.get(uri);
  if (!document) return fallback;
  const file = await configFor(uri);
  const settings = withConfig(await settingsFor(uri), file);
  if (((!settings.enable || file.ignored) && !always) || token?.isCancellationRequested) return fallback;
  const path = pathOf(uri);
  const context: FeatureContext = {
    uri, language: messageLanguage(settings, editorLocale), alwaysShown: alwaysShown(document, settings),
    inlayHints: settings.inlayHints, ambiguousWidth: ambiguousWidth(settings, file), neighbours: path && feature === 'documentSymbol' ? workspace.neighbours(path) : {},
    ...(feature === 'completion' ? { templates: templateList() } : {}),
    ...(feature === 'codeAction' ? { fixAll: { ...analyzeOptions(settings, file), skip: offCodes(file.checks) } } : {}),
  };
  const result = isLarge(document)
    ? await analyst.request(uri, document.version, document.getText(), feature, params, context, analyzeOptions(settings, file))
    : FEATURES[feature]({ text: document.getText(), analysis: () => store.analysisOf(document, analyzeOptions(settings, file)) }, params as any, context);
  return (result ?? fallback) as R;
}

const outlineHere = (uri: string) => answersOutline(documents.get(uri)?.languageId, clientOutline);

connection.onHover(guarded('hover', null, (p, token) => answer('hover', p.textDocument.uri, p, token, null)));
// A client with its own Markdown outline and folding (VS Code) keeps them; Tally's show in its own view (ARCHITECTURE.md).
connection.onDocumentSymbol(guarded('documentSymbol', [], (p, token) =>
  (outlineHere(p.textDocument.uri) ? answer('documentSymbol', p.textDocument.uri, p, token, []) : [])));
connection.onFoldingRanges(guarded('foldingRange', [], (p, token) =>
  (outlineHere(p.textDocument.uri) ? answer('foldingRange', p.textDocument.uri, p, token, []) : [])));
// The report's outline whatever the language, for the client's own view of it.
connection.onRequest('tally/outline', guarded('tally/outline', [], (p: { uri: string }) => answer('documentSymbol', p.uri, p, undefined, [])));
connection.languages.semanticTokens.on(guarded('semanticTokens', { data: [] }, (p, token) =>
  answer('semanticTokens', p.textDocument.uri, p, token, { data: [] })));
connection.onCodeAction(guarded('codeAction', [], (p, token) => answer('codeAction', p.textDocument.uri, p, token, [])));
connection.onCodeLens(guarded('codeLens', [], (p, token) => answer('codeLens', p.textDocument.uri, p, token, [])));
connection.languages.inlayHint.on(guarded('inlayHint', [], (p, token) => answer('inlayHint', p.textDocument.uri, p, token, [])));
// Go to definition on a figure in the text: the table figure it names.
connection.onDefinition(guarded('definition', null, (p, token) => answer('definition', p.textDocument.uri, p, token, null)));
connection.onCompletion(guarded('completion', [], (p, token) => answer('completion', p.textDocument.uri, p, token, [])));
connection.onDocumentFormatting(guarded('formatting', [], (p, token) => answer('formatting', p.textDocument.uri, p, token, [], true)));
connection.onDocumentRangeFormatting(guarded('rangeFormatting', [], (p, token) =>
  answer('rangeFormatting', p.textDocument.uri, p, token, [], true)));

// The templates New Report offers, by their names: the built-in ones and the extra ones the server knows.
connection.onRequest('tally/templates', guarded('tally/templates', [], async () => templatesWithTitles(messageLanguage(await settingsFor(''), editorLocale))));

connection.onRequest('tally/skeleton', guarded('tally/skeleton', { text: '', stops: [] }, async (params: SkeletonParams) =>
  newReport(params, (await settingsFor('')).ambiguousWidth)));

// Tally: Check Workspace — every report of the folders checked, with progress, and listed in Problems.
connection.onRequest('tally/checkWorkspace', guarded('tally/checkWorkspace', { files: 0, read: 0, cancelled: true },
  (params: { workDoneToken?: string | number } | undefined, token) => files.checkWorkspace(token, params?.workDoneToken)));

connection.onRequest('tally/summary', guarded('tally/summary', { markdown: '', links: [] }, (params: { uri: string }) =>
  answer('summary', params.uri, params, undefined, { markdown: '', links: [] })));

// The review panel (client/src/review-panel.ts): the report's tables, sections and findings as HTML (lsp/review.ts).
connection.onRequest('tally/review', guarded('tally/review', null, async (params: ReviewParams, token) => {
  const document = documents.get(params.uri);
  const request = document && reviewRequest(params.uri, document.version, pathOf(params.uri), workspace, (await configFor(params.uri)).checks);
  return request ? answer('review', params.uri, request, token, null) : null;
}));

// Import of a published report (the client's Tally: Import Published Report…), and HTML pasted into a report.
connection.onRequest('tally/import', guarded('tally/import', { error: 'internal error' }, async (params: ImportParams) =>
  importFile(params, messageLanguage(await settingsFor(params.path ? pathToFileURL(params.path).href : params.name), editorLocale))));
connection.onRequest('tally/importHtml', guarded('tally/importHtml', {}, (params: { html: string }) => importHtml(params.html)));

documents.listen(connection);
connection.listen();
