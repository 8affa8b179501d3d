// New Report (the client's Tally: New Report from Template…): the templates by their titles in the reader's
// language (`tally/templates`), and a skeleton whose tables are aligned for the editor's font, with the offsets of
// its figure cells, where the client puts its tab stops (`tally/skeleton`).
import { BUILTIN_TEMPLATES } from '../engine/index.js';
import { figureStops, skeleton } from '../engine/edits/index.js';
import type { AmbiguousWidth } from '../engine/format.js';
import { templateName, type Language } from './settings.js';
import { templateById, templateList, type TemplateInfo } from './templates.js';

export interface SkeletonParams {
  template: string;
  year: number;
  /** The body that publishes the report (机关名称): the front matter's `organ` and the title's first words. */
  organ?: string;
  part?: number;
  /** The width of ambiguous characters the tables are aligned for; default: the document's setting. */
  ambiguousWidth?: AmbiguousWidth;
}

export interface SkeletonAnswer {
  text: string;
  /** UTF-16 offsets into `text` of the figures to write, in reading order. */
  stops: number[];
}

export function newReport(params: SkeletonParams, ambiguousWidth: AmbiguousWidth): SkeletonAnswer {
  const template = templateById(params.template) ?? BUILTIN_TEMPLATES[0];
  const width = params.ambiguousWidth === 1 || params.ambiguousWidth === 2 ? params.ambiguousWidth : ambiguousWidth;
  const text = skeleton(template, {
    year: params.year, ...(params.organ ? { organ: params.organ } : {}), ...(params.part ? { part: params.part } : {}), ambiguousWidth: width,
  });
  return { text, stops: figureStops(text, template) };
}

/** The templates the server knows, each with its title in the reader's language (Traditional script for zh-TW). */
export function templatesWithTitles(language: Language): Array<TemplateInfo & { title: string }> {
  return templateList().map((t) => ({ ...t, title: templateName(t.name, language) }));
}
