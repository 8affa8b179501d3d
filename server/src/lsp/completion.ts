// Completion: the section headings and table rows the template still expects, in order.
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver';
import type { Analysis } from '../engine/index.js';
import { rowTitle } from '../engine/relations.js';
import { toChineseNumeral } from '../engine/text.js';
import { cellAt } from './locate.js';
import { text as render, templateName, type Language } from './settings.js';
import { msg } from '../engine/message.js';
import type { TemplateInfo } from './templates.js';

/** "（2021 年起）", " (2019–2020)". */
export function yearsText(years: TemplateInfo['years'], language: Language): string {
  if (!years || (years.from === undefined && years.to === undefined)) return '';
  const { from, to } = years;
  return render(msg('templates.years', { span: from !== undefined && to !== undefined ? 'both' : from !== undefined ? 'from' : 'to', from: from ?? 0, to: to ?? 0 }), language);
}

const WORDS = {
  section: msg('completion.section'),
  row: msg('completion.row'),
};

export function completions(analysis: Analysis, position: Position, language: Language, templates: readonly TemplateInfo[] = []): CompletionItem[] {
  const lines = analysis.model.doc.lines;
  const line = lines.lineText(position.line);
  const before = line.slice(0, position.character);
  // The front matter's `template:` value: the templates the server knows, by their names.
  const fm = analysis.model.frontMatter?.range;
  const inFrontMatter = fm ? fm.start.line < position.line && position.line < fm.end.line : position.line > 0 && lines.lineText(0) === '---';
  const key = /^template:\s*/.exec(line);
  if (inFrontMatter && key && position.character >= key[0].length) {
    return templates.map((t, i) => ({
      label: t.id, kind: CompletionItemKind.EnumMember, detail: templateName(t.name, language), sortText: String(i).padStart(3, '0'),
      documentation: `${templateName(t.name, language)}${yearsText(t.years, language)}${t.source === 'built-in' ? '' : ` — ${t.source}`}`,
      textEdit: { range: { start: { line: position.line, character: key[0].length }, end: { line: position.line, character: line.length } }, newText: t.id },
    }));
  }
  const template = analysis.binding.template;
  if (!template) return [];
  // A heading being typed: the sections still missing, in template order.
  if (/^#{0,6}\s*[^\s#|]*$/.test(before) && (before.startsWith('#') || before.trim() === '')) {
    const present = new Set(analysis.binding.sections?.matches.map((m) => m.spec.id));
    const depth = analysis.binding.sections?.depth ?? 2;
    return template.sections.filter((s) => !present.has(s.id)).map((s, i) => {
      const title = `${s.ordinal ? `${toChineseNumeral(s.ordinal)}、` : ''}${s.title}`;
      return {
        label: title, kind: CompletionItemKind.Module, detail: render(WORDS.section, language), sortText: String(i).padStart(3, '0'),
        filterText: `${'#'.repeat(depth)} ${title}`,
        textEdit: { range: { start: { line: position.line, character: 0 }, end: { line: position.line, character: line.length } }, newText: `${'#'.repeat(depth)} ${title}` },
      };
    });
  }
  // A row being started inside a template table: the template rows it still lacks, as whole rows.
  if (/^\s*\|[^|]*$/.test(before)) {
    const near = { line: Math.max(0, position.line - 1), character: 2 };
    const at = cellAt(analysis, near) ?? cellAt(analysis, { line: position.line + 1, character: 2 });
    if (!at?.bound) return [];
    const width = at.table.width;
    const labelColumn = Math.max(0, at.table.labelColumnCount - 1);
    return at.bound.spec.rows.filter((r) => !r.anonymous && !at.bound!.rows.has(r.id)).map((r, i) => {
      const cells = Array.from({ length: width }, (_, c) => (c === labelColumn ? rowTitle(r) : ''));
      return {
        label: rowTitle(r), kind: CompletionItemKind.Field, detail: `${render(WORDS.row, language)} — ${at.bound!.spec.title}`,
        sortText: String(i).padStart(3, '0'), insertTextFormat: InsertTextFormat.PlainText,
        textEdit: { range: { start: { line: position.line, character: 0 }, end: { line: position.line, character: line.length } }, newText: `| ${cells.join(' | ')} |` },
      };
    });
  }
  return [];
}
