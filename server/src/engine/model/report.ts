// Stage 2: syntax tree → report model (front matter, headings, enumerated lines, tables), in document order.
import type { Nodes, Root, Table as MdTable, Heading as MdHeading } from 'mdast';
import { parseDocument, isMap, isScalar, type Node as YamlNode } from 'yaml';
import { parseChunk, type Chunk, type ParsedDocument } from '../parse.js';
import type { Range } from '../source.js';
import { leadingEnumerator, plainLabel, canonical, isPageChrome, isPreambleLine, type Enumerator } from '../text.js';
import { readTable, type RowBounds, type TableModel } from './table.js';
import { elideTableRows, restoreTableRows } from './table-rows.js';
import { readPlainBlocks } from './plain-blocks.js';
import { append } from '../lists.js';

export interface FrontMatter {
  range: Range;
  template?: { value: string; range: Range };
  year?: { value: number; range: Range };
  organ?: { value: string; range: Range };
  /** The file a report was imported from (tally import). */
  source?: { value: string; range: Range };
  /** The other keys with a string or number value, as text (a template's period key: `period: 2025-Q3`). */
  fields?: Record<string, { value: string; range: Range }>;
  problems: Array<{ range: Range; kind: 'syntax' | 'type'; key?: string; detail: string }>;
}

export interface HeadingModel {
  depth: number;
  text: string;
  range: Range;
  line: number;
  start: number;
  end: number;
  /** Where the heading's text begins (after the #s) and ends (before closing #s). */
  textStart: number;
  textEnd: number;
  enumerator?: Enumerator;
}

/** A heading, or a line of a paragraph or list item, that starts with an enumerator (一、 （一） 1、 …). */
export interface EnumeratedLine {
  enumerator: Enumerator;
  text: string;
  line: number;
  /** Range of the enumerator itself. */
  range: Range;
  heading?: HeadingModel;
}

export type Block =
  | { kind: 'heading'; heading: HeadingModel }
  | { kind: 'table'; table: TableModel }
  | { kind: 'text'; text: string; start: number; end: number; line: number; paragraph: boolean };

export interface ReportModel {
  doc: ParsedDocument;
  frontMatter?: FrontMatter;
  blocks: Block[];
  headings: HeadingModel[];
  tables: TableModel[];
  enumerated: EnumeratedLine[];
  /** The document's title: a heading without an enumerator before the first section, or the first line. */
  /** `above`: the short line of its own just before the title, if any (the body's name, where the title has none). */
  title?: { text: string; range: Range; above?: string };
  year?: { value: number; source: 'front-matter' | 'title' | 'period' | 'text'; range: Range };
  /**
   * Built with parts an earlier model may have had (an editor's unchanged chunks, incremental.ts): what is kept per
   * block object serves the next model. A one-time analysis keeps nothing per block.
   */
  reused?: boolean;
}

/** What one chunk contributes to the model, in document positions. */
export interface ChunkParts {
  frontMatter?: FrontMatter;
  blocks: Block[];
  headings: HeadingModel[];
  tables: TableModel[];
  enumerated: EnumeratedLine[];
}

/**
 * Builds the model chunk by chunk; `reuse` may hand back the parts of a chunk read before (an editor's
 * unchanged sections), already moved to where the chunk now is.
 */
export function buildReport(doc: ParsedDocument, reuse?: (chunk: Chunk) => ChunkParts | undefined,
  store?: (chunk: Chunk, parts: ChunkParts) => void): ReportModel {
  const model: ReportModel = { doc, blocks: [], headings: [], tables: [], enumerated: [], reused: reuse !== undefined };
  for (const chunk of doc.chunks) {
    let parts = reuse?.(chunk);
    if (!parts) {
      // One chunk's tree at a time: each is dropped once its blocks are read.
      parts = readChunk(doc, chunk);
      store?.(chunk, parts);
    }
    model.frontMatter ??= parts.frontMatter;
    append(model.blocks, parts.blocks);
    append(model.headings, parts.headings);
    append(model.tables, parts.tables);
    append(model.enumerated, parts.enumerated);
  }
  // What introduces each table: the heading above it and the paragraph just before it.
  let heading = '';
  // The paragraph's first line is read only for the paragraph a table follows.
  let paragraph: string | undefined;
  for (const block of model.blocks) {
    if (block.kind === 'heading') { heading = block.heading.text; paragraph = undefined; }
    else if (block.kind === 'text') { if (block.paragraph) paragraph = block.text; }
    else {
      const lead = paragraph === undefined ? '' : plainLabel(paragraph.split(/\r\n?|\n/)[0]);
      block.table.caption = [heading, lead].filter((t) => t !== '');
      paragraph = undefined;
    }
  }
  model.tables.forEach((t, i) => { t.ordinal = i; });
  model.title = findTitle(model);
  model.year = findYear(model);
  return model;
}

