// Where a Markdown text can be cut into chunks that parse exactly as the whole text does.
//
// A chunk may start at a line only if nothing CommonMark (as micromark reads it) could carry across that line:
// no fence or HTML block open at the top level, no container (block quote, list item) that the line could
// continue, no paragraph the line could continue lazily or turn into a setext heading. The tracker below follows
// the block rules line by line at the top level; inside a container it does not look at the content, and where
// the content would decide (a lazy continuation line, a table that may have begun) it keeps every reading that is
// possible, so a cut is made only where all of them agree.
import type { LineIndex } from './source.js';

const enum Leaf { None, Paragraph, Table, Code, Fence, Html }

/** The open top-level container: a block quote or a list item (`size`: the columns its content is indented). */
interface Container { quote: boolean; size: number; initialBlank: boolean; furtherBlank: boolean }

interface State {
  leaf: Leaf;
  /** Fence: its character and length; HTML block: its kind (1-7, CommonMark §4.6). */
  fence?: string;
  length?: number;
  html?: number;
  container?: Container;
}

/** More readings than this (never seen outside contrived text): stop cutting for the rest of the document. */
const MAX_READINGS = 32;

const RAW = new Set(['pre', 'script', 'style', 'textarea']);
// micromark-util-html-tag-name's htmlBlockNames (CommonMark 0.31).
const BLOCK = new Set(('address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl '
  + 'dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main '
  + 'menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul').split(' '));

export interface Cuts {
  /** Offsets where chunks start (the first is 0). */
  starts: number[];
}

/**
 * The lines before which a chunk may start: an unindented ATX heading once the chunk holds more than
 * `heading` characters, or, past `blank`, an unindented line after a blank line that cannot belong to
 * anything before it; with `tables`, also before a table after a blank line and at the first such line after a
 * table. Never inside front matter, a fence, an HTML block or a container. `all` receives every
 * offset after 0 where a chunk could start whatever the limits (the starts of limits 0, 0).
 */
export function chunkStarts(text: string, lines: LineIndex, limits: { heading: number; blank: number; tables?: boolean }, all?: number[]): number[] {
  const starts = [0];
  // A table read since the chunk began (with `tables`, the next place a chunk may start after it starts one)
  let table = false;
  const count = lines.lineCount;
  let line = frontMatterEnd(lines);
  let states: State[] = [NONE];
  let previousBlank = false;
  let chunkStart = 0;
  for (; line < count; line++) {
    const offset = lines.lineStart(line);
    const first = text.charCodeAt(offset);
    const size = offset - chunkStart;
    // Most lines are prose at the top level: a letter or CJK character in the first column.
    if (states.length === 1 && !states[0].container && states[0].leaf <= Leaf.Code
      && (first > 0x7f || (first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a))) {
      if (previousBlank && offset > 0) {
        all?.push(offset);
        if (size > limits.blank || (table && limits.tables)) { starts.push(offset); chunkStart = offset; table = false; }
      }
      const leaf = states[0].leaf;
      states = [leaf === Leaf.Table ? TABLE : PARAGRAPH];
      previousBlank = false;
      continue;
    }
    const t = lines.lineText(line);
    // Table rows: a paragraph or table goes on as it is, unless the row may be a delimiter row.
    if (first === 0x7c && states.every((s) => !s.container && s.leaf <= Leaf.Code)
      && !(states.some((s) => s.leaf === Leaf.Paragraph) && delimiterRow(t))) {
      if (previousBlank && offset > 0) {
        all?.push(offset);
        if (size > limits.blank || limits.tables) { starts.push(offset); chunkStart = offset; }
      }
      table = true;
      if (states.some((s) => s.leaf === Leaf.None || s.leaf === Leaf.Code)) {
        states = states.some((s) => s.leaf === Leaf.Table) ? [PARAGRAPH, TABLE] : [PARAGRAPH];
      }
      previousBlank = false;
      continue;
    }
    if (offset > 0) {
      const open = (s: State) => s.leaf === Leaf.Fence || s.leaf === Leaf.Html;
      const closed = !states.some(open);
      const heading = closed && first === 0x23 && /^#{1,6}([ \t]|$)/.test(t);
      const afterBlank = closed && previousBlank && /^[^ \t]/.test(t) && !listMarker(t) && !/^---[ \t]*$/.test(t);
      if (heading || afterBlank) all?.push(offset);
      if ((heading && size > limits.heading) || (afterBlank && (size > limits.blank || (table && limits.tables)))) {
        starts.push(offset);
        chunkStart = offset;
        table = false;
      }
    }
    const only = states.length === 1 ? step(states[0], t, previousBlank) : undefined;
    if (only?.length === 1) states = only;
    else {
      const next = new Map<string, State>();
      for (const s of states) for (const n of step(s, t, previousBlank)) next.set(key(n), n);
      if (next.size > MAX_READINGS) break;
      states = [...next.values()];
    }
    previousBlank = isBlank(t);
  }
  return starts;
}

