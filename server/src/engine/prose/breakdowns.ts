// Breakdowns in the text (R19): "共N条，其中：A类a条，B类b条……其他c条", and lists of shares
// ("民生类159564条，占46.3%；……") whose whole was stated in an earlier sentence.
import Big from 'big.js';
import type { Decimal } from '../numbers.js';
import { isPositive, isZero, sum } from '../numbers.js';
import { blockMemo, type ProseBlock, type ProseText, type Quantity } from './quantities.js';
import { PROSE_VOCABULARY } from './vocabulary.js';
import { append } from '../lists.js';

export interface Part {
  quantity: Quantity;
  /** The share stated right after it ("，占6%"). */
  percent?: Quantity;
  /** Its name: the words before it in its clause, without the marker and connectors. */
  label: string;
}

export interface Breakdown {
  whole: Quantity;
  parts: Part[];
  /** Every part is listed (分别为 …, or the last part is 其他 / 其余). */
  exhaustive: boolean;
  /** The whole is in the same sentence as the list (else it was found by the shares). */
  sameSentence: boolean;
  /**
   * The list read with its parts' own breakdowns taken out (行政复议7件，结果维持6件，尚未审结1件: 6 and 1 are 7's),
   * where some part is followed by parts that add up to it exactly: another reading of the same words.
   */
  nested?: Part[];
  /** Document offsets of the list: the first part to the last (its share included). */
  start: number;
  end: number;
}

export type PercentMatch = 'round' | 'truncate' | 'no';

/** part ÷ whole × 100 at the precision `stated` is written to: rounded (half up), truncated, or neither. */
export function percentMatch(part: Decimal, whole: Decimal, stated: Quantity): PercentMatch {
  const fast = integerPercentMatch(part, whole, stated);
  if (fast) return fast;
  if (isZero(whole)) return 'no';
  const exact = part.times(100).div(whole);
  if (exact.round(stated.decimals, Big.roundHalfUp).eq(stated.value)) return 'round';
  if (exact.round(stated.decimals, Big.roundDown).eq(stated.value)) return 'truncate';
  return 'no';
}

/**
 * percentMatch without a division, for the usual case: whole figures, a positive whole, a share with at most 3
 * decimals, every product a safe integer. With T the share × 10^d, 100·part/whole rounds (half up) to it when
 * (2T − 1)·whole ≤ 200·10^d·part < (2T + 1)·whole, and truncates to it when T·whole ≤ 100·10^d·part < (T + 1)·whole.
 * (big.js divides to 20 decimals; a quotient of such figures is never within 10^-20 of a rounding boundary
 * without being on it, so both ways agree.) Undefined outside that case.
 */
function integerPercentMatch(part: Decimal, whole: Decimal, stated: Quantity): PercentMatch | undefined {
  const d = stated.decimals;
  if (d > 3 || !isWholeNumber(part) || !isWholeNumber(whole) || whole.s < 0 || part.s < 0 || stated.value.s < 0
    || stated.value.e >= 12) return undefined;
  const scale = 10 ** d;
  const w = Number(whole);
  const p = Number(part);
  const v = stated.value;
  if (Math.max(0, v.c.length - 1 - v.e) > d) return undefined;
  const t = Math.round(Number(v) * scale);
  if (w === 0 || !Number.isSafeInteger(t) || !Number.isSafeInteger((2 * t + 1) * w) || !Number.isSafeInteger(200 * scale * p)) return undefined;
  const p100 = 100 * scale * p;
  if ((2 * t - 1) * w <= 2 * p100 && 2 * p100 < (2 * t + 1) * w) return 'round';
  if (t * w <= p100 && p100 < (t + 1) * w) return 'truncate';
  return 'no';
}

/** A figure without decimals below 10^15 (exactly a safe integer as a Number). */
function isWholeNumber(x: Decimal): boolean {
  return x.e >= x.c.length - 1 && x.e < 15;
}

/** The words of a share before its figure: 占, then up to twelve characters of no punctuation or digit (占办结总数的). */
const SHARE_WORDS = String.raw`占[^,;。、!?\d]{0,12}`;
/** What stands between a figure and its share: "，占…". */
const SHARE = new RegExp(`^[,、(]?(?:约)?${SHARE_WORDS}$`);
/** A share's words just before its figure. */
const ENDS_WITH_SHARE_WORDS = new RegExp(`${SHARE_WORDS}$`);
/** How many earlier prose blocks a list's whole may be in, when it is not in the list's sentence. */
const LOOKBACK_BLOCKS = 2;

