// numbering: 一、二、三 / （一）（二） / 1、2、3 sequences with a gap, a repeat or a step back.
// One fault, one finding: 1、2、3、3、5 is one mistyped 4, not a repeat and then a gap.
// Enumerations inside paragraphs (一是…二是…三是…, 第一是…) are held to the same rule: 一是…二是…三是…三是 is a
// mistyped 四是. Such a run starts at 一是 and may go on in the paragraphs right after it.
import { isComment, type EnumeratedLine } from '../model/report.js';
import { STYLE_LEVEL, chineseNumeral, toChineseNumeral } from '../text.js';
import { finding, type Check, type CheckContext } from './check.js';
import type { Finding } from '../findings.js';
import type { Range } from '../source.js';
import { msg } from '../message.js';

type Run = EnumeratedLine[];

/** Groups enumerated lines into runs: a run is one list, ended by an outer enumerator or restarted by a 1. */
function runs(items: EnumeratedLine[]): Run[] {
  const all: Run[] = [];
  const open = new Map<number, Run>();
  // A heading run interrupted by a text list that restarts at 1 (一、 … inside section 五) resumes at the next heading.
  const parked = new Map<number, Run>();
  for (const item of items) {
    const level = STYLE_LEVEL[item.enumerator.style];
    for (const l of [...open.keys()]) if (l > level) { open.delete(l); parked.delete(l); }
    if (item.heading && parked.has(level)) {
      open.set(level, parked.get(level)!);
      parked.delete(level);
    }
    const current = open.get(level);
    if (!current || item.enumerator.value === 1) {
      if (current && !item.heading && current[0].heading) parked.set(level, current);
      const run: Run = [item];
      all.push(run);
      open.set(level, run);
    } else current.push(item);
  }
  return all;
}

/** The enumerator for `value`, written the way `item` writes its own (brackets, 、 or .). */
function written(item: EnumeratedLine, value: number): string {
  const { style, text } = item.enumerator;
  if (style === 'circled') return String.fromCodePoint(0x2460 + value - 1);
  const numeral = style === 'cn' || style === 'cn-paren' ? toChineseNumeral(value) : String(value);
  return text.replace(/[0-9０-９]+|[零〇一二两三四五六七八九十百]+/, numeral);
}

export const numbering: Check = {
  codes: ['numbering'],
  run(context) {
    const out: Finding[] = [];
    for (const run of runs(context.model.enumerated)) {
      let expected = run[0].enumerator.value + 1;
      for (let i = 1; i < run.length; i++) {
        const item = run[i];
        const value = item.enumerator.value;
        if (value === expected) { expected++; continue; }
        if (duplicateSection(context, item)) continue;
        const next = run[i + 1]?.enumerator.value;
        const mistyped = next === expected + 1 || (next === undefined && value < expected);
        if (value > expected && !mistyped && sectionGapExplained(context, item)) { expected = value + 1; continue; }
        out.push(report(context, item, run[i - 1], expected, mistyped));
        expected = mistyped ? expected + 1 : value + 1;
      }
    }
    for (const run of proseRuns(context)) checkProseRun(context, run, out);
    return out;
  },
};

// ── Enumerations in paragraphs: 一是…二是…三是… ─────────────────────────────────────────────────────────

interface ProseItem { value: number; start: number; end: number; numeral: string; text: string }

/** 一是 / 第二是 at the start of a paragraph, sentence or clause (统一是 and 唯一是 are words). */
// (no u flag: every character of it is in the Basic Multilingual Plane, and V8 runs such a pattern faster without)
const PROSE_ENUMERATOR = /(第?)([一二三四五六七八九十]{1,3})是/g;
/** What may come right before 一是: the paragraph's start, punctuation or a space (checked by hand: a lookbehind is slow). */
const BEFORE_ENUMERATOR = /[。；;：:，,！!？?\s]/u;

/** A paragraph's 一是, 二是 … with offsets in its text, kept per block object (an editor's unchanged paragraphs). */
interface KeptEnumerators { text: string; items: ProseItem[]; placed?: { start: number; items: ProseItem[] } }
const enumerators = new WeakMap<object, KeptEnumerators>();

/** The paragraph's 一是, 二是 … at document offsets, the block starting at `start` (the same items while it stays). */
function placedEnumerators(block: { text: string; start: number }): ProseItem[] {
  const kept = keptEnumerators(block);
  if (kept.items.length === 0) return kept.items;
  if (kept.placed?.start !== block.start) {
    kept.placed = { start: block.start, items: kept.items.map((item) => ({ ...item, start: block.start + item.start, end: block.start + item.end })) };
  }
  return kept.placed.items;
}

function keptEnumerators(block: { text: string }): KeptEnumerators {
  let kept = enumerators.get(block);
  if (!kept || kept.text !== block.text) {
    const items: ProseItem[] = [];
    PROSE_ENUMERATOR.lastIndex = 0;
    // most paragraphs have no 是 at all: the expression, which may start at any character, is not run on them
    if (block.text.includes('是')) for (let m = PROSE_ENUMERATOR.exec(block.text); m; m = PROSE_ENUMERATOR.exec(block.text)) {
      if (m.index > 0 && !BEFORE_ENUMERATOR.test(block.text[m.index - 1])) {
        PROSE_ENUMERATOR.lastIndex = m.index + 1;
        continue;
      }
      const value = chineseNumeral(m[2]);
      if (value === undefined || value < 1) continue;
      items.push({ value, start: m.index, end: m.index + m[0].length, numeral: m[2], text: m[0] });
    }
    kept = { text: block.text, items };
    enumerators.set(block, kept);
  }
  return kept;
}

