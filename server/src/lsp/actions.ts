// Code actions: the fixes carried on diagnostics, fixes computed from the current text (insert a section,
// a table or a row, pad a short row, normalise full-width digits), and source.fixAll.tally.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Analysis, Edit } from '../engine/index.js';
import { insertSectionEdit, insertRowEdit, padRowEdit, normaliseDigitsEdit, tableSkeleton, fixAll, disableHereEdit, disableFileEdit } from '../engine/edits/index.js';
import { CODES, type Code } from '../engine/findings.js';
import type { FixAllOptions } from '../engine/edits/fix-all.js';
import { eolOf } from '../engine/edits/markdown.js';
import type { DiagnosticData } from './diagnostics.js';
import { readPastedText } from '../import/text.js';
import { writeMarkdown } from '../import/markdown.js';
import { isFailure } from '../import/document.js';
import { text, type Language } from './settings.js';
import { msg } from '../engine/message.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.tally`;

const WORDS = {
  insertSection: msg('actions.insertSection'),
  insertTable: msg('actions.insertTable'),
  insertRow: msg('actions.insertRow'),
  padRow: msg('actions.padRow'),
  digits: msg('actions.digits'),
  fixAll: msg('actions.fixAll'),
  convert: msg('actions.convert'),
  goToTable: msg('actions.goToTable'),
  disableHere: (code: string) => msg('actions.disableHere', { code }),
  disableFile: (code: string) => msg('actions.disableFile', { code }),
};

function action(title: string, uri: string, edits: Edit[], diagnostic?: Diagnostic, preferred = false, kind: string = CodeActionKind.QuickFix): CodeAction {
  return {
    title, kind, ...(diagnostic ? { diagnostics: [diagnostic] } : {}), ...(preferred ? { isPreferred: true } : {}),
    edit: { changes: { [uri]: edits as TextEdit[] } },
  };
}

export function codeActions(analysis: Analysis, params: CodeActionParams, language: Language, fixAllOptions: FixAllOptions = {}): CodeAction[] {
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const out: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'tally') continue;
      const data = diagnostic.data as DiagnosticData | undefined;
      data?.fixes.forEach((fix, i) => out.push(action(fix.title, uri, fix.edits, diagnostic, i === 0)));
      // The table may be the wrong one: go and look at it.
      const table = diagnostic.code === 'prose-mismatch' ? diagnostic.relatedInformation?.[0]?.location : undefined;
      if (table) {
        out.push({ title: text(WORDS.goToTable, language), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic],
          command: { title: text(WORDS.goToTable, language), command: 'tally.reveal', arguments: [table.uri, table.range] } });
      }
      out.push(...disableActions(analysis, uri, diagnostic, language));
      const subject = data?.subject;
      if (!subject) continue;
      if (diagnostic.code === 'import' && subject.pasted) {
        const edit = convertPastedEdit(analysis);
        if (edit) out.push(action(text(WORDS.convert, language), uri, [edit], diagnostic, true));
        continue;
      }
      let edit: Edit | undefined;
      let title = '';
      if (diagnostic.code === 'missing-section' && subject.section) {
        edit = insertSectionEdit(analysis, subject.section);
        title = text(WORDS.insertSection, language);
      } else if (diagnostic.code === 'missing-row' && subject.table && subject.row) {
        edit = insertRowEdit(analysis, subject.table, subject.row);
        title = text(WORDS.insertRow, language);
      } else if (diagnostic.code === 'row-shape' && subject.line !== undefined) {
        edit = padRowEdit(analysis, subject.line);
        title = text(WORDS.padRow, language);
      } else if (diagnostic.code === 'missing-table' && subject.section && subject.table) {
        edit = insertTablesEdit(analysis, subject.section, subject.table.split(','));
        title = text(WORDS.insertTable, language);
      }
      if (edit) out.push(action(title, uri, [edit], diagnostic, !data?.fixes.length));
    }
    // Full-width digits in the selected cells (no diagnostic: they are numbers, only unusual).
    const digits = normaliseDigitsEdit(analysis.model.doc.text, params.range);
    if (digits) out.push({ ...action(text(WORDS.digits, language), uri, [digits]), kind: CodeActionKind.RefactorRewrite });
  }
  if (only && (wants(FIX_ALL_KIND)) && only.some((k) => k === CodeActionKind.SourceFixAll || k === FIX_ALL_KIND || k === CodeActionKind.Source)) {
    const edits = fixAllEdits(analysis, fixAllOptions);
    if (edits.length) out.push(action(text(WORDS.fixAll, language), uri, edits, undefined, false, FIX_ALL_KIND));
  }
  return out;
}

/** The comments a finding's code is not reported by: the findings of suppression comments cannot be silenced. */
const NOT_SILENCED = new Set<string>(['unused-suppression', 'unknown-code']);

/** "Disable `code` here" and "Disable `code` for this file": a suppression comment, written by the engine. */
function disableActions(analysis: Analysis, uri: string, diagnostic: Diagnostic, language: Language): CodeAction[] {
  const code = diagnostic.code;
  if (typeof code !== 'string' || !Object.hasOwn(CODES, code) || NOT_SILENCED.has(code)) return [];
  const out: CodeAction[] = [];
  const here = disableHereEdit(analysis, code as Code, diagnostic.range);
  if (here) out.push(action(text(WORDS.disableHere(code), language), uri, [here], diagnostic));
  const file = disableFileEdit(analysis, code as Code);
  if (file) out.push(action(text(WORDS.disableFile(code), language), uri, [file], diagnostic));
  return out;
}

/**
 * The engine's fix-all of the analysed text: the fixes marked safe that re-analysis shows remove findings and add
 * none (the others stay quick fixes), ASCII digits in template tables, as disjoint edits of the current text.
 */
export function fixAllEdits(analysis: Analysis, options: FixAllOptions = {}): Edit[] {
  return fixAll(analysis.model.doc.text, options).edits;
}

/** The whole pasted report rewritten in the dialect: one edit, undone in one step. */
function convertPastedEdit(analysis: Analysis): Edit | undefined {
  const lines = analysis.model.doc.lines;
  const read = readPastedText(lines.text);
  if (isFailure(read)) return undefined;
  const { markdown } = writeMarkdown(read);
  return { range: lines.range(0, lines.text.length), newText: markdown };
}

/** The skeletons of a section's missing tables, at the end of the section. */
function insertTablesEdit(analysis: Analysis, sectionId: string, tableIds: string[]): Edit | undefined {
  const template = analysis.binding.template;
  const section = analysis.binding.sections?.matches.find((m) => m.spec.id === sectionId);
  if (!template || !section) return undefined;
  const lines = analysis.model.doc.lines;
  let end = section.end;
  while (end > section.start && /\s/.test(lines.text[end - 1])) end--;
  const eol = eolOf(lines.text);
  const body = tableIds.map((id) => tableSkeleton(template, id, { eol })).join(eol + eol);
  const at = lines.position(end);
  return { range: { start: at, end: at }, newText: `${eol}${eol}${body.trimEnd()}` };
}