export function findBreakdowns(text: ProseText): Breakdown[] {
  const out: Breakdown[] = [];
  for (const block of text.blocks) {
    if (block.count < 2 || !mayBreakDown(text, block)) continue;
    const qs = text.quantities.slice(block.first, block.first + block.count);
    const shares = attachShares(block, qs);
    const unread = unreadShares(block, qs, shares);
    const used = new Set<Quantity>();
    // Lists opened by 其中 / 分别为.
    for (const marker of markersIn(block)) {
      const { parts, otherUnits } = collectParts(block, qs, marker, shares);
      if (parts.length === 0 || parts[0].quantity.unit === '%') continue;
      if (parts.some((p) => used.has(p.quantity))) continue;
      const last = parts[parts.length - 1];
      // A part in another unit (政策文件3302件 among 条) or one whose figure was not read: the list is not all read.
      const exhaustive = (marker.exhaustive || endsWithRest(block, qs, last, shares)) && !otherUnits
        && !unread.some((u) => u.start > block.start + marker.at && u.start < last.quantity.start);
      const whole = chooseWhole(text, block, qs, parts, marker.at, marker.depth, exhaustive, true);
      if (!whole) continue;
      parts.forEach((p) => used.add(p.quantity));
      const breakdown = make(whole, parts, exhaustive, block);
      const nested = withoutSubParts(parts);
      if (nested.length < parts.length) breakdown.nested = nested;
      out.push(breakdown);
    }
    // Lists of shares without a marker: the whole is found by the shares.
    for (const period of periodsOf(qs)) {
      const withShare = period.filter((q) => q.unit !== '%' && shares.has(q) && !used.has(q));
      if (withShare.length < 2) continue;
      const unit = withShare[0].unit;
      const from = withShare[0];
      const parts: Part[] = period.filter((q) => q.unit === unit && q.start >= from.start && !used.has(q) && q.depth === from.depth)
        .map((q) => ({ quantity: q, percent: shares.get(q), label: labelOf(q) }));
      if (parts.filter((p) => p.percent).length < 2) continue;
      // A share whose figure could not be read (部分公开67，占4.61%: no unit) is a part this list lacks.
      const last = parts[parts.length - 1];
      const exhaustive = endsWithRest(block, qs, last, shares) && !unread.some((u) => u.start < last.quantity.start);
      const whole = chooseWhole(text, block, qs, parts, from.start - block.start, from.depth, exhaustive, false);
      if (!whole) continue;
      parts.forEach((p) => used.add(p.quantity));
      out.push(make(whole, parts, exhaustive, block));
    }
  }
  return out;
}

const MAY_BREAK_DOWN = Symbol('mayBreakDown');

/**
 * A paragraph without 其中 / 分别为 and with fewer than two figures followed by their shares opens no breakdown
 * (kept per paragraph: a function of its text and its figures' block-relative reading).
 */
function mayBreakDown(text: ProseText, block: ProseBlock): boolean {
  if (markersIn(block).length > 0) return true;
  const memo = blockMemo(block).figures;
  let may = memo?.get(MAY_BREAK_DOWN) as boolean | undefined;
  if (may === undefined) {
    may = attachShares(block, text.quantities.slice(block.first, block.first + block.count)).size >= 2;
    memo?.set(MAY_BREAK_DOWN, may);
  }
  return may;
}

function make(whole: Quantity, parts: Part[], exhaustive: boolean, block: ProseBlock): Breakdown {
  const last = parts[parts.length - 1];
  return {
    whole, parts, exhaustive, sameSentence: whole.block === block.index && whole.periodStart === parts[0].quantity.periodStart,
    start: parts[0].quantity.start, end: (last.percent ?? last.quantity).end,
  };
}

/** Each figure followed by its share: "159564条，占46.3%". */
function attachShares(block: ProseBlock, qs: Quantity[]): Map<Quantity, Quantity> {
  const shares = new Map<Quantity, Quantity>();
  for (let i = 0; i + 1 < qs.length; i++) {
    const q = qs[i];
    const p = qs[i + 1];
    if (q.unit === '%' || p.unit !== '%' || p.periodStart !== q.periodStart || p.approx) continue;
    const between = block.norm.slice(q.end - block.start, p.numberStart - block.start).replace(/\s+/g, '');
    if (SHARE.test(between)) shares.set(q, p);
  }
  return shares;
}

/**
 * The list's last part is the rest (其他 / 其余 …), and no enumeration of its unit goes on after it in its sentence
 * (其他文件102条；…1条、4条、…: a category named 其他…, not the rest).
 */
