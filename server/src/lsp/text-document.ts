// The open documents' text as the client edits it. vscode-languageserver-textdocument keeps each document's line
// starts up to date change by change, from the text a change inserts alone: a change that makes a CR and an LF
// around its edges one line break (a CR inserted before an LF, an LF inserted after a CR, or what stood between
// them removed) leaves one line start too many, and every position after it then lands on the wrong line. VS Code
// never sends such a change (it writes inserted line breaks in the document's own), other editors can: there the
// document is made again from its text, which reads its line starts anew.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextDocumentsConfiguration } from 'vscode-languageserver';

const CR = 13;
const LF = 10;

export const LineBreakSafeDocument: TextDocumentsConfiguration<TextDocument> = {
  create: TextDocument.create,
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    let doc = document;
    for (const change of changes) {
      const start = 'range' in change ? Math.min(doc.offsetAt(change.range.start), doc.offsetAt(change.range.end)) : -1;
      doc = TextDocument.update(doc, [change], version);
      if (start < 0) continue;
      const text = doc.getText();
      const end = start + change.text.length;
      const joins = (at: number) => at > 0 && text.charCodeAt(at - 1) === CR && text.charCodeAt(at) === LF;
      if (joins(start) || joins(end)) doc = TextDocument.create(doc.uri, doc.languageId, version, text);
    }
    return doc;
  },
};
