// part-count (R22): an introduction that says the report has N parts ("共九个部分", "由概述、……、附表共九个部分组成",
// "全文包括总体情况、……共六个部分") against the document's top-level sections, by count and, when it lists
// them, by name.
import { isComment, type HeadingModel, type ReportModel, type Block } from '../model/report.js';
import type { Range } from '../source.js';
import { chineseNumeral, labelKey, plainLabel } from '../text.js';
import { finding, type Check } from './check.js';
import { listedArgs } from '../budget.js';
import { joined, msg, type Message } from '../message.js';

const NUMERAL = '[零〇一二两兩三四五六七八九十]+|[0-9０-９]{1,2}';
const CLAIM = new RegExp(`(?:共(?:分为|分為|分成|分|包括|包含)?|分为|分為|分成)\\s*(${NUMERAL})\\s*[个個]?\\s*部分`);
/** Words that introduce the list of parts: 由…、…共九个部分组成, 包括…、…共六个部分. */
const INTRODUCER = /由|包括|包含|分为|分為|分成|涵盖|涵蓋|分别为|分別為|分别是|分別是/;

export interface PartClaim {
  /** The numeral as written. */
  written: string;
  count: number;
  /** Parts named before the count, in order; empty when none are listed. */
  listed: string[];
  /** The list ends with 等: it need not name every part. */
  open: boolean;
  sentence: { text: string; range: Range };
}

/** The first "共N个部分" sentence of the introduction (before the first section, or the first section's first paragraph). */
export function findPartClaim(model: ReportModel, sections: HeadingModel[]): PartClaim | undefined {
  const first = sections[0]?.start ?? Infinity;
  const second = sections[1]?.start ?? Infinity;
  const blocks: Array<Extract<Block, { kind: 'text' }>> = [];
  let inFirst = 0;
  for (const block of model.blocks) {
    if (block.kind !== 'text' || isComment(block)) continue;
    if (block.start < first) blocks.push(block);
    else if (block.start < second && inFirst++ === 0) blocks.push(block);
  }
  for (const block of blocks) {
    const m = CLAIM.exec(block.text);
    if (!m) continue;
    const raw = m[1].normalize('NFKC');
    const count = /^\d+$/.test(raw) ? Number(raw) : chineseNumeral(raw.replace('兩', '两'));
    if (count === undefined) continue;
    // The sentence around the claim.
    const text = block.text;
    const ends = /[。！？!?]/g;
    let sStart = 0;
    for (let e = ends.exec(text); e && e.index < m.index; e = ends.exec(text)) sStart = e.index + 1;
    const endMatch = /[。！？!?]/.exec(text.slice(m.index));
    let sEnd = endMatch ? m.index + endMatch.index + 1 : text.length;
    while (sStart < sEnd && /\s/.test(text[sStart])) sStart++;
    while (sEnd > sStart && /\s/.test(text[sEnd - 1])) sEnd--;
    // The list: the clause before the count, from its introducing word (or a colon).
    const before = text.slice(sStart, m.index);
    const clauseStart = Math.max(...[...'，,；;：:'].map((c) => before.lastIndexOf(c)));
    let clause = before.slice(clauseStart + 1);
    const afterColon = clauseStart >= 0 && /[：:]/.test(before[clauseStart]);
    const intro = INTRODUCER.exec(clause);
    if (intro) clause = clause.slice(intro.index + intro[0].length);
    else if (!afterColon) clause = '';
    clause = clause.replace(/^\s*以下\s*/, '').replace(/\s+/g, '');
    const open = /等$/.test(clause);
    clause = clause.replace(/等$/, '');
    const listed = clause.includes('、') ? clause.split('、').map((s) => plainLabel(s)).filter((s) => s !== '') : [];
    const start = block.start + sStart;
    const end = block.start + sEnd;
    return {
      written: m[1], count, listed, open,
      sentence: { text: model.doc.text.slice(start, end), range: model.doc.lines.range(start, end) },
    };
  }
  return undefined;
}

const reduced = new Map<string, number[]>();

/** A name reduced to what distinguishes it (no enumerator, punctuation, script or connecting words), as code points. */
function reduce(text: string): number[] {
  let points = reduced.get(text);
  if (!points) {
    const core = labelKey(text).core.replace(/[的和及与并以]/g, '');
    points = [];
    for (let i = 0; i < core.length; i++) {
      const c = core.codePointAt(i)!;
      points.push(c);
      if (c > 0xffff) i++;
    }
    if (reduced.size > 10_000) reduced.clear();
    reduced.set(text, points);
  }
  return points;
}