/** Runs of 一是…二是… in each paragraph, continued by the paragraphs right after that go on with 二是, 三是 …. */
function proseRuns(context: CheckContext): ProseItem[][] {
  const runs: ProseItem[][] = [];
  let open: ProseItem[] | undefined;
  for (const block of context.model.blocks) {
    if (isComment(block)) continue;
    if (block.kind !== 'text' || !block.paragraph) { open = undefined; continue; }
    const items = placedEnumerators(block);
    if (items.length === 0) { open = undefined; continue; }
    let i = 0;
    // A paragraph that goes on with the next number continues the run before it.
    if (open && items[0].value !== 1) {
      while (i < items.length && items[i].value !== 1) open.push(items[i++]);
    }
    for (; i < items.length; i++) {
      if (items[i].value === 1 || !open) { open = [items[i]]; runs.push(open); } else open.push(items[i]);
    }
  }
  // A lone 二是 with no 一是 before it is no enumeration to check.
  return runs.filter((r) => r.length > 1 && r[0].value === 1);
}

function checkProseRun(context: CheckContext, run: ProseItem[], out: Finding[]): void {
  const lines = context.model.doc.lines;
  let expected = 2;
  for (let i = 1; i < run.length; i++) {
    const item = run[i];
    if (item.value === expected) { expected++; continue; }
    const next = run[i + 1]?.value;
    const mistyped = next === expected + 1 || (next === undefined && item.value < expected);
    const want = item.text.replace(item.numeral, toChineseNumeral(expected));
    const range = lines.range(item.start, item.end);
    const numeralAt = item.start + item.text.indexOf(item.numeral);
    const fixes = mistyped ? [{
      title: msg('numbering.fix-renumber-as', { want }), safe: false,
      edits: [{ range: lines.range(numeralAt, numeralAt + item.numeral.length), newText: toChineseNumeral(expected) }],
    }] : [];
    if (item.value === run[i - 1].value) {
      out.push(finding('numbering', range, msg('numbering.repeats-the-one-before-expected', { text: item.text, want }), { fixes }));
    } else if (item.value > expected && !mistyped) {
      out.push(finding('numbering', range, msg('numbering.the-enumeration-jumps-from-to', { arg: run[i - 1].text, text: item.text, want })));
    } else {
      out.push(finding('numbering', range, msg('numbering.expected-found', { want, text: item.text }), { fixes }));
    }
    expected = mistyped ? expected + 1 : item.value + 1;
  }
}

/** A repeated section is reported as duplicate-section, not as a repeated number. */
function duplicateSection(context: CheckContext, item: EnumeratedLine): boolean {
  return context.binding.sections?.duplicates.some((d) => d.heading === item.heading) ?? false;
}

/** A gap before a section heading numbered as the template says is a missing section, reported as such. */
function sectionGapExplained(context: CheckContext, item: EnumeratedLine): boolean {
  const match = context.binding.sections?.matches.find((m) => m.heading === item.heading);
  return match !== undefined && match.spec.ordinal === item.enumerator.value;
}

function report(context: CheckContext, item: EnumeratedLine, previous: EnumeratedLine, expected: number, mistyped: boolean): Finding {
  const { value } = item.enumerator;
  const found = item.enumerator.text;
  const want = written(item, expected);
  const before = previous.enumerator.text;
  const edit = mistyped ? renumber(context, item, expected) : undefined;
  const fixes = edit ? [{ title: msg('numbering.fix-renumber-as', { want }), safe: false, edits: [edit] }] : [];
  if (value === previous.enumerator.value) {
    return finding('numbering', item.range, msg('numbering.number-repeats-the-one-before', { found, want }), { fixes });
  }
  if (value > expected && !mistyped) {
    const missing = value - expected === 1 ? want : `${want}至${written(item, value - 1)}`;
    return finding('numbering', item.range, msg('numbering.numbering-jumps-from-to-is', { before, found, missing }));
  }
  return finding('numbering', item.range, msg('numbering.expected-number-found', { want, found }), { fixes });
}

/** Only the digits or numeral inside the enumerator change; the writer's brackets and 、 or . stay. */
function renumber(context: CheckContext, item: EnumeratedLine, expected: number): { range: Range; newText: string } | undefined {
  const lines = context.model.doc.lines;
  const start = lines.offset(item.range.start);
  const text = context.model.doc.text.slice(start, lines.offset(item.range.end));
  const m = /[0-9]+|[０-９]+|[零〇一二两三四五六七八九十百]+/.exec(text);
  if (!m) return undefined;
  const newText = /[0-9]/.test(m[0]) ? String(expected)
    : /[０-９]/.test(m[0]) ? String(expected).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
      : toChineseNumeral(expected);
  return { range: lines.range(start + m.index, start + m.index + m[0].length), newText };
}
