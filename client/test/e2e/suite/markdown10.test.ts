// End-to-end tests: a report stays Markdown. Word wrap as set for Markdown, the preview, and extensions keyed to
// `markdown` (the test extension markdown-probe/, loaded beside Tally by run.sh) keep working on it; Tally's outline
// is a view of its own, its findings are marked in the preview, its total rows highlighted in reports only; the old
// setting tally.reportLanguage still gives a report the `tally-report` language.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TallyApi, TallyStatus } from '../../../src/extension';
import { LIMIT, codeOf, file, tallyDiagnostics, until, replaceText } from './support';

const CLEAN = () => file('clean-2021.md');
const WULANCHABU = () => file('002-wulanchabu-2020.md');
const PLAIN = () => file('plain.md');

let api: TallyApi;
const openDocument = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());

function status(uri: vscode.Uri, ok: (s: TallyStatus) => boolean, what: string): Promise<TallyStatus> {
  return until(api.onStatus, () => { const s = api.status(uri); return s && ok(s) && s; }, what);
}

/** Opens `uri` in an editor and waits until the server has recognised it as a report. */
async function openReport(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  await status(uri, (s) => s.isReport, `${uri.path.split('/').pop()} recognised as a report`);
  return openDocument(uri)!;
}

/** Names of document symbols, nested ones included. */
function names(symbols: vscode.DocumentSymbol[]): string[] {
  return symbols.flatMap((s) => [s.name, ...names(s.children ?? [])]);
}

const hoverText = (hovers: vscode.Hover[]) =>
  hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

/** `range` of the workspace's report set back to `original` and saved, once its findings are gone again. */
async function restore(doc: vscode.TextDocument, range: vscode.Range, original: string): Promise<void> {
  await replaceText(doc, range, original);
  await doc.save();
  await until(vscode.languages.onDidChangeDiagnostics, () => tallyDiagnostics(doc.uri).length === 0, 'no findings once restored');
}

