// Outline (document symbols) and folding ranges: the template's sections in order, missing ones as
// placeholders, sub-headings nested, each template table named once with its state (engine/status.ts) — on the
// heading that names it, else as a symbol of its own under its heading — and missing tables as placeholders.
import { SymbolKind, FoldingRangeKind, type DocumentSymbol, type FoldingRange, type Range } from 'vscode-languageserver';
import type { Analysis } from '../engine/index.js';
import type { HeadingModel } from '../engine/model/report.js';
import type { TableModel } from '../engine/model/table.js';
import type { TableSpec } from '../templates/index.js';
import { labelKey, toChineseNumeral } from '../engine/text.js';
import { reportStatus, type TableStatus } from '../engine/status.js';
import { statusMark, statusText } from '../messages/status-text.js';
import { templateText, text as render, type Language } from './settings.js';
import { joined, label, msg } from '../engine/message.js';

const WORDS = {
  missing: msg('outline.missing'),
  table: msg('outline.table'),
  missingTable: (name: string) => msg('status.missing-table', { name: label(name) }),
  previousYear: msg('outline.previousYear'),
  nextYear: msg('outline.nextYear'),
  ambiguous: (names: string[]) => msg('outline.unpaired', { count: names.length, names: joined(names, msg('sep.list')) }),
};

/** Where a heading's part of the document ends: before the next heading as high or higher. */
function headingSpans(analysis: Analysis): Map<HeadingModel, Range> {
  const { headings, doc } = analysis.model;
  const spans = new Map<HeadingModel, Range>();
  headings.forEach((h, i) => {
    const next = headings.slice(i + 1).find((o) => o.depth <= h.depth);
    let endLine = next ? next.line - 1 : doc.lines.lineCount - 1;
    while (endLine > h.line && doc.lines.lineText(endLine).trim() === '') endLine--;
    spans.set(h, { start: h.range.start, end: { line: endLine, character: doc.lines.lineText(endLine).length } });
  });
  return spans;
}

/** Whether a heading names a template table: its title, or one of its captions, is the heading's text. */
function namesTable(heading: HeadingModel, spec: TableSpec): boolean {
  const key = labelKey(heading.text).full;
  return [spec.title, ...(spec.caption ?? [])].some((c) => labelKey(c).full === key);
}

/** A table outside the template: named by its caption, with no state (nothing of the template to verify). */
function looseTableSymbol(table: TableModel, language: Language): DocumentSymbol {
  return { name: table.caption[table.caption.length - 1] || render(WORDS.table, language), kind: SymbolKind.Array, range: table.range, selectionRange: table.rows[0].range };
}

