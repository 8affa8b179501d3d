// End-to-end tests of the report's state in VS Code: the code lens of a table without figures, the status bar item,
// the outline's placeholders for missing tables, the read-only summary, and both fixes of a broken sum in order.
// The reports are temporary files outside the workspace (samples/000 and edited copies of clean-2021), so the
// workspace is unchanged.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TallyApi, TallyStatus } from '../../../src/extension';
import { EXTENSION_ID, sample, until } from './support';


let api: TallyApi;

function status(uri: vscode.Uri, ok: (s: TallyStatus) => boolean, what: string): Promise<TallyStatus> {
  return until(api.onStatus, () => { const s = api.status(uri); return s && ok(s) && s; }, what);
}

/**
 * A report with `content` in a file of its own (a new temporary folder each time), shown, once the server has
 * checked it. Not an untitled document: VS Code names those Untitled-1, Untitled-2 … again after they close, and the
 * status kept for an earlier document of the same name and version would pass for the new one's.
 */
async function openReport(content: string): Promise<vscode.TextDocument> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tally-status-')), 'report.md');
  fs.writeFileSync(file, content);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc);
  await status(doc.uri, (s) => s.isReport && s.version === doc.version, 'the status of the report');
  return doc;
}

function lineStarting(doc: vscode.TextDocument, prefix: string): number {
  for (let line = 0; line < doc.lineCount; line++) if (doc.lineAt(line).text.startsWith(prefix)) return line;
  throw new Error(`no line starting ${prefix}`);
}

/** `text` with cell `column` (0-based, after the leading pipe) of the row starting `prefix` set to `value`. */
function setCell(text: string, prefix: string, column: number, value: string): string {
  return text.split('\n').map((l) => {
    if (!l.startsWith(prefix)) return l;
    const cells = l.split('|');
    cells[column + 1] = ` ${value} `;
    return cells.join('|');
  }).join('\n');
}