describe('A report stays Markdown', function () {
  this.timeout(90_000);

  before(async () => {
    api = await vscode.extensions.getExtension<TallyApi>('tally-authors.tally')!.activate();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('tally').update('reportLanguage', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a recognised report keeps the language markdown, and an extension for markdown sees it', async () => {
    const doc = await openReport(WULANCHABU());
    // a round trip to the workbench: a language change the client asked for would have arrived before its answer
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    assert.equal(openDocument(doc.uri)?.languageId, 'markdown');

    const probe = vscode.extensions.getExtension<{ seen: Set<string> }>('tally-tests.markdown-probe');
    assert.ok(probe, 'the markdown probe extension is loaded beside Tally');
    const { seen } = await probe.activate();
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 0));
    assert.match(hoverText(hovers), /markdown-probe: markdown/);
    assert.ok(seen.has(doc.uri.toString()), 'the probe was asked about the report');
  });

  it('one outline: VS Code\'s Markdown headings (and the probe\'s), Tally\'s in its Report Outline view', async () => {
    const doc = await openReport(WULANCHABU());
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const outline = names(symbols).map((n) => n.replace(/^#+\s*/, ''));
    assert.ok(outline.includes('markdown-probe'), `the probe's symbol in ${JSON.stringify(outline)}`);
    for (const ordinal of ['一', '二', '三', '四', '五']) {
      assert.equal(outline.filter((n) => n.startsWith(`${ordinal}、`)).length, 1, `section ${ordinal} once in ${JSON.stringify(outline)}`);
    }
    assert.ok(!outline.some((n) => /缺失|missing/.test(n)), 'no Tally placeholder in VS Code\'s outline');

    await until(api.reportOutline.onDidChangeTreeData, () => api.reportOutline.uri?.toString() === doc.uri.toString(), 'the report outline of 002');
    const top = await api.reportOutline.getChildren();
    const six = top.filter((s) => s.name.startsWith('六、'));
    assert.equal(six.length, 1, `the placeholder for 六 in ${JSON.stringify(top.map((s) => s.name))}`);
    assert.match(six[0].name, /缺失|missing/);
  });

  it('word wrap as the user set it for Markdown', async () => {
    const doc = await openReport(WULANCHABU());
    const markdown = () => vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
    const forReport = () => vscode.workspace.getConfiguration('editor', doc).get<string>('wordWrap');
    assert.equal(forReport(), markdown().get<string>('wordWrap'));
    try {
      await markdown().update('wordWrap', 'bounded', vscode.ConfigurationTarget.Workspace, true);
      assert.equal(forReport(), 'bounded');
    } finally {
      await markdown().update('wordWrap', undefined, vscode.ConfigurationTarget.Workspace, true);
    }
  });

  it('the Markdown preview opens on a report (markdown.showPreview, as Ctrl+Shift+V)', async () => {
    const doc = await openReport(CLEAN());
    // Ctrl+Shift+V and Ctrl+K V hold `editorLangId == markdown`: the report's language
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'markdown');
    const previews = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));
    const before = previews().length;
    const opened = until(vscode.window.tabGroups.onDidChangeTabs, () => previews().length > before && previews(), 'a Markdown preview tab');
    await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
    const tabs = await opened;
    assert.match(tabs[tabs.length - 1].label, /clean-2021/);
    await vscode.window.tabGroups.close(previews());
  });

  it('the preview marks a broken total (markdown.api.render runs Tally\'s markdown-it plugin)', async () => {
    const doc = await openReport(CLEAN());
    const clean = await vscode.commands.executeCommand<string>('markdown.api.render', doc);
    assert.match(clean, /一、本年新收/);
    assert.ok(!clean.includes('tally-finding'), 'a clean report has no mark');

    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('| 一、本年新收'));
    const text = doc.lineAt(line).text;
    const at = text.lastIndexOf(' 153 ') + 1;
    const range = new vscode.Range(line, at, line, at + 3);
    assert.ok(await replaceText(doc, range, '154'));
    try {
      const ds = await until(vscode.languages.onDidChangeDiagnostics,
        () => tallyDiagnostics(doc.uri).some((d) => codeOf(d) === 'total-mismatch') && tallyDiagnostics(doc.uri), 'total-mismatch');
      const html = await vscode.commands.executeCommand<string>('markdown.api.render', doc);
      assert.match(html, /<td[^>]*class="tally-finding tally-error"[^>]*title="[^"]+"/, 'the failing cell is marked, its finding as the title');
      const mark = /<mark class="tally-finding tally-error" title="([^"]+)">([^<]+)<\/mark>/.exec(html);
      assert.ok(mark, 'the figure is marked');
      const mismatch = ds.find((d) => codeOf(d) === 'total-mismatch')!;
      assert.equal(mark[2], doc.getText(mismatch.range).trim());
      assert.ok(mark[1].length > 0);
    } finally {
      await restore(doc, range, '153');
    }
    assert.ok(!(await vscode.commands.executeCommand<string>('markdown.api.render', doc)).includes('tally-finding'));
  });

  it('the preview marks a figure of the text that contradicts its table', async () => {
    const doc = await openReport(CLEAN());
    const line = doc.getText().split('\n').findIndex((l) => l.includes('全年新收政府信息公开申请153件'));
    const at = doc.lineAt(line).text.indexOf('153件');
    const range = new vscode.Range(line, at, line, at + 3);
    assert.ok(await replaceText(doc, range, '154'));
    try {
      const ds = await until(vscode.languages.onDidChangeDiagnostics,
        () => { const d = tallyDiagnostics(doc.uri).filter((x) => x.range.start.line === line); return d.length > 0 && d; }, 'a finding on the figure');
      const html = await vscode.commands.executeCommand<string>('markdown.api.render', doc);
      const mark = /<mark class="tally-finding tally-(?:error|warning|info)" title="([^"]+)">([^<]+)<\/mark>/.exec(html);
      assert.ok(mark, `the figure is marked (${ds.map(codeOf).join(', ')})`);
      assert.match(mark[2], /154/);
      assert.ok(ds.some((d) => doc.getText(d.range).trim() === mark[2]), 'the mark covers what the finding covers');
      assert.match(html, /全年新收政府信息公开申请<mark /, 'the text before the figure is kept as it was');
    } finally {
      await restore(doc, range, '153');
    }
  });

  it('total rows are highlighted (semantic tokens) in a report, not in other Markdown', async () => {
    const doc = await openReport(CLEAN());
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', doc.uri);
    assert.ok(legend?.tokenTypes.includes('tallyTotal'), `legend ${JSON.stringify(legend?.tokenTypes)}`);
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', doc.uri);
    const lines: number[] = [];
    let line = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      if (legend.tokenTypes[tokens.data[i + 3]] === 'tallyTotal') lines.push(line);
    }
    assert.ok(lines.length > 0, 'the total rows of the report');
    for (const l of lines) assert.match(doc.lineAt(l).text, /总计|合计|小计/);

    const plain = await vscode.workspace.openTextDocument(PLAIN());
    await vscode.window.showTextDocument(plain);
    await status(PLAIN(), (s) => !s.isReport, 'the status of plain.md');
    assert.match(plain.getText(), /\| 合计 \|/);
    const none = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', plain.uri);
    assert.equal(none?.data.length ?? 0, 0, 'plain Markdown: its 合计 row is not highlighted');
  });

  it('tally.reportLanguage on (as before): a report gets tally-report and Tally\'s outline; switched back by hand it stays Markdown', async () => {
    const doc = await openReport(WULANCHABU());
    const config = vscode.workspace.getConfiguration('tally');
    try {
      await config.update('reportLanguage', true, vscode.ConfigurationTarget.Workspace);
      const report = await until(vscode.workspace.onDidOpenTextDocument,
        () => openDocument(doc.uri)?.languageId === 'tally-report' && openDocument(doc.uri), '002 to get the language tally-report');
      await vscode.window.showTextDocument(report);
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', report.uri);
      assert.ok(names(symbols).some((n) => n.startsWith('六、') && /缺失|missing/.test(n)), 'Tally\'s outline for the report language');

      const before = api.status(report.uri);
      const md = await vscode.languages.setTextDocumentLanguage(report, 'markdown');
      await until(api.onStatus, () => { const s = api.status(md.uri); return s !== before && s?.isReport; }, 'a status after the switch');
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      assert.equal(openDocument(md.uri)?.languageId, 'markdown');
      // Turned off again: the reports it gave the report language are Markdown again.
      const clean = await openReport(CLEAN());
      await until(vscode.workspace.onDidOpenTextDocument, () => openDocument(clean.uri)?.languageId === 'tally-report', 'clean-2021 to get tally-report');
    } finally {
      await config.update('reportLanguage', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await until(vscode.workspace.onDidOpenTextDocument, () => openDocument(CLEAN())?.languageId === 'markdown', 'clean-2021 back to markdown');
  });
});
