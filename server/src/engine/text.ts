// Text normalisation shared by every stage: script conversion, widths, enumerators, numerals.
import * as OpenCC from 'opencc-js/t2cn';
import { CHARACTERS, PHRASES, type TriggerData } from './script-triggers.js';

type Dicts = string | string[][] | Array<string | string[][]>;
interface Config { normalizationChain?: Dicts[][]; segmentation?: Dicts[]; conversionChain: Dicts[][] }

/** The entries of one dictionary whose key begins with one code point, as [key, value] pairs in their order. */
type Entries = Array<[string, string]>;

/**
 * A dictionary as OpenCC's Trie reads it (the longest key at each place, by code points; in a group the first
 * dictionary wins, in one dictionary the last entry), read one first code point at a time, when a text holds it:
 * OpenCC's dictionaries are sorted by their keys' first code points (a test holds them to it), so the entries of one
 * are found by binary search in the dictionary's text. Building the whole dictionary at once cost a one-report check
 * about a tenth of its time, though a report's labels hold a few hundred of its thousands of keys.
 */
class Lexicon {
  /** For each first code point met: its keys and values, and the longest key's length; null when it has none. */
  private readonly buckets = new Map<number, { words: Map<string, string>; longest: number } | null>();

  constructor(private readonly dicts: Dicts[]) {}

  private bucket(first: number): { words: Map<string, string>; longest: number } | null {
    let bucket = this.buckets.get(first);
    if (bucket === undefined) {
      bucket = null;
      for (let d = this.dicts.length - 1; d >= 0; d--) {
        for (const [key, value] of entriesOf(this.dicts[d], first)) {
          if (!key) continue; // OpenCC's Trie never matches an empty key
          bucket ??= { words: new Map(), longest: 0 };
          bucket.words.set(key, value);
          if (bucket.longest < key.length) bucket.longest = key.length;
        }
      }
      this.buckets.set(first, bucket);
    }
    return bucket;
  }

  /** The longest key at `i` (its end and value), as Trie.matchPrefix. */
  private match(s: string, i: number): { end: number; value: string } | undefined {
    const bucket = this.bucket(s.codePointAt(i)!);
    if (bucket === null) return undefined;
    for (let end = Math.min(s.length, i + bucket.longest); end > i; end--) {
      const value = bucket.words.get(s.slice(i, end));
      if (value !== undefined) return { end, value };
    }
    return undefined;
  }

  /** Trie.segment: the matched keys, and the runs between them. */
  segment(s: string): string[] {
    const out: string[] = [];
    let from = -1;
    for (let i = 0; i < s.length;) {
      const m = this.match(s, i);
      if (m) {
        if (from >= 0) { out.push(s.slice(from, i)); from = -1; }
        out.push(s.slice(i, m.end));
        i = m.end;
      } else {
        if (from < 0) from = i;
        i += unmatchedLength(s, i);
      }
    }
    if (from >= 0) out.push(s.slice(from));
    return out;
  }

  /** Trie.convert. */
  convert(s: string): string {
    let out = '';
    let from = -1;
    for (let i = 0; i < s.length;) {
      const m = this.match(s, i);
      if (m) {
        if (from >= 0) { out += s.slice(from, i); from = -1; }
        out += m.value;
        i = m.end;
      } else {
        if (from < 0) from = i;
        i += unmatchedLength(s, i);
      }
    }
    return from >= 0 ? out + s.slice(from) : out;
  }
}

/** A dictionary's entries whose key begins with `first` (OpenCC's own dictionaries are text: a test holds them to it). */
function entriesOf(dict: Dicts, first: number): Entries {
  if (typeof dict !== 'string') throw new TypeError('opencc: a dictionary given as pairs');
  // the first entry whose key's first code point is not below `first`: binary search over the entries' starts
  let lo = 0;
  let hi = dict.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = dict.lastIndexOf('|', mid - 1) + 1; // the entry holding mid - 1, or beginning at mid
    if ((dict.codePointAt(start) ?? Infinity) < first) {
      const bar = dict.indexOf('|', mid);
      lo = bar < 0 ? dict.length : bar + 1;
    } else hi = start;
  }
  const out: Entries = [];
  for (let at = lo; at < dict.length && dict.codePointAt(at) === first;) {
    const bar = dict.indexOf('|', at);
    const line = dict.slice(at, bar < 0 ? dict.length : bar);
    const [key, value] = line.split(' ');
    if (typeof value !== 'string') throw new TypeError(`opencc: invalid dictionary entry "${line}"`);
    out.push([key, value]);
    at = bar < 0 ? dict.length : bar + 1;
  }
  return out;
}
const codePointLength = (s: string, i: number) => (s.codePointAt(i)! > 0xffff ? 2 : 1);

