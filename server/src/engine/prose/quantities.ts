// Figures in the report's text: "共收到申请153件", "4.13万余条", "占0.45%", "一百二十三人次".
// Read from paragraphs and list items only (never tables, headings or front matter), with the sentence,
// clause and words before each, so that checks can tell which table figure a number names.
import Big from 'big.js';
import { isComment, type ReportModel } from '../model/report.js';
import type { Decimal } from '../numbers.js';
import { toSimplified } from '../text.js';

export interface Quantity {
  value: Decimal;
  /** Written as approximate (余, 多, 近, 约, 左右, 以上, or to the 万/亿). */
  approx: boolean;
  /** 件, 条, 次, 人, 名, 人次, 个, 篇, 期, 场, 项, 份, 万元, 元 or %. */
  unit: string;
  /** Document offsets of the figure, its unit included. */
  start: number;
  end: number;
  /** The figure as written, unit included. */
  text: string;
  /** The sentence it is in (split at 。；！？ and line breaks). */
  sentenceStart: number;
  sentenceEnd: number;
  /** The words before it in its clause (after the previous figure there), Simplified, without spaces. */
  context: string;
  /** Document offsets of the digits (or the Chinese numeral) alone. */
  numberStart: number;
  numberEnd: number;
  /** Digits after the decimal point as written. */
  decimals: number;
  /** Written with thousands separators. */
  grouped: boolean;
  /** The full sentence (split at 。！？ and line breaks only; a breakdown runs over ；). */
  periodStart: number;
  periodEnd: number;
  clauseStart: number;
  /** Bracket depth at the figure. */
  depth: number;
  /** Index of its block in ProseText.blocks, and its own index in ProseText.quantities. */
  block: number;
  index: number;
}

export interface ProseBlock {
  index: number;
  start: number;
  end: number;
  /** The block's text folded for reading: full-width forms to ASCII, Traditional to Simplified, quotes unified; same length. */
  norm: string;
  /** A heading, table or other block lies between this block and the previous prose block. */
  afterBreak: boolean;
  /** Indexes of its quantities in ProseText.quantities. */
  first: number;
  count: number;
  /** What the checks keep of this paragraph from one reading to the next. */
  memo: BlockMemo;
}

export interface ProseText {
  blocks: ProseBlock[];
  quantities: Quantity[];
}

// ── Folding: one UTF-16 unit to one, so offsets carry over ──────────────────────────────────────────────

/** UTF-16 unit → folded unit; 0 where not yet known (each unit is looked up on first sight: filling the table's
 * 65,536 units at once cost a one-report check 2–3 ms). */
const FOLD = new Uint16Array(0x10000);
for (let c = 0xff01; c <= 0xff5e; c++) FOLD[c] = c - 0xfee0;
FOLD[0x3000] = FOLD[0xa0] = 0x20;
for (const c of [0x201c, 0x201d, 0x201e, 0x201f, 0x301d, 0x301e]) FOLD[c] = 0x22;
FOLD[0x2018] = FOLD[0x2019] = 0x27;

function lookUp(c: number): number {
  // only CJK characters fold to another script's form
  if (c < 0x3400 || c >= 0xa000) return (FOLD[c] = c);
  const s = toSimplified(String.fromCharCode(c));
  const m = s.length === 1 ? s.charCodeAt(0) : c;
  FOLD[c] = m;
  return m;
}

const decoder = new TextDecoder('utf-16le');
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The folded units of the text being folded: one buffer for every paragraph rather than one each (a paragraph is
 * folded before the next, and nothing fold calls folds). Texts longer than SCRATCH_MAX get their own, not kept.
 */
let scratch = new Uint16Array(1024);
const SCRATCH_MAX = 1 << 16;

/** Full-width forms to ASCII, Traditional to Simplified (character by character), quotes unified; same length. */
export function fold(text: string): string {
  const n = text.length;
  if (n > SCRATCH_MAX) return foldUnits(text, new Uint16Array(n));
  if (scratch.length < n) scratch = new Uint16Array(Math.min(SCRATCH_MAX, Math.max(n, 2 * scratch.length)));
  return foldUnits(text, scratch.subarray(0, n));
}

/** `text` folded into `out` (as long as it), as a string. */
function foldUnits(text: string, out: Uint16Array): string {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    out[i] = FOLD[c] || (c === 0 ? 0 : lookUp(c));
  }
  if (littleEndian) return decoder.decode(out);
  let s = '';
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...out.subarray(i, Math.min(n, i + 8192)));
  return s;
}

