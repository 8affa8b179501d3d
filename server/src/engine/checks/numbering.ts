// numbering: 一、二、三 / （一）（二） / 1、2、3 sequences with a gap, a repeat or a step back.
// One fault, one finding: 1、2、3、3、5 is one mistyped 4, not a repeat and then a gap.
import type { EnumeratedLine } from '../model/report.js';
import { STYLE_LEVEL, toChineseNumeral } from '../text.js';
import { finding, type Check, type CheckContext } from './check.js';
import type { Finding } from '../findings.js';
import type { Range } from '../source.js';

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
    return out;
  },
};

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
  const fixes = edit ? [{ title: { zh: `改为“${want}”`, en: `Renumber as "${want}"` }, safe: false, edits: [edit] }] : [];
  if (value === previous.enumerator.value) {
    return finding('numbering', item.range, {
      zh: `序号“${found}”与上一项重复，应为“${want}”`,
      en: `Number "${found}" repeats the one before; expected "${want}"`,
    }, { fixes });
  }
  if (value > expected && !mistyped) {
    const missing = value - expected === 1 ? want : `${want}至${written(item, value - 1)}`;
    return finding('numbering', item.range, {
      zh: `序号从“${before}”跳到“${found}”，缺少“${missing}”`,
      en: `Numbering jumps from "${before}" to "${found}"; "${missing}" is missing`,
    });
  }
  return finding('numbering', item.range, {
    zh: `序号应为“${want}”，此处为“${found}”`,
    en: `Expected number "${want}", found "${found}"`,
  }, { fixes });
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
