// What a line of a report is, read from the templates' data: a section line (一、总体情况), a sub-part (（一）…),
// a table caption (第二十条第（一）项), the title. Shared by the readers and the writer.
import { BUILTIN_TEMPLATES, type SectionSpec, type TableSpec, type Template } from '../templates/index.js';
import { canonical, isPageChrome, labelKey, leadingEnumerator, withoutPageLabel } from '../engine/text.js';

/** Templates to read structure by: the one given first, then the built-in ones. */
export function templatesFor(template?: Template, team: readonly Template[] = []): readonly Template[] {
  const all = [...team, ...BUILTIN_TEMPLATES];
  return template ? [template, ...all.filter((t) => t.id !== template.id)] : all;
}

const SENTENCE_END = /[。；;！？!?]/;

/** A short line with a section ordinal (一…九) that names a template section, in either script. */
export function sectionOf(line: string, templates: readonly Template[]): SectionSpec | undefined {
  const text = line.trim();
  if (text.length === 0 || text.length > 40 || SENTENCE_END.test(text.slice(0, -1))) return undefined;
  const e = leadingEnumerator(text);
  if (!e || e.style !== 'cn' || e.value < 1 || e.value > 10) return undefined;
  const rest = canonical(text.slice(e.length));
  if (rest.length < 2) return undefined;
  let best: SectionSpec | undefined;
  for (const template of templates) {
    for (const spec of template.sections) {
      if (!spec.keywords.some((k) => rest.includes(canonical(k)))) continue;
      if (spec.ordinal === e.value) return spec;
      best ??= spec;
    }
  }
  return best;
}

/** （一）加强组织领导: a short line of its own with a bracketed ordinal, not the start of a long paragraph. */
export function isSubPart(line: string): boolean {
  const text = line.trim();
  const e = leadingEnumerator(text);
  if (!e || (e.style !== 'cn-paren' && e.style !== 'cn')) return false;
  const rest = text.slice(e.length).trim();
  return rest.length >= 2 && text.length <= 30 && !SENTENCE_END.test(rest) && !/[，,：:]$/.test(rest);
}

/** The template table a caption line introduces (第二十条第（一）项), if the line is only that caption. */
export function captionOf(line: string, templates: readonly Template[]): TableSpec | undefined {
  const text = line.trim();
  if (text.length === 0 || text.length > 24) return undefined;
  const key = labelKey(text).full;
  for (const template of templates) {
    for (const spec of template.tables) {
      if (spec.caption?.some((c) => labelKey(c).full === key)) return spec;
    }
  }
  return undefined;
}

/** XX2022年政府信息公开工作年度报告: the report's title. */
export function isTitle(line: string): boolean {
  const text = canonical(line);
  // a line that ends by opening a bracket or a quote (2012年度報告根據《) runs on: it is no title
  if (text.length > 80 || SENTENCE_END.test(line.trim().slice(0, -1)) || /[《（(“「『【‘〈]$/.test(line.trim()) || isPageChrome(line)) return false;
  // A report's title, or the first short line of a document that names a year (a work summary's title).
  return /年度报告|工作报告|年报/.test(text) || (text.length >= 8 && /(?:19|20)\d\d年/.test(text) && !/[，,：:]/.test(text));
}

/** The reporting body named by a title "XX2022年政府信息公开工作年度报告" (or "2022年XX政府信息公开工作年度报告"). */
export function organOf(title: string): string | undefined {
  const text = title.replace(/^[\s《「“]+/, '');
  const m = /^(.+?)\s*(?:19|20)\d\d\s*年度?/.exec(text) ?? /^(?:19|20)\d\d\s*年度?\s*(.+?)\s*(?:政府信息公开|政务公开)/.exec(text);
  const organ = m && withoutPageLabel(m[1].replace(/[《「“]/g, '').trim());
  return organ && organ.length >= 2 && organ.length <= 40 ? organ : undefined;
}
