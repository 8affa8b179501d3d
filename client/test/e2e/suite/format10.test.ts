// End-to-end tests of table formatting by the editor's font (tally.format.ambiguousWidth, editor.fontFamily) and of
// New Report (templates by their titles, a skeleton inserted as a snippet with a tab stop per figure).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TallyApi } from '../../../src/extension';
import { EXTENSION_ID, LIMIT, codeOf, until, applyEdits } from './support';

/** An event that fires every `ms` until disposed: for what the editor announces by no event (a setting reaching the server). */
function ticks(ms: number): vscode.Event<void> {
  return (listener) => {
    const timer = setInterval(() => listener(), ms);
    return new vscode.Disposable(() => clearInterval(timer));
  };
}

// A table whose first column holds ambiguous characters (“ ” …): its pipes stand elsewhere for a CJK font.
const TABLE = ['| 项目 | 数量 |', '|---|--:|', '| 3.危及“三安全一稳定” | 1 |', '| 其他…… | 12 |', ''].join('\n');
const ALIGNED: Record<1 | 2, string> = {
  1: ['| 项目                 | 数量 |', '| -------------------- | ---: |', '| 3.危及“三安全一稳定” |    1 |', '| 其他……               |   12 |', ''].join('\n'),
  2: ['| 项目                   | 数量 |', '| ---------------------- | ---: |', '| 3.危及“三安全一稳定” |    1 |', '| 其他……               |   12 |', ''].join('\n'),
};

