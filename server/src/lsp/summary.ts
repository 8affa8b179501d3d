// `tally/summary`: a report's template, sections, tables and findings, as Markdown for a side panel.
import type { Analysis } from '../engine/index.js';
import { evaluateRelations } from '../engine/relations.js';
import { toChineseNumeral } from '../engine/text.js';
import type { Language } from './settings.js';

export function summary(analysis: Analysis, language: Language): string {
  const zh = language === 'zh';
  const b = analysis.binding;
  const out: string[] = [`# ${zh ? '报告概要' : 'Report summary'}`, ''];
  const fm = analysis.model.frontMatter;
  out.push(`- ${zh ? '模板' : 'Template'}: ${b.template ? `${b.template.id}（${b.template.name[language]}）` : zh ? '无（仅通用检查）' : 'none (generic checks only)'}`);
  if (analysis.model.year) out.push(`- ${zh ? '年度' : 'Year'}: ${analysis.model.year.value}`);
  if (fm?.organ) out.push(`- ${zh ? '机关' : 'Body'}: ${fm.organ.value}`);
  const count = (s: string) => analysis.findings.filter((f) => f.severity === s).length;
  out.push(`- ${zh ? '问题' : 'Problems'}: ${count('error')} ${zh ? '个错误' : 'errors'}, ${count('warning')} ${zh ? '个警告' : 'warnings'}, ${count('information')} ${zh ? '条提示' : 'notes'}`, '');
  if (b.template) {
    out.push(`## ${zh ? '部分' : 'Sections'}`, '');
    for (const spec of b.template.sections) {
      const match = b.sections?.matches.find((m) => m.spec.id === spec.id);
      const name = `${spec.ordinal ? `${toChineseNumeral(spec.ordinal)}、` : ''}${spec.title}`;
      out.push(`- ${match ? '✓' : spec.required ? '✗' : '○'} ${name}${match ? `（${zh ? '第' : 'line '}${match.heading.line + 1}${zh ? ' 行' : ''}）` : ''}`);
    }
    out.push('', `## ${zh ? '表格与勾稽关系' : 'Tables and relations'}`, '');
    for (const table of b.tables) {
      const instances = evaluateRelations(table);
      const fail = instances.filter((i) => i.status === 'fail').length;
      const open = instances.filter((i) => i.status === 'incomplete').length;
      out.push(`- ${fail ? '✗' : '✓'} ${table.spec.title}: ${instances.length - fail - open}/${instances.length} ${zh ? '成立' : 'hold'}${open ? `，${open} ${zh ? '无法核对' : 'cannot be checked'}` : ''}`);
    }
  }
  return out.join('\n') + '\n';
}
