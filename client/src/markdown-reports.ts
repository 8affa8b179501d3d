// A report stays Markdown: word wrap as set for Markdown, the preview and its keys, and every extension that serves
// `markdown` keep working on it. What Tally adds beside VS Code's own Markdown support: the report's outline in a
// view of its own (VS Code's Outline keeps the Markdown headings, so nothing shows twice), and its findings marked
// in the Markdown preview (a markdown-it plugin reading the diagnostics VS Code holds for the document).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** The view of the report outline (package.json `contributes.views`), shown while `tally.markdownReport` holds. */
export const OUTLINE_VIEW = 'tally.reportOutline';
const CONTEXT_KEY = 'tally.markdownReport';

/** An outline entry as the server sends it (`tally/outline`: LSP document symbols). */
export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: number;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  selectionRange: OutlineSymbol['range'];
  children?: OutlineSymbol[];
}

interface ReportStatus { uri: string; isReport: boolean }

/** The symbol kinds the server uses (LSP numbers) → codicons. */
const ICONS: Record<number, string> = { 2: 'symbol-module', 15: 'symbol-string', 18: 'symbol-array', 21: 'symbol-null' };

/** The report outline of the active Markdown report, for the Explorer's Tally view. */
export class ReportOutline implements vscode.TreeDataProvider<OutlineSymbol> {
  private readonly changed = new vscode.EventEmitter<OutlineSymbol | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The document the view shows (undefined: none). */
  uri: vscode.Uri | undefined;

  constructor(private readonly client: LanguageClient) {}

  show(uri: vscode.Uri | undefined): void {
    this.uri = uri;
    this.changed.fire(undefined);
  }

  async getChildren(element?: OutlineSymbol): Promise<OutlineSymbol[]> {
    if (element) return element.children ?? [];
    if (!this.uri) return [];
    return this.client.sendRequest<OutlineSymbol[]>('tally/outline', { uri: this.uri.toString() });
  }

  getTreeItem(symbol: OutlineSymbol): vscode.TreeItem {
    const item = new vscode.TreeItem(symbol.name, symbol.children?.length
      ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.description = symbol.detail;
    item.iconPath = new vscode.ThemeIcon(ICONS[symbol.kind] ?? 'symbol-misc');
    if (this.uri) item.command = { command: 'tally.reveal', title: '', arguments: [this.uri.toString(), symbol.selectionRange] };
    return item;
  }
}

/**
 * Registers the report outline view, its context key and the preview's refresh; returns the view's provider and the
 * markdown-it plugin that `activate` hands to VS Code's Markdown preview (`extendMarkdownIt`).
 */
export function registerMarkdownReports(context: vscode.ExtensionContext, client: LanguageClient,
  status: (uri: vscode.Uri) => ReportStatus | undefined, onStatus: vscode.Event<ReportStatus>, enabled: () => boolean) {
  const outline = new ReportOutline(client);
  const isMarkdownReport = (doc: vscode.TextDocument | undefined) =>
    !!doc && doc.languageId === 'markdown' && enabled() && status(doc.uri)?.isReport === true;
  const follow = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const shown = isMarkdownReport(doc) ? doc!.uri : undefined;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, shown !== undefined);
    outline.show(shown);
  };
  // The preview renders as the text changes; the findings of that text come a moment later: render again then.
  let refresh: ReturnType<typeof setTimeout> | undefined;
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider(OUTLINE_VIEW, outline),
    vscode.window.onDidChangeActiveTextEditor(follow),
    onStatus((s) => { if (s.uri === vscode.window.activeTextEditor?.document.uri.toString()) follow(); }),
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((uri) => status(uri)?.isReport)) return;
      clearTimeout(refresh);
      refresh = setTimeout(() => void vscode.commands.executeCommand('markdown.preview.refresh'), 200);
    }),
    { dispose: () => clearTimeout(refresh) },
  );
  follow();
  return { outline, extendMarkdownIt: (md: MarkdownIt) => markFindings(md) };
}

// ---- The preview: findings marked by a markdown-it plugin -------------------------------------------------------

/** What the plugin uses of markdown-it (its own types are not a dependency of the client). */
interface Token {
  type: string;
  content: string;
  map: [number, number] | null;
  meta: any;
  attrs: Array<[string, string]> | null;
  children: Token[] | null;
  attrJoin(name: string, value: string): void;
  attrSet(name: string, value: string): void;
}
type Rule = (tokens: Token[], idx: number, options: unknown, env: any, self: Renderer) => string;
interface Renderer { rules: Record<string, Rule | undefined>; renderToken(tokens: Token[], idx: number, options: unknown): string }
export interface MarkdownIt {
  core: { ruler: { push(name: string, rule: (state: { tokens: Token[] }) => void): void } };
  renderer: Renderer;
  utils: { escapeHtml(text: string): string };
}

/** A finding where the preview shows it: its line, the table cell it lies in (if any), and the text it covers. */
interface Mark { line: number; cell?: number; text: string; severity: string; message: string }

const SEVERITY = ['error', 'warning', 'info', 'info'];

/** Where a token sits in the source: its line, and its cell index in a table row. */
interface Place { tallyLine?: number; tallyCell?: number }