/** The length of the longest common subsequence of two names' code points. */
function lcs(x: readonly number[], y: readonly number[]): number {
  let prev = new Uint32Array(y.length + 1);
  let row = new Uint32Array(y.length + 1);
  for (const cx of x) {
    row[0] = 0;
    for (let j = 0; j < y.length; j++) row[j + 1] = cx === y[j] ? prev[j]! + 1 : Math.max(prev[j + 1]!, row[j]!);
    [prev, row] = [row, prev];
  }
  return prev[y.length]!;
}

/** How well a listed name fits a heading: 1 when one reads inside the other, else the share of characters in common. */
function fit(name: string, heading: string): number {
  const a = reduce(name);
  const b = reduce(heading);
  if (a.length === 0 || b.length === 0) return 0;
  const common = lcs(a, b);
  if (common === Math.min(a.length, b.length)) return 1;
  return common / Math.max(a.length, b.length);
}

/** Listed names matched to headings: by position when they fit at all, else the first free heading that fits well. */
export function matchParts(listed: string[], headings: HeadingModel[]): { matched: Map<number, HeadingModel>; missing: string[] } {
  const taken = new Set<HeadingModel>();
  const matched = new Map<number, HeadingModel>();
  const missing: string[] = [];
  const find = (name: string, position: number): HeadingModel | undefined => {
    const here = headings[position];
    if (here && !taken.has(here) && fit(name, here.text) >= 0.5) return here;
    return headings.find((h) => !taken.has(h) && fit(name, h.text) >= 0.75);
  };
  let position = 0;
  for (let i = 0; i < listed.length; i++) {
    let name = listed[i];
    // "政府信息公开行政复议、行政诉讼情况" is one part whose name holds a 、: the next name continues this one
    // when the heading holds (nearly) all of it.
    if (i + 1 < listed.length) {
      const joined = `${name}、${listed[i + 1]}`;
      const whole = find(joined, position);
      if (whole) {
        const gain = lcs(reduce(joined), reduce(whole.text)) - lcs(reduce(name), reduce(whole.text));
        if (gain >= 0.75 * reduce(listed[i + 1]).length) { name = joined; i++; }
      }
    }
    const heading = find(name, position);
    if (heading) {
      taken.add(heading);
      matched.set(headings.indexOf(heading), heading);
      position = headings.indexOf(heading) + 1;
    } else {
      missing.push(name);
      position++;
    }
  }
  return { matched, missing };
}

export const partCount: Check = {
  codes: ['part-count'],
  run({ model, binding }) {
    // A section written twice is one part (duplicate-section reports it).
    const duplicates = new Set(binding.sections?.duplicates.map((d) => d.heading) ?? []);
    const headings = (binding.sections?.topLevel ?? []).filter((h) => !duplicates.has(h));
    if (headings.length === 0) return [];
    const claim = findPartClaim(model, headings);
    if (!claim) return [];
    const { matched, missing } = matchParts(claim.listed, headings);
    const complete = claim.listed.length > 0 && !claim.open && matched.size + missing.length === claim.count;
    const unlisted = complete ? headings.filter((_, i) => !matched.has(i)) : [];
    const countDiffers = claim.count !== headings.length;
    if (!countDiffers && missing.length === 0) return [];
    const quoted = (texts: string[]) => texts.map((text) => msg('describe.quoted', { text }));
    const said = { written: claim.written, claimed: claim.count };
    const parts: Message[] = [countDiffers
      ? msg('part-count.count-differs', { ...said, count: headings.length, titles: listedArgs(quoted(headings.map((h) => h.text)), msg('sep.list')) })
      : msg('part-count.other-parts', said)];
    if (missing.length) parts.push(msg('part-count.missing', { parts: listedArgs(quoted(missing), msg('part-count.separator')), count: missing.length }));
    if (unlisted.length) parts.push(msg('part-count.unlisted', { parts: listedArgs(quoted(unlisted.map((h) => h.text)), msg('part-count.separator')), count: unlisted.length }));
    return [finding('part-count', claim.sentence.range, msg('part-count.message', { parts: joined(parts, msg('sep.clause')) }), {
      related: headings.map((h) => ({ range: h.range, message: msg('part-count.part', { text: h.text }) })),
    })];
  },
};
