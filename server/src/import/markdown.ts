// The writer: a SourceDocument (from any reader) → Markdown in Tally's dialect, read by `tally check` exactly as a
// hand-written report. Headings by the templates' data, tables with their merged cells laid out as empty
// continuation cells, prose verbatim (escaped only where Markdown would misread it). Figures are never changed.
import type { LocalText, Template } from '../templates/index.js';
import { joined, msg, type MessageText } from '../engine/message.js';
import { render } from '../messages/render.js';
import { analyze } from '../engine/index.js';
import { READ_LIMITS, type SourceBlock, type SourceCell, type SourceDocument } from './document.js';
import { captionOf, isSubPart, isTitle, organOf, sectionOf, templatesFor } from './structure.js';
import { canonical, isPreambleLine } from '../engine/text.js';
import { organAbove } from '../engine/workspace/index.js';

export interface ImportNote {
  /** 0-based line in `markdown`. */
  line: number;
  message: MessageText;
  /** 'error' where a table could not be read; a warning otherwise. */
  severity: 'error' | 'warning';
  /** Figures of a table that could not be placed in its cells: the table at this line is not empty. */
  unplaced?: boolean;
}

export interface ImportedMarkdown {
  markdown: string;
  notes: ImportNote[];
  /** The template the report was recognised as, or null. */
  template: string | null;
}

export interface WriteOptions {
  template?: Template;
  /** The team's templates, considered with the built-in ones. */
  templates?: readonly Template[];
  /** The original file's name, recorded in the front matter as `source`. */
  sourceName?: string;
  /** A piece pasted into a report: no front matter, no title taken from the container. */
  fragment?: boolean;
}

