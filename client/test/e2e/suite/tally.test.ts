// End-to-end tests of the Tally extension in a real VS Code (code-server's extension host), through the VS Code API
// only. Every wait is on an event (diagnostics, opened documents, tally/status) with a time limit, never a sleep.
// The workspace holds fresh copies of samples/clean-2021.md and samples/002-wulanchabu-2020.md and a plain.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TallyApi, TallyStatus } from '../../../src/extension';
import { EXTENSION_ID, LIMIT, codeOf, file, tallyDiagnostics, until, replaceText, applyEdits } from './support';

const CLEAN = () => file('clean-2021.md');
const WULANCHABU = () => file('002-wulanchabu-2020.md');
const PLAIN = () => file('plain.md');

function diagnostics(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return until(vscode.languages.onDidChangeDiagnostics, () => { const ds = tallyDiagnostics(uri); return ok(ds) && ds; },
    `${what} in ${uri.path.split('/').pop()}`);
}

let api: TallyApi;

/** The open document of `uri` once the server has recognised it as a report (it stays Markdown). */
async function reportDocument(uri: vscode.Uri): Promise<vscode.TextDocument> {
  await status(uri, (s) => s.isReport, `${uri.path.split('/').pop()} to be recognised as a report`);
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
}

async function openReport(uri: vscode.Uri): Promise<vscode.TextDocument> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const doc = await reportDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

