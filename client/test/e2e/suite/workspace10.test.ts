// End-to-end tests of the workspace's files on disk: a report written on disk outside the editor, and Tally: Check
// Workspace. The reports are written into a folder of their own in the workspace, from the repository's samples/.
// Every wait is on an event (diagnostics, tally/status) with a time limit, never a sleep.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TallyApi, TallyStatus } from '../../../src/extension';
import { EXTENSION_ID, LIMIT, codeOf, sample, tallyDiagnostics, until } from './support';

/** The suite runs from .e2e-cache/suite/: the samples are the repository's. */

const codes = (uri: vscode.Uri) => tallyDiagnostics(uri).map(codeOf);

function diagnostics(uri: vscode.Uri, ok: (codes: string[]) => boolean, what: string): Promise<string[]> {
  return until(vscode.languages.onDidChangeDiagnostics, () => { const cs = codes(uri); return ok(cs) && cs; },
    `${what} in ${uri.path.split('/').pop()}`);
}

describe('Tally and the workspace on disk', function () {
  this.timeout(120_000);
  let api: TallyApi;
  const root = () => vscode.workspace.workspaceFolders![0].uri;
  const dir = () => vscode.Uri.joinPath(root(), 'workspace10');
  const file = (name: string) => vscode.Uri.joinPath(dir(), name);
  const write = (name: string, text: string) => fs.writeFileSync(file(name).fsPath, text);

  function status(uri: vscode.Uri, ok: (s: TallyStatus) => boolean, what: string): Promise<TallyStatus> {
    return until(api.onStatus, () => { const s = api.status(uri); return s && ok(s) && s; }, what);
  }

  before(async () => {
    const ext = vscode.extensions.getExtension<TallyApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is present`);
    api = await ext.activate();
    fs.mkdirSync(dir().fsPath, { recursive: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir().fsPath, { recursive: true, force: true });
  });

  it('a report written on disk while its pair is open updates the open one\'s findings across years', async () => {
    const y2021 = sample('pair-2021.md');
    write('pair-2022.md', sample('pair-2022.md'));
    const doc = await vscode.workspace.openTextDocument(file('pair-2022.md'));
    await vscode.window.showTextDocument(doc);
    await status(doc.uri, (s) => s.isReport, 'pair-2022.md checked');
    assert.ok(!codes(doc.uri).includes('carry-over'), 'no report of last year yet');

    // Last year's report arrives on disk (a `git pull`): carried-over figures compared, and a paragraph copied.
    write('pair-2021.md', y2021);
    await diagnostics(doc.uri, (cs) => cs.includes('carry-over') && cs.includes('copied-text'), 'carry-over and copied-text');
    // Corrected on disk: the carried-over figures agree, the copied paragraph stays.
    write('pair-2021.md', y2021.replace('| 四、结转下年度继续办理 | 6 | 1 | 0 | 0 | 0 | 0 | 7 |', '| 四、结转下年度继续办理 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |'));
    await diagnostics(doc.uri, (cs) => !cs.includes('carry-over') && cs.includes('copied-text'), 'carry-over gone');
    // Deleted: nothing to compare with.
    fs.rmSync(file('pair-2021.md').fsPath);
    await diagnostics(doc.uri, (cs) => !cs.includes('copied-text'), 'copied-text gone');
  });

  it('Check Workspace makes Problems list an unopened report\'s findings', async () => {
    write('unopened-2020.md', sample('002-wulanchabu-2020.md'));
    const unopened = file('unopened-2020.md');
    assert.deepEqual(tallyDiagnostics(unopened), [], 'nothing listed before the check');
    const result = await vscode.commands.executeCommand<{ files: number; read: number; cancelled: boolean }>('tally.checkWorkspace');
    assert.ok(result && !result.cancelled && result.read === result.files && result.files >= 4, JSON.stringify(result));
    const listed = await diagnostics(unopened, (cs) => cs.includes('row-shape') && cs.includes('missing-section'), 'the unopened report\'s findings');
    assert.ok(listed.length > 2);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()), 'it was never opened');
    // Changed on disk afterwards: its problems follow.
    write('unopened-2020.md', sample('clean-2021.md'));
    await diagnostics(unopened, (cs) => !cs.includes('row-shape'), 'the findings of the new text');
  });
});