export function documentSymbols(analysis: Analysis, language: Language, years: { previous?: string; next?: string; ambiguous?: string[] } = {}): DocumentSymbol[] {
  const spans = headingSpans(analysis);
  const status = reportStatus(analysis);
  const sections = new Map(status.sections.filter((s) => s.match).map((s) => [s.match!.heading, s]));
  const tables = status.sections.flatMap((s) => s.tables);
  // A Markdown table may hold several template tables (二 as one table of four blocks), and one template table
  // may be split over several Markdown tables (四 as three).
  const tableOf = new Map<TableModel, TableStatus[]>();
  for (const t of tables) {
    for (const part of t.bound?.parts ?? []) {
      const list = tableOf.get(part.table) ?? [];
      if (!list.includes(t)) list.push(t);
      tableOf.set(part.table, list);
    }
  }
  const shown = new Set<TableStatus>();
  const sectionSymbols = new Map<string, DocumentSymbol>();
  const root: DocumentSymbol[] = [];
  const stack: Array<{ depth: number; symbol: DocumentSymbol; heading: HeadingModel }> = [];
  for (const block of analysis.model.blocks) {
    if (block.kind === 'heading') {
      const h = block.heading;
      const section = sections.get(h);
      const symbol: DocumentSymbol = {
        name: h.text || '#', kind: section ? SymbolKind.Module : SymbolKind.String,
        ...(section ? { detail: statusText(section.status, 'section', language) } : {}),
        range: spans.get(h)!, selectionRange: h.range, children: [],
      };
      if (section) sectionSymbols.set(section.spec.id, symbol);
      while (stack.length && stack[stack.length - 1].depth >= h.depth) stack.pop();
      (stack.length ? stack[stack.length - 1].symbol.children! : root).push(symbol);
      stack.push({ depth: h.depth, symbol, heading: h });
    } else if (block.kind === 'table') {
      const parent = stack.length ? stack[stack.length - 1].symbol.children! : root;
      const bound = tableOf.get(block.table);
      if (!bound) { parent.push(looseTableSymbol(block.table, language)); continue; }
      for (const t of bound) {
        // A template table is named once: a later part of a split table adds nothing.
        if (shown.has(t)) continue;
        shown.add(t);
        const detail = statusText(t.status, 'table', language);
        // The heading that names the table carries its state (三、收到和处理… is the 三 table's name already).
        const naming = [...stack].reverse().find((e) => namesTable(e.heading, t.spec));
        if (naming) { naming.symbol.detail = detail; continue; }
        const part = t.bound!.parts.find((p) => p.table === block.table)!;
        const first = part.captionRow ?? part.rows[0] ?? block.table.rows[0];
        parent.push({ name: templateText(t.spec.title, language), detail, kind: SymbolKind.Array, range: block.table.range, selectionRange: first.range });
      }
    }
  }
  // Placeholders for the tables a present section lacks, at the end of the section.
  for (const section of status.sections) {
    const symbol = section.match && sectionSymbols.get(section.spec.id);
    if (!symbol) continue;
    for (const table of section.tables) {
      if (table.bound || table.status.state !== 'fails') continue;
      const at = symbol.range.end;
      symbol.children!.push({
        name: `${render(WORDS.missingTable(table.spec.title), language)}`, detail: statusMark(table.status),
        kind: SymbolKind.Null, range: { start: at, end: at }, selectionRange: { start: at, end: at },
      });
    }
  }
  // Placeholders for the sections the template requires and the report lacks, where they belong.
  const template = analysis.binding.template;
  const matches = analysis.binding.sections?.matches ?? [];
  if (template && matches.length) {
    template.sections.forEach((spec, i) => {
      if (!spec.required || matches.some((m) => m.spec.id === spec.id)) return;
      const next = template.sections.slice(i + 1).map((s) => matches.find((m) => m.spec.id === s.id)).find(Boolean);
      const lines = analysis.model.doc.lines;
      const at = next ? next.heading.range.start : lines.position(lines.text.length);
      const name = `${spec.ordinal ? `${toChineseNumeral(spec.ordinal)}、` : ''}${templateText(spec.title, language)} — ${render(WORDS.missing, language)}`;
      const placeholder: DocumentSymbol = { name, kind: SymbolKind.Null, range: { start: at, end: at }, selectionRange: { start: at, end: at } };
      const index = next ? root.findIndex((s) => s.selectionRange.start.line >= at.line) : -1;
      if (index >= 0) root.splice(index, 0, placeholder); else root.push(placeholder);
    });
  }
  // The same body's reports for the neighbouring years, found in the workspace.
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const [which, path] of [['previous', years.previous], ['next', years.next]] as const) {
    if (!path) continue;
    const label = which === 'previous' ? render(WORDS.previousYear, language) : render(WORDS.nextYear, language);
    root.push({ name: `${label}: ${path.split(/[\\/]/).pop()}`, detail: path, kind: SymbolKind.File, range: top, selectionRange: top });
  }
  if (years.ambiguous?.length) {
    root.push({ name: render(WORDS.ambiguous(years.ambiguous), language), kind: SymbolKind.File, range: top, selectionRange: top });
  }
  return root;
}

export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const range of headingSpans(analysis).values()) {
    if (range.end.line > range.start.line) out.push({ startLine: range.start.line, endLine: range.end.line });
  }
  for (const table of analysis.model.tables) {
    if (table.range.end.line > table.range.start.line) {
      out.push({ startLine: table.range.start.line, endLine: table.range.end.line, kind: FoldingRangeKind.Region });
    }
  }
  const fm = analysis.model.frontMatter;
  if (fm && fm.range.end.line > fm.range.start.line) out.push({ startLine: fm.range.start.line, endLine: fm.range.end.line, kind: FoldingRangeKind.Region });
  return out;
}
