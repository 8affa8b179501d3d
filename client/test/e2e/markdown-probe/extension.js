// An extension keyed to the `markdown` language, as markdownlint or Code Spell Checker are: it registers for
// `markdown` only, and records each document VS Code asks it about. Tally's end-to-end tests read `seen` to prove
// that a report stays a Markdown document for such extensions.
'use strict';
const vscode = require('vscode');

/** @param {vscode.ExtensionContext} context */
function activate(context) {
  /** URIs (strings) of the documents the providers were asked about. */
  const seen = new Set();
  const selector = { language: 'markdown' };
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(selector, {
      provideHover(document) {
        seen.add(document.uri.toString());
        return new vscode.Hover('markdown-probe: ' + document.languageId);
      },
    }),
    vscode.languages.registerDocumentSymbolProvider(selector, {
      provideDocumentSymbols(document) {
        seen.add(document.uri.toString());
        const range = new vscode.Range(0, 0, 0, 0);
        return [new vscode.DocumentSymbol('markdown-probe', document.languageId, vscode.SymbolKind.File, range, range)];
      },
    }, { label: 'markdown-probe' }),
  );
  return { seen };
}

module.exports = { activate };
