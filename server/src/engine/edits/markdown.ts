// Shared by the edit builders: line breaks, blank-line separation and pipe-table rows written in a table's own style.
import type { LineIndex } from '../source.js';

/** The document's line break: CRLF when its first break is one, else LF. */
export function eolOf(text: string): string {
  const i = text.search(/\r\n|\r|\n/);
  if (i < 0) return '\n';
  return text[i] === '\n' ? '\n' : text[i + 1] === '\n' ? '\r\n' : '\r';
}

/** The line breaks to put before text inserted at `offset` so that a blank line separates it from what precedes. */
export function blankLineBefore(lines: LineIndex, offset: number, eol: string): string {
  const { line, character } = lines.position(offset);
  if (character > 0) {
    // Mid-line (the end of a text without a final break): end that line, and leave a blank one.
    return lines.lineText(line).slice(0, character).trim() === '' ? eol : eol + eol;
  }
  if (line === 0 || lines.lineText(line - 1).trim() === '') return '';
  return eol;
}

export interface RowStyle {
  indent: string;
  leadingPipe: boolean;
  trailingPipe: boolean;
  /** What sits between the pipes of an empty cell ('' for ||, ' ' for | |). */
  empty: string;
}

export const DEFAULT_ROW_STYLE: RowStyle = { indent: '', leadingPipe: true, trailingPipe: true, empty: ' ' };

/** Whether a table row's source ends with a closing pipe (an escaped \| is cell text). */
export function hasTrailingPipe(line: string): boolean {
  const t = line.trimEnd();
  if (!t.endsWith('|')) return false;
  let backslashes = 0;
  for (let i = t.length - 2; i >= 0 && t[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** The whitespace of the first empty cell (|  |) in any of `lines`, if one has an empty cell. */
export function emptyCellStyle(lines: string[]): string | undefined {
  for (const line of lines) {
    const m = /\|([ \t]*)\|/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/** The style of a table row as written: indentation, outer pipes and empty cells. */
export function rowStyleOf(line: string, others: string[] = []): RowStyle {
  const indent = /^[ \t]*/.exec(line)![0];
  return {
    indent,
    leadingPipe: line.slice(indent.length).startsWith('|'),
    trailingPipe: hasTrailingPipe(line),
    empty: emptyCellStyle([line, ...others]) ?? ' ',
  };
}

/**
 * A pipe-table row. Outer pipes follow the style, except where an empty first or last cell needs one
 * to exist at all (GFM cannot write an empty edge cell without its pipe).
 */
export function renderRow(cells: string[], style: RowStyle = DEFAULT_ROW_STYLE): string {
  const body = cells.map((c) => (c === '' ? style.empty : ` ${c} `));
  const leading = style.leadingPipe || cells[0] === '' || cells.length === 1;
  const trailing = style.trailingPipe || cells[cells.length - 1] === '' || cells.length === 1;
  let text = body.join('|');
  text = leading ? `|${text}` : text.replace(/^ /, '');
  text = trailing ? `${text}|` : text.replace(/ $/, '');
  return style.indent + text;
}

/** The delimiter row under a header of `width` cells. */
export function delimiterRow(width: number): string {
  return '|' + '---|'.repeat(width);
}
