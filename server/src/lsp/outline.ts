// Outline (document symbols) and folding ranges: the template's sections in order, missing ones as
// placeholders, sub-headings nested, each table under its section with a one-line status.
import { SymbolKind, FoldingRangeKind, type DocumentSymbol, type FoldingRange, type Range } from 'vscode-languageserver';
import type { Analysis } from '../engine/index.js';
import type { HeadingModel } from '../engine/model/report.js';
import type { TableModel } from '../engine/model/table.js';
import { toChineseNumeral } from '../engine/text.js';
import { templateText, text as render, type Language } from './settings.js';
import { joined, msg } from '../engine/message.js';

const WORDS = {
  missing: msg('outline.missing'),
  table: msg('outline.table'),
  problems: (count: number) => msg('outline.problems', { count }),
  previousYear: msg('outline.previousYear'),
  nextYear: msg('outline.nextYear'),
  ambiguous: (names: string[]) => msg('outline.unpaired', { count: names.length, names: joined(names, msg('sep.list')) }),
};

function inside(range: Range, outer: Range): boolean {
  return range.start.line >= outer.start.line && range.end.line <= outer.end.line;
}

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

function tableSymbol(analysis: Analysis, table: TableModel, language: Language): DocumentSymbol {
  const bound = analysis.binding.tables.find((b) => b.parts.some((p) => p.table === table));
  const problems = analysis.findings.filter((f) => f.severity !== 'information' && inside(f.range, table.range)).length;
  return {
    name: bound ? templateText(bound.spec.title, language) : (table.caption[table.caption.length - 1] || render(WORDS.table, language)),
    detail: problems ? `✗ ${render(WORDS.problems(problems), language)}` : '✓',
    kind: SymbolKind.Array, range: table.range, selectionRange: table.rows[0].range,
  };
}

export function documentSymbols(analysis: Analysis, language: Language, years: { previous?: string; next?: string; ambiguous?: string[] } = {}): DocumentSymbol[] {
  const spans = headingSpans(analysis);
  const sections = new Map((analysis.binding.sections?.matches ?? []).map((m) => [m.heading, m]));
  const root: DocumentSymbol[] = [];
  const stack: Array<{ depth: number; symbol: DocumentSymbol }> = [];
  for (const block of analysis.model.blocks) {
    if (block.kind === 'heading') {
      const h = block.heading;
      const symbol: DocumentSymbol = {
        name: h.text || '#', kind: sections.has(h) ? SymbolKind.Module : SymbolKind.String,
        range: spans.get(h)!, selectionRange: h.range, children: [],
      };
      while (stack.length && stack[stack.length - 1].depth >= h.depth) stack.pop();
      (stack.length ? stack[stack.length - 1].symbol.children! : root).push(symbol);
      stack.push({ depth: h.depth, symbol });
    } else if (block.kind === 'table') {
      const symbol = tableSymbol(analysis, block.table, language);
      (stack.length ? stack[stack.length - 1].symbol.children! : root).push(symbol);
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
