// Stage 1: text → syntax trees (unified + remark-parse + GFM tables + YAML front matter).
// The text is parsed in chunks that start at top-level headings (and, in long sections, at blank lines
// between blocks), so a tree never has to hold a whole 10 MB report, and unchanged chunks can be reused.
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Root } from 'mdast';
import type { Construct, Resolver } from 'micromark-util-types';
import { LineIndex } from './source.js';

/**
 * GFM tables only: the other GFM extensions (autolink literals above all) cost time and tell us nothing.
 * Cell text is kept verbatim: the model reads cells from the source, so the inline parse that micromark
 * would start for every cell (most of the time spent on a table) is skipped.
 */
function gfmTables(this: Processor): void {
  const data = this.data();
  const table = gfmTable().flow!.null as Construct;
  const resolveAll: Resolver = (events, context) => {
    const resolved = table.resolveAll!(events, context);
    let depth = 0;
    for (const [kind, token] of resolved) {
      if (token.type === 'table') depth += kind === 'enter' ? 1 : -1;
      else if (depth > 0 && token.type === 'chunkText' && token.contentType === 'text') {
        token.type = 'data';
        token.contentType = undefined;
      }
    }
    return resolved;
  };
  (data.micromarkExtensions ??= []).push({ flow: { null: { ...table, resolveAll } } });
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmTables);

export interface Chunk {
  /** Offset and 0-based line where the chunk starts in the document. */
  offset: number;
  line: number;
  text: string;
}

export interface ParsedDocument {
  text: string;
  lines: LineIndex;
  chunks: Chunk[];
}

export function parse(text: string): ParsedDocument {
  const lines = new LineIndex(text);
  return { text, lines, chunks: splitChunks(text, lines) };
}

/** The whole text as one chunk: what chunking must be indistinguishable from. */
export function parseWhole(text: string): ParsedDocument {
  return { text, lines: new LineIndex(text), chunks: [{ offset: 0, line: 0, text }] };
}

/** The syntax tree of one chunk; positions are relative to the chunk. */
export function parseChunk(chunk: Chunk): Root {
  return processor.parse(chunk.text);
}

/** A chunk ends at a heading once it holds this much (each parse has a fixed cost), … */
const HEADING_LIMIT = 16 * 1024;
/** … and, past this size, also at a blank line before a line that starts a new block. */
const SOFT_LIMIT = 32 * 1024;

/**
 * Chunk boundaries that cannot change how CommonMark reads the text: before an unindented ATX heading,
 * or (in a long chunk) after a blank line before an unindented line. Never inside front matter, a fenced
 * code block or an HTML block that may span blank lines.
 */
function splitChunks(text: string, lines: LineIndex): Chunk[] {
  const starts: number[] = [0];
  let line = 0;
  const count = lines.lineCount;
  if (/^---[ \t]*(\r?\n|$)/.test(text)) {
    for (line = 1; line < count && !/^(---|\.\.\.)[ \t]*$/.test(lines.lineText(line)); line++);
    line++;
  }
  let fence: string | undefined;
  let html: RegExp | undefined;
  let previousBlank = false;
  let chunkStart = 0;
  for (; line < count; line++) {
    const t = lines.lineText(line);
    if (fence) {
      if (new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(t)) fence = undefined;
      previousBlank = false;
      continue;
    }
    if (html) {
      if (html.test(t)) html = undefined;
      previousBlank = t.trim() === '';
      continue;
    }
    const offset = lines.lineStart(line);
    const fenceOpen = /^ {0,3}(`{3,}|~{3,})/.exec(t);
    const heading = /^#{1,6}(\s|$)/.test(t);
    const size = offset - chunkStart;
    if ((heading && size > HEADING_LIMIT) || (previousBlank && size > SOFT_LIMIT && /^[^\s>|]/.test(t) && !fenceOpen)) {
      if (offset > chunkStart) { starts.push(offset); chunkStart = offset; }
    }
    if (fenceOpen) fence = fenceOpen[1];
    else if (/^ {0,3}<!--/.test(t) && !/-->/.test(t.slice(t.indexOf('<!--') + 4))) html = /-->/;
    else if (/^ {0,3}<(script|pre|style|textarea)[\s>]/i.test(t)) html = new RegExp(`</${/<(\w+)/.exec(t)![1]}>`, 'i');
    previousBlank = t.trim() === '';
  }
  return starts.map((start, i) => {
    const end = starts[i + 1] ?? text.length;
    return { offset: start, line: lines.position(start).line, text: text.slice(start, end) };
  });
}
