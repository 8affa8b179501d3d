// The HTML reader: a government web page that publishes a report → the report's blocks in reading order.
// parse5 (the WHATWG parser behind rehype-parse) builds the tree through a tree adapter that caps nesting, and
// hast-util-from-parse5 turns it into hast; hast-util-to-text gives text as a browser lays it out. Nothing in the file
// is executed or fetched. The report is found as the deepest element that holds most of the page's text and all of
// its section lines; page chrome (navigation, metadata, print and share links, footers) is dropped around and inside it.
import { parse, defaultTreeAdapter, type DefaultTreeAdapterMap, type TreeAdapter } from 'parse5';
import { fromParse5 } from 'hast-util-from-parse5';
import { toText } from 'hast-util-to-text';
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import type { MessageText } from '../engine/message.js';
import { READ_LIMITS, type ReadFailure, type ReadResult, type ReaderNote, type SourceBlock, type SourceCell } from './document.js';
import { msg } from '../engine/message.js';

export interface HtmlReadOptions {}

export async function readHtml(bytes: Uint8Array, _options: HtmlReadOptions = {}): Promise<ReadResult> {
  const decoded = decodeHtml(bytes);
  if (typeof decoded !== 'string') return decoded;
  let root: Root;
  try {
    root = parseHtml(decoded);
  } catch (e) {
    if (e instanceof RangeError) return fail(MESSAGES.tooDeep);
    throw e;
  }
  return readTree(root);
}

// ---------------------------------------------------------------------------------------------------------------
// Bytes → text: a BOM, then the charset the page declares in its first bytes, then a sniff (valid UTF-8, else GB18030).

const MESSAGES = {
  empty: msg('html.empty'),
  tooLarge: msg('html.tooLarge', { arg: READ_LIMITS.inputBytes / 1024 / 1024 }),
  binary: msg('html.binary'),
  pdf: msg('html.pdf'),
  zip: msg('html.zip'),
  ole: msg('html.ole'),
  tooDeep: msg('html.tooDeep'),
  noContent: msg('html.noContent'),
} satisfies Record<string, MessageText>;

function fail(error: MessageText): ReadFailure {
  return { error };
}