/** Folded and without whitespace: how contexts and labels are compared. */
export function simplify(text: string): string {
  return fold(text).replace(/\s+/g, '');
}

// ── Numbers ─────────────────────────────────────────────────────────────────────────────────────────────

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一百二十三 → 123, 两千 → 2000, 十二 → 12, 三万五千 → 35000; undefined when malformed. */
export function chineseNumber(text: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of text) {
    if (ch in CN_DIGIT) {
      if (digit >= 0 && digit !== 0 && CN_DIGIT[ch] !== 0) return undefined; // 一二 is not a number
      digit = CN_DIGIT[ch];
    } else if (ch in CN_UNIT) {
      section += (digit < 0 ? 1 : digit) * CN_UNIT[ch];
      digit = -1;
    } else if (ch === '万' || ch === '亿') {
      const scale = ch === '万' ? 1e4 : 1e8;
      section += Math.max(digit, 0);
      if (ch === '亿') { total = (total + section) * scale; }
      else total += section * scale;
      section = 0;
      digit = -1;
    } else return undefined;
  }
  return total + section + Math.max(digit, 0);
}

const UNITS: Array<[string, string]> = [
  ['人次', '人次'], ['万元', '万元'], ['件', '件'], ['条', '条'], ['次', '次'], ['人', '人'], ['名', '名'], ['个', '个'],
  ['篇', '篇'], ['期', '期'], ['场', '场'], ['项', '项'], ['份', '份'], ['元', '元'], ['%', '%'],
];
const UNIT_FIRST = new Set(UNITS.map(([u]) => u[0]));
const UNIT_START = new Set([...UNIT_FIRST, '余', '多', '来']);
// On folded text: ASCII digits, Simplified characters. A Chinese numeral is a figure only before a unit (or 余, 多,
// 来): the others (一是, 统一, 进一步 — most of them) are not matched at all. (A run of numeral characters not followed
// by one, matched shorter before its 万, is a 万 without 元 after it: no figure either way.)
const NUMBER = new RegExp(String.raw`\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万亿]*(?=[${[...UNIT_START].join('')}])`, 'g');
/** A unit followed by these is another word (人民, 条例, 期间, 项目 …). */
const NOT_AFTER: Record<string, RegExp> = {
  人: /^[民员大]/, 条: /^[例款件]/, 期: /^[间限刊]/, 名: /^[单称义]/, 项: /^目/, 场: /^所/, 份: /^额/, 次: /^[性数]/,
  个: /^百分点/, 元: /^\s*\//, 万元: /^\s*\//, 件: /^事/,
};
const APPROX_BEFORE = /(?:近|约|大约|将近|接近|超过|逾|不足|不到|大概)\s*$/;
/** Characters by code (reading a character of Chinese text as a string makes a string). */
const codes = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));
const RANGE = codes('-—–~至到');
const CN_SKIP_BEFORE = codes('第数几若每统唯同之逐单划整');
/** What may precede a range's first figure: a digit or a Chinese numeral. */
const RANGE_FROM = codes('0123456789零一二两三四五六七八九十');
/** The units by their first unit's code, longest first as in UNITS. */
const UNITS_BY_FIRST = new Map<number, Array<[string, string]>>();
for (const unit of UNITS) {
  const first = unit[0].charCodeAt(0);
  UNITS_BY_FIRST.set(first, [...(UNITS_BY_FIRST.get(first) ?? []), unit]);
}
const WAN = 0x4e07; // 万
const YI = 0x4ebf; // 亿
const YUAN = 0x5143; // 元
const YU = 0x4f59; // 余
const DUO = 0x591a; // 多
const LAI = 0x6765; // 来
const DI = 0x7b2c; // 第
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** What `[\w.]` matches. */
const isWordOrPoint = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e;

interface Scan { numberStart: number; numberEnd: number; end: number; value: Decimal; approx: boolean; unit: string; decimals: number; grouped: boolean }

