// The words by which figures in the text name table figures: data (templates/prose.json), compiled once.
import data from '../../templates/prose.json' with { type: 'json' };
import schema from '../../templates/prose.schema.json' with { type: 'json' };

export interface CellRef { table: string; row: string; column: string }

export interface FigureSpec {
  id: string;
  phrases: string[];
  not?: string[];
  within?: string[];
  partOf?: string[];
  unit: string | string[];
  cells: CellRef[];
  or?: CellRef[][];
}

export interface GroupSpec { words: string[]; exceptWords?: string[]; total: CellRef[]; notUpheld: CellRef[] }

export interface TemplateProse {
  figures: FigureSpec[];
  claims?: { review?: GroupSpec; lawsuit?: GroupSpec; fees?: { within?: string[]; cells: CellRef[] } };
}

export interface ProseVocabulary {
  ignore: { otherYear: string[]; otherYearExcept: string[]; otherBody: string[]; otherBodyPattern?: string; otherThings: string[] };
  breakdown: { markers: string[]; exhaustiveMarkers: string[]; rest: string[]; connectors: string[] };
  claims: { upheld: string[]; none: string[]; noneExcept: string[]; noneUnless: string[]; noFees: string[]; fee: string[] };
  templates: Record<string, TemplateProse>;
}

export const PROSE_VOCABULARY = data as ProseVocabulary;
export const PROSE_SCHEMA: object = schema;

/** A phrase split at "…": its pieces must occur in order. */
export interface Phrase { text: string; pieces: string[]; length: number }

export interface CompiledFigure {
  spec: FigureSpec;
  phrases: Phrase[];
  units: Set<string>;
}

const compiled = new Map<string, CompiledFigure[]>();

/** The figures of a template (none for a template the vocabulary does not know). */
export function figuresOf(templateId: string): CompiledFigure[] {
  let figures = compiled.get(templateId);
  if (!figures) {
    figures = (PROSE_VOCABULARY.templates[templateId]?.figures ?? []).map((spec) => ({
      spec,
      phrases: spec.phrases.map((text) => {
        const pieces = text.split('…').filter((p) => p !== '');
        return { text, pieces, length: pieces.join('').length };
      }),
      units: new Set(typeof spec.unit === 'string' ? [spec.unit] : spec.unit),
    }));
    compiled.set(templateId, figures);
  }
  return figures;
}

export function claimsOf(templateId: string): TemplateProse['claims'] {
  return PROSE_VOCABULARY.templates[templateId]?.claims;
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
