// "Disable here" and "Disable for this file": the suppression comment for a finding, written where the report
// reads the same with it — before the table (naming the row), before the paragraph, heading or list item the
// finding is in, inside the same blockquote or list item — or added to the comment already there.
import type { Analysis } from '../index.js';
import type { Code, Edit } from '../findings.js';
import type { Range } from '../source.js';
import type { TableModel, TableRow } from '../model/table.js';
import { isComment } from '../model/report.js';
import { directiveLines, formatDirective, nextLine, readDirectives, sameRows, type Directive } from '../suppress.js';
import { canonical, plainLabel } from '../text.js';
import { eolOf } from './markdown.js';

/** The edit that silences `code` for a finding at `range`: a `tally-disable-next-line` comment (none in the front matter). */
export function disableHereEdit(analysis: Analysis, code: Code, range: Range): Edit | undefined {
  const model = analysis.model;
  const lines = model.doc.lines;
  const text = lines.text;
  const line = range.start.line;
  // Nothing can stand inside the front matter, nor before it: a finding there is silenced for the file only.
  const fm = model.frontMatter?.range;
  if (fm && line <= fm.end.line) return undefined;
  let target: number;
  let start: number;
  let rows: string[] = [];
  const table = model.tables.find((t) => t.range.start.line <= line && line <= t.range.end.line);
  if (table) {
    // No comment can stand between a table's rows: it goes before the table and names the row.
    target = table.range.start.line;
    start = table.start;
    const row = table.rows.find((r) => r.line === line);
    if (row && !row.header && row.label !== '') rows = rowSelector(table, row);
  } else {
    const block = blockAt(analysis, line);
    start = block?.start ?? lines.lineStart(line) + /^[ \t]*/.exec(lines.lineText(line))![0].length;
    target = lines.position(start).line;
  }
  const directives = readDirectives(model);
  const comments = directiveLines(model, directives);
  const there = directives.find((d) => d.kind === 'next-line' && d.codes.length > 0 && sameRows(d.rows, rows)
    && nextLine(comments, lines.position(d.end).line) === target);
  if (there) return addCode(analysis, there, code);
  const eol = eolOf(text);
  const at = lines.lineStart(target);
  return { range: lines.range(at, at), newText: `${containerPrefix(text.slice(at, Math.max(at, start)))}${formatDirective({ kind: 'next-line', codes: [code], rows })}${eol}` };
}

/** The edit that silences `code` in the whole file: added to a `tally-disable-file` comment, else one after the front matter. */
export function disableFileEdit(analysis: Analysis, code: Code): Edit | undefined {
  const model = analysis.model;
  const lines = model.doc.lines;
  // Not one with `row=`: Tally cannot read it, and it silences nothing.
  const there = readDirectives(model).find((d) => d.kind === 'file' && d.codes.length > 0 && d.rows.length === 0);
  if (there) return addCode(analysis, there, code);
  const line = model.frontMatter ? model.frontMatter.range.end.line + 1 : 0;
  const at = lines.lineStart(line);
  const eol = eolOf(lines.text);
  // After a front matter that ends the text, the comment needs a line of its own.
  const lead = at === lines.text.length && at > 0 && !/[\r\n]$/.test(lines.text) ? eol : '';
  return { range: lines.range(at, at), newText: `${lead}${formatDirective({ kind: 'file', codes: [code], rows: [] })}${eol}` };
}

function addCode(analysis: Analysis, d: Directive, code: Code): Edit | undefined {
  if (d.codes.includes(code)) return undefined;
  return { range: analysis.model.doc.lines.range(d.start, d.end), newText: formatDirective({ ...d, kind: d.kind as 'next-line' | 'file', codes: [...d.codes, code] }) };
}

/** The block the line is in (a paragraph over several lines, a list item's paragraph, a heading), comments aside. */
function blockAt(analysis: Analysis, line: number): { start: number } | undefined {
  const lines = analysis.model.doc.lines;
  let found: { start: number } | undefined;
  for (const block of analysis.model.blocks) {
    if (block.kind === 'heading') {
      if (block.heading.line === line) found = { start: block.heading.start };
    } else if (block.kind === 'text' && !isComment(block)) {
      if (lines.position(block.start).line <= line && line <= lines.position(block.end).line) found = { start: block.start };
    }
  }
  return found;
}

/** What stands before a block on its first line, list markers made spaces: the comment stays in the same container. */
function containerPrefix(before: string): string {
  const prefix = before.replace(/(^|[ \t>])([-*+]|\d{1,9}[.)])(?=[ \t]|$)/g, (_, lead: string, marker: string) => lead + ' '.repeat(marker.length));
  return /^[ \t>]*$/.test(prefix) ? prefix : /^[ \t>]*/.exec(before)![0];
}

/** `row=` values naming just this row in its table: its label, else a longer tail of its label path; none when not unique. */
function rowSelector(table: TableModel, row: TableRow): string[] {
  const norm = (l: string) => canonical(plainLabel(l));
  const path = row.path.length ? row.path : [row.label];
  for (let n = 1; n <= path.length; n++) {
    const tail = path.slice(path.length - n).map(norm);
    const same = table.rows.filter((r) => r.path.length >= n && r.path.slice(r.path.length - n).map(norm).every((l, i) => l === tail[i]));
    if (same.length === 1) return [path.slice(path.length - n).join('/')];
  }
  return [];
}
