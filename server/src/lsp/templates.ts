// The templates the language server knows: the built-in ones and the extra ones (a team's template files), one
// list that analysis, New Report (`tally/templates`, `tally/skeleton`) and completion all read.
import { BUILTIN_TEMPLATES, type LocalText, type Template } from '../templates/index.js';

/** A template as the editor lists it. */
export interface TemplateInfo {
  id: string;
  name: LocalText;
  format: Template['format'];
  years?: { from?: number; to?: number };
  /** `built-in`, or the file the template was read from. */
  source: string;
}

let extra: Array<{ template: Template; source: string }> = [];

/**
 * Sets the extra templates (the configuration's template folders): each with the file it came from. An extra
 * template with the id of a built-in one takes its place.
 */
export function setExtraTemplates(templates: ReadonlyArray<{ template: Template; source: string }>): void {
  extra = [...templates];
}

/** The extra templates, for the engine's options (`AnalyzeOptions.templates`). */
export function extraTemplates(): Template[] {
  return extra.map((e) => e.template);
}

/** Every template the server knows, the extra ones first (they win over a built-in of the same id). */
export function knownTemplates(): Array<{ template: Template; source: string }> {
  const ids = new Set(extra.map((e) => e.template.id));
  return [...extra, ...BUILTIN_TEMPLATES.filter((t) => !ids.has(t.id)).map((template) => ({ template, source: 'built-in' }))];
}

/** The answer to `tally/templates`. */
export function templateList(): TemplateInfo[] {
  return knownTemplates().map(({ template: t, source }) => ({
    id: t.id, name: t.name, format: t.format, ...(t.years ? { years: t.years } : {}), source,
  }));
}

export function templateById(id: string): Template | undefined {
  return knownTemplates().find((k) => k.template.id === id)?.template;
}