function idsArity(cp: number): number {
  if (cp >= 0x2ff0 && cp <= 0x2ff1) return 2;
  if (cp >= 0x2ff2 && cp <= 0x2ff3) return 3;
  if (cp >= 0x2ff4 && cp <= 0x2fff) return 2;
  return 0;
}

/** The end of an ideographic description sequence at `i`, 0 when there is none (OpenCC skips one whole). */
function idsEnd(s: string, i: number): number {
  const arity = idsArity(s.codePointAt(i)!);
  if (arity === 0) return 0;
  let end = i + codePointLength(s, i);
  for (let n = 0; n < arity; n++) {
    if (end >= s.length) return 0;
    end = idsEnd(s, end) || end + codePointLength(s, end);
  }
  return end;
}

function unmatchedLength(s: string, i: number): number {
  const end = idsEnd(s, i);
  return end > i ? end - i : codePointLength(s, i);
}

/**
 * OpenCC's converters for two of its configurations, as OpenCC.Converter makes them (normalisation, then
 * segmentation, then the conversion chain on each segment), each dictionary group read once, on the first
 * conversion that needs it: the two conversions share all but one.
 */
function converters(...configs: Config[]): Array<(s: string) => string> {
  const ids = new Map<unknown, number>();
  const lexicons = new Map<string, Lexicon>();
  const lexiconOf = (group: Dicts[], single = false): (() => Lexicon) => {
    const key = (single ? 's' : 'g') + group.map((d) => ids.get(d) ?? (ids.set(d, ids.size), ids.size - 1)).join(',');
    return () => {
      let lexicon = lexicons.get(key);
      if (!lexicon) lexicons.set(key, (lexicon = new Lexicon(single ? [group as unknown as Dicts] : group)));
      return lexicon;
    };
  };
  return configs.map((config) => {
    const seg = config.segmentation;
    // OpenCC.Converter: a segmentation that is a list of dictionaries is a group, else one dictionary
    const segmenter = seg ? (Array.isArray(seg) && seg.every((d) => typeof d === 'string') ? lexiconOf(seg) : lexiconOf(seg as Dicts[], true)) : undefined;
    const stages = config.conversionChain.map((group) => lexiconOf(group));
    const normalisers = (config.normalizationChain ?? []).map((group) => lexiconOf(group));
    const convert = (text: string) => {
      const segments = segmenter ? segmenter().segment(text) : [text];
      return stages.reduce((parts, stage) => { const lexicon = stage(); return parts.map((part) => lexicon.convert(part)); }, segments).join('');
    };
    return normalisers.length ? (text: string) => convert(normalisers.reduce((t, stage) => stage().convert(t), text)) : convert;
  });
}

let built: Array<(s: string) => string> | undefined;
/** Built on first use. tw → cn: characters; twp → cn: Taiwan phrasing too (資訊 → 信息), which reports run through a
 * zh-TW converter carry; it also rewrites some words (查詢 → 查找), so labels are matched by either reading. */
const t2cn = () => (built ??= converters(OpenCC.Locale.configs.tw2s as Config, OpenCC.Locale.configs.tw2sp as Config));
/** A trigger read for testing: the bitmaps as byte strings, the pairs as a set. */
interface Trigger { unsafe: string; unsafeAstral: string; pairFirsts: string; pairs: Set<string> }
const triggers: Array<Trigger | undefined> = [];
const triggerOf = (which: 0 | 1): Trigger => (triggers[which] ??= ((data: TriggerData) => ({
  unsafe: atob(data.unsafe), unsafeAstral: data.unsafeAstral, pairFirsts: atob(data.pairFirsts), pairs: new Set(data.pairs.split('|')),
}))(which === 0 ? CHARACTERS : PHRASES));

/**
 * Whether a conversion can change the text at all: scripts/opencc-triggers.mjs derives, from the dictionaries, the
 * code points and the pairs of code points without which a text is its own conversion, exactly. Most Simplified text
 * holds none, and is then left as it is without building the dictionaries.
 */
