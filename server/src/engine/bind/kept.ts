// The editor's binding: the last one serves again when nothing it read has changed — the options, the front
// matter's template, the title, the year, whether a text without a title opens by naming the report, headings
// alike (depth, text, enumerator: a re-read chunk makes new objects of the same headings), the same table objects
// (kept chunks, moved in place) with the same captions, and each section holding the same tables. Only the sections
// are bound again (their offsets move with every keystroke before them, and they name the headings of this model),
// and each kept table is pointed at its section's new match; the bound tables stay the same objects, so what is kept
// per bound table (relations, blanks, required cells) serves too.
import type { HeadingModel, ReportModel } from '../model/report.js';
import type { TableModel } from '../model/table.js';
import { bind, claimsReportOf, opensAsReport, type Binding, type BindOptions } from './index.js';
import { bindSections, type SectionBinding, type SectionMatch } from './sections.js';
import { sameList } from '../lists.js';

/** A binding with what it was bound from. */
export interface KeptBinding {
  binding: Binding;
  options: BindOptions;
  template: string | undefined;
  title: string | undefined;
  year: number | undefined;
  headings: readonly HeadingModel[];
  /** Without a title, whether the opening text names the report (detection then needs only one section). */
  opens: boolean;
  tables: readonly TableModel[];
  captions: ReadonlyArray<readonly string[]>;
  /** The tables inside each matched section, in order (what bindTables chose among). */
  members: ReadonlyArray<readonly TableModel[]>;
}

/** The binding of `model`: the kept one when it is provably what `bind` would give now, else bound anew. */
export function bindKept(model: ReportModel, options: BindOptions, last: KeptBinding | undefined): KeptBinding {
  const template = last?.binding.template;
  if (last && template && last.binding.sections && sameInputs(last, model, options)) {
    const sections = bindSections(model, template);
    const members = membersOf(sections, model.tables);
    if (sameStructure(last.binding.sections, last.headings, sections, model.headings) && sameLists(last.members, members)) {
      const moved = new Map<SectionMatch, SectionMatch>(last.binding.sections.matches.map((m, i) => [m, sections.matches[i]]));
      for (const table of last.binding.tables) table.section = moved.get(table.section)!;
      // sameInputs found the opening's verdict unchanged
      const claimsReport = claimsReportOf(model, options, last.binding.via, last.binding.unknownTemplate, last.opens);
      return { ...last, binding: { ...last.binding, sections, claimsReport }, headings: model.headings, members };
    }
  }
  const binding = bind(model, options);
  return {
    binding, options, template: model.frontMatter?.template?.value, title: model.title?.text, year: model.year?.value,
    headings: model.headings, opens: opensAsReport(model), tables: model.tables, captions: model.tables.map((t) => t.caption),
    members: binding.sections ? membersOf(binding.sections, model.tables) : [],
  };
}

function sameInputs(last: KeptBinding, model: ReportModel, options: BindOptions): boolean {
  const a = last.options;
  return a.template === options.template && a.blankCells === options.blankCells
    && (a.templates === options.templates || (a.templates !== undefined && options.templates !== undefined && sameList(a.templates, options.templates)))
    && last.template === model.frontMatter?.template?.value && last.title === model.title?.text && last.year === model.year?.value
    && last.opens === opensAsReport(model)
    && last.headings.length === model.headings.length && model.headings.every((h, i) => alike(last.headings[i], h))
    && sameList(last.tables, model.tables)
    && model.tables.every((t, i) => sameList(last.captions[i], t.caption));
}

/** What bind reads of a heading: its depth, text and enumerator. */
function alike(a: HeadingModel, b: HeadingModel): boolean {
  return a === b || (a.depth === b.depth && a.text === b.text && a.enumerator?.style === b.enumerator?.style
    && a.enumerator?.value === b.enumerator?.value && a.enumerator?.text === b.enumerator?.text && a.enumerator?.length === b.enumerator?.length);
}

/** The same headings (by their place among the model's headings) matched to the same sections; offsets may differ. */
function sameStructure(a: SectionBinding, aHeadings: readonly HeadingModel[], b: SectionBinding, bHeadings: readonly HeadingModel[]): boolean {
  // each heading's place by one pass over each list (not indexOf per heading: a report may hold thousands)
  const places = (all: readonly HeadingModel[]) => new Map(all.map((h, i) => [h, i]));
  const aPlace = places(aHeadings);
  const bPlace = places(bHeadings);
  const same = (x: SectionMatch[], y: SectionMatch[]) => x.length === y.length
    && x.every((m, i) => m.spec === y[i].spec && aPlace.get(m.heading) === bPlace.get(y[i].heading));
  return a.depth === b.depth && a.topLevel.length === b.topLevel.length
    && a.topLevel.every((h, i) => aPlace.get(h) === bPlace.get(b.topLevel[i]))
    && same(a.matches, b.matches) && same(a.duplicates, b.duplicates);
}

/** The tables inside each matched section, as bindTables selects them. */
function membersOf(sections: SectionBinding, tables: readonly TableModel[]): TableModel[][] {
  return sections.matches.map((s) => tables.filter((t) => t.start >= s.start && t.end <= s.end));
}

function sameLists<T>(a: ReadonlyArray<readonly T[]>, b: ReadonlyArray<readonly T[]>): boolean {
  return a.length === b.length && a.every((x, i) => sameList(x, b[i]));
}
