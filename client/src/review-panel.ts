// Tally: Open Review — a webview beside the editor showing the report as a reviewer reads it: the server renders it
// (`tally/review`, server/src/review/), the panel only shows it. It follows the active report and is renewed after each
// analysis (the server's `tally/status`), so it changes as the user types; each item reveals its place in the editor.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

interface ReviewResult { uri: string; version: number; html: string; css: string }

/** What the panel shows and does, for the end-to-end tests. */
export interface ReviewPanelApi {
  /** The review shown last (its report and HTML), if the panel is open. */
  shown(): { uri: string; version: number; html: string } | undefined;
  onDidShow: vscode.Event<{ uri: string; version: number; html: string }>;
  /** Handles a message as if the webview had sent it (`{ type: 'reveal', line, character }`). */
  receive(message: unknown): Promise<void>;
}

const REPORT_LANGUAGES = new Set(['markdown', 'tally-report']);

export function registerReviewPanel(context: vscode.ExtensionContext, client: LanguageClient,
  onStatus: vscode.Event<{ uri: string; version: number }>): ReviewPanelApi {
  let panel: vscode.WebviewPanel | undefined;
  let target: vscode.Uri | undefined;
  let shown: { uri: string; version: number; html: string } | undefined;
  let css = '';
  let asked = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const emitter = new vscode.EventEmitter<{ uri: string; version: number; html: string }>();

  const reportEditor = (editor: vscode.TextEditor | undefined) =>
    editor && REPORT_LANGUAGES.has(editor.document.languageId) && ['file', 'untitled'].includes(editor.document.uri.scheme) ? editor : undefined;

  /** Asks the server for the target's review and shows it; an answer overtaken by a newer question is dropped. */
  const refresh = async () => {
    if (!panel || !target) return;
    const question = ++asked;
    let result: ReviewResult | null;
    try {
      result = await client.sendRequest<ReviewResult | null>('tally/review', { uri: target.toString() });
    } catch {
      return;
    }
    if (!panel || question !== asked || !result) return;
    panel.title = vscode.l10n.t('Review: {0}', target.path.slice(target.path.lastIndexOf('/') + 1));
    if (css !== result.css || !shown) {
      css = result.css;
      panel.webview.html = page(panel.webview, css, result.html);
    } else {
      void panel.webview.postMessage({ type: 'update', html: result.html });
    }
    shown = { uri: result.uri, version: result.version, html: result.html };
    emitter.fire(shown);
  };

  const receive = async (message: unknown) => {
    const m = message as { type?: string; line?: number; character?: number };
    if (m?.type !== 'reveal' || !target || typeof m.line !== 'number') return;
    const position = new vscode.Position(m.line, typeof m.character === 'number' ? m.character : 0);
    // The report's editor keeps its column; the panel stays where it is.
    const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target!.toString())?.viewColumn;
    const editor = await vscode.window.showTextDocument(target, { viewColumn: column ?? vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  const open = async (uri?: vscode.Uri) => {
    target = uri instanceof vscode.Uri ? uri : reportEditor(vscode.window.activeTextEditor)?.document.uri ?? target;
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a report to review it.'));
      return;
    }
    if (panel) panel.reveal(vscode.ViewColumn.Beside, true);
    else {
      // The content comes back whole from the server when the panel is shown again: no need to retain it hidden.
      panel = vscode.window.createWebviewPanel('tally.review', vscode.l10n.t('Tally Review'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [] });
      panel.onDidDispose(() => { panel = undefined; shown = undefined; css = ''; }, undefined, context.subscriptions);
      panel.webview.onDidReceiveMessage(receive, undefined, context.subscriptions);
      // Shown again after being hidden: its page was dropped, and comes back whole. A change of focus alone keeps it.
      let visible = true;
      panel.onDidChangeViewState((e) => {
        const now = e.webviewPanel.visible;
        if (now && !visible) { shown = undefined; void refresh(); }
        visible = now;
      }, undefined, context.subscriptions);
    }
    await refresh();
  };

  context.subscriptions.push(
    emitter,
    vscode.commands.registerCommand('tally.openReview', open),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      const report = reportEditor(editor);
      if (!panel || !report || report.document.uri.toString() === target?.toString()) return;
      target = report.document.uri;
      void refresh();
    }),
    // After each analysis, at most one question per burst of keystrokes.
    onStatus((s) => {
      if (!panel?.visible || s.uri !== target?.toString()) return;
      clearTimeout(pending);
      pending = setTimeout(() => void refresh(), 150);
    }),
    { dispose: () => clearTimeout(pending) },
  );
  return { shown: () => (panel ? shown : undefined), onDidShow: emitter.event, receive };
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}

/** The panel's page: the server's review inside a strict policy (only this nonce's style and script run). */
function page(webview: vscode.Webview, css: string, html: string): string {
  const n = nonce();
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'nonce-${n}'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${n}">${css}</style>
</head>
<body>
<main id="review">${html}</main>
<script nonce="${n}">${SCRIPT}</script>
</body>
</html>`;
}

// Click or Enter on an item reveals its place; the arrow keys move between the cells of a table (by row and column)
// and between the other items (up and down, in page order).
const SCRIPT = `
const vscode = acquireVsCodeApi();
const main = document.getElementById('review');
window.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'update') main.innerHTML = event.data.html;
});
const reveal = (el) => vscode.postMessage({ type: 'reveal', line: Number(el.dataset.line), character: Number(el.dataset.character) });
main.addEventListener('click', (event) => {
  const el = event.target.closest('[data-line]');
  if (el) reveal(el);
});
main.addEventListener('keydown', (event) => {
  const el = event.target.closest('[data-line]');
  if (!el) return;
  if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); reveal(el); return; }
  if (!event.key.startsWith('Arrow')) return;
  let next;
  if (el.dataset.row !== undefined) {
    const row = Number(el.dataset.row), column = Number(el.dataset.column);
    const cells = [...el.closest('table').querySelectorAll('[data-row][tabindex]')].map((c) => ({ c, r: Number(c.dataset.row), k: Number(c.dataset.column) }));
    const pick = (list, by) => list.sort(by)[0];
    if (event.key === 'ArrowRight') next = pick(cells.filter((x) => x.r === row && x.k > column), (a, b) => a.k - b.k);
    if (event.key === 'ArrowLeft') next = pick(cells.filter((x) => x.r === row && x.k < column), (a, b) => b.k - a.k);
    if (event.key === 'ArrowDown') next = pick(cells.filter((x) => x.k === column && x.r > row), (a, b) => a.r - b.r);
    if (event.key === 'ArrowUp') next = pick(cells.filter((x) => x.k === column && x.r < row), (a, b) => b.r - a.r);
    next = next && next.c;
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    const items = [...main.querySelectorAll('[data-line][tabindex]')];
    next = items[items.indexOf(el) + (event.key === 'ArrowDown' ? 1 : -1)];
  }
  if (next) { event.preventDefault(); next.focus(); }
});
`;
