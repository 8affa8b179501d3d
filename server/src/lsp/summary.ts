// `tally/summary`: a report's template, sections, tables and their states (engine/status.ts), as Markdown for a
// read-only side view, with the place in the report each line stands for (the client makes those lines links).
import type { Range } from 'vscode-languageserver';
import type { Analysis } from '../engine/index.js';
import { reportStatus, type SectionStatus } from '../engine/status.js';
import { toChineseNumeral } from '../engine/text.js';
import { templateName, templateText, text as render, type Language } from './settings.js';
import { statusText } from '../messages/status-text.js';
import { msg } from '../engine/message.js';

export interface Summary {
  markdown: string;
  /** 0-based lines of `markdown` that stand for a place in the report, and that place. */
  links: Array<{ line: number; range: Range }>;
}

/** Where a missing section or table belongs: the next present section of the template, else the end. */
function placeOf(analysis: Analysis, sections: SectionStatus[], index: number): Range {
  const next = sections.slice(index).find((s) => s.match)?.match;
  const lines = analysis.model.doc.lines;
  const at = next ? next.heading.range.start : lines.position(lines.text.length);
  return { start: at, end: at };
}

export function summary(analysis: Analysis, language: Language): Summary {
  const t = (id: string, args?: Record<string, string | number>) => render(msg(`summary.${id}`, args), language);
  const status = reportStatus(analysis);
  const out: string[] = [`# ${t('title')}`, ''];
  const links: Summary['links'] = [];
  const link = (range: Range) => links.push({ line: out.length - 1, range });
  const fm = analysis.model.frontMatter;
  const template = status.template;
  out.push(`- ${t('template')}: ${template ? `${template.id}（${templateName(template.name, language)}）` : t('no-template')}`);
  if (analysis.model.year) { out.push(`- ${t('year')}: ${analysis.model.year.value}`); link(analysis.model.year.range); }
  if (fm?.organ) out.push(`- ${t('body')}: ${fm.organ.value}`);
  const { errors, warnings, notes } = status.findings;
  out.push(`- ${t('problems')}: ${t('counts', { errors, warnings, notes })}`);
  out.push(`- ${t('state')}: ${statusText(status.status, 'report', language)}`, '');
  if (template) {
    out.push(`## ${t('sections')}`, '');
    status.sections.forEach((section, i) => {
      const spec = section.spec;
      const name = `${spec.ordinal ? `${toChineseNumeral(spec.ordinal)}、` : ''}${templateText(spec.title, language)}`;
      const where = section.match ? t('at-line', { line: section.match.heading.line + 1 }) : '';
      out.push(`- ${name}${where}: ${statusText(section.status, 'section', language)}`);
      link(section.match?.heading.range ?? placeOf(analysis, status.sections, i));
    });
    out.push('', `## ${t('tables')}`, '');
    status.sections.forEach((section, i) => {
      for (const table of section.tables) {
        const first = table.bound?.parts[0].table;
        const where = first ? t('at-line', { line: first.range.start.line + 1 }) : '';
        out.push(`- ${templateText(table.spec.title, language)}${where}: ${statusText(table.status, 'table', language)}`);
        link(first?.rows[0].range ?? section.match?.heading.range ?? placeOf(analysis, status.sections, i));
      }
    });
  }
  return { markdown: out.join('\n') + '\n', links };
}
