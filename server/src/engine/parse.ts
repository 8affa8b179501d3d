// Stage 1: text → syntax tree (unified + remark-parse + GFM tables + YAML front matter).
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import { LineIndex } from './source.js';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

export interface ParsedDocument {
  text: string;
  root: Root;
  lines: LineIndex;
}

export function parse(text: string): ParsedDocument {
  return { text, root: processor.parse(text), lines: new LineIndex(text) };
}
