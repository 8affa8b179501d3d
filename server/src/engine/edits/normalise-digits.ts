// normaliseDigitsEdit: full-width digits (and the full-width comma, point and minus of a number) to ASCII.
import type { Edit } from '../findings.js';
import type { Range } from '../source.js';
import { LineIndex } from '../source.js';

const isDigit = (c: string | undefined): boolean => c !== undefined && /[0-9０-９]/.test(c);

/**
 * Within `range` of `text`: ０–９ become 0–9; ， becomes , as a thousands separator (a digit before it, exactly
 * three digits after it); ． becomes . between digits; － becomes - before a digit not preceded by one (a sign,
 * not 1－5). The edit spans the first to the last changed character only. Undefined when nothing changes.
 * Positions are those of `analyze`: a leading byte-order mark is not part of the text.
 */
export function normaliseDigitsEdit(text: string, range: Range): Edit | undefined {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = new LineIndex(source);
  const start = lines.offset(range.start);
  const end = Math.max(start, lines.offset(range.end));
  let first = -1;
  let last = -1;
  const out: string[] = [];
  for (let i = start; i < end; i++) {
    const c = source[i];
    let r = c;
    const code = c.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) r = String.fromCharCode(code - 0xfee0);
    else if (c === '，' && isDigit(source[i - 1]) && isDigit(source[i + 1]) && isDigit(source[i + 2]) && isDigit(source[i + 3])
      && !isDigit(source[i + 4])) r = ',';
    else if (c === '．' && isDigit(source[i - 1]) && isDigit(source[i + 1])) r = '.';
    else if (c === '－' && isDigit(source[i + 1]) && !isDigit(source[i - 1])) r = '-';
    if (r !== c) {
      if (first < 0) first = i;
      last = i;
    }
    out.push(r);
  }
  if (first < 0) return undefined;
  return { range: lines.range(first, last + 1), newText: out.slice(first - start, last - start + 1).join('') };
}