export function readChunk(doc: ParsedDocument, chunk: Chunk): ChunkParts {
  const parts: ChunkParts = { blocks: [], headings: [], tables: [], enumerated: [] };
  // An explicit stack, not recursion: a line of 4,000 `>` nests 4,000 deep. Children are pushed in reverse so
  // blocks come out in document order; a paragraph directly in a list item is marked as such.
  const stack: Array<{ node: Nodes; inItem: boolean }> = [{ node: chunkTree(doc, chunk), inItem: false }];
  const walk = (node: Nodes): void => {
    switch (node.type) {
      case 'yaml':
        parts.frontMatter = readFrontMatter(doc, node.value, node.position!.start.offset!, node.position!.end.offset!);
        return;
      case 'heading': {
        const heading = readHeading(doc, node);
        parts.headings.push(heading);
        parts.blocks.push({ kind: 'heading', heading });
        if (heading.enumerator) {
          parts.enumerated.push({ enumerator: heading.enumerator, text: heading.text, line: heading.line,
            range: doc.lines.range(heading.textStart, heading.textStart + heading.enumerator.length), heading });
        }
        return;
      }
      case 'table': {
        const table = readTable(doc, node as MdTable, 0, []);
        parts.tables.push(table);
        parts.blocks.push({ kind: 'table', table });
        return;
      }
      case 'paragraph':
      case 'html':
      case 'code': {
        const start = node.position!.start.offset!;
        const end = node.position!.end.offset!;
        const text = doc.text.slice(start, end);
        parts.blocks.push({ kind: 'text', text, start, end, line: node.position!.start.line - 1, paragraph: node.type === 'paragraph' });
        if (node.type === 'paragraph') readEnumeratedLines(doc, parts, start, end);
        return;
      }
      case 'listItem': {
        // "1." items: the number as written, not as the list renders it.
        const start = node.position!.start.offset!;
        const line = node.position!.start.line - 1;
        const m = /^(\s*)(\d{1,3})[.)]\s/.exec(doc.text.slice(start, start + 12));
        if (m) {
          const at = start + m[1].length;
          parts.enumerated.push({
            enumerator: { style: 'arabic', value: Number(m[2]), length: m[2].length + 1, text: m[2] + '.' },
            text: doc.lines.lineText(line).trim(), line, range: doc.lines.range(at, at + m[2].length + 1),
          });
        }
        for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], inItem: true });
        return;
      }
      default:
        if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as Nodes, inItem: false });
    }
  };
  const readItemParagraph = (child: Nodes): void => {
    const s = child.position!.start.offset!;
    const e = child.position!.end.offset!;
    parts.blocks.push({ kind: 'text', text: doc.text.slice(s, e), start: s, end: e, line: child.position!.start.line - 1, paragraph: false });
    readEnumeratedLines(doc, parts, doc.lines.lineStart(child.position!.start.line), e);
  };
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (next.inItem && next.node.type === 'paragraph') readItemParagraph(next.node);
    else walk(next.node);
  }
  return parts;
}

/**
 * A chunk's syntax tree in document positions: the stretches between two of its cuts that hold only plain prose
 * and headings read without micromark, the rest parsed by micromark a run of stretches at a time.
 */