/** The markdown-it plugin: a table cell holding a finding, and a figure of the text with one, get `tally-finding`. */
export function markFindings(md: MarkdownIt): MarkdownIt {
  // Lines and cells, recorded on the tokens once they are parsed (the renderer alone knows which document it is).
  md.core.ruler.push('tally_places', (state) => {
    let rowLine: number | undefined;
    let cell = -1;
    for (const token of state.tokens) {
      if (token.type === 'tr_open' && token.map) { rowLine = token.map[0]; cell = -1; }
      if (token.type === 'tr_close') rowLine = undefined;
      if ((token.type === 'td_open' || token.type === 'th_open') && rowLine !== undefined) {
        cell++;
        token.meta = { ...token.meta, tallyLine: rowLine, tallyCell: cell } satisfies Place;
      }
      if (token.type !== 'inline' || !token.children) continue;
      const inCell = rowLine !== undefined;
      let line = inCell ? rowLine! : token.map?.[0];
      if (line === undefined) continue;
      for (const child of token.children) {
        if (child.type === 'softbreak' || child.type === 'hardbreak') { if (!inCell) line++; continue; }
        if (child.type === 'text') child.meta = { ...child.meta, tallyLine: line, ...(inCell ? { tallyCell: cell } : {}) } satisfies Place;
      }
    }
  });

  const marksOf = marksCache();
  const cellRule = (name: 'td_open' | 'th_open') => {
    const base = md.renderer.rules[name];
    md.renderer.rules[name] = (tokens, idx, options, env, self) => {
      const token = tokens[idx];
      const place = (token.meta ?? {}) as Place;
      const marks = marksOf(env).filter((m) => m.line === place.tallyLine && m.cell === place.tallyCell);
      const render = () => (base ? base(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options));
      if (!marks.length) return render();
      // The preview keeps a document's tokens between renders: the marks of this render are not left on them.
      const attrs = token.attrs;
      token.attrs = attrs ? attrs.map(([k, v]) => [k, v]) : null;
      token.attrJoin('class', `tally-finding tally-${worst(marks)}`);
      token.attrSet('title', marks.map((m) => m.message).join('\n'));
      try { return render(); } finally { token.attrs = attrs; }
    };
  };
  cellRule('td_open');
  cellRule('th_open');

  const baseText = md.renderer.rules.text;
  md.renderer.rules.text = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const rendered = () => (baseText ? baseText(tokens, idx, options, env, self) : md.utils.escapeHtml(token.content));
    const place = (token.meta ?? {}) as Place;
    if (place.tallyLine === undefined) return rendered();
    const marks = marksOf(env).filter((m) => m.line === place.tallyLine && m.cell === place.tallyCell && m.text && token.content.includes(m.text));
    if (!marks.length) return rendered();
    // The first figure a finding covers in this text, marked; the rest as markdown-it writes it.
    const mark = marks.sort((a, b) => token.content.indexOf(a.text) - token.content.indexOf(b.text))[0];
    const at = token.content.indexOf(mark.text);
    const esc = md.utils.escapeHtml;
    const same = marks.filter((m) => m.text === mark.text);
    return `${esc(token.content.slice(0, at))}<mark class="tally-finding tally-${worst(same)}" title="${esc(same.map((m) => m.message).join('\n'))}">`
      + `${esc(mark.text)}</mark>${esc(token.content.slice(at + mark.text.length))}`;
  };
  return md;
}

function worst(marks: Mark[]): string {
  return ['error', 'warning', 'info'].find((s) => marks.some((m) => m.severity === s)) ?? 'info';
}

/** The marks of the document a render is for (`env.currentDocument`), read once per render. */
function marksCache(): (env: any) => Mark[] {
  const cache = new WeakMap<object, Mark[]>();
  return (env) => {
    if (!env || typeof env !== 'object') return [];
    let marks = cache.get(env);
    if (!marks) {
      marks = env.currentDocument instanceof vscode.Uri ? marksFor(env.currentDocument) : [];
      cache.set(env, marks);
    }
    return marks;
  };
}

/** Tally's diagnostics of a document as marks: a finding within one table cell names that cell. */
export function marksFor(uri: vscode.Uri): Mark[] {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!doc) return [];
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tally' && d.range.isSingleLine).map((d) => {
    const line = doc.lineAt(d.range.start.line).text;
    const text = line.slice(d.range.start.character, d.range.end.character).trim();
    return { line: d.range.start.line, cell: cellAt(line, d.range.start.character, d.range.end.character), text,
      severity: SEVERITY[d.severity] ?? 'info', message: d.message };
  });
}

/**
 * The index of the table cell of `line` that holds [start, end) as markdown-it counts cells (a leading pipe opens
 * the first), or undefined when the line is no table row or the span crosses a pipe.
 */
export function cellAt(line: string, start: number, end: number): number | undefined {
  const pipes: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') { i++; continue; }
    if (line[i] === '|') pipes.push(i);
  }
  if (pipes.length === 0 || pipes.some((p) => p >= start && p < end)) return undefined;
  const before = pipes.filter((p) => p < start).length;
  const leading = line.trimStart().startsWith('|') ? 1 : 0;
  const index = before - leading;
  return index >= 0 ? index : undefined;
}
