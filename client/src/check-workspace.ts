// Tally: Check Workspace — the server checks every report of the folders (`tally/checkWorkspace`) and lists each
// one's problems in Problems; here, its progress as a cancellable notification, fed by the server's `$/progress`
// on the request's own work-done token. Cancelling cancels the request: the reports read so far keep their problems.
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';

/** What the server answers: the reports found, those read, and whether the check stopped early. */
export interface CheckResult { files: number; read: number; cancelled: boolean }

let next = 0;

export function registerCheckWorkspace(lc: LanguageClient): vscode.Disposable {
  return vscode.commands.registerCommand('tally.checkWorkspace', () => vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Tally: checking the workspace'), cancellable: true },
    async (progress, token): Promise<CheckResult | undefined> => {
      const workDoneToken = `tally-check-workspace-${++next}`;
      let done = 0;
      const sub = lc.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const percentage = value.percentage ?? done;
        progress.report({ message: value.message, increment: Math.max(0, percentage - done) });
        done = Math.max(done, percentage);
      });
      try {
        return await lc.sendRequest<CheckResult>('tally/checkWorkspace', { workDoneToken }, token);
      } catch (e) {
        if (token.isCancellationRequested) return undefined;
        throw e;
      } finally {
        sub.dispose();
      }
    }));
}
