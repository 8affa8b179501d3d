// Stage 3: bind a report model to its template (named in front matter or an option, else detected).
import type { ReportModel } from '../model/report.js';
import type { TableModel } from '../model/table.js';
import { BUILTIN_TEMPLATES, findTemplate, type Template } from '../../templates/index.js';
import { canonical, isPageChrome } from '../text.js';
import { bindSections, type SectionBinding } from './sections.js';
import { bindTables, captionMatches, type BoundTable } from './tables.js';
import type { BlankCells } from '../blanks.js';

export interface Binding {
  template?: Template;
  /** How the template was chosen. */
  via: 'option' | 'front-matter' | 'detected' | 'none';
  /** Front matter named a template id that does not exist. */
  unknownTemplate?: string;
  sections?: SectionBinding;
  tables: BoundTable[];
  /** Tables outside every template table: they get the generic checks. */
  looseTables: TableModel[];
  /** The document reads as an annual report (or claims to be one). */
  claimsReport: boolean;
}

/** What a binding depends on besides the model (bind/kept.ts compares each of them before keeping one). */
export interface BindOptions {
  template?: string | Template;
  templates?: readonly Template[];
  /** How blank cells read (blanks.ts): auto (each table's convention, the default), zero or missing. */
  blankCells?: BlankCells;
}

export function bind(model: ReportModel, options: BindOptions = {}): Binding {
  const extra = options.templates ?? [];
  let template: Template | undefined;
  let via: Binding['via'] = 'none';
  let unknownTemplate: string | undefined;
  if (typeof options.template === 'object') { template = options.template; via = 'option'; }
  else if (options.template) { template = findTemplate(options.template, extra); via = 'option'; }
  else if (model.frontMatter?.template) {
    template = findTemplate(model.frontMatter.template.value, extra);
    if (template) via = 'front-matter'; else unknownTemplate = model.frontMatter.template.value;
  }
  // read once: detection and the claim to be a report both ask it
  const opens = opensAsReport(model);
  if (!template) {
    template = detect(model, [...extra, ...BUILTIN_TEMPLATES], opens);
    if (template) via = 'detected';
  }
  const claimsReport = claimsReportOf(model, options, via, unknownTemplate, opens);
  if (!template) return { via, unknownTemplate, tables: [], looseTables: model.tables, claimsReport };
  const sections = bindSections(model, template);
  const tables = bindTables(template, sections.matches, model.tables);
  if (options.blankCells && options.blankCells !== 'auto') for (const table of tables) table.blankCells = options.blankCells;
  // Telling words alone (in a table about something else) do not make a report.
  if (via === 'detected' && sections.matches.length === 0) {
    return { via: 'none', unknownTemplate, tables: [], looseTables: model.tables, claimsReport };
  }
  const used = new Set(tables.flatMap((t) => t.parts.map((p) => p.table)));
  return { template, via, unknownTemplate, sections, tables, looseTables: model.tables.filter((t) => !used.has(t)), claimsReport };
}

/** Words by which a title names the work itself (政府信息公开, 政务公开), not only a year's report of some kind. */
const THE_WORK = /政府信息公开|政务公开|信息公开工作/;

/**
 * Binding.claimsReport: a template named (option, front matter, even an unknown one), or a document that calls
 * itself a report (its title; without one, its opening text and a table with a template caption). bind/kept.ts
 * asks it again of a kept binding, since the opening text is not among what it compares. `opens`: opensAsReport.
 */
export function claimsReportOf(model: ReportModel, options: BindOptions, via: Binding['via'], unknownTemplate: string | undefined,
  opens: boolean): boolean {
  return via === 'option' || via === 'front-matter' || unknownTemplate !== undefined
    || claimsToBeReport(model, [...(options.templates ?? []), ...BUILTIN_TEMPLATES], opens)
    || (via === 'detected' && opens);
}

function claimsToBeReport(model: ReportModel, templates: readonly Template[], opens: boolean): boolean {
  const title = canonical(model.title?.text ?? '');
  if (THE_WORK.test(title) || title.includes('年度报告')) return true;
  // No title: the opening text names the report it is, and a table bears the caption of a template's table
  // (第二十条第（一）项); or its sections are found (bind's `via` is then 'detected': claimsReportOf)
  return opens
    && model.tables.some((t) => t.caption.some((c) => templates.some((tp) => tp.tables.some((spec) => captionMatches(spec, c)))));
}

const NAMES_THE_REPORT = /(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告/;

/**
 * A document without a title whose opening text (its first three paragraphs, past the page's own lines: a trail of
 * links, a box of particulars) names the report it is: 现向社会公布…2023年政府信息公开工作年度报告. A page whose
 * title was not copied with its text.
 */
export function opensAsReport(model: ReportModel): boolean {
  if (model.title) return false;
  const opening: string[] = [];
  for (const block of model.blocks) {
    if (block.kind !== 'text') continue;
    if (block.text.split('\n').every((line) => !line.trim() || isPageChrome(line.trim()))) continue;
    opening.push(canonical(block.text));
    if (opening.length === 3) break;
  }
  return opening.some((t) => NAMES_THE_REPORT.test(t));
}

/** The title names the work, or the text opens by naming the report it is (`opens`: opensAsReport). */
function namesTheWork(model: ReportModel, opens: boolean): boolean {
  return THE_WORK.test(canonical(model.title?.text ?? '')) || opens;
}

/** The template whose telling labels (`detect`) occur most often in `haystack` (canonical text), if any occurs. */
export function templateByLabels(haystack: string, templates: readonly Template[]): Template | undefined {
  let best: Template | undefined;
  let bestScore = 0;
  for (const template of templates) {
    const score = template.detect.filter((k) => haystack.includes(canonical(k))).length;
    if (score > bestScore) { best = template; bestScore = score; }
  }
  return best;
}

/** The template in force for a report of `year`. */
export function templateForYear(year: number, templates: readonly Template[]): Template | undefined {
  return templates.find((t) => (t.years?.from ?? -Infinity) <= year && year <= (t.years?.to ?? Infinity));
}

/** DOMAIN §5: labels and headings typical of each format; else the section titles and the year. */
function detect(model: ReportModel, templates: readonly Template[], opens: boolean): Template | undefined {
  const texts = new Set<string>();
  for (const h of model.headings) texts.add(canonical(h.text));
  for (const t of model.tables) {
    for (const row of t.rows) for (const cell of row.cells) if (cell.value.kind === 'text') texts.add(canonical(cell.text));
  }
  const best = templateByLabels([...texts].join('\n'), templates);
  if (best) return best;
  // No telling labels: a report with the six sections, in the format of its year. Two of them in place make one;
  // one is enough under a title that names the work, or where there is no title, after an opening that names the
  // report (a report cut short, or begun: its missing sections are then reported as such, not the whole as
  // something other than a report).
  const year = model.year?.value;
  const needed = namesTheWork(model, opens) ? 1 : 2;
  const candidates = templates.filter((t) => t.format !== 'legacy');
  for (const template of candidates) {
    const matched = bindSections(model, template).matches.filter((m) => m.heading.enumerator?.style === 'cn'
      && m.heading.enumerator.value === m.spec.ordinal);
    if (matched.length >= needed) {
      if (year === undefined) return template;
      return templateForYear(year, templates) ?? template;
    }
  }
  return undefined;
}