describe('The report state (status, lenses, outline, summary, fixes)', function () {
  this.timeout(90_000);

  before(async () => {
    const ext = vscode.extensions.getExtension<TallyApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is present`);
    api = await ext.activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the code lens of a table without figures says it is not checked, never ✓', async () => {
    const doc = await openReport(sample('000-panzhihua-2021.md'));
    const lenses = await until(vscode.workspace.onDidChangeTextDocument,
      async () => { const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri); return l.length > 0 && l; },
      'the code lenses of 000');
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.equal(titles.length, 1, titles.join(' | '));
    assert.equal(lenses[0].range.start.line, lineStarting(doc, '| (本列'));
    assert.match(titles[0], /not checked|未核对|未核對/);
    assert.doesNotMatch(titles[0], /✓/);
  });

  it('the status bar: "Tally" with the counts, the error background for errors only, the template and year in the tooltip', async () => {
    const bad = await openReport(sample('000-panzhihua-2021.md'));
    const s = api.status(bad.uri)!;
    assert.deepEqual([s.errors, s.warnings, s.infos, s.state, s.year], [3, 0, 1, 'fails', 2021]);
    assert.equal(api.statusBar.text, 'Tally $(error) 3');
    assert.ok(api.statusBar.backgroundColor instanceof vscode.ThemeColor);
    assert.equal((api.statusBar.backgroundColor as vscode.ThemeColor).id, 'statusBarItem.errorBackground');
    const tooltip = String(api.statusBar.tooltip);
    assert.match(tooltip, /gov-annual-2021/);
    assert.match(tooltip, /2021/);
    // Plurals: 1 note, 3 errors (English); Chinese has none to get wrong.
    assert.match(tooltip, /3 errors|3 个错误|3 個錯誤/);
    assert.match(tooltip, /1 note\b|1 条提示|1 則提示/);
    assert.doesNotMatch(tooltip, /1 notes|0 warning\b/);
    assert.match(tooltip, /5/, 'the report state: 5 tables missing');

    const clean = await openReport(sample('clean-2021.md'));
    await until(vscode.window.onDidChangeActiveTextEditor, () => api.statusBar.text === 'Tally $(check)', 'the status bar of clean-2021');
    assert.equal(api.statusBar.backgroundColor, undefined);
    assert.match(String(api.statusBar.tooltip), /2022/);
    assert.match(String(api.statusBar.tooltip), /0 errors|0 个错误|0 個錯誤/);
    assert.equal(api.status(clean.uri)?.state, 'holds');
  });

  it('the outline shows the tables a section lacks as placeholders, and the 三 table once', async () => {
    const doc = await openReport(sample('000-panzhihua-2021.md'));
    // A report stays Markdown: Tally's outline of it is the Report Outline view (VS Code's Outline keeps the headings).
    await until(api.reportOutline.onDidChangeTreeData, () => api.reportOutline.uri?.toString() === doc.uri.toString(), 'the report outline of 000');
    const symbols = await api.reportOutline.getChildren();
    const two = symbols.find((s) => s.name.startsWith('二、'))!;
    assert.ok(two, symbols.map((s) => s.name).join(' | '));
    const missing = await api.reportOutline.getChildren(two);
    assert.equal(missing.length, 4);
    for (const child of missing) {
      assert.match(child.name, /^第二十条第（[一五六八]）[项項]/);
      assert.match(child.name, /missing|缺失/);
      assert.equal(child.kind, 21, 'a placeholder: the protocol\'s SymbolKind.Null');
    }
    const three = symbols.find((s) => s.name.startsWith('三、'))!;
    assert.equal((await api.reportOutline.getChildren(three)).length, 0, 'the heading names the table: no child repeats it');
    assert.match(three.detail ?? '', /not checked|未核对|未核對/);
  });

  it('the summary is a read-only view, never dirty, whose lines open their place in the report', async () => {
    const doc = await openReport(sample('000-panzhihua-2021.md'));
    await vscode.commands.executeCommand('tally.showSummary', doc.uri);
    const summary = await until(vscode.window.onDidChangeActiveTextEditor,
      () => vscode.window.activeTextEditor?.document.uri.scheme === 'tally-summary' && vscode.window.activeTextEditor.document, 'the summary');
    assert.equal(summary.isDirty, false);
    assert.equal(summary.isUntitled, false);
    const text = summary.getText();
    assert.match(text, /gov-annual-2021/);
    assert.doesNotMatch(text, /收到和处理政府信息公开申请情况[^\n]*✓/, 'no ✓ for the table without figures');
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', summary.uri);
    const line = (l: vscode.DocumentLink) => summary.lineAt(l.range.start.line).text;
    const three = links.find((l) => line(l).startsWith('- 三、'));
    assert.ok(three?.target, links.map(line).join('\n'));
    assert.equal(three.target.scheme, 'command');
    assert.equal(three.target.path, 'tally.reveal');
    const args = JSON.parse(decodeURIComponent(three.target.query)) as [string, vscode.Range];
    assert.equal(args[0], doc.uri.toString());
    await vscode.commands.executeCommand('tally.reveal', ...args);
    const editor = await until(vscode.window.onDidChangeTextEditorSelection,
      () => vscode.window.activeTextEditor?.document.uri.toString() === doc.uri.toString() && vscode.window.activeTextEditor, 'the report at section 三');
    assert.equal(editor.selection.start.line, lineStarting(doc, '## 三、'));
  });

  it('a broken sum offers both directions, the fix that satisfies every relation first', async () => {
    const clean = sample('clean-2021.md');
    const doc = await openReport(setCell(clean, '| （一）予以公开', 1, '53'));
    const line = lineStarting(doc, '| （一）予以公开');
    const at = doc.lineAt(line).text.indexOf('| 53 |') + 2;
    const range = new vscode.Range(line, at, line, at + 2);
    await until(vscode.languages.onDidChangeDiagnostics,
      () => vscode.languages.getDiagnostics(doc.uri).some((d) => d.range.start.line === line), 'the total-mismatch finding');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value);
    // The fixes, without the "Disable total-mismatch here / for this file" actions (their titles name the code).
    const fixes = actions.filter((a) => a.edit && !a.title.includes('total-mismatch'));
    assert.ok(fixes.length >= 2, actions.map((a) => a.title).join(' | '));
    // First: the part to 52 (every relation holds); then the totals to the sums of their parts.
    assert.match(fixes[0].title, /52/);
    assert.equal(fixes[0].isPreferred, true);
    const edits = fixes[1].edit!.get(doc.uri);
    assert.deepEqual(edits.map((e) => e.newText), ['64', '131', '157']);
    assert.match(fixes[1].title, /64/);

    // A wrong total: the total to the sum of its parts first, then a part.
    const total = await openReport(setCell(clean, '| 3 | 1 | 1 | 1 | 6 |', 4, '7'));
    const row = lineStarting(total, '| 3 | 1 | 1 | 1 | 7 |');
    const col = total.lineAt(row).text.lastIndexOf('7');
    await until(vscode.languages.onDidChangeDiagnostics,
      () => vscode.languages.getDiagnostics(total.uri).some((d) => d.range.start.line === row), 'the wrong total');
    const totalActions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', total.uri,
      new vscode.Range(row, col, row, col + 1), vscode.CodeActionKind.QuickFix.value);
    const totalFixes = totalActions.filter((a) => a.edit && !a.title.includes('total-mismatch'));
    assert.deepEqual(totalFixes.slice(0, 2).map((a) => a.edit!.get(total.uri).map((e) => e.newText)), [['6'], ['4']]);
  });
});