function changes(which: 0 | 1, text: string): boolean {
  const t = triggerOf(which);
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (width === 2 ? t.unsafeAstral.includes(text.slice(i, i + 2)) : t.unsafe.charCodeAt(cp >> 3) & (1 << (cp & 7))) return true;
    if (width === 2 || t.pairFirsts.charCodeAt(cp >> 3) & (1 << (cp & 7))) {
      const next = i + width;
      if (next < text.length && t.pairs.has(text.slice(i, next + (text.codePointAt(next)! > 0xffff ? 2 : 1)))) return true;
    }
    i += width - 1;
  }
  return false;
}
/** Whether the Traditional → Simplified conversions could change the text (when not, the dictionaries are not read). */
export const scriptMayChange = (text: string) => changes(0, text) || changes(1, text);
const characters = (text: string) => (changes(0, text) ? t2cn()[0](text) : text);
const phrases = (text: string) => (changes(1, text) ? t2cn()[1](text) : text);

/**
 * The string as a string of its own. A substring V8 makes of a longer string (13 characters or more) points into
 * it: a cache that kept such a label as it came would keep the whole report's text alive for as long.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : JSON.parse(JSON.stringify(text)) as string;
}

function cached(convert: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const converted = convert(text);
    if (cache.size > 50_000) cache.clear();
    const key = ownCopy(text);
    const value = converted === text ? key : ownCopy(converted);
    cache.set(key, value);
    return value;
  };
}

/** Traditional → Simplified, character by character (OpenCC), cached: labels repeat across reports. */
export const toSimplified = cached(characters);
/** The same with Taiwan phrasing read as mainland phrasing (資訊 → 信息). */
export const toSimplifiedPhrases = cached(phrases);

const canonicalCache = new Map<string, string>();

/** Full-width forms to ASCII (NFKC), Simplified script, curly quotes unified, whitespace removed. */
export function canonical(text: string): string {
  // Labels and titles repeat within and across reports; paragraphs rarely do.
  if (text.length > 80) return canonicalOf(text);
  let hit = canonicalCache.get(text);
  if (hit === undefined) {
    hit = canonicalOf(text);
    if (canonicalCache.size > 50_000) canonicalCache.clear();
    canonicalCache.set(text, hit);
  }
  return hit;
}

function canonicalOf(text: string): string {
  return toSimplified(text.normalize('NFKC'))
    .replace(/[“”„‟〝〞＂]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[【〔［]/g, '[')
    .replace(/[】〕］]/g, ']')
    .replace(/\s+/g, '');
}

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** 一 → 1, 十二 → 12, 二十 → 20, 九十九 → 99; undefined when not a numeral. */
export function chineseNumeral(text: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(text)) return undefined;
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch === '百') { total += (digit || 1) * 100; digit = 0; }
    else if (ch === '十') { total += (digit || 1) * 10; digit = 0; }
    else digit = CN_DIGITS[ch];
  }
  return total + digit;
}

const CN_ORDINALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → 一, 12 → 十二, 20 → 二十. */
export function toChineseNumeral(n: number): string {
  if (n <= 10) return CN_ORDINALS[n] ?? String(n);
  if (n < 20) return '十' + CN_ORDINALS[n - 10];
  if (n < 100) return CN_ORDINALS[Math.floor(n / 10)] + '十' + (n % 10 ? CN_ORDINALS[n % 10] : '');
  return String(n);
}

/** Enumerator styles, outermost first: 一、 > （一） > 1、 > （1） > ①. */
export type EnumeratorStyle = 'cn' | 'cn-paren' | 'arabic' | 'arabic-paren' | 'circled';
export const STYLE_LEVEL: Record<EnumeratorStyle, number> = {
  cn: 1, 'cn-paren': 2, arabic: 3, 'arabic-paren': 4, circled: 5,
};

export interface Enumerator {
  style: EnumeratorStyle;
  value: number;
  /** Length of the enumerator in the original (un-normalised) text, delimiter included. */
  length: number;
  /** The enumerator as written, e.g. "（三）", "3、". */
  text: string;
}

