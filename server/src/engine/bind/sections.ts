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

function candidates(template: Template, heading: HeadingModel): Candidate[] {
  const text = canonical(stripEnumerator(heading.text));
  const key = labelKey(heading.text).full;
  const out: Candidate[] = [];
  for (const spec of template.sections) {
    // A known variant title names its section outright.
    if (spec.variants?.some((v) => labelKey(v).full === key)) { out.push({ spec, hits: 99, length: 99 }); continue; }
    let hits = 0;
    let length = 0;
    for (const k of spec.keywords) {
      if (text.includes(canonical(k))) { hits++; length = Math.max(length, k.length); }
    }
    if (hits > 0) out.push({ spec, hits, length });
  }
  const ordinal = heading.enumerator?.style === 'cn' ? heading.enumerator.value : undefined;
  return out.sort((a, b) => b.length - a.length || b.hits - a.hits
    || Number(b.spec.ordinal === ordinal) - Number(a.spec.ordinal === ordinal));
}

export function bindSections(model: ReportModel, template: Template): SectionBinding {
  // Top-level headings carry a 一、 style ordinal; their most common depth is the section depth.
  const ordinalHeadings = model.headings.filter((h) => h.enumerator?.style === 'cn');
  const depthCount = new Map<number, number>();
  for (const h of ordinalHeadings) {
    if (candidates(template, h).length) depthCount.set(h.depth, (depthCount.get(h.depth) ?? 0) + 1);
  }
  let depth = [...depthCount.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  if (depth === undefined) {
    const unnumbered = model.headings.filter((h) => !h.enumerator && candidates(template, h).length);
    depth = unnumbered.length >= 2 ? maxOf(unnumbered.map((h) => h.depth)) : ordinalHeadings[0]?.depth ?? 2;
  }
  const topLevel = model.headings.filter((h) =>
    h.depth === depth && (h.enumerator?.style === 'cn' || (!h.enumerator && candidates(template, h).length > 0)));

  const matches: SectionMatch[] = [];
  const duplicates: SectionMatch[] = [];
  const seen = new Set<string>();
  topLevel.forEach((heading) => {
    const next = model.headings.find((h) => h.start > heading.start && h.depth <= depth!
      && (topLevel.includes(h) || h.depth < depth!));
    const end = next ? next.start : model.doc.text.length;
    const best = candidates(template, heading).find((c) => !seen.has(c.spec.id)) ?? candidates(template, heading)[0];
    if (!best) return;
    const match = { spec: best.spec, heading, start: heading.start, end };
    if (seen.has(best.spec.id)) duplicates.push(match);
    else { seen.add(best.spec.id); matches.push(match); }
  });
  return { matches, duplicates, topLevel, depth };
}
