// Text normalisation shared by every stage: script conversion, widths, enumerators, numerals.
import * as OpenCC from 'opencc-js/t2cn';

type Dicts = string | string[][] | Array<string | string[][]>;
interface Config { normalizationChain?: Dicts[][]; segmentation?: Dicts[]; conversionChain: Dicts[][] }
type Trie = InstanceType<typeof OpenCC.Trie>;

/**
 * OpenCC's converters for two of its configurations, as OpenCC.Converter makes them (normalisation, then
 * segmentation, then the conversion chain on each segment), with the tries of the same dictionaries built once: the two
 * conversions share all but one (building the tries is most of OpenCC's cost at start-up).
 */
function converters(...configs: Config[]): Array<(s: string) => string> {
  const ids = new Map<unknown, number>();
  const tries = new Map<string, Trie>();
  const trieOf = (group: Dicts[], single = false): Trie => {
    const key = (single ? 's' : 'g') + group.map((d) => ids.get(d) ?? (ids.set(d, ids.size), ids.size - 1)).join(',');
    let trie = tries.get(key);
    if (!trie) {
      trie = new OpenCC.Trie();
      if (single) trie.loadDict(group as unknown as Parameters<Trie['loadDict']>[0]);
      else trie.loadDictGroup(group as Parameters<Trie['loadDictGroup']>[0]);
      tries.set(key, trie);
    }
    return trie;
  };
  return configs.map((config) => {
    const seg = config.segmentation;
    // OpenCC.Converter: a segmentation that is a list of dictionaries is a group, else one dictionary
    const segmenter = seg ? (Array.isArray(seg) && seg.every((d) => typeof d === 'string') ? trieOf(seg) : trieOf(seg as Dicts[], true)) : undefined;
    const stages = config.conversionChain.map((group) => trieOf(group));
    const normalisers = (config.normalizationChain ?? []).map((group) => trieOf(group));
    const convert = (text: string) => {
      const segments = segmenter ? segmenter.segment(text) : [text];
      return stages.reduce((parts, trie) => parts.map((part: string) => trie.convert(part)), segments as string[]).join('');
    };
    return normalisers.length ? (text: string) => convert(normalisers.reduce((t, trie) => trie.convert(t), text)) : convert;
  });
}

let built: Array<(s: string) => string> | undefined;
/** Built on first use. tw → cn: characters; twp → cn: Taiwan phrasing too (資訊 → 信息), which reports run through a
 * zh-TW converter carry; it also rewrites some words (查詢 → 查找), so labels are matched by either reading. */
const t2cn = () => (built ??= converters(OpenCC.Locale.configs.tw2s as Config, OpenCC.Locale.configs.tw2sp as Config));
const characters = (text: string) => t2cn()[0](text);
const phrases = (text: string) => t2cn()[1](text);

function cached(convert: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const converted = convert(text);
    if (cache.size > 50_000) cache.clear();
    cache.set(text, converted);
    return converted;
  };
}

/** Traditional → Simplified, character by character (OpenCC), cached: labels repeat across reports. */
export const toSimplified = cached(characters);
const toSimplifiedPhrases = cached(phrases);

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
export interface LabelKey { full: string; core: string; /** The same keys read with Taiwan phrasing. */ phrased?: LabelKey }

const keyCache = new Map<string, LabelKey>();
export function labelKey(text: string): LabelKey {
  let key = keyCache.get(text);
  if (key) return key;
  key = keyOf(canonical(stripEnumerator(text.normalize('NFKC'))));
  const phrased = toSimplifiedPhrases(text);
  if (phrased !== toSimplified(text)) key.phrased = keyOf(canonical(stripEnumerator(phrased.normalize('NFKC'))));
  if (keyCache.size > 50_000) keyCache.clear();
  keyCache.set(text, key);
  return key;
}

function keyOf(body: string): LabelKey {
  const full = body.replace(/[^\p{L}\p{N}]/gu, '');
  const core = body.replace(/\([^)]*\)/g, '').replace(/[^\p{L}\p{N}]/gu, '');
  return { full, core: core || full };
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