const ENUMERATOR_PATTERNS: Array<[EnumeratorStyle, RegExp]> = [
  ['cn', /^\s*(?:第([零〇一二两三四五六七八九十百]+)部分[、.．:：\s]*|([零〇一二两三四五六七八九十百]+)\s*(?:、|[.．](?![\d０-９])))/],
  ['cn-paren', /^\s*[（(]\s*([零〇一二两三四五六七八九十百]+)\s*[）)][、.．]?/],
  ['arabic', /^\s*([0-9０-９]{1,3})\s*(?:、|[.．](?![0-9０-９]))/],
  ['arabic-paren', /^\s*[（(]\s*([0-9０-９]{1,3})\s*[）)][、.．]?/],
  ['circled', /^\s*([①-⑳])/],
];

/** The enumerator at the start of `text`, if any ("（三）不予公开" → cn-paren 3). */
export function leadingEnumerator(text: string): Enumerator | undefined {
  for (const [style, pattern] of ENUMERATOR_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const raw = m[1] ?? m[2];
    let value: number | undefined;
    if (style === 'circled') value = raw.codePointAt(0)! - 0x2460 + 1;
    else if (style === 'arabic' || style === 'arabic-paren') value = Number(raw.normalize('NFKC'));
    else value = chineseNumeral(raw);
    if (value === undefined) continue;
    return { style, value, length: m[0].length, text: m[0].trim() };
  }
  return undefined;
}

/** Label without its enumerator and "其中：" prefix. */
export function stripEnumerator(text: string): string {
  let rest = text.trim();
  const e = leadingEnumerator(rest);
  if (e) rest = rest.slice(e.length);
  return rest.replace(/^\s*其中\s*[:：]?\s*/, '').trim();
}

/**
 * Keys a label is matched by: `full` keeps parenthetical notes, `core` drops them.
 * Punctuation, spaces, width and script never matter.
 */
export interface LabelKey {
  full: string;
  core: string;
  /** The same keys read with Taiwan phrasing (資訊 → 信息), for a label in Traditional script only: read so, a
   * Simplified label would only gain a reading nobody wrote (规范性文件 → 规范性文档). */
  phrased?: LabelKey;
}

const keyCache = new Map<string, LabelKey>();
export function labelKey(text: string): LabelKey {
  let key = keyCache.get(text);
  if (key) return key;
  key = keyOf(canonical(stripEnumerator(text.normalize('NFKC'))));
  const simplified = toSimplified(text);
  if (simplified !== text) {
    const phrased = toSimplifiedPhrases(text);
    if (phrased !== simplified) key.phrased = keyOf(canonical(stripEnumerator(phrased.normalize('NFKC'))));
  }
  if (keyCache.size > 50_000) keyCache.clear();
  keyCache.set(ownCopy(text), key);
  return key;
}

/** Anything but a letter or a digit (one expression for all: compiling a Unicode property class costs milliseconds). */
const NOT_WORD = /[^\p{L}\p{N}]/gu;

/**
 * Whether a UTF-16 code unit is a letter or a digit (\p{L} or \p{N}) where that is known without Unicode's
 * property data: 1 or 0, and -1 for any other. Labels are nearly all ASCII, CJK ideographs and CJK punctuation, and
 * V8 builds its \p{L}\p{N} class from ICU's data the first time the expression runs (1.5 ms of a one-file check).
 * The CJK Unified Ideographs and Extension A blocks are assigned in full (since Unicode 14): all letters (Lo). The
 * punctuation listed is punctuation or a space in every Unicode version. text.test.ts holds this equal to the
 * expression over every code unit this answers for.
 */
export function knownWordUnit(c: number): 1 | 0 | -1 {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? 1 : 0;
  if (c >= 0x4e00 ? c <= 0x9fff : c >= 0x3400 && c <= 0x4dbf) return 1;
  return KNOWN_NOT_WORD.has(c) ? 0 : -1;
}
const KNOWN_NOT_WORD = new Set([...'\u3000、。〈〉《》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟“”‘’…—–·（）［］｛｝，：；！？．／＼％＋－＝＜＞'].map((c) => c.charCodeAt(0)));