/** The page's text, or why it is not a page. */
export function decodeHtml(bytes: Uint8Array): string | ReadFailure {
  if (bytes.length > READ_LIMITS.inputBytes) return fail(MESSAGES.tooLarge);
  if (bytes.length === 0) return fail(MESSAGES.empty);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return checkText(new TextDecoder('utf-8').decode(bytes.subarray(3)));
  if (startsWith(bytes, [0xff, 0xfe])) return checkText(new TextDecoder('utf-16le').decode(bytes.subarray(2)));
  if (startsWith(bytes, [0xfe, 0xff])) return checkText(new TextDecoder('utf-16be').decode(bytes.subarray(2)));
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return fail(MESSAGES.pdf); // %PDF
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return fail(MESSAGES.zip);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return fail(MESSAGES.ole);
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return fail(MESSAGES.binary);

  const declared = declaredCharset(bytes.subarray(0, 4096));
  const utf8 = strictUtf8(bytes);
  let text: string;
  if (utf8 !== undefined) {
    // A page that declares GBK but is valid UTF-8 with Chinese in it is UTF-8: GBK text is practically never valid UTF-8.
    text = declared && declared !== 'utf-8' && !hasNonAscii(bytes) ? decodeWith(declared, bytes) : utf8;
  } else {
    text = decodeWith(declared && declared !== 'utf-8' ? declared : 'gb18030', bytes);
  }
  return checkText(text);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeWith(label: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const CHARSET_ALIASES: Record<string, string> = {
  gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', gb_2312: 'gb18030', 'gb_2312-80': 'gb18030', cp936: 'gb18030',
  ms936: 'gb18030', 'windows-936': 'gb18030', 'euc-cn': 'gb18030', csgb2312: 'gb18030', chinese: 'gb18030',
  'iso-ir-58': 'gb18030', gb18030: 'gb18030', hz: 'gb18030', 'hz-gb-2312': 'gb18030',
  utf8: 'utf-8', 'utf-8': 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
  // A page cannot declare UTF-16 in its own bytes (WHATWG): such a declaration means UTF-8.
  'utf-16': 'utf-8', 'utf-16le': 'utf-8', 'utf-16be': 'utf-8',
  big5: 'big5', 'big5-hkscs': 'big5', 'x-x-big5': 'big5', 'cn-big5': 'big5', csbig5: 'big5',
};

/** The charset a `<meta charset>`, `<meta http-equiv="Content-Type">` or XML declaration names, as a TextDecoder label. */
function declaredCharset(head: Uint8Array): string | undefined {
  const text = new TextDecoder('latin1').decode(head);
  const m = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(text) ?? /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([\w.:-]+)/i.exec(text);
  if (!m) return undefined;
  const label = m[1].toLowerCase();
  if (CHARSET_ALIASES[label]) return CHARSET_ALIASES[label];
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/** Refuses decoded text that is mostly control characters or undecodable bytes: binary junk under an .html name. */
function checkText(text: string): string | ReadFailure {
  if (text.trim() === '') return fail(MESSAGES.empty);
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd || c === 0x7f) bad++;
  }
  if (bad > sample.length * 0.05) return fail(MESSAGES.binary);
  return text;
}

// ---------------------------------------------------------------------------------------------------------------
// Text → hast, with nesting capped: past MAX_DEPTH an element is put beside its parent instead of inside it, so no
// recursive tree utility (ours, hast-util-from-parse5, hast-util-to-text) can run out of stack on 10,000 nested divs.

const MAX_DEPTH = 120;
const DEPTH = Symbol('depth');
const HOST = Symbol('host');

function cappedTreeAdapter(): TreeAdapter<DefaultTreeAdapterMap> {
  type Parent = DefaultTreeAdapterMap['parentNode'];
  type Child = DefaultTreeAdapterMap['childNode'];
  // Kept on the parse5 nodes themselves (hast-util-from-parse5 copies only what it knows): faster than a WeakMap.
  type Tracked = { [DEPTH]?: number; [HOST]?: Parent };
  const depth = {
    get: (node: object) => (node as Tracked)[DEPTH],
    set: (node: object, d: number) => void ((node as Tracked)[DEPTH] = d),
  };
  const host = {
    get: (node: object) => (node as Tracked)[HOST],
    set: (node: object, h: Parent) => void ((node as Tracked)[HOST] = h),
  };
  const place = (parent: Parent, node: Child): Parent => {
    const d = depth.get(parent) ?? 0;
    if (d < MAX_DEPTH) {
      depth.set(node, d + 1);
      host.set(node, parent);
      return parent;
    }
    const h = host.get(parent) ?? parent;
    depth.set(node, d);
    host.set(node, h);
    return h;
  };
  return {
    ...defaultTreeAdapter,
    appendChild(parent, node) {
      defaultTreeAdapter.appendChild(place(parent, node), node);
    },
    insertBefore(parent, node, reference) {
      const real = (reference.parentNode as Parent | null) ?? parent;
      depth.set(node, (depth.get(real) ?? 0) + 1);
      host.set(node, real);
      defaultTreeAdapter.insertBefore(real, node, reference);
    },
  };
}

function parseHtml(text: string): Root {
  const document = parse(text, { treeAdapter: cappedTreeAdapter(), scriptingEnabled: false });
  return fromParse5(document) as Root;
}

// ---------------------------------------------------------------------------------------------------------------
// hast helpers.

const SKIP = new Set([
  'head', 'title', 'meta', 'link', 'base', 'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset',
  'object', 'embed', 'applet', 'param', 'svg', 'math', 'canvas', 'video', 'audio', 'source', 'track', 'map', 'area',
  'input', 'select', 'textarea', 'button', 'option', 'optgroup', 'datalist', 'dialog', 'nav', 'aside', 'menu',
]);

const BLOCK = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'legend', 'li', 'listing', 'main', 'ol', 'p', 'plaintext', 'pre', 'section', 'summary', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'xmp',
]);