/**
 * The first line after YAML front matter (`---` on the first line, closed by a `---` line), or 0. A `---` first
 * line that is never closed gives no cut at all: after the failed attempt micromark reads no containers.
 */
function frontMatterEnd(lines: LineIndex): number {
  if (lines.lineCount < 2 || !/^---[ \t]*$/.test(lines.lineText(0))) return 0;
  for (let line = 1; line < lines.lineCount; line++) if (/^---[ \t]*$/.test(lines.lineText(line))) return line + 1;
  return lines.lineCount;
}

const NONE: State = { leaf: Leaf.None };
const PARAGRAPH: State = { leaf: Leaf.Paragraph };
const TABLE: State = { leaf: Leaf.Table };
const CODE: State = { leaf: Leaf.Code };

function key(s: State): string {
  const c = s.container;
  return c ? `c${c.quote ? 'q' : c.size}${c.initialBlank ? 'i' : ''}${c.furtherBlank ? 'f' : ''}` : `${s.leaf}${s.fence ?? ''}${s.length ?? ''}${s.html ?? ''}`;
}

function isBlank(t: string): boolean { return /^[ \t]*$/.test(t); }

/** Columns of leading whitespace (tabs to multiples of 4) and the index of the first other character. */
function lead(t: string, from = 0, column = 0): { columns: number; index: number } {
  let c = column;
  let i = from;
  for (; i < t.length; i++) {
    const ch = t.charCodeAt(i);
    if (ch === 0x20) c++;
    else if (ch === 0x09) c += 4 - (c % 4);
    else break;
  }
  return { columns: c - column, index: i };
}

function listMarker(t: string): boolean { return /^([-+*]|\d{1,9}[.)])([ \t]|$)/.test(t); }

/** The readings after line `t`, given one reading before it. */
function step(s: State, t: string, previousBlank: boolean): State[] {
  switch (s.leaf) {
    case Leaf.Fence: return fenceCloses(t, s.fence!, s.length!) ? [NONE] : [s];
    case Leaf.Html:
      if (s.html! >= 6) return isBlank(t) ? [NONE] : [s];
      return htmlEnds(s.html!, t, 0) ? [NONE] : [s];
  }
  const c = s.container;
  if (!c) return topLevel(s.leaf, t);
  const blank = isBlank(t);
  const { columns, index } = lead(t);
  if (c.quote) {
    if (columns <= 3 && t[index] === '>') return [s];
    if (blank) return [NONE];
  } else {
    if (blank) return [{ container: { ...c, furtherBlank: c.furtherBlank || c.initialBlank }, leaf: Leaf.None }];
    const inItem = !c.furtherBlank && columns >= c.size && (t[0] === ' ' || t[0] === '\t');
    if (inItem) return c.initialBlank || c.furtherBlank ? [{ container: { ...c, initialBlank: false, furtherBlank: false }, leaf: Leaf.None }] : [s];
  }
  // Not continued: a new container (a sibling item, another list, a quote) ...
  const opened = containerStart(t, false);
  if (opened) return [{ leaf: Leaf.None, container: opened }];
  // ... or a line that interrupts whatever is open inside (so the containers close), or, after a line of text,
  // possibly a lazy continuation line of a paragraph inside the container.
  const after = topLevel(Leaf.None, t);
  if (previousBlank || interrupts(t)) return after;
  return [{ leaf: Leaf.None, container: c.quote ? c : { ...c, initialBlank: false, furtherBlank: false } }, ...after];
}

/**
 * A line that closes the containers before it, whatever is open inside them. Not kind-7 HTML: micromark lets
 * it start on a lazy line, inside the container.
 */
