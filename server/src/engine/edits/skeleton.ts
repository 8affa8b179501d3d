// skeleton: a whole new report for a template, in Tally's dialect, ready to be filled in.
import { stringify } from 'yaml';
import type { PeriodUnit, SectionSpec, Template } from '../../templates/index.js';
import { toChineseNumeral } from '../text.js';
import { tableSkeleton } from './table-skeleton.js';
import { formatText, type AmbiguousWidth } from '../format.js';
import { analyze } from '../index.js';
import { requiredCells } from '../checks/tables.js';
import { LineIndex } from '../source.js';

/** The one-line paragraph under each new section. */
export const STUB = '（待填写）';

export interface SkeletonOptions {
  year: number;
  /** The quarter (1–4) or month (1–12) of `year`, for a template whose reports cover one (default 1). */
  part?: number;
  organ?: string;
  /** The width of East Asian Ambiguous characters (“ ” …) the tables are aligned for (default 1). */
  ambiguousWidth?: AmbiguousWidth;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];
const LAST_DAY = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The period's name in a title (2023年, 2023年第二季度, 2023年7月), its front-matter value and its first and last day. */
export function periodText(unit: PeriodUnit, year: number, part = 1): { name: string; value: string; from: string; to: string } {
  if (unit === 'year') return { name: `${year}年`, value: String(year), from: `${year}年1月1日`, to: `${year}年12月31日` };
  const months = unit === 'quarter' ? 3 : 1;
  if (!Number.isInteger(part) || part < 1 || part > 12 / months) throw new RangeError(`${unit} must be 1 to ${12 / months}, got ${part}`);
  const first = (part - 1) * months + 1;
  const last = first + months - 1;
  const leap = last === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  return {
    name: unit === 'quarter' ? `${year}年第${QUARTER_NAMES[part - 1]}季度` : `${year}年${part}月`,
    value: unit === 'quarter' ? `${year}-Q${part}` : `${year}-${String(part).padStart(2, '0')}`,
    from: `${year}年${first}月1日`, to: `${year}年${last}月${leap ? 29 : LAST_DAY[last - 1]}日`,
  };
}

/**
 * Front matter (template, year, organ), the title, the intro with the 统计期限, then every template section in
 * order with a stub paragraph and, under the sections that own tables, the tables with blank cells.
 * Sections are `## 一、总体情况`; formats without ordinals (legacy) are numbered 一、二、… in order. Tables are
 * aligned as formatting aligns them (formatting the skeleton changes nothing).
 */
export function skeleton(template: Template, options: SkeletonOptions): string {
  const { year } = options;
  if (!Number.isInteger(year)) throw new RangeError(`year must be an integer, got ${year}`);
  const organ = options.organ?.trim() || undefined;
  const unit = template.period?.unit ?? 'year';
  const period = periodText(unit, year, options.part);
  const front: Record<string, string | number> = { template: template.id };
  const key = template.period?.frontMatter ?? 'year';
  if (key === 'year' && unit === 'year') front.year = year; else front[key] = period.value;
  if (organ) front.organ = organ;
  const title = (template.reportTitle ?? '{organ}{period}报告').replaceAll('{organ}', organ ?? '某某').replaceAll('{period}', period.name);
  const lines = [
    '---', stringify(front).trimEnd(), '---', '',
    `# ${title}`, '',
    `本报告所列数据的统计期限自${period.from}至${period.to}。`, '',
  ];
  const numbered = template.sections.every((s) => s.ordinal !== undefined);
  template.sections.forEach((section, i) => {
    lines.push(...sectionLines(template, section, numbered ? section.ordinal! : i + 1, 2), '');
  });
  return formatText(lines.join('\n'), { ambiguousWidth: options.ambiguousWidth ?? 1 });
}

/**
 * Where the figures of a report go: in each blank cell the template wants a figure in (group rows and unit
 * columns have none), after the blank that follows its pipe; UTF-16 offsets in reading order (row by row, table by
 * table). New Report puts a tab stop at each, so the writer tabs from figure to figure.
 */
export function figureStops(text: string, template: Template): number[] {
  const analysis = analyze(text, { template, prose: false });
  const lines = new LineIndex(text);
  const stops: number[] = [];
  for (const table of analysis.binding.tables) {
    for (const required of requiredCells(table)) {
      const cell = required.cell;
      if (!cell || cell.value.kind !== 'empty') continue;
      // A blank cell holds only blanks: back to its pipe, then one blank in.
      let at = lines.offset(cell.range.start);
      while (at > 0 && text[at - 1] !== '|') at--;
      stops.push(text[at] === ' ' ? at + 1 : at);
    }
  }
  return [...new Set(stops)].sort((a, b) => a - b);
}

/** A section: heading, blank line, stub, and each of its tables after a blank line. No trailing blank line. */
export function sectionLines(template: Template, section: SectionSpec, ordinal: number | undefined, depth: number,
  eol = '\n'): string[] {
  const title = ordinal === undefined ? section.title : `${toChineseNumeral(ordinal)}、${section.title}`;
  const lines = [`${'#'.repeat(depth)} ${title}`, '', STUB];
  for (const table of template.tables.filter((t) => t.section === section.id)) {
    lines.push('', tableSkeleton(template, table.id, { headingDepth: Math.min(6, depth + 1), eol }));
  }
  return lines;
}
