// claim-contradiction (R11, soft): a statement in the text that the tables contradict.
// - "均获维持 / 全部维持" in a sentence about 行政复议 or 行政诉讼, while the 四 table (or the 附表) has cases
//   corrected, with other results, or still pending in that group;
// - "没有 / 未发生 / 无 … 行政复议、行政诉讼", while the group's total is not zero;
// - "未收取…费用" while the fee figure is not zero: the 附表's 依申请公开信息收取的费用; in the 2021 format only a
//   claim about 行政事业性收费 is held against 本年收费金额 (that table is about administrative fees, not the
//   信息处理费 a report says it did not charge).
import { joined, label, msg } from '../message.js';
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import type { LocalText } from '../../templates/index.js';
import type { ReportModel } from '../model/report.js';
import { formatDecimal, isPositive, isZero } from '../numbers.js';
import {
  aboutOtherYear, blockMemo, claimsOf, outsideTemplate, proseAnalysis, PROSE_VOCABULARY, resolveBounded, total, type ProseBlock, type ResolvedCell,
} from '../prose/index.js';
import { relatedCells } from '../prose/describe.js';
import type { CellRef, GroupSpec } from '../prose/vocabulary.js';
import type { Binding } from '../bind/index.js';

const PERIOD = /[。!?\n\r]/;
const SEGMENT = /[。!?\n\r;]/;
const CLAUSE = /[。!?\n\r;,:\d]/;

function bounds(norm: string, at: number, breaks: RegExp): [number, number] {
  let a = at;
  while (a > 0 && !breaks.test(norm[a - 1])) a--;
  let b = at;
  while (b < norm.length && !breaks.test(norm[b])) b++;
  return [a, b];
}

const patterns = new Map<readonly string[], RegExp>();

/** Where any of `words` occurs in the block (the longest at a place), as [offset, word]; kept per paragraph. */
function occurrences(block: ProseBlock, words: readonly string[]): ReadonlyArray<[number, string]> {
  const memo = blockMemo(block).text;
  let found = memo?.get(words) as Array<[number, string]> | undefined;
  if (!found) {
    found = find(block.norm, words);
    memo?.set(words, found);
  }
  return found;
}

function find(norm: string, words: readonly string[]): Array<[number, string]> {
  let re = patterns.get(words);
  if (!re) {
    const alternatives = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(alternatives.join('|'), 'g');
    patterns.set(words, re);
  }
  const out: Array<[number, string]> = [];
  re.lastIndex = 0;
  for (let m = re.exec(norm); m; m = re.exec(norm)) out.push([m.index, m[0]]);
  return out;
}

const groupName = (group: 'review' | 'lawsuit') => msg('claim-contradiction.group', { group });
const quotedCells = (cells: ResolvedCell[]) => joined(cells.map((c) => msg('describe.quoted', { text: label(cellName(c)) })), ' + ');

function mentions(text: string, group: GroupSpec): boolean {
  let t = text;
  for (const e of group.exceptWords ?? []) if (t.includes(e)) t = t.split(e).join('');
  return group.words.some((w) => t.includes(w));
}

function cellName(c: ResolvedCell): string {
  return c.rowLabel || c.columnLabel;
}

export const claimContradiction: Check = {
  codes: ['claim-contradiction'],
  run({ model, binding }) {
    const template = binding.template;
    const claims = template && claimsOf(template);
    if (!claims || binding.tables.length === 0) return [];
    const { text } = proseAnalysis(model);
    const outside = outsideTemplate(binding);
    const out: Finding[] = [];
    const groups = (['review', 'lawsuit'] as const).filter((g) => claims[g]).map((g) => ({ id: g, spec: claims[g]! }));
    for (const block of text.blocks) {
      if (outside.some(([a, b]) => block.start >= a && block.start < b)) continue;
      const norm = block.norm;
      if (groups.length) {
        upheld(model, binding, block, groups, out);
        none(model, binding, block, groups, out);
      }
      if (claims.fees) fees(model, binding, block, claims.fees, out);
    }
    return out;
  },
};

function otherYear(model: ReportModel, norm: string, at: number, template: Binding['template']): boolean {
  const [a, b] = bounds(norm, at, SEGMENT);
  return aboutOtherYear(norm.slice(a, b).replace(/\s+/g, ''), norm.slice(a, at).replace(/\s+/g, ''), model, template);
}

