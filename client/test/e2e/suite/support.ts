// What every end-to-end suite shares: the extension's id, the time limit of a wait, waiting on events, the workspace's
// files and the repository's samples, an edit as a user makes it, and Tally's diagnostics. Each suite file is bundled with it (run.sh).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'tally-authors.tally';
export const LIMIT = 30_000;

/** A file of the test workspace (fresh copies of samples/clean-2021.md, 002-wulanchabu-2020.md and plain.md). */
export const file = (name: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);

/** The text of one of the repository's samples (the suite runs from .e2e-cache/suite). */
export function sample(name: string): string {
  return fs.readFileSync(path.join(__dirname, '..', '..', 'samples', name), 'utf8');
}

/** Resolves with check()'s first truthy result, trying now and on each firing of `event`; rejects after `ms`. */
export function until<T>(event: vscode.Event<unknown>, check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string, ms = LIMIT): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (value?: T, error?: unknown) => {
      if (settled) return;
      settled = true;
      sub.dispose();
      clearTimeout(timer);
      if (error) reject(error); else resolve(value as T);
    };
    const attempt = async () => {
      try {
        const v = await check();
        if (v) finish(v);
      } catch (e) { finish(undefined, e); }
    };
    const sub = event(() => void attempt());
    const timer = setTimeout(() => finish(undefined, new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    void attempt();
  });
}

export const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''));
export const tallyDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tally');

/** Replaces `range` of the document with `text`, as typing it would (true when the edit was applied). */
export function replaceText(doc: vscode.TextDocument, range: vscode.Range, text: string): Thenable<boolean> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, range, text);
  return vscode.workspace.applyEdit(edit);
}

/** The document's text with the edits applied (edits never overlap). */
export function applyEdits(doc: vscode.TextDocument, edits: vscode.TextEdit[]): string {
  let text = doc.getText();
  for (const e of [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start))) {
    text = text.slice(0, doc.offsetAt(e.range.start)) + e.newText + text.slice(doc.offsetAt(e.range.end));
  }
  return text;
}