/** The text's letters and digits only (`text.replace(NOT_WORD, '')`), without the expression where it can. */
function wordsOnly(text: string): string {
  let kept = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const known = knownWordUnit(text.charCodeAt(i));
    if (known === -1) return text.replace(NOT_WORD, '');
    if (known === 0) {
      kept += text.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? text : kept + text.slice(from);
}

/** Whether the character (one code point) is neither a letter nor a digit. */
function notWord(character: string): boolean {
  const known = character.length === 1 ? knownWordUnit(character.charCodeAt(0)) : -1;
  if (known !== -1) return known === 0;
  NOT_WORD.lastIndex = 0;
  return NOT_WORD.test(character);
}

/** The text without its letters and digits' surroundings: what is neither at its start and its end. */
export function trimToWords(text: string): string {
  let start = 0;
  while (start < text.length) {
    const width = text.codePointAt(start)! > 0xffff ? 2 : 1;
    if (!notWord(text.slice(start, start + width))) break;
    start += width;
  }
  let end = text.length;
  while (end > start) {
    const low = text.charCodeAt(end - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && end - 2 >= start && text.codePointAt(end - 2)! > 0xffff ? 2 : 1;
    if (!notWord(text.slice(end - width, end))) break;
    end -= width;
  }
  return text.slice(start, end);
}

/** Bodies are the same when their names are, after script, width, spacing and punctuation. */
export function organKey(organ: string): string {
  return wordsOnly(canonical(organ));
}

function keyOf(body: string): LabelKey {
  const full = wordsOnly(body);
  const core = wordsOnly(body.replace(/\([^)]*\)/g, ''));
  const own = ownCopy(full);
  return { full: own, core: core ? ownCopy(core) : own };
}

export function labelsMatch(a: LabelKey, b: LabelKey): boolean {
  if (a.full === b.full || a.core === b.core) return true;
  return (a.phrased !== undefined && labelsMatch(a.phrased, b)) || (b.phrased !== undefined && labelsMatch(a, b.phrased));
}

const PLAIN_LABEL_MARKS = /[\\*_]/;

/** A label with Markdown emphasis and escapes removed, for messages. */
export function plainLabel(text: string): string {
  if (!PLAIN_LABEL_MARKS.test(text)) return text.trim();
  return text.replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1').replace(/(\*\*|__|\*|_)(.+?)\1/g, '$2').trim();
}

/** A page's trail of links (当前位置：首页 > 政务公开 > 年报), which names the report's column, never its title. */
export function isBreadcrumb(line: string): boolean {
  const text = line.trim();
  return /^(?:当前位置|当前页面|您的位置|您当前的位置|您现在的位置|所在位置|當前位置)\s*[:：]/.test(text) || (text.match(/\s*[>›»＞]\s*/g)?.length ?? 0) >= 2;
}

/** Names in a page's box of the document's particulars (索引号, 发布机构, 发文日期 …), spaced out or not. */
const PARTICULARS = /索引号|发布机构|发文机关|发文日期|成文日期|发布日期|公开日期|生成日期|发文字号|文号|有效性|是否有效|主题分类|体裁分类|组配分类|服务对象分类|信息分类|分类|公开方式|公开形式|公开范围|公开时限|责任部门|所属机构|信息来源|公文种类|主题词|关键词/g;

/** A line of the box of particulars a government page prints above the report (索 引 号 | … | 发布机构 | …). */
export function isParticulars(line: string, least = 2): boolean {
  const text = line.replace(/[\s\u3000]+/g, '');
  if (text.length > 200) return false;
  const names = new Set(text.match(PARTICULARS) ?? []);
  return names.size >= least || names.has('索引号');
}

/**
 * A line of its own a page prints before a report's title: its trail of links, its box of particulars, or a short
 * line of words (the body's name, a date, a column's name).
 */
export function isPreambleLine(line: string): boolean {
  return (line.length <= 30 && !/[。；;！？!?，,]/.test(line)) || isPageChrome(line);
}

/** A line of the page around a report, not of the report: its trail of links or a line of its box of particulars. */
export function isPageChrome(line: string): boolean {
  return isBreadcrumb(line) || isParticulars(line, 1);
}

/**
 * A body's name without a leading label of no Chinese words that a page's viewer puts before its title
 * ("Page 8 - 威海市文登区信访局" → 威海市文登区信访局).
 */
export function withoutPageLabel(name: string): string {
  const rest = name.replace(/^[^\p{Script=Han}]*?\s*[-|_—–]+\s*/u, '');
  return rest !== name && /\p{Script=Han}{2}/u.test(rest) && /^[^\p{Script=Han}]+[-|_—–]/u.test(name.trim()) ? rest.trim() : name;
}