function chunkTree(doc: ParsedDocument, chunk: Chunk): Root {
  const cuts = chunk.cuts;
  if (!cuts) return rebase(parseTree(chunk), chunk);
  const root: Root = { type: 'root', children: [] };
  const text = chunk.text;
  // The run of stretches not read yet, from `pending` to the stretch being looked at.
  let pending = 0;
  const flush = (end: number): void => {
    if (end === pending) return;
    const sub: Chunk = {
      offset: chunk.offset + pending, line: doc.lines.position(chunk.offset + pending).line,
      text: text.slice(pending, end), last: chunk.last && end === text.length,
    };
    append(root.children, rebase(parseTree(sub), sub).children);
  };
  for (let i = 0; i <= cuts.length; i++) {
    const from = i === 0 ? 0 : cuts[i - 1] - chunk.offset;
    const to = i < cuts.length ? cuts[i] - chunk.offset : text.length;
    const line = i === 0 ? chunk.line : doc.lines.position(cuts[i - 1]).line;
    const plain = readPlainBlocks(text, from, to, chunk.offset, line + 1);
    if (!plain) continue;
    flush(from);
    append(root.children, plain);
    pending = to;
  }
  flush(text.length);
  return root;
}

/** A chunk's syntax tree, the middle rows of its long tables read without micromark. */
function parseTree(chunk: Chunk): Root {
  const { text, elided } = elideTableRows(chunk.text);
  if (elided.length > 0) {
    const tree = parseChunk({ ...chunk, text });
    if (restoreTableRows(tree, chunk.text, elided)) return tree;
  }
  return parseChunk(chunk);
}

/** Positions of a chunk's tree made document positions. */
function rebase<T extends Nodes>(node: T, chunk: Chunk): T {
  if (chunk.offset === 0) return node;
  const stack: Nodes[] = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    const p = n.position;
    if (p) {
      p.start.offset! += chunk.offset;
      p.end.offset! += chunk.offset;
      p.start.line += chunk.line;
      p.end.line += chunk.line;
    }
    const bounds = (n.data as RowBounds | undefined)?.cellBounds;
    if (bounds) for (let i = 0; i < bounds.length; i++) bounds[i] += chunk.offset;
    if ('children' in n) for (const child of n.children) stack.push(child as Nodes);
  }
  return node;
}

