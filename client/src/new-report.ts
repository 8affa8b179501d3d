// Tally: New Report from Template… — a template chosen by its title, a year, the body that publishes the report,
// and the skeleton (`tally/skeleton`) inserted into a new Markdown editor as a snippet: one tab stop per figure,
// in reading order, so the writer tabs from cell to cell.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** A template as the server lists it (`tally/templates`). */
interface TemplateInfo {
  id: string;
  name: { zh: string; en: string };
  /** The name in the language of Tally's messages. */
  title?: string;
  format: string;
  years?: { from?: number; to?: number };
  source: string;
}

/** The server's answer to `tally/skeleton`: the report's text, and the offsets of its figures. */
interface Skeleton { text: string; stops: number[] }

/** The body last written, offered again (a writer usually reports for one body). */
const LAST_ORGAN = 'tally.newReport.organ';

export function registerNewReport(context: vscode.ExtensionContext, lc: LanguageClient): vscode.Disposable {
  /** The quick pick's items: each template by its title, the years it is for beside it, a team's file below. */
  const choices = async () => {
    const known = await lc.sendRequest<TemplateInfo[]>('tally/templates', {});
    const zh = vscode.env.language.toLowerCase().startsWith('zh');
    return known.map((t) => ({
      label: t.title ?? (zh ? t.name.zh : t.name.en),
      description: yearsOf(t.years),
      detail: t.source === 'built-in' ? undefined : t.source,
      template: t,
    }));
  };
  const remember = (organ: string | undefined) => (organ ? context.globalState.update(LAST_ORGAN, organ) : undefined);
  return vscode.Disposable.from(
    // What the quick pick offers, for the end-to-end tests (an internal command: not in the palette).
    vscode.commands.registerCommand('_tally.newReport.choices', async () =>
      (await choices()).map(({ label, description, detail, template }) => ({ label, description, detail, id: template.id }))),
    // Arguments (template id, year, body) skip the prompts: for keybindings and tests.
    vscode.commands.registerCommand('tally.newReport', async (template?: string, year?: number, organ?: string) => {
      if (typeof template === 'string' && typeof year === 'number') {
        const body = typeof organ === 'string' && organ.trim() ? organ.trim() : undefined;
        await remember(body);
        return open(lc, template, year, body);
      }
      return ask(context, lc, await choices());
    }),
  );
}

/** The prompts: a template, a year (within the template's years), the body (the last one offered again). */
async function ask(context: vscode.ExtensionContext, lc: LanguageClient,
  choices: Array<vscode.QuickPickItem & { template: TemplateInfo }>): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showQuickPick(choices,
    { placeHolder: vscode.l10n.t('Template of the new report'), matchOnDescription: true, matchOnDetail: true });
  if (!picked) return undefined;
  const typed = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('Year the report covers'),
    value: String(defaultYear(picked.template.years)),
    validateInput: (v) => (/^\s*\d{4}\s*$/.test(v) ? undefined : vscode.l10n.t('A year of four digits, such as 2024')),
  });
  if (typed === undefined) return undefined;
  const body = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('Body that publishes the report (机关名称)'),
    placeHolder: vscode.l10n.t('such as 某某市人民政府办公室'),
    value: context.globalState.get<string>(LAST_ORGAN, ''),
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('The name of the body, as the report\'s title gives it')),
  });
  if (body === undefined) return undefined;
  await context.globalState.update(LAST_ORGAN, body.trim());
  return open(lc, picked.template.id, Number(typed.trim()), body.trim());
}

/** A new Markdown editor with the skeleton; the cursor on its first figure. */
async function open(lc: LanguageClient, template: string, year: number, organ: string | undefined): Promise<vscode.Uri> {
  const skeleton = await lc.sendRequest<Skeleton>('tally/skeleton', { template, year, ...(organ ? { organ } : {}) });
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  const editor = await vscode.window.showTextDocument(doc);
  await editor.insertSnippet(snippetOf(skeleton), new vscode.Position(0, 0));
  return doc.uri;
}

/** The skeleton as a snippet: its text verbatim, a tab stop at each figure ($1, $2, … in reading order). */
export function snippetOf({ text, stops }: Skeleton): vscode.SnippetString {
  const snippet = new vscode.SnippetString();
  let at = 0;
  stops.forEach((stop, i) => {
    snippet.appendText(text.slice(at, stop));
    snippet.appendTabstop(i + 1);
    at = stop;
  });
  return snippet.appendText(text.slice(at));
}

/** Last year, within the years the template is for. */
function defaultYear(years: TemplateInfo['years']): number {
  const last = new Date().getFullYear() - 1;
  return Math.max(years?.from ?? -Infinity, Math.min(years?.to ?? Infinity, last));
}

/** "2019–2020", "2021–", "–2018". */
function yearsOf(years: TemplateInfo['years']): string {
  if (!years || (years.from === undefined && years.to === undefined)) return '';
  return `${years.from ?? ''}–${years.to ?? ''}`;
}