describe('Tally: formatting by the editor\'s font, and New Report', function () {
  this.timeout(120_000);
  let api: TallyApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<TallyApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    api = await extension.activate();
  });

  describe('tally.format.ambiguousWidth', () => {
    let doc: vscode.TextDocument;
    const tally = () => vscode.workspace.getConfiguration('tally');
    const editor = () => vscode.workspace.getConfiguration('editor');

    before(async () => {
      doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: TABLE });
      await vscode.window.showTextDocument(doc);
    });
    after(async () => {
      await tally().update('format.ambiguousWidth', undefined, vscode.ConfigurationTarget.Workspace);
      await editor().update('fontFamily', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    /** Format Document's result once the server has the setting just changed (the change reaches it unannounced). */
    const formatsAs = (expected: string, what: string) => until(ticks(200), async () => {
      const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri,
        { tabSize: 2, insertSpaces: true });
      return applyEdits(doc, edits ?? []) === expected;
    }, what);

    for (const width of [1, 2] as const) {
      it(`aligns pipes with ambiguous characters ${width} column${width === 1 ? '' : 's'} wide when set to ${width}`, async () => {
        await tally().update('format.ambiguousWidth', width, vscode.ConfigurationTarget.Workspace);
        await formatsAs(ALIGNED[width], `formatting for width ${width}`);
      });
    }

    it('"auto" follows editor.fontFamily: a CJK font first gives 2, a Latin font 1', async () => {
      await tally().update('format.ambiguousWidth', 'auto', vscode.ConfigurationTarget.Workspace);
      await editor().update('fontFamily', "'Sarasa Mono SC', 'Noto Sans Mono CJK SC', monospace", vscode.ConfigurationTarget.Workspace);
      await formatsAs(ALIGNED[2], 'formatting for a CJK font');
      await editor().update('fontFamily', "Consolas, 'Microsoft YaHei', monospace", vscode.ConfigurationTarget.Workspace);
      await formatsAs(ALIGNED[1], 'formatting for a Latin font');
    });

    it('formatting twice changes nothing the second time, and no cell text', async () => {
      const edit = new vscode.WorkspaceEdit();
      const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri,
        { tabSize: 2, insertSpaces: true });
      edit.set(doc.uri, edits);
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.equal(doc.getText(), ALIGNED[1]);
      const again = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri,
        { tabSize: 2, insertSpaces: true });
      assert.deepEqual(again ?? [], []);
      const ink = (text: string) => text.replace(/[ \t]+/g, '').replace(/-+/g, '-');
      assert.equal(ink(doc.getText()), ink(TABLE), 'only blanks and delimiter dashes changed');
    });
  });

  describe('New Report', () => {
    afterEach(async () => {
      while (vscode.window.activeTextEditor?.document.isUntitled) {
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    });

    it('offers the templates by their titles, not their ids', async () => {
      const choices = await vscode.commands.executeCommand<Array<{ label: string; description: string; id: string }>>('_tally.newReport.choices');
      const ids = choices.map((c) => c.id);
      assert.ok(ids.includes('gov-annual-2021') && ids.includes('gov-annual-2019') && ids.includes('gov-annual-legacy'));
      for (const c of choices) {
        assert.ok(!c.label.includes(c.id) && !(c.description ?? '').includes(c.id), `${c.id} is not shown as its id: ${c.label} ${c.description}`);
        assert.match(c.label, /政府信息公开|government information/i);
      }
      assert.equal(choices.find((c) => c.id === 'gov-annual-2021')!.description, '2021–');
    });

    it('the prompts: a template, a year, the body; the report opens as Markdown', async () => {
      // The body given last time is offered again: give one first.
      await vscode.commands.executeCommand('tally.newReport', 'gov-annual-2021', 2024, '临江市青岚区人民政府办公室');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      const choices = await vscode.commands.executeCommand<Array<{ id: string }>>('_tally.newReport.choices');
      const created = vscode.commands.executeCommand<vscode.Uri | undefined>('tally.newReport');
      // A quick pick and two input boxes, each accepted as offered once it is there (each try waits on the command).
      let settled = false;
      void Promise.resolve(created).finally(() => { settled = true; });
      for (let i = 0; i < 80 && !settled; i++) {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        await Promise.race([created, new Promise((r) => setTimeout(r, 250))]);
      }
      const uri = await created;
      assert.ok(uri, 'a report was created');
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
      assert.match(doc.getText(), new RegExp(`^---\\ntemplate: ${choices[0].id}\\nyear: \\d{4}\\norgan: 临江市青岚区人民政府办公室\\n---\\n`));
    });

    it('inserts a snippet whose first tab stop is the first figure; Tab goes to the next; it checks quietly', async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('tally.newReport', 'gov-annual-2021', 2024, '临江市青岚区人民政府办公室');
      const active = () => vscode.window.activeTextEditor!;
      assert.equal(active().document.uri.toString(), uri.toString());
      assert.ok(['markdown', 'tally-report'].includes(active().document.languageId));
      const expected = await api.client.sendRequest<{ text: string; stops: number[] }>('tally/skeleton',
        { template: 'gov-annual-2021', year: 2024, organ: '临江市青岚区人民政府办公室' });
      assert.equal(active().document.getText(), expected.text, 'the skeleton verbatim');
      assert.match(expected.text, /^---\ntemplate: gov-annual-2021\nyear: 2024\norgan: 临江市青岚区人民政府办公室\n---\n/);
      // Quiet and honest: each table whose figures are still to write, once; nothing else.
      const ds = await until(vscode.languages.onDidChangeDiagnostics, () => {
        const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'tally');
        return d.length > 0 && d;
      }, 'the new report\'s findings');
      assert.deepEqual([...new Set(ds.map(codeOf))], ['empty-table']);
      assert.equal(ds.length, 6, 'the six tables of the 2021 format');
      const before = () => {
        const s = active().selection;
        return active().document.lineAt(s.active.line).text.slice(0, s.active.character);
      };
      // The first figure: 规章's 本年制发件数, after the blank that follows its pipe.
      assert.ok(active().selection.isEmpty);
      assert.equal(active().document.offsetAt(active().selection.active), expected.stops[0]);
      assert.match(before(), /^\| 规章 +\| $/);
      await vscode.commands.executeCommand('type', { text: '3' });
      await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
      assert.match(before(), /^\| 规章 +\| 3 +\| $/, 'Tab: the next figure of the row');
    });
  });
});