const HEADING = /^h[1-6]$/;

function isElement(node: RootContent | ElementContent | Root): node is Element {
  return node.type === 'element';
}

function prop(el: Element, name: string): string {
  const v = el.properties?.[name];
  if (v === undefined || v === null || v === false) return '';
  return Array.isArray(v) ? v.join(' ') : String(v);
}

function isHidden(el: Element): boolean {
  if (el.properties?.hidden !== undefined && el.properties.hidden !== false && el.properties.hidden !== null) return true;
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(prop(el, 'style'));
}

function isBold(el: Element): boolean {
  return el.tagName === 'b' || el.tagName === 'strong' || /font-weight\s*:\s*(?:bold|bolder|[6-9]00)/i.test(prop(el, 'style'));
}

function isCentred(el: Element): boolean {
  return prop(el, 'align').toLowerCase() === 'center' || /text-align\s*:\s*center/i.test(prop(el, 'style'));
}

/** Removes what a browser does not show and what is never report: scripts, styles, forms' controls, navigation. */
function prune(node: Root | Element, inArticle: boolean): void {
  const kept: typeof node.children = [];
  for (const child of node.children) {
    if (child.type === 'comment' || child.type === 'doctype') continue;
    if (child.type === 'text') child.value = joinSegments(child.value);
    if (isElement(child)) {
      if (SKIP.has(child.tagName) || isHidden(child)) continue;
      if ((child.tagName === 'header' || child.tagName === 'footer') && !inArticle) continue;
      prune(child, inArticle || child.tagName === 'article' || child.tagName === 'main');
    }
    kept.push(child as never);
  }
  node.children = kept as never;
}

// ---------------------------------------------------------------------------------------------------------------
// Finding the report: the weight of an element is its visible text outside links (navigation and related-article lists
// are links); its marks are the section lines (一、… 六、) it holds. From <body>, go down into the child that keeps at
// least 70% of the page's weight (50% for a container named like the CMSes' content boxes) and every section line.

interface Stats {
  chars: number;
  marks: number;
  /** Elements inside, so that the chrome tests read the text of small boxes only. */
  elements: number;
}

const SECTION_LINE = /^[\s\u3000]*[一二三四五六七八九十]{1,2}\s*[、.．]\s*[\u4e00-\u9fff]/;
const CONTENT_HINT = /TRS_Editor|(^|[\s_-])(zoom|view|article|article-content|content|UCAP-CONTENT|zw|wzzw|detail|xxgk_content|pages_content|main-txt|txt)($|[\s_-])/i;

function measure(node: Root | Element, stats: Map<Element, Stats>, inLink: boolean): Stats {
  const total: Stats = { chars: 0, marks: 0, elements: 0 };
  for (const child of node.children) {
    if (child.type === 'text') {
      if (!inLink) {
        total.chars += visibleLength(child.value);
        if (SECTION_LINE.test(child.value)) total.marks++;
      }
    } else if (isElement(child)) {
      const s = measure(child, stats, inLink || child.tagName === 'a');
      total.chars += s.chars;
      total.marks += s.marks;
      total.elements += s.elements + 1;
    }
  }
  if (node.type === 'element') stats.set(node, total);
  return total;
}

function visibleLength(text: string): number {
  return text.length - (text.match(/\s/g)?.length ?? 0);
}

function findBody(root: Root): Element | Root {
  for (const child of root.children) {
    if (isElement(child) && child.tagName === 'html') {
      for (const c of child.children) if (isElement(c) && c.tagName === 'body') return c;
      return child;
    }
  }
  return root;
}

