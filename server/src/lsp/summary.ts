// `tally/summary`: a report's template, sections, tables and findings, as Markdown for a side panel.
import type { Analysis } from '../engine/index.js';
import { evaluateRelations } from '../engine/relations.js';
import { toChineseNumeral } from '../engine/text.js';
import { templateText, text as render, type Language } from './settings.js';
import { msg } from '../engine/message.js';

export function summary(analysis: Analysis, language: Language): string {
  const t = (id: string, args?: Record<string, string | number>) => render(msg(`summary.${id}`, args), language);
  const b = analysis.binding;
  const out: string[] = [`# ${t('title')}`, ''];
  const fm = analysis.model.frontMatter;
  out.push(`- ${t('template')}: ${b.template ? `${b.template.id}（${render(b.template.name, language)}）` : t('no-template')}`);
  if (analysis.model.year) out.push(`- ${t('year')}: ${analysis.model.year.value}`);
  if (fm?.organ) out.push(`- ${t('body')}: ${fm.organ.value}`);
  const count = (s: string) => analysis.findings.filter((f) => f.severity === s).length;
  out.push(`- ${t('problems')}: ${t('counts', { errors: count('error'), warnings: count('warning'), notes: count('information') })}`, '');
  if (b.template) {
    out.push(`## ${t('sections')}`, '');
    for (const spec of b.template.sections) {
      const match = b.sections?.matches.find((m) => m.spec.id === spec.id);
      const name = `${spec.ordinal ? `${toChineseNumeral(spec.ordinal)}、` : ''}${templateText(spec.title, language)}`;
      out.push(`- ${match ? '✓' : spec.required ? '✗' : '○'} ${name}${match ? t('at-line', { line: match.heading.line + 1 }) : ''}`);
    }
    out.push('', `## ${t('tables')}`, '');
    for (const table of b.tables) {
      const instances = evaluateRelations(table);
      const fail = instances.filter((i) => i.status === 'fail').length;
      const open = instances.filter((i) => i.status === 'incomplete').length;
      out.push(`- ${fail ? '✗' : '✓'} ${templateText(table.spec.title, language)}: ${t('hold', { held: instances.length - fail - open, total: instances.length })}${open ? t('open', { count: open }) : ''}`);
    }
  }
  return out.join('\n') + '\n';
}
