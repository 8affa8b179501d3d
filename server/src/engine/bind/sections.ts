// Stage 3a: which headings are the template's sections, and which text each section spans.
import type { HeadingModel, ReportModel } from '../model/report.js';
import type { SectionSpec, Template } from '../../templates/index.js';
import { canonical, labelKey, stripEnumerator } from '../text.js';
import { maxOf } from '../lists.js';

export interface SectionMatch {
  spec: SectionSpec;
  heading: HeadingModel;
  /** Offsets the section spans: its heading to the next top-level heading. */
  start: number;
  end: number;
}

export interface SectionBinding {
  /** First occurrence of each template section, in document order. */
  matches: SectionMatch[];
  /** Later headings naming a section already matched. */
  duplicates: SectionMatch[];
  /** Every top-level heading (matched or not), in order. */
  topLevel: HeadingModel[];
  depth: number;
}

interface Candidate { spec: SectionSpec; hits: number; length: number }

interface PreparedSpec { spec: SectionSpec; variants: Set<string>; keywords: Array<{ text: string; length: number }> }

/** A template's section titles and keywords, normalised once rather than for every heading. */
const preparedSpecs = new WeakMap<Template, PreparedSpec[]>();

function prepare(template: Template): PreparedSpec[] {
  let specs = preparedSpecs.get(template);
  if (!specs) {
    specs = template.sections.map((spec) => ({
      spec, variants: new Set((spec.variants ?? []).map((v) => labelKey(v).full)),
      keywords: spec.keywords.map((k) => ({ text: canonical(k), length: k.length })),
    }));
    preparedSpecs.set(template, specs);
  }
  return specs;
}

function candidates(template: Template, heading: HeadingModel): Candidate[] {
  const text = canonical(stripEnumerator(heading.text));
  const key = labelKey(heading.text).full;
  const out: Candidate[] = [];
  for (const { spec, variants, keywords } of prepare(template)) {
    // A known variant title names its section outright.
    if (variants.has(key)) { out.push({ spec, hits: 99, length: 99 }); continue; }
    let hits = 0;
    let length = 0;
    for (const k of keywords) {
      if (text.includes(k.text)) { hits++; length = Math.max(length, k.length); }
    }
    if (hits > 0) out.push({ spec, hits, length });
  }
  const ordinal = heading.enumerator?.style === 'cn' ? heading.enumerator.value : undefined;
  return out.sort((a, b) => b.length - a.length || b.hits - a.hits
    || Number(b.spec.ordinal === ordinal) - Number(a.spec.ordinal === ordinal));
}

/** Each heading's candidates, for the last template it was bound with. */
const headingCandidates = new WeakMap<HeadingModel, { template: Template; list: Candidate[] }>();

export function bindSections(model: ReportModel, template: Template): SectionBinding {
  // Each heading's candidates once: a heading is asked about up to four times below, and again at the next
  // keystroke (a function of its text and enumerator, which a heading object never changes, and the template).
  const candidatesOf = (h: HeadingModel) => {
    let kept = headingCandidates.get(h);
    if (kept?.template !== template) headingCandidates.set(h, kept = { template, list: candidates(template, h) });
    return kept.list;
  };
  // Top-level headings carry a 一、 style ordinal; their most common depth is the section depth.
  const ordinalHeadings = model.headings.filter((h) => h.enumerator?.style === 'cn');
  const depthCount = new Map<number, number>();
  for (const h of ordinalHeadings) {
    if (candidatesOf(h).length) depthCount.set(h.depth, (depthCount.get(h.depth) ?? 0) + 1);
  }
  let depth = [...depthCount.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  if (depth === undefined) {
    const unnumbered = model.headings.filter((h) => !h.enumerator && candidatesOf(h).length);
    depth = unnumbered.length >= 2 ? maxOf(unnumbered.map((h) => h.depth)) : ordinalHeadings[0]?.depth ?? 2;
  }
  const sectionDepth = depth;
  const isTopLevel = (h: HeadingModel) =>
    h.depth === sectionDepth && (h.enumerator?.style === 'cn' || (!h.enumerator && candidatesOf(h).length > 0));
  const topLevel = model.headings.filter(isTopLevel);

  // A section ends at the next top-level heading or the next heading above the section depth.
  const boundaries = model.headings.filter((h) => h.depth < sectionDepth || (h.depth === sectionDepth && isTopLevel(h)));
  const matches: SectionMatch[] = [];
  const duplicates: SectionMatch[] = [];
  const seen = new Set<string>();
  boundaries.forEach((heading, i) => {
    if (heading.depth !== sectionDepth) return;
    const next = boundaries[i + 1];
    const end = next ? next.start : model.doc.text.length;
    const list = candidatesOf(heading);
    const best = list.find((c) => !seen.has(c.spec.id)) ?? list[0];
    if (!best) return;
    const match = { spec: best.spec, heading, start: heading.start, end };
    if (seen.has(best.spec.id)) duplicates.push(match);
    else { seen.add(best.spec.id); matches.push(match); }
  });
  return { matches, duplicates, topLevel, depth: sectionDepth };
}