function findContent(body: Element | Root, stats: Map<Element, Stats>): Element | Root {
  const page = body.type === 'element' ? stats.get(body)! : measure(body, stats, false);
  let current: Element | Root = body;
  for (;;) {
    const here: Stats = current.type === 'element' ? stats.get(current)! : page;
    let best: Element | undefined;
    let bestChars = -1;
    for (const child of current.children) {
      if (!isElement(child)) continue;
      const s = stats.get(child)!;
      if (s.chars > bestChars) {
        best = child;
        bestChars = s.chars;
      }
    }
    if (!best || page.chars === 0) return current;
    if (best.tagName === 'table' && !isLayoutTable(best, stats)) return current;
    if (HEADING.test(best.tagName) || best.tagName === 'p' || best.tagName === 'li') return current;
    const s = stats.get(best)!;
    const share = CONTENT_HINT.test(`${prop(best, 'className')} ${prop(best, 'id')}`) ? 0.5 : 0.7;
    if (s.chars < page.chars * share || s.marks < here.marks) return current;
    current = best;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Chrome inside the content: short lines and small boxes that a CMS prints around every article.

const CHROME_TEXT =
  /当前位置|您的位置|您现在的位置|所在位置|打印本页|打印此页|关闭窗口|关闭本页|【\s*(?:打印|关闭|收藏|返回)\s*】|[【[]\s*字[体号]\s*[:：]?\s*[大中小]|字号\s*[:：]\s*[大中小]|分享到|扫一扫|返回顶部|上一篇|下一篇|浏览次数|阅读次数|访问次数|点击次数|点击量|阅读量|版权所有|ICP\s*备|备案号|公网安备|网站标识码|主办单位|承办单位|网站地图/;
const CHROME_LEAD = /^(?:发布(?:时间|日期)|来源|信息来源|文章来源|作者|编辑|责任编辑|审核|时间|日期)\s*[:：]/;
const CHROME_LINE = /^[【[]?\s*(?:打印|关闭|收藏|返回|顶部|分享|加入收藏)\s*[】\]]?$/;
const CHROME_CLASS = /(^|[\s_-])(nav|navbar|menu|breadcrumbs?|crumbs?|position|location|dqwz|footer|foot|share|bdshare|fenxiang|print|fontsize|font-size|sidebar|related|xglj|xgwz|pagination|pager|toolbar|tools|copyright)($|[\s_-])/i;
const META_KEYS =
  '索引号|发布机构|发文机关|发文机构|成文日期|发文日期|发布日期|发布时间|主题分类|体裁分类|组配分类|服务对象|公开方式|公开范围|公开时限|公开形式|公开类别|文号|发文字号|信息分类|生成日期|有效性|所属机构|主题词|信息名称|信息来源|来源';
const META_KEY = new RegExp(`(?:^|[\\s|])(${META_KEYS})\\s*(?:[:：]|(?=\\s|$))`, 'g');

function isChromeText(text: string): boolean {
  if (text.length > 150) return false;
  return CHROME_TEXT.test(text) || CHROME_LEAD.test(text) || CHROME_LINE.test(text);
}

/** An article's metadata box (索引号, 发布机构, 成文日期 …): two or more such keys, each at a line's or cell's start. */
function isMetadata(text: string): boolean {
  const keys = new Set<string>();
  for (const m of text.matchAll(META_KEY)) keys.add(m[1]);
  return keys.size >= 2;
}

const BOXES = new Set(['table', 'div', 'ul', 'ol', 'dl', 'section', 'header', 'p', 'span', 'font', 'center']);

function isChromeBox(el: Element, stats: Map<Element, Stats>): boolean {
  const s = stats.get(el);
  if (!s || s.marks > 0) return false;
  if (s.chars < 300 && CHROME_CLASS.test(`${prop(el, 'className')} ${prop(el, 'id')}`)) return true;
  const small = s.chars <= 150 && s.elements <= 200;
  const box = BOXES.has(el.tagName) && s.chars <= 800 && s.elements <= 400 && (el.tagName !== 'p' || small);
  if (!small && !box) return false;
  const text = toText(el);
  return (small && isChromeText(clean(text))) || (box && isMetadata(text));
}

// ---------------------------------------------------------------------------------------------------------------
// Tables.

function ownRows(table: Element): Element[] {
  const head: Element[] = [];
  const body: Element[] = [];
  const foot: Element[] = [];
  for (const child of table.children) {
    if (!isElement(child)) continue;
    if (child.tagName === 'tr') body.push(child);
    else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') {
      const into = child.tagName === 'thead' ? head : child.tagName === 'tfoot' ? foot : body;
      for (const tr of child.children) if (isElement(tr) && tr.tagName === 'tr') into.push(tr);
    }
  }
  return [...head, ...body, ...foot];
}

function ownCells(tr: Element): Element[] {
  return tr.children.filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'));
}

function containsTable(el: Element): boolean {
  for (const child of el.children) if (isElement(child) && (child.tagName === 'table' || containsTable(child))) return true;
  return false;
}

/** A table used to lay the page out, not a table of figures: a cell holds a table or prose, or it has one column. */
function isLayoutTable(table: Element, stats: Map<Element, Stats>): boolean {
  const rows = ownRows(table);
  let widest = 0;
  let cells = 0;
  for (const tr of rows) {
    const row = ownCells(tr);
    widest = Math.max(widest, row.length);
    for (const cell of row) {
      cells++;
      if ((stats.get(cell)?.chars ?? 0) > 200 || containsTable(cell)) return true;
    }
  }
  return cells === 0 || widest <= 1;
}

interface SpanNote {
  capped: boolean;
}

function spanOf(value: unknown, note: SpanNote): number {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  if (!Number.isFinite(n) || n < 1) return n === 0 ? 0 : 1;
  if (n > READ_LIMITS.span) {
    note.capped = true;
    return READ_LIMITS.span;
  }
  return Math.floor(n);
}

/** A cell's text: its lines (from <br>, <p>, <div>) each with whitespace and &nbsp; collapsed, joined by '\n'. */
function cellText(cell: Element): string {
  return toText(cell)
    .split('\n')
    .map(clean)
    .filter((line) => line !== '')
    .join('\n');
}

interface TableRead {
  rows: SourceCell[][];
  notes: MessageText[];
}

function readTable(table: Element): TableRead {
  const span: SpanNote = { capped: false };
  const trs = ownRows(table);
  let rows: SourceCell[][] = [];
  for (const tr of trs) {
    const row: SourceCell[] = [];
    for (const td of ownCells(tr)) {
      const cell: SourceCell = { text: cellText(td) };
      let rowSpan = spanOf(td.properties?.rowSpan, span);
      const colSpan = spanOf(td.properties?.colSpan, span) || 1;
      if (rowSpan === 0) rowSpan = Number.POSITIVE_INFINITY; // rowspan="0": to the end of the table
      if (rowSpan > 1) cell.rowSpan = rowSpan;
      if (colSpan > 1) cell.colSpan = colSpan;
      row.push(cell);
    }
    if (row.length > 0) rows.push(row);
  }
  // A rowspan reaches no further than the table's last row, as a browser lays it out.
  rows.forEach((row, r) => {
    for (const cell of row) {
      if (cell.rowSpan !== undefined) {
        cell.rowSpan = Math.min(cell.rowSpan, rows.length - r);
        if (cell.rowSpan <= 1) delete cell.rowSpan;
      }
    }
  });
  const notes: MessageText[] = [];
  if (span.capped) {
    notes.push(msg('html.a-rowspan-or-colspan-in', { span: READ_LIMITS.span }));
  }
  const width = rows.reduce((w, row) => Math.max(w, row.reduce((n, c) => n + (c.colSpan ?? 1), 0)), 0);
  if (width > 0 && rows.length * width > READ_LIMITS.tableCells) {
    const keep = Math.max(1, Math.floor(READ_LIMITS.tableCells / width));
    if (width > READ_LIMITS.tableCells) {
      rows = rows.slice(0, 1).map((row) => row.slice(0, READ_LIMITS.tableCells).map((c) => ({ text: c.text })));
    } else rows = rows.slice(0, keep);
    notes.push(msg('html.the-table-has-more-than', { tableCells: READ_LIMITS.tableCells, length: rows.length }));
  }
  return { rows, notes };
}

// ---------------------------------------------------------------------------------------------------------------
// Blocks in reading order. Inline content is gathered into lines (split at <br>) until a block element ends it.

interface Line {
  texts: Text[];
  /** Every visible character of the line is bold. */
  bold: boolean;
  visible: boolean;
}

interface Context {
  blocks: SourceBlock[];
  notes: ReaderNote[];
  stats: Map<Element, Stats>;
}

const ENUMERATED = /^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}\s*[、.．](?!\d)|第[一二三四五六七八九十]+[部分章节条])/;
const TITLE_LIKE = /(?:年度报告|工作报告|年报)$/;

