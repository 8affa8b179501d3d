// Templates are data: the official formats ship as JSON files validated by template.schema.json.
import gov2021 from './gov-annual-2021.json' with { type: 'json' };
import gov2019 from './gov-annual-2019.json' with { type: 'json' };
import govLegacy from './gov-annual-legacy.json' with { type: 'json' };

export interface LocalText { zh: string; en: string }

export interface SectionSpec {
  id: string;
  ordinal?: number;
  title: string;
  variants?: string[];
  keywords: string[];
  required: boolean;
}

export interface ColumnSpec {
  id: string;
  label: string;
  aliases?: string[];
  group?: string[];
  unit?: string;
  decimals?: boolean;
  signed?: boolean;
}

export interface RowSpec {
  id: string;
  label: string;
  ordinal?: string;
  aliases?: string[];
  parent?: string;
  group?: boolean;
  anonymous?: boolean;
  required?: boolean;
  unit?: string;
  decimals?: boolean;
}

export interface RelationSpec {
  id: string;
  kind: 'sum' | 'balance' | 'bound';
  each: 'row' | 'column';
  left: string[];
  right: string[];
  soft?: boolean;
}

export interface TableLayout {
  labelColumns: number;
  header: Array<Array<{ text: string; rowSpan?: number; colSpan?: number }>>;
}

export interface TableSpec {
  id: string;
  section: string;
  title: string;
  caption?: string[];
  required: boolean;
  extraRows?: boolean;
  /** The official form's layout: label columns and header rows with merged cells (rebuilding flattened copies). */
  layout?: TableLayout;
  columns: ColumnSpec[];
  rows: RowSpec[];
  relations: RelationSpec[];
}

/** A template cell: table, row and column ids. */
export interface CellRef { table: string; row: string; column: string }

/** A figure the text may name (prose-mismatch): the phrases before its number, and the cells it stands for. */
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

/** What a template's text says about its tables: its figures' phrases and the claims checked against the cells. */
export interface TemplateProse {
  figures: FigureSpec[];
  /** Words that make a sentence about another period, besides the language-wide 上年, 同比 … (上季度, 环比). */
  otherPeriod?: string[];
  /** Phrases holding those words that still speak of this period's figures. */
  otherPeriodExcept?: string[];
  claims?: { review?: GroupSpec; lawsuit?: GroupSpec; fees?: { within?: string[]; cells: CellRef[] } };
}

export type PeriodUnit = 'year' | 'quarter' | 'month';

/** The period one report covers, and the front-matter key that states it (else the title). */
export interface PeriodSpec { unit: PeriodUnit; frontMatter?: string }

/** A term of a relation across periods: a row id (each: column) or column id (each: row). */
export interface PeriodTerm { id: string; period?: 'current' | 'previous'; sign?: '+' | '-'; name?: LocalText }

/** left (this period) = Σ right (this period's and the previous period's cells), in each row or column. */
export interface AcrossPeriodsSpec {
  id: string;
  code: 'carry-over' | 'in-force-count' | 'project-count';
  soft?: boolean;
  tables: string[];
  each: 'row' | 'column';
  only?: string[];
  left: string;
  name?: LocalText;
  right: PeriodTerm[];
  /** A total whose difference is exactly the sum of its parts' differences is not reported again. */
  explainedBy?: Record<string, string[]>;
}

export interface Template {
  id: string;
  name: LocalText;
  format: '2021' | '2019' | 'legacy' | 'custom';
  years?: { from?: number; to?: number };
  detect: string[];
  extraSections?: boolean;
  sections: SectionSpec[];
  tables: TableSpec[];
  period?: PeriodSpec;
  /** A new report's title: {organ} and {period} (2025年, 2025年第三季度) are filled in. */
  reportTitle?: string;
  prose?: TemplateProse;
  acrossPeriods?: AcrossPeriodsSpec[];
}

export const BUILTIN_TEMPLATES: readonly Template[] = [gov2021, gov2019, govLegacy] as Template[];

export function findTemplate(id: string, extra: readonly Template[] = []): Template | undefined {
  return [...extra, ...BUILTIN_TEMPLATES].find((t) => t.id === id);
}
