// Templates are data: the official formats ship as JSON files validated by template.schema.json.
import gov2021 from './gov-annual-2021.json' with { type: 'json' };
import gov2019 from './gov-annual-2019.json' with { type: 'json' };
import govLegacy from './gov-annual-legacy.json' with { type: 'json' };
import schema from './template.schema.json' with { type: 'json' };

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

export interface Template {
  id: string;
  name: LocalText;
  format: '2021' | '2019' | 'legacy' | 'custom';
  years?: { from?: number; to?: number };
  detect: string[];
  extraSections?: boolean;
  sections: SectionSpec[];
  tables: TableSpec[];
}

export const BUILTIN_TEMPLATES: readonly Template[] = [gov2021, gov2019, govLegacy] as Template[];

export const TEMPLATE_SCHEMA: object = schema;

export function findTemplate(id: string, extra: readonly Template[] = []): Template | undefined {
  return [...extra, ...BUILTIN_TEMPLATES].find((t) => t.id === id);
}