/** Whitespace as a browser shows it: runs (with &nbsp; and ideographic spaces) collapsed to one space, then trimmed. */
function clean(text: string): string {
  return text.replace(/\u200b/g, '').replace(/\s+/g, ' ').trim();
}

// CSS Text's segment-break rule, which hast-util-to-text leaves out: a source line break between two wide characters
// (Chinese wrapped by an editor, as Word's HTML does) is removed, not shown as a space.
const WIDE = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef\\u2018-\\u201d\\u2026\\u2014\\u00b7';
const SEGMENT_BREAK = new RegExp(`([${WIDE}])[ \\t]*[\\r\\n][ \\t\\r\\n]*(?=[${WIDE}])`, 'gu');

function joinSegments(text: string): string {
  return text.includes('\n') || text.includes('\r') ? text.replace(SEGMENT_BREAK, '$1') : text;
}

function depthOf(text: string, first: boolean): 1 | 2 | 3 | undefined {
  if (first && TITLE_LIKE.test(text) && text.length <= 80) return 1;
  if (/^[一二三四五六七八九十]{1,2}\s*[、.．]/.test(text)) return 2;
  if (/^[（(][一二三四五六七八九十]{1,3}[）)]/.test(text)) return 3;
  return undefined;
}

class Walker {
  private lines: Line[] = [];
  private owner: Element | undefined;
  private centred = false;
  private headed = false;