function interrupts(t: string): boolean {
  const { columns, index } = lead(t);
  if (columns > 3) return false;
  const ch = t[index];
  if (ch === '#') return /^#{1,6}([ \t]|$)/.test(t.slice(index));
  if (ch === '`' || ch === '~') return fenceOpens(t, index) !== undefined;
  if (ch === '<') return htmlStart(t, index, true) !== undefined;
  return thematicBreak(t, index);
}

/** The readings after a line at the top level, with `leaf` open before it (none, paragraph, table, indented code). */
function topLevel(leaf: Leaf, t: string): State[] {
  const { columns, index } = lead(t);
  if (index === t.length) return [NONE];
  if (columns >= 4) {
    if (leaf === Leaf.Paragraph) return [PARAGRAPH];
    if (leaf === Leaf.Table) return [TABLE, CODE];
    return [CODE];
  }
  const out: State[] = [];
  // A container interrupts a paragraph only in some forms; after a table row or indented code, take both readings.
  const interrupting = leaf === Leaf.Paragraph ? [true] : leaf === Leaf.None ? [false] : [true, false];
  let plain = false;
  for (const interrupt of interrupting) {
    const opened = containerStart(t, interrupt);
    if (opened) out.push({ leaf: Leaf.None, container: opened }); else plain = true;
  }
  if (!plain) return out;
  const ch = t[index];
  if (ch === '#' && /^#{1,6}([ \t]|$)/.test(t.slice(index))) return [...out, NONE];
  if (ch === '`' || ch === '~') {
    const length = fenceOpens(t, index);
    if (length !== undefined) return [...out, { leaf: Leaf.Fence, fence: ch, length }];
  }
  if (ch === '<') {
    const html = htmlStart(t, index, leaf === Leaf.Paragraph);
    if (html) out.push(html.closed ? NONE : { leaf: Leaf.Html, html: html.kind });
    if (html && (html.kind !== 7 || leaf !== Leaf.Table)) return out;
  }
  if (thematicBreak(t, index)) return [...out, NONE];
  if (leaf === Leaf.Paragraph && /^[ \t]*(=+|-+)[ \t]*$/.test(t)) return [...out, NONE];
  if (leaf === Leaf.Paragraph) return delimiterRow(t) ? [...out, PARAGRAPH, TABLE] : [...out, PARAGRAPH];
  if (leaf === Leaf.Table) return [...out, TABLE];
  return [...out, PARAGRAPH];
}

/** A GFM table delimiter row, loosely: the paragraph above may have become a table's head. */
function delimiterRow(t: string): boolean {
  return /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/.test(t) && /[|:]|-/.test(t);
}

function thematicBreak(t: string, index: number): boolean {
  const ch = t[index];
  if (ch !== '*' && ch !== '-' && ch !== '_') return false;
  let n = 0;
  for (let i = index; i < t.length; i++) {
    if (t[i] === ch) n++;
    else if (t[i] !== ' ' && t[i] !== '\t') return false;
  }
  return n >= 3;
}

/** The length of the opening fence at `index`, if the line opens a fenced code block. */
function fenceOpens(t: string, index: number): number | undefined {
  const ch = t[index];
  let end = index;
  while (t[end] === ch) end++;
  if (end - index < 3) return undefined;
  if (ch === '`' && t.indexOf('`', end) >= 0) return undefined;
  return end - index;
}

function fenceCloses(t: string, ch: string, length: number): boolean {
  const { columns, index } = lead(t);
  if (columns > 3) return false;
  let end = index;
  while (t[end] === ch) end++;
  return end - index >= length && isBlank(t.slice(end));
}

/** The kind of HTML block that starts at `index` (micromark's html-flow), and whether it ends on this line. */
function htmlStart(t: string, index: number, interrupt: boolean): { kind: number; closed: boolean } | undefined {
  let j = index + 1;
  const c = t[j];
  if (c === '!') {
    const d = t[j + 1];
    if (d === '-') return t[j + 2] === '-' ? { kind: 2, closed: htmlEnds(2, t, j + 1) } : undefined;
    if (d === '[') return t.startsWith('CDATA[', j + 2) ? { kind: 5, closed: htmlEnds(5, t, j + 8) } : undefined;
    if (alpha(d)) return { kind: 4, closed: htmlEnds(4, t, j + 2) };
    return undefined;
  }
  if (c === '?') return { kind: 3, closed: htmlEnds(3, t, j) };
  const closing = c === '/';
  if (closing) j++;
  if (!alpha(t[j])) return undefined;
  let k = j;
  while (k < t.length && /[A-Za-z0-9-]/.test(t[k])) k++;
  const term = t[k];
  if (!(term === undefined || term === '/' || term === '>' || term === ' ' || term === '\t')) return undefined;
  const name = t.slice(j, k).toLowerCase();
  if (term !== '/' && !closing && RAW.has(name)) return { kind: 1, closed: htmlEnds(1, t, k) };
  if (BLOCK.has(name)) return term === '/' && t[k + 1] !== '>' ? undefined : { kind: 6, closed: false };
  if (interrupt) return undefined;
  return completeTag(t, k, closing) ? { kind: 7, closed: false } : undefined;
}

function alpha(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z]/.test(c);
}