function upheld(model: ReportModel, binding: Binding, block: ProseBlock, groups: Array<{ id: 'review' | 'lawsuit'; spec: GroupSpec }>, out: Finding[]): void {
  const norm = block.norm;
  for (const [at, word] of occurrences(block, PROSE_VOCABULARY.claims.upheld)) {
    // "均获维持的比例为50%" qualifies a share; it does not claim every case.
    if (norm[at + word.length] === '的') continue;
    // The groups named before the claim in its clause group (；), else in its sentence.
    const lead = (breaks: RegExp) => norm.slice(bounds(norm, at, breaks)[0], at).replace(/\s+/g, '');
    let about = groups.filter((g) => mentions(lead(SEGMENT), g.spec));
    if (about.length === 0) about = groups.filter((g) => mentions(lead(PERIOD), g.spec));
    if (about.length === 0 || otherYear(model, norm, at, binding.template)) continue;
    const broken: Array<{ id: 'review' | 'lawsuit'; cells: ResolvedCell[] }> = [];
    for (const g of about) {
      // A blank cell is unknown, not evidence; a written non-zero one contradicts the claim.
      const cells = resolveBounded(binding, g.spec.notUpheld)?.cells.filter((c) => c.cell.value.kind === 'number');
      const nonzero = cells?.filter((c) => !isZero(c.value)) ?? [];
      if (nonzero.length) broken.push({ id: g.id, cells: nonzero });
    }
    if (broken.length === 0) continue;
    const list = joined(broken.flatMap((g) => g.cells.map((c) => msg('claim-contradiction.cell-is', { cell: label(cellName(c)), value: formatDecimal(c.value) }))), msg('sep.list'));
    const names = joined(broken.map((g) => groupName(g.id)), msg('claim-contradiction.and'));
    out.push(finding('claim-contradiction', model.doc.lines.range(block.start + at, block.start + at + word.length), msg('claim-contradiction.upheld', { names, word, list }), { related: relatedCells(broken.flatMap((g) => g.cells)) }));
  }
}

function none(model: ReportModel, binding: Binding, block: ProseBlock, groups: Array<{ id: 'review' | 'lawsuit'; spec: GroupSpec }>, out: Finding[]): void {
  const norm = block.norm;
  const { none: negations, noneExcept, noneUnless } = PROSE_VOCABULARY.claims;
  for (const [at, word] of occurrences(block, negations)) {
    if (noneExcept.some((e) => norm.startsWith(e, at))) continue;
    let end = at + word.length;
    while (end < norm.length && end - at < 40 && !CLAUSE.test(norm[end])) end++;
    const span = norm.slice(at + word.length, end).replace(/\s+/g, '');
    if (noneUnless.some((w) => span.includes(w))) continue;
    const about = groups.filter((g) => mentions(span, g.spec));
    if (about.length === 0 || otherYear(model, norm, at, binding.template)) continue;
    const broken: Array<{ id: 'review' | 'lawsuit'; cells: ResolvedCell[]; value: string; exact: boolean }> = [];
    for (const g of about) {
      // A blank total counts by its written parts: any case written contradicts "none".
      const reading = resolveBounded(binding, g.spec.total);
      if (reading && isPositive(reading.value)) broken.push({ id: g.id, cells: reading.cells, value: formatDecimal(reading.value), exact: reading.exact });
    }
    if (broken.length === 0) continue;
    const names = joined(about.map((g) => groupName(g.id)), msg('claim-contradiction.or'));
    const list = joined(broken.map((g) => msg('claim-contradiction.cases', {
      group: groupName(g.id), exact: g.exact ? 'yes' : 'no', value: g.value, cells: quotedCells(g.cells),
    })), msg('claim-contradiction.comma'));
    out.push(finding('claim-contradiction', model.doc.lines.range(block.start + at, block.start + end), msg('claim-contradiction.none', { names, list }), { related: relatedCells(broken.flatMap((g) => g.cells)) }));
  }
}

function fees(model: ReportModel, binding: Binding, block: ProseBlock, spec: { within?: string[]; cells: CellRef[] }, out: Finding[]): void {
  const norm = block.norm;
  const { noFees, fee } = PROSE_VOCABULARY.claims;
  for (const [at, word] of occurrences(block, noFees)) {
    let end = at + word.length;
    while (end < norm.length && end - at < 24 && !CLAUSE.test(norm[end])) end++;
    const span = norm.slice(at + word.length, end);
    const feeAt = Math.max(...fee.map((f) => { const i = span.indexOf(f); return i < 0 ? -1 : i + f.length; }));
    if (feeAt < 0) continue;
    const [a, b] = bounds(norm, at, PERIOD);
    const sentence = norm.slice(a, b).replace(/\s+/g, '');
    if (spec.within && !spec.within.some((w) => sentence.includes(w))) continue;
    if (otherYear(model, norm, at, binding.template)) continue;
    const reading = resolveBounded(binding, spec.cells);
    if (!reading || isZero(reading.value)) continue;
    const cells = reading.cells;
    const unit = cells[0].table.spec.rows.find((r) => r.id === cells[0].ref.row)?.unit
      ?? cells[0].table.spec.columns.find((c) => c.id === cells[0].ref.column)?.unit ?? '';
    const value = msg('claim-contradiction.amount', { value: formatDecimal(total(cells)), unit: label(unit), hasUnit: unit ? 'yes' : 'no' });
    const claimEnd = block.start + at + word.length + feeAt;
    out.push(finding('claim-contradiction', model.doc.lines.range(block.start + at, claimEnd), msg('claim-contradiction.fees', { names: quotedCells(cells), value }), { related: relatedCells(cells) }));
  }
}