/** Every figure with a unit in folded text, as offsets into it. */
function scanNumbers(norm: string): Scan[] {
  const out: Scan[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(norm); m; m = NUMBER.exec(norm)) {
    const s = m.index;
    const token = m[0];
    let i = s + token.length;
    const prev = norm.charCodeAt(s - 1); // NaN at the start
    const arabic = token.charCodeAt(0) < 0x80;
    // The figure is made once it is known to have a unit (most numbers in a report's text are dates and ordinals):
    // its digits, or a Chinese numeral's value, and what to multiply or divide it by.
    let digits: string | number;
    let times = 1;
    let divide = false;
    let approx = false;
    let decimals = 0;
    let unit: string | undefined;
    if (arabic) {
      if (isWordOrPoint(prev) || prev === DI) continue;
      if (RANGE.has(prev) && RANGE_FROM.has(norm.charCodeAt(s - 2))) continue;
      if (RANGE.has(norm.charCodeAt(i)) && isDigit(norm.charCodeAt(i + 1))) continue;
      const plain = token.includes(',') ? token.replace(/,/g, '') : token;
      digits = plain;
      const point = plain.indexOf('.');
      decimals = point >= 0 ? plain.length - point - 1 : 0;
      const mult = norm.charCodeAt(i);
      if (mult === WAN || mult === YI) {
        let j = i + 1;
        const infix = norm.charCodeAt(j) === YU || norm.charCodeAt(j) === DUO;
        if (infix) j++;
        if (mult === WAN && norm.charCodeAt(j) === YUAN) { unit = '万元'; approx = infix; i = j + 1; }
        else { times = mult === WAN ? 1e4 : 1e8; approx = true; i = j; }
      }
      if (!unit) for (let c = norm.charCodeAt(i); c === 0x20 || c === 0x09; c = norm.charCodeAt(i)) i++;
    } else {
      // Most Chinese numerals are words (一是, 十九大): NUMBER matches only one followed by a unit.
      if (CN_SKIP_BEFORE.has(prev)) continue;
      const n = chineseNumber(token);
      if (n === undefined) continue;
      digits = n;
      // 两万人 is written to the 万; 三万五千人 is exact; 七万元 is 7 万元.
      const last = token.charCodeAt(token.length - 1);
      if (last === WAN && norm.charCodeAt(i) === YUAN) { unit = '万元'; divide = true; i++; }
      else if (last === WAN || last === YI) approx = true;
    }
    if (!unit) {
      const next = norm.charCodeAt(i);
      if (next === YU || next === DUO || next === LAI) { approx = true; i++; }
      const candidates = UNITS_BY_FIRST.get(norm.charCodeAt(i));
      if (candidates) {
        for (const [written, name] of candidates) {
          if (norm.startsWith(written, i)) { unit = name; i += written.length; break; }
        }
      }
      if (!unit) continue;
    }
    const notAfter = NOT_AFTER[unit];
    if (notAfter?.test(norm.slice(i, i + 4))) continue;
    // after the unit, 余, 多, 左右 or 以上 make a figure approximate too
    const following = norm.charCodeAt(i);
    if (following === YU || following === DUO || norm.startsWith('左右', i) || norm.startsWith('以上', i)) approx = true;
    if (APPROX_BEFORE.test(norm.slice(Math.max(0, s - 4), s))) approx = true;
    let value: Decimal = new Big(digits);
    if (times !== 1) value = value.times(times);
    if (divide) value = value.div(1e4);
    out.push({ numberStart: s, numberEnd: s + token.length, end: i, value, approx, unit, decimals, grouped: token.includes(',') });
  }
  return out;
}

// ── Structure: sentences, clauses, brackets ─────────────────────────────────────────────────────────────

/** Is this text block a paragraph or a list item's paragraph (not code, not HTML)? */
function isProse(model: ReportModel, block: Extract<ReportModel['blocks'][number], { kind: 'text' }>): boolean {
  if (block.paragraph) return true;
  const head = block.text.trimStart();
  if (head.startsWith('<') || head.startsWith('```') || head.startsWith('~~~')) return false;
  const lines = model.doc.lines;
  const line = lines.position(block.start).line;
  const before = model.doc.text.slice(lines.lineStart(line), block.start);
  // A list item's first paragraph follows its marker; later ones are indented.
  return /^\s*(?:(?:[-*+]|\d{1,9}[.)])\s+)+$/.test(before) || (/^\s+$/.test(before) && before.length < 12);
}

const cache = new WeakMap<ReportModel, ProseText>();

/** The report's prose and every figure in it, read once per model. */
export function proseText(model: ReportModel): ProseText {
  let text = cache.get(model);
  if (!text) {
    text = read(model);
    cache.set(model, text);
  }
  return text;
}

/** Every figure with a unit in the report's paragraphs and list items, in document order. */
export function readQuantities(model: ReportModel): Quantity[] {
  return proseText(model).quantities;
}