/** Whether the rest of a kind-7 line, after the tag name, completes the tag with nothing but space after it. */
function completeTag(t: string, k: number, closing: boolean): boolean {
  const space = (c: string | undefined) => c === ' ' || c === '\t';
  let p = k;
  if (!closing) {
    for (;;) {
      while (space(t[p])) p++;
      if (t[p] === '/') { p++; break; }
      if (!(t[p] === ':' || t[p] === '_' || alpha(t[p]))) break;
      while (p < t.length && /[-.:_A-Za-z0-9]/.test(t[p])) p++;
      let q = p;
      while (space(t[q])) q++;
      if (t[q] !== '=') continue;
      p = q + 1;
      while (space(t[p])) p++;
      const v = t[p];
      if (v === undefined || v === '<' || v === '=' || v === '>' || v === '`') return false;
      if (v === '"' || v === "'") {
        const close = t.indexOf(v, p + 1);
        if (close < 0) return false;
        p = close + 1;
        if (!(t[p] === '/' || t[p] === '>' || space(t[p]))) return false;
      } else {
        while (p < t.length && !/["'/<=>` \t]/.test(t[p])) p++;
      }
    }
  } else {
    while (space(t[p])) p++;
  }
  return t[p] === '>' && isBlank(t.slice(p + 1));
}

/** Whether a line (from `from`) holds the end of an HTML block of kind 1-5. */
function htmlEnds(kind: number, t: string, from: number): boolean {
  const rest = t.slice(from);
  switch (kind) {
    case 1: return /<\/(pre|script|style|textarea)>/i.test(rest);
    case 2: return rest.includes('-->');
    case 3: return rest.includes('?>');
    case 4: return rest.includes('>');
    default: {
      // micromark's CDATA end: "]]>", where a third "]" starts over.
      let state = 0;
      for (const ch of rest) {
        if (state === 2 && ch === '>') return true;
        state = ch === ']' ? (state === 1 ? 2 : 1) : 0;
      }
      return false;
    }
  }
}

/**
 * A block quote or list item starting the line (up to 3 columns in), as micromark opens containers: while a
 * paragraph is open (`interrupt`), an ordered item must start at 1 and an empty item cannot start.
 */
function containerStart(t: string, interrupt: boolean): Container | undefined {
  const { columns, index } = lead(t);
  if (columns > 3) return undefined;
  const ch = t[index];
  if (ch === '>') return { quote: true, size: 0, initialBlank: false, furtherBlank: false };
  let p = index;
  if (ch === '*' || ch === '+' || ch === '-') {
    if (ch !== '+' && thematicBreak(t, index)) return undefined;
    p++;
  } else if (ch !== undefined && ch >= '0' && ch <= '9') {
    while (p < t.length && p - index < 9 && t[p] >= '0' && t[p] <= '9') p++;
    if (interrupt && (ch !== '1' || p - index > 1)) return undefined;
    if (t[p] !== '.' && t[p] !== ')') return undefined;
    p++;
  } else return undefined;
  const marker = columns + (p - index);
  if (isBlank(t.slice(p))) {
    if (interrupt) return undefined;
    return { quote: false, size: marker + 1, initialBlank: true, furtherBlank: false };
  }
  if (t[p] !== ' ' && t[p] !== '\t') return undefined;
  const after = lead(t, p, marker);
  return { quote: false, size: marker + (after.columns <= 4 ? after.columns : 1), initialBlank: false, furtherBlank: false };
}