  constructor(private readonly ctx: Context) {}

  private get line(): Line {
    if (this.lines.length === 0) this.lines.push({ texts: [], bold: true, visible: false });
    return this.lines[this.lines.length - 1];
  }

  private text(node: Text, bold: boolean): void {
    const line = this.line;
    line.texts.push(node);
    if (/\S/.test(node.value)) {
      line.visible = true;
      if (!bold) line.bold = false;
    }
  }

  private lineText(line: Line): string {
    if (!line.visible) return '';
    return clean(joinSegments(line.texts.map((t) => t.value).join('')));
  }

  /** Ends the current run of inline content: one paragraph per group of lines, or a heading. */
  private flush(): void {
    const lines = this.lines;
    const owner = this.owner;
    const centred = this.centred;
    this.lines = [];
    if (lines.length === 0) return;
    const texts = lines.map((l) => this.lineText(l));
    const forced = owner !== undefined && HEADING.test(owner.tagName);
    if (forced) {
      const text = joinLines(texts, '');
      if (text !== '') this.emitLine(text, text.length <= 100, false);
      return;
    }
    let group: string[] = [];
    let groupBold = true;
    const emitGroup = () => {
      if (group.length === 0) return;
      if (group.length === 1) this.emitLine(group[0], false, centred || groupBold);
      else this.emitParagraph(joinLines(group, '\n'));
      group = [];
      groupBold = true;
    };
    lines.forEach((line, i) => {
      const text = texts[i];
      if (text === '') {
        emitGroup();
        return;
      }
      const raw = line.texts.map((t) => t.value).join('');
      const indented = /^[ \t\r\n]*(?:\u3000|\u00a0[ \t\r\n]*\u00a0)/.test(raw);
      const afterTitle = group.length === 1 && ENUMERATED.test(group[0]) && group[0].length <= 40 && !/[。；;]$/.test(group[0]);
      if (indented || afterTitle || ENUMERATED.test(text) || line.bold !== groupBold) emitGroup();
      group.push(text);
      groupBold = groupBold && line.bold;
    });
    emitGroup();
  }