/**
 * A block's reading, kept per block object: its folded text, its figures, and their structure with offsets
 * (`shaped`, absent until read with the document's text at the block's offsets), placed where the block was last
 * read: at `start`, as block `index`, the first of them numbered `first`. A block that moved moves its quantities
 * in place, as the editor moves the rest of a kept chunk (incremental.ts): an analysis's quantities are its own
 * until the next analysis of the same text.
 */
const folded = new WeakMap<object, Reading>();

interface Reading {
  text: string; norm: string; scans: Scan[];
  /** What the checks keep of the folded text (made when first asked for: most paragraphs are never asked). */
  memo?: Map<unknown, unknown>;
  shaped?: { quantities: Quantity[]; start: number; index: number; first: number; memo: Map<unknown, unknown> };
}

/** What the checks may keep of a prose block from one reading to the next (see blockMemo). */
export interface BlockMemo { readonly text: Map<unknown, unknown>; figures: Map<unknown, unknown> | undefined }

class ReadingMemo implements BlockMemo {
  figures: Map<unknown, unknown> | undefined = undefined;
  constructor(private readonly reading: Reading) {}
  get text(): Map<unknown, unknown> {
    return (this.reading.memo ??= new Map());
  }
}

/**
 * Where a check keeps what it derives from a prose block, for the next reading of the same paragraph (an
 * editor's unchanged paragraphs): `text`, for values derived from the block's folded text alone; `figures`, for
 * values derived from its text and its quantities' block-relative reading (absent when they are read anew).
 */
export function blockMemo(block: ProseBlock): BlockMemo {
  return block.memo;
}

/** A quantity of a block that moved by `by`: its offsets, block and index where the block now is. */
function place(q: Quantity, by: number, block: number, index: number): void {
  if (by !== 0) {
    q.start += by; q.end += by; q.sentenceStart += by; q.sentenceEnd += by; q.numberStart += by; q.numberEnd += by;
    q.periodStart += by; q.periodEnd += by; q.clauseStart += by;
  }
  q.block = block;
  q.index = index;
}

function read(model: ReportModel): ProseText {
  const blocks: ProseBlock[] = [];
  const quantities: Quantity[] = [];
  const keep = model.reused === true;
  let afterBreak = true;
  for (const block of model.blocks) {
    // A comment is invisible: the paragraphs around it read on as if it were not there.
    if (isComment(block)) continue;
    if (block.kind !== 'text' || !isProse(model, block)) { afterBreak = true; continue; }
    // An editor's unchanged paragraphs are the same block objects from one analysis to the next.
    let read = folded.get(block);
    if (!read || read.text !== block.text) {
      const folding = fold(block.text);
      read = { text: block.text, norm: folding, scans: scanNumbers(folding) };
      if (keep) folded.set(block, read);
    }
    const norm = read.norm;
    const index = blocks.length;
    const prose: ProseBlock = { index, start: block.start, end: block.end, norm, afterBreak, first: quantities.length, count: 0, memo: new ReadingMemo(read) };
    afterBreak = false;
    blocks.push(prose);
    const scans = read.scans;
    if (scans.length === 0) continue;
    // The structure depends on the block's text alone (the figures' text is the document's at the block, checked
    // once: a block object is kept only with its chunk's text, wherever that chunk moves).
    if (!read.shaped) {
      structure(model, prose, scans, quantities);
      if (keep && model.doc.text.startsWith(block.text, block.start)) {
        read.shaped = { quantities: quantities.slice(prose.first), start: block.start, index, first: prose.first, memo: new Map() };
      }
    } else {
      // Where they were last time (a paragraph before the edit): as they are.
      const shaped = read.shaped;
      if (shaped.start !== block.start || shaped.index !== index || shaped.first !== prose.first) {
        const by = block.start - shaped.start;
        shaped.quantities.forEach((q, i) => place(q, by, index, prose.first + i));
        shaped.start = block.start;
        shaped.index = index;
        shaped.first = prose.first;
      }
      for (const q of shaped.quantities) quantities.push(q);
      prose.memo.figures = shaped.memo;
    }
    prose.count = quantities.length - prose.first;
  }
  return { blocks, quantities };
}