const HAN = /[\p{Script=Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’《》〈〉【】（）]/u;
const DIGIT_END = /[0-9０-９]$/;
const DIGIT_START = /^[0-9０-９.,，．]/;

/** Lines of one logical text joined: CJK lines without a space, others with one; two figures never run together. */
export function joinLines(text: string): string {
  const parts = text.split(/[ \t\u3000]*\r?\n[ \t\u3000]*/).filter((p) => p !== '');
  let out = '';
  for (const part of parts) {
    if (out === '') { out = part; continue; }
    const a = out[out.length - 1];
    const b = part[0];
    const tight = !(DIGIT_END.test(out) && DIGIT_START.test(part)) && (HAN.test(a) || HAN.test(b));
    out += (tight ? '' : ' ') + part;
  }
  return out;
}

/** One line of prose, escaped where Markdown would read it as something else; figures untouched. */
export function escapeProseLine(line: string, first: boolean): string {
  let text = line.replace(/^[ \t]+/, '');
  if (/^#{1,6}(?:[ \t]|$)/.test(text) || /^[>]/.test(text) || /^[-*+](?:[ \t]|$)/.test(text) || /^[<]/.test(text)) {
    text = '\\' + text;
  } else if (/^(?:[=]+|[-]+|[*]+|[_]+)[ \t]*$/.test(text.replace(/[ \t]/g, ''))) {
    // A setext underline or a thematic break.
    text = '\\' + text;
  } else {
    const list = /^(\d{1,9})([.)])(?=[ \t]|$)/.exec(text);
    if (list && (first || list[1] === '1')) text = list[1] + '\\' + text.slice(list[1].length);
    const fence = /^(`{3,}|~{3,})/.exec(text);
    if (fence) text = '\\' + text;
  }
  return text;
}

function escapeParagraph(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/[ \t]+$/, '')).filter((l) => l.trim() !== '');
  const escaped = lines.map((l, i) => escapeProseLine(l, i === 0));
  // Pipes over several lines could form a table with a delimiter-like line: escape them all.
  if (escaped.length > 1 && escaped.some((l) => l.includes('|'))) return escaped.map((l) => l.replace(/(?<!\\)\|/g, '\\|')).join('\n');
  return escaped.join('\n');
}

function escapeHeading(text: string): string {
  // A closing run of # would be dropped by the parser.
  return joinLines(text).replace(/([ \t])(#+)[ \t]*$/, '$1\\$2');
}

function cellText(text: string): string {
  return joinLines(text).replace(/\|/g, '\\|');
}

/**
 * Bands of rows laid out on a grid of their own: rows between full-width rows (section 二's 第二十条 captions), no
 * cell merged down, every row the same number of cells, some of them spanning columns (a header cell spanning two
 * columns above a figure that does not, or both spanning alike). A publisher's editor spans cells to align a block
 * with a wider one; the page is read cell by cell, so each cell of such a band takes one grid column, the band is
 * padded to the table's width and the full-width rows span that width. Nothing else changes.
 */
function alignBands(rows: SourceCell[][]): SourceCell[][] {
  const width = (row: SourceCell[]) => row.reduce((n, c) => n + Math.max(1, c.colSpan ?? 1), 0);
  const full = Math.max(0, ...rows.map(width));
  const merged = new Set<number>();
  rows.forEach((row, r) => row.forEach((c) => {
    const span = Math.min(c.rowSpan ?? 1, rows.length - r);
    if (span > 1) for (let k = 0; k < span; k++) merged.add(r + k);
  }));
  const isFullRow = (row: SourceCell[]) => row.length === 1 && width(row) === full && (row[0].rowSpan ?? 1) === 1;
  // A band is bounded by full-width rows or the table's edges (never by a merged label column's rows).
  const bound = (k: number) => k < 0 || k >= rows.length || isFullRow(rows[k]);
  const out = rows.slice();
  const aligned = new Set<number>();
  let r = 0;
  while (r < rows.length) {
    if (merged.has(r) || rows[r].length < 2) { r++; continue; }
    let end = r;
    while (end + 1 < rows.length && !merged.has(end + 1) && rows[end + 1].length === rows[r].length) end++;
    if (end > r && bound(r - 1) && bound(end + 1) && rows.slice(r, end + 1).some((row) => row.some((c) => (c.colSpan ?? 1) > 1))) {
      for (let k = r; k <= end; k++) { out[k] = rows[k].map((cell) => ({ ...cell, colSpan: 1 })); aligned.add(k); }
    }
    r = end + 1;
  }
  if (aligned.size === 0) return rows;
  const target = Math.max(1, ...out.filter((row) => !isFullRow(row)).map(width));
  return out.map((row, k) => {
    if (isFullRow(row)) return [{ ...row[0], colSpan: target }];
    if (aligned.has(k) && row.length < target) return [...row, ...Array.from({ length: target - row.length }, () => ({ text: '' }))];
    return row;
  });
}

/**
 * A grid with merged cells laid out as the dialect reads them: a merged cell's text in its first cell, empty
 * cells after it and below it. A row keeps its own length (a lost cell stays lost). Every reader gives a row the
 * cells that start in it, left to right (HTML's convention); grid columns in which no cell starts (a word
 * processor's sliver column, covered only by spans) are dropped.
 */
export function layOut(source: SourceCell[][]): { cells: string[][]; truncated: boolean } {
  const rows = alignBands(source);
  const taken = new Map<number, Set<number>>();
  const out: Array<Array<string | undefined>> = [];
  const starts = new Set<number>();
  let count = 0;
  let truncated = false;
  const occupy = (r: number, c: number): void => {
    let set = taken.get(r);
    if (!set) taken.set(r, set = new Set());
    set.add(c);
  };
  rows.forEach((row, r) => {
    out[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (taken.get(r)?.has(c)) c++;
      const colSpan = Math.max(1, Math.min(cell.colSpan ?? 1, READ_LIMITS.span));
      const rowSpan = Math.max(1, Math.min(cell.rowSpan ?? 1, READ_LIMITS.span, rows.length - r));
      if (count + colSpan * rowSpan > READ_LIMITS.tableCells) { truncated = true; break; }
      count += colSpan * rowSpan;
      starts.add(c);
      for (let dr = 0; dr < rowSpan; dr++) {
        out[r + dr] ??= [];
        for (let dc = 0; dc < colSpan; dc++) {
          occupy(r + dr, c + dc);
          out[r + dr][c + dc] = dr === 0 && dc === 0 ? cell.text : '';
        }
      }
      c += colSpan;
    }
  });
  const cells = out.map((row, r) => {
    const width = Math.max(-1, ...(taken.get(r) ?? [])) + 1;
    return Array.from({ length: width }, (_, c) => c).filter((c) => starts.has(c)).map((c) => row[c] ?? '');
  });
  return { cells, truncated };
}

function tableLines(rows: SourceCell[][]): { lines: string[]; truncated: boolean } {
  const { cells, truncated } = layOut(rows);
  if (cells.length === 0 || cells[0].length === 0) return { lines: [], truncated };
  const line = (row: string[]) => '|' + row.map((t) => { const c = cellText(t); return c === '' ? ' ' : ` ${c} `; }).join('|') + '|';
  const lines = [line(cells[0]), `|${cells[0].map(() => '---').join('|')}|`];
  for (const row of cells.slice(1)) lines.push(row.length ? line(row) : '|');
  return { lines, truncated };
}

/**
 * A note's message with where it is, so the place can be found in the original too: the table (the template's
 * name for it, else its caption) and the row it concerns, or the heading it stands under.
 */
function located(message: MessageText, line: number, analysis: ReturnType<typeof analyze>): MessageText {
  const said = render(message, 'zh-CN');
  const table = analysis.model.tables.find((t) => t.range.start.line <= line && line <= t.range.end.line);
  if (table) {
    const bound = analysis.binding.tables.find((b) => b.parts.some((p) => p.table === table && (p.rows.some((r) => r.line === line) || p.captionRow?.line === line)))
      ?? analysis.binding.tables.find((b) => b.parts.some((p) => p.table === table));
    const name = bound?.spec.title ?? table.caption.at(-1) ?? `第 ${table.ordinal + 1} 个表格`;
    const row = table.rows.find((r) => r.line === line && !r.header);
    const label = row?.label || row?.cells.find((c) => c.text !== '')?.text;
    const needName = !said.includes(`“${name}”`);
    const needRow = label !== undefined && label !== '' && !said.includes(label);
    if (!needName && !needRow) return message;
    const place = [...(needName ? [msg('markdown.table', { name })] : []), ...(needRow ? [msg('markdown.row', { row: label })] : [])];
    return msg('markdown.at', { message, place: joined(place, msg('claim-contradiction.comma')) });
  }
  const heading = [...analysis.model.headings].reverse().find((h) => h.line <= line && h.depth >= 2);
  // A note on the heading itself needs no location; one below it is placed by it.
  if (!heading || heading.line === line || said.includes(heading.text)) return message;
  return msg('markdown.under', { message, heading: heading.text });
}

/**
 * The second line of a title printed over two, or undefined: `title` names a year but not yet a report, and `next`
 * is a short line of its own, without a year or a sentence's punctuation, that completes it (…办事处2025年 /
 * 政府信息公开工作年度报告; …2025年政府信息 / 公开工作年度报告).
 */
function titleRest(title: string, next: SourceBlock | undefined): string | undefined {
  if (!next || (next.kind !== 'heading' && next.kind !== 'paragraph')) return undefined;
  const line = next.text.trim();
  if (/\n/.test(line) || line.length > 40 || /(?:19|20)\d\d\s*年|[。，,；;：:]/.test(line)) return undefined;
  const head = canonical(title);
  if (/报告|年报/.test(head) || !/(?:19|20)\d\d年/.test(head)) return undefined;
  return /(?:19|20)\d\d年度?.*(?:政府信息公开|政务公开|信息公开).*(?:报告|年报)$/.test(head + canonical(line)) ? line : undefined;
}

/** A paragraph's lines cut where a line is a section line or a table caption, which become headings. */
function splitAtHeadings(text: string, templates: readonly Template[]): Array<{ text: string; depth?: number }> {
  const out: Array<{ text: string; depth?: number }> = [];
  let run: string[] = [];
  const flush = () => { if (run.some((l) => l.trim() !== '')) out.push({ text: run.join('\n') }); run = []; };
  for (const line of text.split(/\r?\n/)) {
    const depth = sectionOf(line, templates) ? 2 : captionOf(line, templates) ? 3 : undefined;
    if (depth === undefined) { run.push(line); continue; }
    flush();
    out.push({ text: line.trim(), depth });
  }
  flush();
  return out;
}

const UNREADABLE: Record<'image' | 'object', LocalText> = {
  image: { zh: '〔图片，无法读取其中的文字〕', en: '〔图片，无法读取其中的文字〕' },
  object: { zh: '〔嵌入对象，无法读取〕', en: '〔嵌入对象，无法读取〕' },
};

export function writeMarkdown(doc: SourceDocument, options: WriteOptions = {}): ImportedMarkdown {
  const templates = templatesFor(options.template, options.templates);
  const body: string[] = [];
  const notes: ImportNote[] = [];
  const blockLine: number[] = [];
  const push = (lines: string[]): number => {
    if (body.length) body.push('');
    const at = body.length;
    body.push(...lines);
    return at;
  };
  let seenContent = false;
  let hasTitle = false;
  // Lines before the title (isPreambleLine: the body's name on a line of its own, a date, a trail of links): five at most
  let preamble = 0;
  // A block joined to the title before it (the title's second line), by its index
  let joinedToTitle = -1;
  doc.blocks.forEach((block, i) => {
    const shortLinesBefore = preamble;
    preamble = 0;
    if (i === joinedToTitle) { blockLine[i] = blockLine[i - 1]; return; }
    switch (block.kind) {
      case 'heading':
      case 'paragraph': {
        let text = block.text.trim();
        if (text === '') { blockLine[i] = Math.max(0, body.length - 1); return; }
        if (block.kind === 'paragraph' && block.text.includes('\n')) {
          // Lines joined from <br>s or a cell's line breaks: one paragraph, split where a line is a section or
          // table caption of its own (which must stay a heading for the section to be found).
          const pieces = splitAtHeadings(text, templates);
          if (pieces.length > 1 || pieces[0].depth !== undefined) {
            seenContent = true;
            pieces.forEach((piece, k) => {
              const at = piece.depth !== undefined
                ? push([`${'#'.repeat(piece.depth)} ${escapeHeading(piece.text)}`])
                : push([escapeParagraph(piece.text)]);
              if (k === 0) blockLine[i] = at;
            });
            return;
          }
        }
        const single = !/\n/.test(text);
        let depth = block.kind === 'heading' ? block.depth : undefined;
        if (depth === undefined && (block.kind === 'heading' || single)) {
          const line = joinLines(text);
          if (!hasTitle && (!seenContent || shortLinesBefore > 0) && isTitle(line)) depth = 1;
          else if (sectionOf(line, templates)) depth = 2;
          else if (captionOf(line, templates) || isSubPart(line)) depth = 3;
          else if (block.kind === 'heading') depth = seenContent ? 3 : 1;
        }
        const short = single && depth === undefined && isPreambleLine(text);
        if (!hasTitle && short && (!seenContent || shortLinesBefore > 0) && shortLinesBefore < 5) preamble = shortLinesBefore + 1;
        seenContent = true;
        if (depth === 1) {
          // A title printed over two lines (硚口区人民政府汉正街道办事处2025年 / 政府信息公开工作年度报告) is one title.
          const rest = titleRest(text, doc.blocks[i + 1]);
          if (rest !== undefined) { text = joinLines(`${text}\n${rest}`); joinedToTitle = i + 1; }
        }
        if (depth !== undefined) {
          if (depth === 1) hasTitle = true;
          blockLine[i] = push([`${'#'.repeat(Math.min(6, Math.max(1, depth)))} ${escapeHeading(text)}`]);
        } else blockLine[i] = push([escapeParagraph(text)]);
        return;
      }
      case 'table': {
        seenContent = true;
        const { lines, truncated } = tableLines(block.rows);
        if (lines.length === 0) { blockLine[i] = Math.max(0, body.length - 1); return; }
        blockLine[i] = push(lines);
        if (truncated) notes.push({ line: blockLine[i], severity: 'error', message: msg('markdown.table-too-large', { cells: READ_LIMITS.tableCells }) });
        return;
      }
      case 'unreadable': {
        seenContent = true;
        blockLine[i] = push([UNREADABLE[block.what].zh]);
        notes.push({ line: blockLine[i], severity: 'error', message: msg(block.what === 'image' ? 'markdown.image' : 'markdown.object',
          { description: block.description ?? '', described: block.description ? 'yes' : 'no' }) });
        return;
      }
    }
  });
  // A title the container carried apart from the body (HTML <title>), when the body has none.
  if (!options.fragment && !hasTitle && doc.title && isTitle(doc.title)) {
    body.unshift(`# ${escapeHeading(doc.title)}`, '');
    for (let k = 0; k < blockLine.length; k++) if (blockLine[k] !== undefined) blockLine[k] += 2;
    for (const n of notes) n.line += 2;
  }
  for (const note of doc.notes) {
    let line = note.block !== undefined ? blockLine[note.block] ?? 0 : 0;
    // A table's row r is written on the table's line r, after the delimiter line below the first row.
    const block = note.block !== undefined ? doc.blocks[note.block] : undefined;
    if (note.row !== undefined && block?.kind === 'table' && note.row > 0 && note.row < block.rows.length) line += note.row + 1;
    notes.push({ line, message: note.message, severity: note.severity ?? 'warning', ...(note.unplaced ? { unplaced: true } : {}) });
  }
  const text = body.join('\n') + '\n';
  if (options.fragment) return { markdown: text, notes: notes.sort((a, b) => a.line - b.line), template: null };

  // The engine's own reading of the body decides the front matter: template, year, the body from the title.
  const analysis = analyze(text, { template: options.template, templates: options.templates, prose: false });
  const template = analysis.template;
  for (const n of notes) n.message = located(n.message, n.line, analysis);
  const front: string[] = [];
  if (template) front.push(`template: ${template}`);
  const year = analysis.model.year?.value;
  if (year !== undefined) front.push(`year: ${year}`);
  const organ = analysis.model.title ? organOf(analysis.model.title.text) ?? organAbove(analysis.model.title.above) : undefined;
  if (organ) front.push(`organ: ${JSON.stringify(organ)}`);
  if (options.sourceName) front.push(`source: ${JSON.stringify(options.sourceName)}`);
  const head = front.length ? ['---', ...front, '---', ''] : [];
  for (const n of notes) n.line += head.length;
  notes.sort((a, b) => a.line - b.line);
  return { markdown: head.join('\n') + (head.length ? '\n' : '') + text, notes, template };
}
