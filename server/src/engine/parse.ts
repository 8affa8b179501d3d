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
import { chunkStarts } from './split.js';

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
  /** Whether the chunk ends the document (otherwise its text ends with a line break). */
  last: boolean;
  /**
   * Offsets in the document, inside the chunk, where it could be cut as well: the model reads the plain prose
   * between two of them without micromark (`model/plain-blocks.ts`). None when the chunk must be parsed whole.
   */
  cuts?: number[];
}

export interface ParsedDocument {
  text: string;
  lines: LineIndex;
  /** The chunks' text is what is parsed: `text` with the lines in `deep` blanked. */
  chunks: Chunk[];
  /** Lines nested too deep to parse, left out. */
  deep?: DeepNesting[];
}

/**
 * Where chunks may end: at a heading once a chunk holds `heading` characters, at a blank line past `blank`; with
 * `tables`, before a table and at the first place after it (a table is a chunk of its own).
 */
export interface ChunkLimits { heading: number; blank: number; tables?: boolean }

/** For one pass over many files: few, large chunks (each parse has a fixed cost). */
export const BATCH_CHUNKS: ChunkLimits = { heading: 16 * 1024, blank: 32 * 1024 };
/**
 * For an editor: small chunks, so an edit re-reads little; a table alone in its chunk, so typing in the text
 * around it keeps the same table object, and so its binding and findings (bind/kept.ts). Chunks past a blank line
 * grow with the text (`editorChunks`), up to these.
 */
export const EDITOR_CHUNKS: ChunkLimits = { heading: 0, blank: 2 * 1024, tables: true };

/**
 * An editor's chunks for a text of `length`: every paragraph its own chunk in a report of usual size, fewer and
 * larger ones in a long text (about a thousand at most below 2 MB), where each chunk's bookkeeping on a keystroke
 * would cost more than re-reading a little more text.
 */
export function editorChunks(length: number): ChunkLimits {
  return { ...EDITOR_CHUNKS, blank: Math.min(EDITOR_CHUNKS.blank, Math.floor(length / 1000)) };
}

export function parse(text: string, limits: ChunkLimits = BATCH_CHUNKS): ParsedDocument {
  const lines = new LineIndex(text);
  const masked = maskDeepNesting(text, lines);
  const chunks = splitChunks(masked.text, lines, limits, masked.deep.length === 0);
  return { text, lines, chunks: cutAroundDeepRuns(chunks, masked.deep, lines), deep: masked.deep };
}

/**
 * The whole text as one chunk, read by micromark alone (no cuts): what chunking, and reading plain prose
 * without micromark, must be indistinguishable from.
 */
export function parseWhole(text: string): ParsedDocument {
  const lines = new LineIndex(text);
  const masked = maskDeepNesting(text, lines);
  return { text, lines, chunks: cutAroundDeepRuns([{ offset: 0, line: 0, text: masked.text, last: true }], masked.deep, lines), deep: masked.deep };
}

/**
 * The syntax tree of one chunk; positions are relative to the chunk. A chunk that does not end the document is
 * parsed with an empty heading after it, then dropped: in the document the next line closes whatever is still open
 * (a list item, a fence inside it), and micromark ends such blocks differently at the end of the text.
 */
export function parseChunk(chunk: Chunk): Root {
  if (chunk.last) return processor.parse(chunk.text);
  const tree = processor.parse(chunk.text + '#');
  const end = chunk.text.length;
  tree.children = tree.children.filter((child) => child.position!.start.offset! < end);
  return tree;
}

function splitChunks(text: string, lines: LineIndex, limits: ChunkLimits, withCuts: boolean): Chunk[] {
  const all: number[] = [];
  const starts = chunkStarts(text, lines, limits, withCuts ? all : undefined);
  let c = 0;
  return starts.map((start, i) => {
    const end = starts[i + 1] ?? text.length;
    const chunk: Chunk = { offset: start, line: lines.position(start).line, text: text.slice(start, end), last: i === starts.length - 1 };
    if (withCuts) {
      while (c < all.length && all[c] <= start) c++;
      const from = c;
      while (c < all.length && all[c] < end) c++;
      chunk.cuts = all.slice(from, c);
    }
    return chunk;
  });
}