/** The punctuation that ends a period, a sentence or a clause, or opens or closes brackets (in folded text), by code. */
const MARKS = new Uint8Array(0x3010);
for (const c of '。!?\n\r;,、:()《》') MARKS[c.charCodeAt(0)] = 1;
const [PERIOD, BANG, QUERY, LF, CR, SEMICOLON, OPEN, CLOSE, BOOK_OPEN, BOOK_CLOSE, HAO] = [...'。!?\n\r;()《》号'].map((c) => c.charCodeAt(0));
/** Whitespace as `\s` matches it (in folded text, where U+3000 and U+00A0 are already spaces). */
const SPACE = /\s/;

/**
 * One pass over the block's punctuation, merged with its figures: where each figure's sentence and clause
 * start and end, and its bracket depth.
 */
function structure(model: ReportModel, block: ProseBlock, scans: Scan[], out: Quantity[]): void {
  const { norm } = block;
  const base = block.start;
  const raw = model.doc.text;
  // Punctuation outside the figures (a thousands separator is not a clause break).
  const marks: number[] = [];
  let s = 0;
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    if (c >= MARKS.length || MARKS[c] === 0) continue;
    while (s < scans.length && scans[s].end <= i) s++;
    if (s < scans.length && scans[s].numberStart <= i) continue;
    marks.push(i);
  }
  // Brackets whose content ends with 号 hold document numbers: （潭政办发〔2016〕42号）.
  let docNumber: Array<[number, number]> | undefined;
  const stack: number[] = [];
  for (const i of marks) {
    const c = norm.charCodeAt(i);
    if (c === OPEN) stack.push(i);
    else if (c === CLOSE && stack.length) {
      const open = stack.pop()!;
      let j = i - 1;
      while (j >= open && j >= i - 3 && SPACE.test(norm[j])) j--;
      if (j >= open && j >= i - 3 && norm.charCodeAt(j) === HAO) (docNumber ??= []).push([open, i]);
    }
  }
  const first = out.length;
  let periodStart = 0;
  let segmentStart = 0;
  let clauseStart = 0;
  let depth = 0;
  let book = 0;
  let lastEnd = 0;
  // The figures whose period, and whose sentence, is still open: out[openPeriods …] and out[openSegments …].
  let openPeriods = first;
  let openSegments = first;
  let k = 0;
  for (let j = 0; j <= marks.length; j++) {
    const i = j < marks.length ? marks[j] : norm.length;
    // Figures before this mark take the structure as it stands.
    for (; k < scans.length && scans[k].numberStart < i; k++) {
      const scan = scans[k];
      const from = Math.max(clauseStart, lastEnd);
      lastEnd = scan.end;
      const at = scan.numberStart;
      if (book > 0 || docNumber?.some(([a, b]) => a < at && at < b)) continue;
      const context = norm.slice(from, at);
      const q: Quantity = {
        value: scan.value, approx: scan.approx, unit: scan.unit,
        start: base + at, end: base + scan.end, text: raw.slice(base + at, base + scan.end),
        sentenceStart: base + segmentStart, sentenceEnd: -1,
        context: SPACE.test(context) ? context.replace(/\s+/g, '') : context,
        numberStart: base + at, numberEnd: base + scan.numberEnd, decimals: scan.decimals, grouped: scan.grouped,
        periodStart: base + periodStart, periodEnd: -1, clauseStart: base + from, depth, block: block.index, index: out.length,
      };
      out.push(q);
    }
    if (j === marks.length || (k >= scans.length && openPeriods === out.length)) break;
    const c = norm.charCodeAt(i);
    if (c === PERIOD || c === BANG || c === QUERY || c === LF || c === CR) {
      for (let q = openPeriods; q < out.length; q++) out[q].periodEnd = base + i;
      for (let q = openSegments; q < out.length; q++) out[q].sentenceEnd = base + i;
      openPeriods = openSegments = out.length;
      periodStart = segmentStart = clauseStart = i + 1;
      depth = 0;
      book = 0;
    } else if (c === SEMICOLON) {
      for (let q = openSegments; q < out.length; q++) out[q].sentenceEnd = base + i;
      openSegments = out.length;
      segmentStart = clauseStart = i + 1;
    } else {
      clauseStart = i + 1;
      if (c === OPEN) depth++;
      else if (c === CLOSE) depth = Math.max(0, depth - 1);
      else if (c === BOOK_OPEN) book++;
      else if (c === BOOK_CLOSE) book = Math.max(0, book - 1);
    }
  }
  // Sentences that run to the end of the block.
  for (let j = first; j < out.length; j++) {
    if (out[j].periodEnd < 0) out[j].periodEnd = base + norm.length;
    if (out[j].sentenceEnd < 0) out[j].sentenceEnd = base + norm.length;
  }
}