  private emitLine(text: string, heading: boolean, emphasised: boolean): void {
    if (isChromeText(text)) return;
    const first = !this.headed;
    const short = text.length <= 40 && !/[。；;，,！？!?]$/.test(text);
    const section = /^[一二三四五六七八九十]{1,2}\s*[、.．]/.test(text) && short && !text.includes('。');
    if (heading || (short && emphasised) || section) {
      const depth = depthOf(text, first);
      this.headed = true;
      this.ctx.blocks.push(depth ? { kind: 'heading', text, depth } : { kind: 'heading', text });
    } else this.emitParagraph(text);
  }

  private emitParagraph(text: string): void {
    if (isChromeText(text)) return;
    this.ctx.blocks.push({ kind: 'paragraph', text });
  }

  /** Visits a block element's content with a fresh run, then resumes the enclosing one. */
  block(el: Element): void {
    this.flush();
    const saved = { owner: this.owner, centred: this.centred };
    this.owner = el;
    this.centred = isCentred(el) || saved.owner?.tagName === 'center';
    if (el.tagName === 'ol' || el.tagName === 'ul') this.list(el);
    else this.children(el, false);
    this.flush();
    this.owner = saved.owner;
    this.centred = saved.centred;
  }

  private list(el: Element): void {
    const ordered = el.tagName === 'ol';
    let n = Number.parseInt(prop(el, 'start'), 10);
    if (!Number.isFinite(n)) n = 1;
    for (const child of el.children) {
      if (isElement(child) && child.tagName === 'li') {
        if (ordered && !/none/i.test(prop(el, 'style') + prop(el, 'type'))) {
          this.flush();
          this.text({ type: 'text', value: `${n++}. ` }, true);
          this.children(child, false);
          this.flush();
        } else this.block(child);
      } else this.node(child, false);
    }
  }

  children(el: Element | Root, bold: boolean): void {
    for (const child of el.children) this.node(child, bold);
  }

  private node(node: RootContent | ElementContent, bold: boolean): void {
    if (node.type === 'text') {
      this.text(node, bold);
      return;
    }
    if (!isElement(node)) return;
    const tag = node.tagName;
    if (tag === 'br') {
      // A <br> ends the current line, even an empty one (two in a row leave a blank line: a paragraph break).
      if (this.lines.length === 0) this.lines.push({ texts: [], bold: true, visible: false });
      this.lines.push({ texts: [], bold: true, visible: false });
      return;
    }
    if (tag === 'img') {
      this.image(node);
      return;
    }
    if (isChromeBox(node, this.ctx.stats)) return;
    if (tag === 'table') {
      this.table(node);
      return;
    }
    if (tag === 'hr') {
      this.flush();
      return;
    }
    if (BLOCK.has(tag)) {
      this.block(node);
      return;
    }
    this.children(node, bold || isBold(node));
  }

