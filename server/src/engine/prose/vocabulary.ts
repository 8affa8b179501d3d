// The words by which figures in the text name table figures: the language-wide words (templates/prose.json) and
// each template's own phrases (its `prose`), compiled once per template object.
import data from '../../templates/prose.json' with { type: 'json' };
import type { FigureSpec, Template, TemplateProse } from '../../templates/index.js';

export type { CellRef, FigureSpec, GroupSpec, TemplateProse } from '../../templates/index.js';

export interface ProseVocabulary {
  ignore: { otherYear: string[]; otherYearExcept: string[]; otherBody: string[]; otherBodyPattern?: string; otherThings: string[] };
  breakdown: { markers: string[]; exhaustiveMarkers: string[]; rest: string[]; connectors: string[] };
  claims: { upheld: string[]; none: string[]; noneExcept: string[]; noneUnless: string[]; noFees: string[]; fee: string[] };
}

export const PROSE_VOCABULARY = data as ProseVocabulary;

/** A phrase split at "…": its pieces must occur in order. */
export interface Phrase { text: string; pieces: string[]; length: number }

export interface CompiledFigure {
  spec: FigureSpec;
  phrases: Phrase[];
  units: Set<string>;
}

const compiled = new WeakMap<Template, CompiledFigure[]>();

/** The figures of a template (none for a template without prose). */
export function figuresOf(template: Template): CompiledFigure[] {
  let figures = compiled.get(template);
  if (!figures) {
    figures = (template.prose?.figures ?? []).map((spec: FigureSpec) => ({
      spec,
      phrases: spec.phrases.map((text) => {
        const pieces = text.split('…').filter((p) => p !== '');
        return { text, pieces, length: pieces.join('').length };
      }),
      units: new Set(typeof spec.unit === 'string' ? [spec.unit] : spec.unit),
    }));
    compiled.set(template, figures);
  }
  return figures;
}

export function claimsOf(template: Template): TemplateProse['claims'] {
  return template.prose?.claims;
}

/**
 * Where the phrase last ends in `text` (its pieces in order, the last one as late as possible), or -1.
 * Returns the end offset of the last piece.
 */
export function phraseEnd(text: string, phrase: Phrase): number {
  const { pieces } = phrase;
  let to = text.length;
  let end = -1;
  for (let i = pieces.length - 1; i >= 0; i--) {
    if (to - pieces[i].length < 0) return -1;
    const at = text.lastIndexOf(pieces[i], to - pieces[i].length);
    if (at < 0) return -1;
    if (i === pieces.length - 1) end = at + pieces[i].length;
    to = at;
  }
  return end;
}
