// year-mismatch (R21): the year in the title, the front matter `year` and the statistics period
// (统计期限自N年1月1日至N年12月31日) agree, and the period is one calendar year — or one calendar quarter or month,
// when the template's reports cover one (its `period`).
import { joined, msg, type Message } from '../message.js';
import { isComment, type ReportModel } from '../model/report.js';
import type { Range } from '../source.js';
import type { Fix } from '../findings.js';
import type { PeriodUnit } from '../../templates/index.js';
import { finding, type Check } from './check.js';

const D = '[0-9０-９]';
const YEAR_TEXT = new RegExp(`(${D}{4})\\s*年`);
/** 统计期限自2020年1月1日至12月31日, 统计期限自2018年1月1日起至2018年12月31日止, Traditional script too. */
const PERIOD = new RegExp(
  `[统統][计計](?:期限|[时時]限|[时時][间間]|期[间間]|[区區][间間])[^。；;\\r\\n]{0,12}?`
  + `(${D}{4})\\s*年\\s*(${D}{1,2})\\s*月\\s*(${D}{1,2})\\s*日\\s*起?\\s*(?:至|到|—{1,2}|-|－|～|~)\\s*`
  + `(?:(${D}{4})\\s*年\\s*)?(${D}{1,2})\\s*月\\s*(${D}{1,2})\\s*日`);

const number = (s: string): number => Number(s.normalize('NFKC'));

export interface StatisticsPeriod {
  /** The period's text, from its first year to its last day. */
  text: string;
  range: Range;
  /** Range of the starting year's digits. */
  yearRange: Range;
  startYear: number;
  endYear: number;
  calendarYear: boolean;
  /** Month and day of its first and last day. */
  first: { month: number; day: number };
  last: { month: number; day: number };
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The period is one whole calendar year, quarter or month (29 February ends February: leap years are not checked). */
export function isCalendarPeriod(period: StatisticsPeriod, unit: PeriodUnit): boolean {
  if (unit === 'year') return period.calendarYear;
  const { first, last } = period;
  const months = unit === 'quarter' ? 3 : 1;
  const ends = last.day === DAYS[last.month - 1] || (last.month === 2 && last.day === 28);
  return period.startYear === period.endYear && first.day === 1 && (first.month - 1) % months === 0
    && last.month === first.month + months - 1 && ends;
}

/**
 * The statistics period the report states for itself: the first in its introduction or first section (before
 * `end`, the second section's start), or else in its first eight paragraphs. Periods further on are a
 * statistic's own ("统计时间自…至6月30日").
 */
export function statisticsPeriod(model: ReportModel, end?: number): StatisticsPeriod | undefined {
  let seen = 0;
  for (const block of model.blocks) {
    if (block.kind !== 'text' || isComment(block)) continue;
    if (end !== undefined ? block.start >= end : seen++ >= 8) break;
    const m = PERIOD.exec(block.text);
    if (!m) continue;
    const startYear = number(m[1]);
    const endYear = m[4] ? number(m[4]) : startYear;
    const from = block.start + m.index + m[0].indexOf(m[1]);
    const to = block.start + m.index + m[0].length;
    return {
      text: model.doc.text.slice(from, to), range: model.doc.lines.range(from, to),
      yearRange: model.doc.lines.range(from, from + m[1].length), startYear, endYear,
      calendarYear: endYear === startYear && number(m[2]) === 1 && number(m[3]) === 1 && number(m[5]) === 12 && number(m[6]) === 31,
      first: { month: number(m[2]), day: number(m[3]) }, last: { month: number(m[5]), day: number(m[6]) },
    };
  }
  return undefined;
}

/**
 * The year the title names, with the range of its digits. A title may name two (2023年…关于2022年度…报告, the
 * year of publication and the year reported): the one another source agrees with, else one written 年度, else
 * the first.
 */
export function titleYear(model: ReportModel, others: readonly number[] = []): { value: number; range: Range } | undefined {
  const title = model.title;
  if (!title) return undefined;
  const lines = model.doc.lines;
  const start = lines.offset(title.range.start);
  const text = model.doc.text.slice(start, lines.offset(title.range.end));
  const years: Array<{ value: number; range: Range; annual: boolean }> = [];
  for (const m of text.matchAll(new RegExp(YEAR_TEXT.source, 'g'))) {
    const value = number(m[1]);
    if (value < 1990 || value > 2100) continue;
    years.push({ value, range: lines.range(start + m.index, start + m.index + 4), annual: text[m.index + m[0].length] === '度' });
  }
  const pick = years.find((y) => others.includes(y.value)) ?? (years.length > 1 ? years.find((y) => y.annual) : undefined) ?? years[0];
  return pick && { value: pick.value, range: pick.range };
}

interface Source { kind: 'title' | 'front-matter' | 'period'; year: number; range: Range; line: number }

function describe(source: Source): Message {
  return msg('year-mismatch.source', { kind: source.kind === 'front-matter' ? 'frontMatter' : source.kind, year: String(source.year), line: source.line + 1 });
}

export const yearMismatch: Check = {
  codes: ['year-mismatch'],
  run({ model, binding }) {
    const sources: Source[] = [];
    const fm = model.frontMatter?.year;
    const period = statisticsPeriod(model, binding.sections?.topLevel[1]?.start);
    const title = titleYear(model, [fm?.value, period?.startYear].filter((y) => y !== undefined));
    if (title) sources.push({ kind: 'title', year: title.value, range: title.range, line: title.range.start.line });
    if (fm) sources.push({ kind: 'front-matter', year: fm.value, range: fm.range, line: fm.range.start.line });
    if (period) sources.push({ kind: 'period', year: period.startYear, range: period.range, line: period.range.start.line });

    const years = new Set(sources.map((s) => s.year));
    // A document bound to no template and not presenting itself as a report is of no known period.
    const unit = binding.template?.period?.unit ?? (binding.template || binding.claimsReport ? 'year' : undefined);
    const calendarProblem = period !== undefined && unit !== undefined && !isCalendarPeriod(period, unit);
    if (years.size <= 1 && !calendarProblem) return [];

    let anchor: Source | undefined;
    let majority: number | undefined;
    if (years.size > 1) {
      const counts = new Map<number, number>();
      for (const s of sources) counts.set(s.year, (counts.get(s.year) ?? 0) + 1);
      const [top, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
      if (count * 2 > sources.length) { majority = top; anchor = sources.find((s) => s.year !== top); }
      // No majority: the period (the sentence copied from year to year), else the front matter the reader never sees.
      else anchor = sources.find((s) => s.kind === 'period') ?? sources.find((s) => s.kind === 'front-matter') ?? sources[0];
    } else anchor = sources.find((s) => s.kind === 'period');

    const parts: Message[] = [];
    if (years.size > 1) parts.push(msg('year-mismatch.disagree', { sources: joined(sources.map(describe), msg('sep.comma')) }));
    if (calendarProblem) parts.push(msg('year-mismatch.not-calendar', { period: period.text, unit, first: parts.length ? 'no' : 'yes' }));
    const message = msg('year-mismatch.message', { parts: joined(parts, msg('sep.clause')) });
    const fixes: Fix[] = [];
    if (majority !== undefined && anchor && anchor.kind !== 'period') {
      const value = String(majority);
      fixes.push({ title: msg('relations.fix-change-to-value', { v: value }), safe: false, edits: [{ range: anchor.range, newText: value }] });
    }
    const range = anchor?.range ?? period!.range;
    return [finding('year-mismatch', range, message, {
      fixes,
      related: sources.filter((s) => s !== anchor).map((s) => ({ range: s.range, message: describe(s) })),
    })];
  },
};