function readHeading(doc: ParsedDocument, node: MdHeading): HeadingModel {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  const source = doc.text.slice(start, end);
  let textStart: number;
  let rawText: string;
  const atx = /^ {0,3}#{1,6}[ \t]*/.exec(source);
  if (atx) {
    textStart = start + atx[0].length;
    rawText = doc.text.slice(textStart, end).replace(/[ \t]+#+[ \t]*$/, '').trimEnd();
  } else {
    // Setext: the text is every line but the === or --- underline.
    const lead = source.length - source.trimStart().length;
    textStart = start + lead;
    rawText = source.slice(lead).replace(/(\r\n?|\n)[ \t]*(=+|-+)[ \t]*$/, '').trimEnd();
  }
  const text = plainLabel(rawText.replace(/\s*[\r\n]\s*/g, ' '));
  return {
    depth: node.depth, text, range: doc.lines.range(start, end), line: node.position!.start.line - 1, start, end,
    textStart, textEnd: textStart + rawText.length, enumerator: leadingEnumerator(rawText),
  };
}

function readEnumeratedLines(doc: ParsedDocument, model: { enumerated: EnumeratedLine[] }, start: number, end: number): void {
  const first = doc.lines.position(start).line;
  const last = doc.lines.position(end).line;
  for (let line = first; line <= last; line++) {
    const lineStart = Math.max(start, doc.lines.lineStart(line));
    const text = doc.text.slice(lineStart, Math.min(end, doc.lines.lineEnd(line)));
    const enumerator = leadingEnumerator(text);
    if (!enumerator) continue;
    const lead = text.length - text.trimStart().length;
    model.enumerated.push({
      enumerator, text: text.trim(), line,
      range: doc.lines.range(lineStart + lead, lineStart + enumerator.length),
    });
  }
}

function readFrontMatter(doc: ParsedDocument, value: string, start: number, end: number): FrontMatter {
  const fm: FrontMatter = { range: doc.lines.range(start, end), problems: [] };
  // The YAML body starts on the line after the opening fence.
  const bodyStart = doc.lines.lineStart(doc.lines.position(start).line + 1);
  const at = (r: readonly number[] | undefined): Range => (r ? doc.lines.range(bodyStart + r[0], bodyStart + r[1]) : fm.range);
  let pairs = simplePairs(value);
  if (!pairs) {
    // The YAML parser knows LF and CRLF, not a lone CR; as LF (same length) every offset stays where it was.
    const yaml = parseDocument(value.replace(/\r(?!\n)/g, '\n'), { prettyErrors: false });
    for (const error of yaml.errors) {
      const [from, to] = error.pos;
      fm.problems.push({ range: doc.lines.range(bodyStart + from, bodyStart + Math.max(to, from + 1)), kind: 'syntax',
        detail: error.message.split('\n')[0] });
    }
    if (yaml.errors.length > 0 || !isMap(yaml.contents)) return fm;
    pairs = [];
    for (const pair of yaml.contents.items) {
      if (!isScalar(pair.key)) continue;
      const node = pair.value as YamlNode | null;
      pairs.push({ key: String(pair.key.value), scalar: isScalar(node) ? node.value : undefined, range: node?.range ?? undefined });
    }
  }
  for (const { key, scalar, range } of pairs) {
    if (key === 'template') {
      if (typeof scalar === 'string' && scalar.trim()) fm.template = { value: scalar.trim(), range: at(range) };
      else fm.problems.push({ range: at(range), kind: 'type', key, detail: 'string' });
    } else if (key === 'year') {
      const year = typeof scalar === 'number' ? scalar : typeof scalar === 'string' ? Number(scalar) : NaN;
      if (Number.isInteger(year) && year >= 1990 && year <= 2100) fm.year = { value: year, range: at(range) };
      else fm.problems.push({ range: at(range), kind: 'type', key, detail: 'year' });
    } else if (key === 'source') {
      if (typeof scalar === 'string' && scalar.trim()) fm.source = { value: scalar.trim(), range: at(range) };
      else fm.problems.push({ range: at(range), kind: 'type', key, detail: 'string' });
    } else if (key === 'organ') {
      if (typeof scalar === 'string' && scalar.trim()) fm.organ = { value: scalar.trim(), range: at(range) };
      else fm.problems.push({ range: at(range), kind: 'type', key, detail: 'string' });
    } else if ((typeof scalar === 'string' && scalar.trim()) || typeof scalar === 'number') {
      (fm.fields ??= {})[key] = { value: String(scalar).trim(), range: at(range) };
    }
  }
  return fm;
}

export interface FrontMatterPair { key: string; scalar: unknown; range: readonly number[] | undefined }

const SIMPLE_LINE = /^([A-Za-z_][A-Za-z0-9_-]{0,63}):[ ]+(?:"([^"\\\t]*)"|'([^'\t]*)'|([1-9][0-9]{0,8})|([^\s\-?:,[\]{}#&*!|>'"%@`.+~][^#\t\r]*?))[ ]*$/;
const NOT_A_STRING = /^(?:null|true|false)$/i;
/** Plain text that starts with a digit is a string only with a letter no number has (`2025-Q3`). */
const NUMBER_LIKE = /^[0-9][0-9a-fA-FxXoO.+\-_]*$/;

/**
 * Front matter of only `key: value` lines, each key once, each value a quoted string without escapes, a decimal
 * integer, or plain text YAML reads as a string (the common case): its pairs as YAML gives them, without the YAML
 * parser (a tenth of a small report's time). Undefined for anything else, which the YAML parser reads.
 */
export function simplePairs(value: string): FrontMatterPair[] | undefined {
  const pairs: FrontMatterPair[] = [];
  const keys = new Set<string>();
  let lineStart = 0;
  while (lineStart <= value.length) {
    let lineEnd = value.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = value.length;
    const line = value.slice(lineStart, lineEnd);
    if (line.includes('\r')) return undefined;
    if (line.trim() === '') {
      if (line !== '') return undefined;
    } else {
      const m = SIMPLE_LINE.exec(line);
      if (!m) return undefined;
      const key = m[1];
      const plain = m[5];
      if (keys.has(key) || NOT_A_STRING.test(key) || (plain !== undefined && (NOT_A_STRING.test(plain) || NUMBER_LIKE.test(plain) || /:(?: |$)/.test(plain)))) return undefined;
      keys.add(key);
      const scalar = m[4] !== undefined ? Number(m[4]) : (m[2] ?? m[3] ?? plain);
      let from = lineStart + key.length + 1;
      while (value.charCodeAt(from) === 0x20) from++;
      const length = m[2] !== undefined || m[3] !== undefined ? scalar.toString().length + 2 : (m[4] ?? plain).length;
      pairs.push({ key, scalar, range: [from, from + length] });
    }
    lineStart = lineEnd + 1;
  }
  return pairs.length ? pairs : undefined;
}

/**
 * A block of HTML comments only (`<!-- … -->`, suppression comments among them): invisible in the preview, so
 * no title, opening text or paragraph of the report.
 */
export function isComment(block: Block): boolean {
  if (block.kind !== 'text' || block.paragraph || !block.text.includes('<!--') || /^ {4}|^\t/.test(block.text)) return false;
  // A scan, not a regular expression: comments run together must not make matching exponential.
  const text = block.text;
  let seen = false;
  for (let i = 0; ;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i === text.length) return seen;
    if (!text.startsWith('<!--', i)) return false;
    const end = text.indexOf('-->', i + 4);
    if (end < 0) return false;
    i = end + 3;
    seen = true;
  }
}

function findTitle(model: ReportModel): ReportModel['title'] {
  // Lines of their own may come first (isPreambleLine): the body's name above the title, a date, a column's name,
  // the page's trail of links or box of particulars; five at most.
  let before = 0;
  let above: string | undefined;
  for (const block of model.blocks) {
    if (isComment(block)) continue;
    if (block.kind === 'heading') {
      if (!block.heading.enumerator) return { text: block.heading.text, range: block.heading.range, ...(above ? { above } : {}) };
      return undefined;
    }
    if (block.kind === 'text') {
      const first = block.text.split(/\r\n?|\n/)[0];
      if (/年度报告|工作报告|年报/.test(canonical(first)) && first.length <= 80 && !isPageChrome(first)) {
        return { text: plainLabel(first), range: model.doc.lines.range(block.start, block.start + first.length), ...(above ? { above } : {}) };
      }
      if (++before <= 5 && first === block.text.trimEnd() && isPreambleLine(first)) {
        above = isPageChrome(first) ? undefined : plainLabel(first);
        continue;
      }
      return undefined;
    }
    if (block.kind === 'table') return undefined;
  }
  return undefined;
}

const YEAR_IN_TITLE = /((?:19|20)\d\d)\s*年/;
const PERIOD = /统计期限[^。；;]{0,12}?((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日/;

function findYear(model: ReportModel): ReportModel['year'] {
  const fm = model.frontMatter?.year;
  if (fm) return { value: fm.value, source: 'front-matter', range: fm.range };
  const title = model.title;
  if (title) {
    const m = YEAR_IN_TITLE.exec(title.text);
    if (m) return { value: Number(m[1]), source: 'title', range: title.range };
  }
  // The statistics period, then the first year named in the opening text.
  const head = model.blocks.filter((b) => b.kind === 'text' && !isComment(b)).slice(0, 8) as Array<Extract<Block, { kind: 'text' }>>;
  for (const block of head) {
    const m = PERIOD.exec(canonical(block.text));
    if (m) return { value: Number(m[1]), source: 'period', range: model.doc.lines.range(block.start, block.start) };
  }
  for (const block of head.slice(0, 3)) {
    const m = YEAR_IN_TITLE.exec(block.text);
    if (m) {
      const at = block.start + m.index;
      return { value: Number(m[1]), source: 'text', range: model.doc.lines.range(at, at + m[0].length) };
    }
  }
  return undefined;
}