function endsWithRest(block: ProseBlock, qs: Quantity[], last: Part, shares: Map<Quantity, Quantity>): boolean {
  const q = last.quantity;
  return startsWithRest(last.label) && !qs.some((x) => x.start > q.end && x.periodStart === q.periodStart && x.unit === q.unit
    && x.depth === q.depth && separatorAfter(block, x, shares) === '、');
}

/**
 * The list without the parts that break down a part before them (行政复议7件，结果维持6件，尚未审结1件；…): those
 * right after a part that add up to it exactly.
 */
function withoutSubParts(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (let i = 0; i < parts.length; i++) {
    out.push(parts[i]);
    let total = new Big(0);
    for (let j = i + 1; j < parts.length; j++) {
      total = total.plus(parts[j].quantity.value);
      if (j >= i + 2 && total.eq(parts[i].quantity.value)) { i = j; break; }
      if (total.gt(parts[i].quantity.value)) break;
    }
  }
  return out;
}

/** Shares (占4.61%) attached to no figure read: the figure before them has no unit ("部分公开67，占4.61%"). */
function unreadShares(block: ProseBlock, qs: Quantity[], shares: Map<Quantity, Quantity>): Quantity[] {
  const attached = new Set(shares.values());
  return qs.filter((q) => q.unit === '%' && !attached.has(q)
    && ENDS_WITH_SHARE_WORDS.test(block.norm.slice(Math.max(0, q.numberStart - block.start - 14), q.numberStart - block.start).replace(/\s+/g, ''))
    && /\d\s*[,，]\s*(?:约)?占/.test(block.norm.slice(Math.max(0, q.numberStart - block.start - 16), q.numberStart - block.start)));
}

interface Marker { at: number; end: number; depth: number; exhaustive: boolean }

const MARKERS = Symbol('markers');

/** 其中 / 分别为 in the block, block-relative, with their bracket depth (kept per paragraph). */
function markersIn(block: ProseBlock): readonly Marker[] {
  const memo = blockMemo(block).text;
  let found = memo?.get(MARKERS) as Marker[] | undefined;
  if (!found) {
    found = findMarkers(block.norm);
    memo?.set(MARKERS, found);
  }
  return found;
}