function status(uri: vscode.Uri, ok: (s: TallyStatus) => boolean, what: string): Promise<TallyStatus> {
  return until(api.onStatus, () => { const s = api.status(uri); return s && ok(s) && s; }, what);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** What formatting may not change: everything but whitespace and the number of dashes in table delimiter rows. */
function substance(text: string): string {
  return text.split(/\r?\n/)
    .map((l) => (/^\s*\|?(\s*:?-+:?\s*\|)+\s*(:?-+:?\s*)?$/.test(l) ? l.replace(/-+/g, '-') : l))
    .join('\n').replace(/\s+/g, '');
}

/** Line and column span of the last cell of the row whose label starts `label`. */
function lastCell(doc: vscode.TextDocument, label: string, value: string): vscode.Range {
  for (let line = 0; line < doc.lineCount; line++) {
    const text = doc.lineAt(line).text;
    if (!text.startsWith(`| ${label}`)) continue;
    const col = text.lastIndexOf(` ${value} `) + 1;
    assert.ok(col > 0, `row ${label} ends with ${value}`);
    return new vscode.Range(line, col, line, col + value.length);
  }
  throw new Error(`no row ${label}`);
}

describe('Tally in VS Code', function () {
  this.timeout(90_000);

  before(async () => {
    const ext = vscode.extensions.getExtension<TallyApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is present`);
    api = await ext.activate();
    console.log(`    VS Code ${vscode.version}, ${vscode.env.appName}, extension host Node ${process.version}, display language ${vscode.env.language}`);
  });

  after(async () => {
    // leave the 002 report in front, with the outline and Problems, for E2E_SCREENSHOT
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const doc = await openReport(WULANCHABU());
    const editor = await vscode.window.showTextDocument(doc);
    await status(doc.uri, (s) => s.isReport, 'the status of 002');
    await diagnostics(doc.uri, (d) => d.length > 0, 'the findings of 002');
    editor.revealRange(new vscode.Range(90, 0, 100, 0), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('outline.focus');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(doc);
    const signal = process.env.TALLY_E2E_SCREENSHOT_SIGNAL;
    if (signal) {
      // run-tests.cjs --screenshot: it takes the picture on this line, then writes the signal file
      console.log('TALLY-E2E-SCREENSHOT');
      const dir = path.dirname(signal);
      await new Promise<void>((resolve) => {
        const watcher = fs.watch(dir, () => { if (fs.existsSync(signal)) { watcher.close(); clearTimeout(timer); resolve(); } });
        const timer = setTimeout(() => { watcher.close(); resolve(); }, LIMIT);
      });
    }
  });

  it('a report stays Markdown and gets a status', async () => {
    const doc = await openReport(WULANCHABU());
    assert.equal(doc.languageId, 'markdown');
    const s = await status(WULANCHABU(), (x) => x.isReport && x.errors > 0, 'the status of 002');
    assert.equal(s.template, 'gov-annual-2019');
    const clean = await openReport(CLEAN());
    assert.equal(clean.languageId, 'markdown');
    const c = await status(CLEAN(), (x) => x.isReport, 'the status of clean-2021');
    assert.deepEqual([c.template, c.errors, c.warnings], ['gov-annual-2021', 0, 0]);
  });

  it('002: row-shape at line 96 and missing-section', async () => {
    await openReport(WULANCHABU());
    const ds = await diagnostics(WULANCHABU(), (d) => d.some((x) => codeOf(x) === 'row-shape') && d.some((x) => codeOf(x) === 'missing-section'),
      'row-shape and missing-section');
    const rowShape = ds.find((d) => codeOf(d) === 'row-shape')!;
    assert.equal(rowShape.range.start.line, 96);
    assert.equal(rowShape.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(ds.find((d) => codeOf(d) === 'missing-section')!.message.length > 0);
  });

  it('the report outline is the template sections, with a placeholder for the missing 六', async () => {
    const doc = await openReport(WULANCHABU());
    // Tally's outline of a Markdown report is its own view (VS Code's Outline keeps the Markdown headings).
    await until(api.reportOutline.onDidChangeTreeData, () => api.reportOutline.uri?.toString() === doc.uri.toString(), 'the report outline of 002');
    const all = async (items: Array<{ name: string; children?: unknown[] }>): Promise<string[]> =>
      (await Promise.all(items.map(async (i) => [i.name, ...await all(await api.reportOutline.getChildren(i as never))]))).flat();
    const names = await all(await api.reportOutline.getChildren());
    for (const ordinal of ['一', '二', '三', '四', '五']) {
      assert.equal(names.filter((n) => n.startsWith(`${ordinal}、`)).length, 1, `one symbol for section ${ordinal} in ${JSON.stringify(names)}`);
    }
    const six = names.filter((n) => n.startsWith('六、'));
    assert.equal(six.length, 1, `a placeholder for 六 in ${JSON.stringify(names)}`);
    assert.match(six[0], /缺失|missing/);
  });

  it('hover on a figure of the 三 table shows its relations', async () => {
    const doc = await openReport(CLEAN());
    const cell = lastCell(doc, '一、本年新收政府信息公开申请数量', '153');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, cell.start.translate(0, 1));
    const text = hoverText(hovers);
    assert.match(text, /总计/);
    assert.match(text, /=/);
    assert.match(text, /153/);
  });

  it('code lenses summarise each table and list its relations for tally.showRelations', async () => {
    const doc = await openReport(CLEAN());
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const relations = lenses.filter((l) => l.command?.command === 'tally.showRelations');
    assert.ok(relations.length >= 2, `lenses: ${lenses.map((l) => l.command?.title).join(' | ')}`);
    for (const lens of relations) {
      assert.match(lens.command!.title, /✓/);
      const [uri, items] = lens.command!.arguments as [string, Array<{ label: string; detail: string; range: { start: { line: number } } }>];
      assert.equal(uri, doc.uri.toString());
      assert.ok(items.length > 0 && items.every((i) => i.label && i.detail && typeof i.range.start.line === 'number'));
    }
  });

  it('tally.showRelations reveals the picked relation', async () => {
    const doc = await openReport(CLEAN());
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const lens = lenses.find((l) => l.command?.command === 'tally.showRelations')!;
    const [uri, items] = lens.command!.arguments as [string, Array<{ range: { start: { line: number; character: number } } }>];
    const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(0, 0, 0, 0) });
    const target = items[0].range.start;
    const moved = until(vscode.window.onDidChangeTextEditorSelection,
      () => editor.selection.start.line === target.line && editor.selection.start.character === target.character, 'the selection to move');
    const shown = vscode.commands.executeCommand('tally.showRelations', uri, items);
    // The quick pick has no "shown" event: accept its first item once it is there (each try waits on the command).
    let settled = false;
    void Promise.resolve(shown).finally(() => { settled = true; });
    for (let i = 0; i < 40 && !settled; i++) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await Promise.race([shown, new Promise((r) => setTimeout(r, 250))]);
    }
    await shown;
    await moved;
  });

  it('a wrong 总计 gets total-mismatch, an inlay hint and a quick fix that removes it', async () => {
    const doc = await openReport(CLEAN());
    const original = doc.getText();
    const cell = lastCell(doc, '一、本年新收政府信息公开申请数量', '153');
    assert.ok(await replaceText(doc, cell, '154'));
    const ds = await diagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'total-mismatch'), 'total-mismatch');
    const mismatch = ds.filter((d) => codeOf(d) === 'total-mismatch');
    assert.equal(mismatch.length, 1, 'one fault, one finding');
    assert.ok(mismatch[0].range.contains(cell.start), `at the cell: ${JSON.stringify(mismatch[0].range)}`);

    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri,
      new vscode.Range(0, 0, doc.lineCount, 0));
    const labels = hints.filter((h) => h.position.line === cell.start.line)
      .map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    assert.ok(labels.some((l) => l.includes('153')), `inlay hints on the row: ${JSON.stringify(labels)}`);

    const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
      'vscode.executeCodeActionProvider', doc.uri, mismatch[0].range);
    // (the API command returns code actions without their diagnostics: find the quick fix that edits the cell)
    const fix = actions.find((a): a is vscode.CodeAction => 'edit' in a && !!a.edit && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind)
      && a.edit.get(doc.uri).some((e) => e.range.contains(cell.start)));
    assert.ok(fix, `a quick fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await diagnostics(doc.uri, (d) => !d.some((x) => codeOf(x) === 'total-mismatch'), 'total-mismatch to go away');
    assert.equal(doc.getText(), original);
    await status(doc.uri, (s) => s.version === doc.version && s.errors === 0, 'clean-2021 to be clean again');
  });

  it('formatting changes only whitespace (and the dashes of delimiter rows)', async () => {
    const doc = await openReport(WULANCHABU());
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri,
      { tabSize: 4, insertSpaces: true });
    assert.ok(edits.length > 0, 'the tables of 002 are not aligned');
    const formatted = applyEdits(doc, edits);
    assert.notEqual(formatted, doc.getText());
    assert.equal(substance(formatted), substance(doc.getText()));
    for (const e of edits) assert.ok(!e.newText.includes('\n') || doc.getText(e.range).includes('\n'), 'no lines added');
  });

  it('Markdown that is not a report stays Markdown; scope "all" checks its totals', async () => {
    const doc = await vscode.workspace.openTextDocument(PLAIN());
    await vscode.window.showTextDocument(doc);
    await status(PLAIN(), (s) => !s.isReport, 'the status of plain.md');
    assert.equal(doc.languageId, 'markdown');
    assert.equal(tallyDiagnostics(PLAIN()).length, 0);
    const config = vscode.workspace.getConfiguration('tally');
    try {
      await config.update('scope', 'all', vscode.ConfigurationTarget.Workspace);
      const ds = await diagnostics(PLAIN(), (d) => d.some((x) => codeOf(x) === 'total-mismatch'), 'a generic total-mismatch');
      assert.equal(ds.find((d) => codeOf(d) === 'total-mismatch')!.range.start.line, 6);
    } finally {
      await config.update('scope', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnostics(PLAIN(), (d) => d.length === 0, 'no findings again under scope "reports"');
    assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === PLAIN().toString())?.languageId, 'markdown');
  });

  it('tally.newReport opens the skeleton of a template as a report', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('tally.newReport', 'gov-annual-2021', 2023);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(doc);
    assert.equal(doc.languageId, 'markdown');
    assert.equal(doc.uri.scheme, 'untitled');
    assert.match(doc.getText(), /2023/);
    const s = await status(uri, (x) => x.isReport, 'the status of the new report');
    assert.equal(s.template, 'gov-annual-2021');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('tally.importReport imports a published web page beside it, checks it, and never overwrites', async () => {
    const source = file('published-2021.html');
    const target = file('published-2021.md');
    const [uri] = await vscode.commands.executeCommand<vscode.Uri[]>('tally.importReport', [source]);
    assert.equal(uri.toString(), target.toString());
    const written = fs.readFileSync(target.fsPath, 'utf8');
    assert.match(written, /^---\ntemplate: gov-annual-2021\n/);
    assert.match(written, /\| 一、本年新收政府信息公开申请数量 \|/);
    const s = await status(target, (x) => x.isReport, 'the status of the imported report');
    assert.equal(s.template, 'gov-annual-2021');
    assert.equal(s.errors, 0, 'the clean report stays clean through import');
    // Imported again: the existing file is kept and the new import opens in an untitled editor.
    const [again] = await vscode.commands.executeCommand<vscode.Uri[]>('tally.importReport', [source]);
    assert.equal(again.scheme, 'untitled');
    assert.equal(fs.readFileSync(target.fsPath, 'utf8'), written);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('the tally-report snippet is offered in Markdown', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'tally-rep' });
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri,
      new vscode.Position(0, 9));
    const snippet = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'tally-report');
    assert.ok(snippet, `completions: ${list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).join(' | ')}`);
    assert.equal(snippet.kind, vscode.CompletionItemKind.Snippet);
    const body = snippet.insertText instanceof vscode.SnippetString ? snippet.insertText.value : String(snippet.insertText);
    assert.match(body, /template: gov-annual-2021/);
    assert.match(body, /## 六、其他需要报告的事项/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('tally.showSummary opens the summary beside the report', async () => {
    await openReport(CLEAN());
    const opened = until(vscode.workspace.onDidOpenTextDocument,
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'tally-summary' && d.uri.query === CLEAN().toString() && d.getText().length > 0),
      'the summary document');
    await vscode.commands.executeCommand('tally.showSummary', CLEAN());
    const summary = await opened;
    assert.match(summary.getText(), /gov-annual-2021/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), summary.uri.toString());
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('tally.showPreview opens the Markdown preview of a report beside it', async () => {
    await openReport(CLEAN());
    const previews = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));
    const before = previews().length;
    const opened = until(vscode.window.tabGroups.onDidChangeTabs, () => previews().length > before && previews(), 'a Markdown preview tab');
    await vscode.commands.executeCommand('tally.showPreview');
    const tabs = await opened;
    assert.match(tabs[tabs.length - 1].label, /clean-2021/);
  });

  it('contributes its commands, and tally.restartServer brings the server back', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['tally.restartServer', 'tally.newReport', 'tally.importReport', 'tally.showSummary', 'tally.showRelations', 'tally.showPreview']) {
      assert.ok(commands.includes(c), c);
    }
    const doc = await openReport(WULANCHABU());
    const before = api.status(doc.uri);
    await vscode.commands.executeCommand('tally.restartServer');
    assert.equal(api.client.isRunning(), true);
    await until(api.onStatus, () => api.status(doc.uri) !== before, 'a new status after the restart');
    await status(doc.uri, (s) => s.isReport && s.errors > 0, 'a status from the restarted server');
    await diagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'row-shape'), 'row-shape from the restarted server');
  });
});
