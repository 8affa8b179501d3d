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
import { cutAroundDeepRuns, maskDeepNesting, type DeepNesting } from './nesting.js';

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
    for (let i = 0; i < resolved.length; i++) {
      const token = resolved[i][1];
      if (token.type === 'table') depth += resolved[i][0] === 'enter' ? 1 : -1;
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

/**
 * No inline syntax: the model reads headings, paragraphs and cells from the source and never looks inside them,
 * and micromark's inline resolvers are quadratic in a paragraph's unmatched brackets and emphasis markers
 * (60 KB of `[a]`: 20 s). Block structure does not depend on inline syntax.
 */
function noInlineSyntax(this: Processor): void {
  (this.data().micromarkExtensions ??= []).push({ disable: { null: [
    'attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape', 'htmlText',
    'labelEnd', 'labelStartImage', 'labelStartLink',
  ] } });
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmTables).use(noInlineSyntax);

export interface Chunk {
  /** Offset and 0-based line where the chunk starts in the document. */
  offset: number;
  line: number;
  text: string;
}

export interface ParsedDocument {
  text: string;
  lines: LineIndex;
  /** The chunks' text is what is parsed: `text` with the lines in `deep` blanked. */
  chunks: Chunk[];
  /** Lines nested too deep to parse, left out. */
  deep?: DeepNesting[];
}

/** Where chunks may end: at a heading once a chunk holds `heading` characters, at a blank line past `blank`. */
export interface ChunkLimits { heading: number; blank: number }

/** For one pass over many files: few, large chunks (each parse has a fixed cost). */
export const BATCH_CHUNKS: ChunkLimits = { heading: 16 * 1024, blank: 32 * 1024 };
/** For an editor: small chunks, so an edit re-parses little. */
export const EDITOR_CHUNKS: ChunkLimits = { heading: 0, blank: 2 * 1024 };

export function parse(text: string, limits: ChunkLimits = BATCH_CHUNKS): ParsedDocument {
  const lines = new LineIndex(text);
  const masked = maskDeepNesting(text, lines);
  return { text, lines, chunks: cutAroundDeepRuns(splitChunks(masked.text, lines, limits), masked.deep, lines), deep: masked.deep };
}

/** The whole text as one chunk: what chunking must be indistinguishable from. */
export function parseWhole(text: string): ParsedDocument {
  const lines = new LineIndex(text);
  const masked = maskDeepNesting(text, lines);
  return { text, lines, chunks: cutAroundDeepRuns([{ offset: 0, line: 0, text: masked.text }], masked.deep, lines), deep: masked.deep };
}

/** The syntax tree of one chunk; positions are relative to the chunk. */
export function parseChunk(chunk: Chunk): Root {
  return processor.parse(chunk.text);
}

/**
 * Chunk boundaries that cannot change how CommonMark reads the text: before an unindented ATX heading,
 * or (in a long chunk) after a blank line before an unindented line. Never inside front matter, a fenced
 * code block or an HTML block that may span blank lines.
 */
function splitChunks(text: string, lines: LineIndex, limits: ChunkLimits): Chunk[] {
  const starts: number[] = [0];
  let line = 0;
  const count = lines.lineCount;
  if (/^---[ \t]*(\r?\n|$)/.test(text)) {
    for (line = 1; line < count && !/^(---|\.\.\.)[ \t]*$/.test(lines.lineText(line)); line++);
    line++;
  }
  let fence: RegExp | undefined;
  let html: RegExp | undefined;
  let previousBlank = false;
  let chunkStart = 0;
  for (; line < count; line++) {
    const offset = lines.lineStart(line);
    const first = text.charCodeAt(offset);
    // Most lines are prose: only lines starting with markup or space need a closer look.
    const plain = first > 0x7f || (first >= 0x30 && first <= 0x39) || (first >= 0x41 && first <= 0x5a);
    if (plain && !fence && !html) {
      if (previousBlank && offset - chunkStart > limits.blank) { starts.push(offset); chunkStart = offset; }
      previousBlank = false;
      continue;
    }
    const t = lines.lineText(line);
    const blank = t.trim() === '';
    if (fence) {
      if (fence.test(t)) fence = undefined;
      previousBlank = false;
      continue;
    }
    if (html) {
      if (html.test(t)) html = undefined;
      previousBlank = blank;
      continue;
    }
    const fenceOpen = /^ {0,3}(`{3,}|~{3,})/.exec(t);
    const heading = first === 0x23 && /^#{1,6}(\s|$)/.test(t);
    const size = offset - chunkStart;
    if ((heading && size > limits.heading) || (previousBlank && size > limits.blank && /^[^\s>|]/.test(t) && !fenceOpen)) {
      if (offset > chunkStart) { starts.push(offset); chunkStart = offset; }
    }
    if (fenceOpen) fence = new RegExp(`^ {0,3}${fenceOpen[1][0] === '`' ? '`' : '~'}{${fenceOpen[1].length},}\\s*$`);
    else if (/^ {0,3}<!--/.test(t) && !/-->/.test(t.slice(t.indexOf('<!--') + 4))) html = /-->/;
    else if (/^ {0,3}<(script|pre|style|textarea)[\s>]/i.test(t)) html = new RegExp(`</${/<(\w+)/.exec(t)![1]}>`, 'i');
    previousBlank = blank;
  }
  return starts.map((start, i) => {
    const end = starts[i + 1] ?? text.length;
    return { offset: start, line: lines.position(start).line, text: text.slice(start, end) };
  });
}