  private image(img: Element): void {
    const src = prop(img, 'src');
    const alt = clean(prop(img, 'alt'));
    const width = Number.parseInt(prop(img, 'width'), 10);
    const height = Number.parseInt(prop(img, 'height'), 10);
    if ((Number.isFinite(width) && width < 60) || (Number.isFinite(height) && height < 40)) return;
    if (/icon|logo|share|print|close|wechat|weixin|qrcode|erweima|ewm|spacer|blank|arrow|bullet|btn|button|dot\.|line\./i.test(`${src} ${prop(img, 'className')}`)) return;
    this.flush();
    const name = src.startsWith('data:') ? '' : decodeName(src.split(/[?#]/)[0].split('/').pop() ?? '');
    const description = alt || name || undefined;
    this.ctx.blocks.push(description ? { kind: 'unreadable', what: 'image', description } : { kind: 'unreadable', what: 'image' });
  }

  private table(table: Element): void {
    this.flush();
    if (isLayoutTable(table, this.ctx.stats)) {
      for (const tr of ownRows(table)) for (const td of ownCells(tr)) this.block(td);
      return;
    }
    for (const child of table.children) if (isElement(child) && child.tagName === 'caption') this.block(child);
    const { rows, notes } = readTable(table);
    const hasText = rows.some((row) => row.some((c) => c.text !== ''));
    if (!hasText && hasImage(table)) {
      this.ctx.blocks.push({ kind: 'unreadable', what: 'image', description: 'table' });
      return;
    }
    if (rows.length === 0) return;
    const index = this.ctx.blocks.length;
    this.ctx.blocks.push({ kind: 'table', rows });
    for (const message of notes) this.ctx.notes.push({ block: index, message });
  }

  end(): void {
    this.flush();
  }
}

function hasImage(el: Element): boolean {
  return el.children.some((c) => isElement(c) && (c.tagName === 'img' || hasImage(c)));
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Joins lines; a space where two figures would otherwise run together. */
function joinLines(lines: string[], separator: string): string {
  let out = '';
  for (const line of lines) {
    if (line === '') continue;
    if (out === '') out = line;
    else out += separator === '' && /[0-9０-９]$/.test(out) && /^[0-9０-９]/.test(line) ? ` ${line}` : separator + line;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

function findTitle(root: Root, body: Element | Root): { pageTitle?: string; h1?: Element } {
  let pageTitle: string | undefined;
  let h1: Element | undefined;
  const stack: (Root | Element)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (!isElement(child)) continue;
      if (child.tagName === 'title' && pageTitle === undefined) pageTitle = clean(toText(child));
      if (child.tagName === 'h1' && h1 === undefined && /报告/.test(toText(child))) h1 = child;
      stack.push(child);
    }
  }
  void body;
  return { pageTitle, h1 };
}

function titleFromPage(title: string): string {
  const parts = title.split(/\s*(?:[_|｜]|[-—–]+)\s*/).filter((p) => p !== '');
  return parts.find((p) => /报告/.test(p)) ?? parts[0] ?? title;
}

function contains(ancestor: Element | Root, node: Element): boolean {
  if (ancestor === node) return true;
  return ancestor.children.some((c) => isElement(c) && contains(c, node));
}

function readTree(root: Root): ReadResult {
  const { pageTitle, h1 } = findTitle(root, root);
  prune(root, false);
  const body = findBody(root);
  const stats = new Map<Element, Stats>();
  measure(body, stats, false);
  const content = findContent(body, stats);

  const ctx: Context = { blocks: [], notes: [], stats };
  const walker = new Walker(ctx);
  if (content.type === 'element' && content !== body) walker.block(content);
  else walker.children(content, false);
  walker.end();

  const h1Text = h1 ? clean(toText(h1)) : undefined;
  // The page's <h1> title often sits above the content box, beside the metadata: it heads the report all the same.
  if (h1 && h1Text && content.type === 'element' && !contains(content, h1)) {
    const first = ctx.blocks[0];
    if (!(first && first.kind === 'heading' && clean(first.text) === h1Text)) {
      ctx.blocks.unshift({ kind: 'heading', text: h1Text, depth: 1 });
      for (const note of ctx.notes) if (note.block !== undefined) note.block++;
    }
  }
  if (ctx.blocks.length === 0) return fail(MESSAGES.noContent);

  const firstHeading = ctx.blocks.find((b) => b.kind === 'heading' && b.depth === 1);
  const title = h1Text ?? (firstHeading?.kind === 'heading' ? firstHeading.text : undefined) ?? (pageTitle ? titleFromPage(pageTitle) : undefined);
  return title ? { format: 'html', blocks: ctx.blocks, notes: ctx.notes, title } : { format: 'html', blocks: ctx.blocks, notes: ctx.notes };
}
