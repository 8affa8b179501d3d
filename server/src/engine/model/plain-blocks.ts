// Plain prose without micromark. Most of a report is headings and paragraphs of Chinese text, and micromark
// spends tens of microseconds and kilobytes of short-lived objects on every block (10⁵ headings: 10 s). Between
// two places where the document could be cut (split.ts), a stretch made only of blank lines, ATX headings at the
// line start and paragraphs whose every line starts with a letter or a non-ASCII character cannot hold any other
// block structure, and nothing before or after it can reach into it: its nodes are read here, line by line, as
// micromark would give them (block types and positions only; the model never looks inside a heading or paragraph).
import type { Heading, Paragraph, RootContent } from 'mdast';

interface Point { line: number; column: number; offset: number }

/**
 * The blocks of `text` from `from` to `to` (line starts), or undefined when a line is anything but blank, an
 * ATX heading or plain prose. `offset` is the document offset of `text`'s first character, `line` the 1-based
 * document line of `from`.
 */
export function readPlainBlocks(text: string, from: number, to: number, offset: number, line: number): RootContent[] | undefined {
  const out: RootContent[] = [];
  let paragraph: Paragraph | undefined;
  let lineStart = from;
  let n = line;
  const point = (at: number, l: number, start: number): Point => ({ line: l, column: at - start + 1, offset: at + offset });
  while (lineStart < to) {
    let end = lineStart;
    let blank = true;
    for (; end < to; end++) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      if (c !== 0x20 && c !== 0x09) blank = false;
    }
    let next = end;
    if (next < to) next += text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1;
    const first = text.charCodeAt(lineStart);
    if (blank) {
      paragraph = undefined;
    } else if (first === 0x23) {
      let hashes = 1;
      while (hashes < 7 && text.charCodeAt(lineStart + hashes) === 0x23) hashes++;
      const after = lineStart + hashes;
      if (hashes > 6 || !(after === end || text.charCodeAt(after) === 0x20 || text.charCodeAt(after) === 0x09)) return undefined;
      const heading: Heading = { type: 'heading', depth: hashes as Heading['depth'], children: [],
        position: { start: point(lineStart, n, lineStart), end: point(end, n, lineStart) } };
      out.push(heading);
      paragraph = undefined;
    } else if (first > 0x7f || (first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a)) {
      if (paragraph) paragraph.position!.end = point(end, n, lineStart);
      else {
        paragraph = { type: 'paragraph', children: [], position: { start: point(lineStart, n, lineStart), end: point(end, n, lineStart) } };
        out.push(paragraph);
      }
    } else {
      return undefined;
    }
    lineStart = next;
    n++;
  }
  return out;
}