function findMarkers(norm: string): Marker[] {
  const { markers, exhaustiveMarkers } = PROSE_VOCABULARY.breakdown;
  const found: Marker[] = [];
  for (const [words, exhaustive] of [[markers, false], [exhaustiveMarkers, true]] as const) {
    for (const word of words) {
      for (let at = norm.indexOf(word); at >= 0; at = norm.indexOf(word, at + word.length)) {
        found.push({ at, end: at + word.length, depth: depthAt(norm, at), exhaustive });
      }
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

const PERIOD = /[。!?\n\r]/;

function depthAt(norm: string, at: number): number {
  let depth = 0;
  for (let i = at - 1; i >= 0 && !PERIOD.test(norm[i]); i--) {
    if (norm[i] === ')') depth--;
    else if (norm[i] === '(') depth++;
  }
  return Math.max(0, depth);
}

/**
 * The parts after a marker, in its sentence and at its bracket depth. The separator after the first part
 * decides how far the list runs: "、" → to the next "，"; "，" → to the next "；"; "；" → on through the
 * following "；" groups, as long as each holds a part.
 */
function collectParts(block: ProseBlock, qs: Quantity[], marker: Marker, shares: Map<Quantity, Quantity>): { parts: Part[]; otherUnits: boolean } {
  const at = block.start + marker.at;
  const after = qs.filter((q) => q.start > at && q.unit !== '%');
  const parts: Part[] = [];
  let unit: string | undefined;
  let otherUnits = false;
  let skipped = false;
  let sep: string | undefined;
  const nextMarkers = markersIn(block).filter((m) => m.at > marker.at && m.depth === marker.depth).map((m) => block.start + m.at);
  for (const q of after) {
    const first = parts[0]?.quantity;
    if (!first && (q.periodEnd <= at || q.periodStart > at)) break;
    if (first && q.periodStart !== first.periodStart) break;
    if (q.depth < marker.depth) break;
    if (nextMarkers.some((m) => m < q.start)) break;
    if (q.depth > marker.depth) continue;
    if (first) {
      const prev = parts[parts.length - 1];
      if (q.sentenceStart !== prev.quantity.sentenceStart) {
        if (sep !== ';' || q.sentenceStart !== prev.quantity.sentenceEnd + 1) break;
      }
      // A list joined by 、 ends at the next comma.
      if (sep === '、' && block.norm.slice((prev.percent ?? prev.quantity).end - block.start, q.numberStart - block.start).includes(',')) break;
    }
    // a figure in another unit between two parts is a part of the list this reading leaves out
    if (unit !== undefined && q.unit !== unit) { skipped = true; continue; }
    if (skipped) otherUnits = true;
    // A figure that opens a list of its own (joined by 、 in a list of clauses) is another list: "不予处理3件；
    // 因政府信息公开引起的行政复议4件、行政诉讼5件" ends with 不予处理.
    if (parts.length > 0 && (sep === ',' || sep === ';') && separatorAfter(block, q, shares) === '、') break;
    unit ??= q.unit;
    const label = labelOf(q);
    parts.push({ quantity: q, percent: shares.get(q), label });
    if (parts.length === 1) sep = separatorAfter(block, q, shares);
    // 其他 / 其余 is the last part: what follows it is not a part. Unless the list goes on past it with its 、
    // (…、其他法定信息12条、社区事务公开12条: a category named 其他…, not the rest).
    if (parts.length > 1 && startsWithRest(label) && !(sep === '、' && separatorAfter(block, q, shares) === '、')) break;
  }
  return { parts, otherUnits };
}

/** The punctuation right after a figure (and its share): "," "、" ";" or undefined. */
function separatorAfter(block: ProseBlock, q: Quantity, shares: Map<Quantity, Quantity>): string | undefined {
  const end = (shares.get(q) ?? q).end - block.start;
  return /^\s*([,、;])/.exec(block.norm.slice(end, end + 4))?.[1];
}

function labelOf(q: Quantity): string {
  const { markers, exhaustiveMarkers, connectors } = PROSE_VOCABULARY.breakdown;
  let label = q.context;
  for (let changed = true; changed;) {
    changed = false;
    for (const word of [...markers, ...exhaustiveMarkers, ...connectors]) {
      if (label.startsWith(word)) { label = label.slice(word.length); changed = true; }
    }
  }
  return label;
}

function startsWithRest(label: string): boolean {
  return PROSE_VOCABULARY.breakdown.rest.some((w) => label.startsWith(w));
}

function periodsOf(qs: Quantity[]): Quantity[][] {
  const periods: Quantity[][] = [];
  for (const q of qs) {
    const last = periods[periods.length - 1];
    if (last && last[0].periodStart === q.periodStart) last.push(q); else periods.push([q]);
  }
  return periods;
}

/**
 * The whole a list breaks down. With shares stated, the candidate (in the sentence, earlier in the block or
 * in the blocks just before) that most shares confirm — rounded or truncated — and more than half of them.
 * Otherwise, for a marked list only, a figure earlier in its sentence: for a complete list the one equal to
 * the sum if any, for a partial one the nearest at least the sum, else the nearest.
 */
function chooseWhole(text: ProseText, block: ProseBlock, qs: Quantity[], parts: Part[], listAt: number, depth: number,
  exhaustive: boolean, marked: boolean): Quantity | undefined {
  const unit = parts[0].quantity.unit;
  const first = parts[0].quantity;
  const at = block.start + listAt;
  const same = qs.filter((q) => q.unit === unit && q.end <= at && q.periodStart === first.periodStart && q.depth <= depth)
    .reverse();
  const shared = parts.filter((p) => p.percent);
  if (shared.length > 0) {
    const biggest = parts.reduce((m, p) => (p.quantity.value.gt(m) ? p.quantity.value : m), new Big(0));
    const candidates = [...same, ...lookback(text, block, qs, first, unit)]
      .filter((q) => !q.approx && isPositive(q.value) && q.value.gte(biggest));
    let best: Quantity | undefined;
    let bestScore = 0;
    for (const candidate of candidates) {
      const score = shared.filter((p) => percentMatch(p.quantity.value, candidate.value, p.percent!) !== 'no').length;
      if (score > bestScore) { best = candidate; bestScore = score; }
    }
    if (best && bestScore * 2 > shared.length) return best;
  }
  if (!marked || same.length === 0) return undefined;
  const total = sum(parts.map((p) => p.quantity.value));
  if (exhaustive) return same.find((q) => q.value.eq(total)) ?? same[0];
  return same.find((q) => q.value.gte(total)) ?? same[0];
}

/** Figures before the list's sentence: earlier in its block, then in the prose blocks just before it. */
function lookback(text: ProseText, block: ProseBlock, qs: Quantity[], first: Quantity, unit: string): Quantity[] {
  const out = qs.filter((q) => q.unit === unit && q.end <= first.periodStart).reverse();
  let b = block;
  for (let n = 0; n < LOOKBACK_BLOCKS && !b.afterBreak && b.index > 0; n++) {
    b = text.blocks[b.index - 1];
    append(out, text.quantities.slice(b.first, b.first + b.count).filter((q) => q.unit === unit).reverse());
  }
  return out;
}
