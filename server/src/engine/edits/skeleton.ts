// skeleton: a whole new report for a template, in Tally's dialect, ready to be filled in.
import { stringify } from 'yaml';
import type { SectionSpec, Template } from '../../templates/index.js';
import { toChineseNumeral } from '../text.js';
import { tableSkeleton } from './table-skeleton.js';

/** The one-line paragraph under each new section. */
export const STUB = '（待填写）';

export interface SkeletonOptions {
  year: number;
  organ?: string;
}

/**
 * Front matter (template, year, organ), the title, the intro with the 统计期限, then every template section in
 * order with a stub paragraph and, under the sections that own tables, the tables with blank cells.
 * Sections are `## 一、总体情况`; formats without ordinals (legacy) are numbered 一、二、… in order.
 */
export function skeleton(template: Template, options: SkeletonOptions): string {
  const { year } = options;
  if (!Number.isInteger(year)) throw new RangeError(`year must be an integer, got ${year}`);
  const organ = options.organ?.trim() || undefined;
  const front: Record<string, string | number> = { template: template.id, year };
  if (organ) front.organ = organ;
  const lines = [
    '---', stringify(front).trimEnd(), '---', '',
    `# ${organ ?? '某某'}${year}年政府信息公开工作年度报告`, '',
    `本报告所列数据的统计期限自${year}年1月1日至${year}年12月31日。`, '',
  ];
  const numbered = template.sections.every((s) => s.ordinal !== undefined);
  template.sections.forEach((section, i) => {
    lines.push(...sectionLines(template, section, numbered ? section.ordinal! : i + 1, 2), '');
  });
  return lines.join('\n');
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
