// Checks a template against template.schema.json (the built-in ones in the tests, a team's own at load time), and
// then what a schema cannot say: every id a relation, a prose figure or a relation across periods names exists.
import { Ajv } from 'ajv';
import schema from './template.schema.json' with { type: 'json' };
import type { CellRef, Template } from './index.js';

/** Imported here, not beside the templates: this module is loaded when a template is to be checked. */
export const TEMPLATE_SCHEMA: object = schema;

let validator: ReturnType<Ajv['compile']> | undefined;

/** Schema violations and unknown references as "path message" lines; empty when the template is valid. */
export function validateTemplate(json: unknown): string[] {
  validator ??= new Ajv({ allErrors: true }).compile(TEMPLATE_SCHEMA);
  if (!validator(json)) return (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
  return templateReferences(json as Template);
}

/** Ids named but not defined: a table's section, a row's parent, the terms of relations, prose cells, periods. */
export function templateReferences(template: Template): string[] {
  const out: string[] = [];
  const sections = new Set(template.sections.map((s) => s.id));
  const tables = new Map(template.tables.map((t) => [t.id, t]));
  const has = (table: string, kind: 'row' | 'column', id: string) => {
    const spec = tables.get(table);
    return spec !== undefined && (kind === 'row' ? spec.rows : spec.columns).some((x) => x.id === id);
  };
  template.tables.forEach((table, i) => {
    if (!sections.has(table.section)) out.push(`/tables/${i}/section unknown section "${table.section}"`);
    table.rows.forEach((row, r) => {
      if (row.parent && !has(table.id, 'row', row.parent)) out.push(`/tables/${i}/rows/${r}/parent unknown row "${row.parent}"`);
    });
    table.relations.forEach((relation, r) => {
      const kind = relation.each === 'row' ? 'column' : 'row';
      for (const side of ['left', 'right'] as const) {
        relation[side].forEach((id, k) => {
          if (!has(table.id, kind, id)) out.push(`/tables/${i}/relations/${r}/${side}/${k} unknown ${kind} "${id}" of table "${table.id}"`);
        });
      }
    });
  });
  const cell = (ref: CellRef, at: string) => {
    if (!tables.has(ref.table)) out.push(`${at} unknown table "${ref.table}"`);
    else {
      if (!has(ref.table, 'row', ref.row)) out.push(`${at} unknown row "${ref.row}" of table "${ref.table}"`);
      if (!has(ref.table, 'column', ref.column)) out.push(`${at} unknown column "${ref.column}" of table "${ref.table}"`);
    }
  };
  const figures = template.prose?.figures ?? [];
  figures.forEach((figure, f) => {
    figure.cells.forEach((ref, c) => cell(ref, `/prose/figures/${f}/cells/${c}`));
    figure.or?.forEach((sum, o) => sum.forEach((ref, c) => cell(ref, `/prose/figures/${f}/or/${o}/${c}`)));
    figure.partOf?.forEach((id, p) => {
      if (!figures.some((x) => x.id === id)) out.push(`/prose/figures/${f}/partOf/${p} unknown figure "${id}"`);
    });
  });
  for (const [name, claim] of Object.entries(template.prose?.claims ?? {})) {
    const refs: Record<string, CellRef[]> = 'notUpheld' in claim ? { total: claim.total, notUpheld: claim.notUpheld } : { cells: claim.cells };
    for (const [key, list] of Object.entries(refs)) list.forEach((ref, c) => cell(ref, `/prose/claims/${name}/${key}/${c}`));
  }
  (template.acrossPeriods ?? []).forEach((relation, r) => {
    const kind = relation.each === 'row' ? 'column' : 'row';
    const along = relation.each === 'row' ? 'row' : 'column';
    relation.tables.forEach((table, t) => {
      const at = `/acrossPeriods/${r}`;
      if (!tables.has(table)) { out.push(`${at}/tables/${t} unknown table "${table}"`); return; }
      if (!has(table, kind, relation.left)) out.push(`${at}/left unknown ${kind} "${relation.left}" of table "${table}"`);
      relation.right.forEach((term, k) => {
        if (!has(table, kind, term.id)) out.push(`${at}/right/${k}/id unknown ${kind} "${term.id}" of table "${table}"`);
      });
      relation.only?.forEach((id, k) => {
        if (!has(table, along, id)) out.push(`${at}/only/${k} unknown ${along} "${id}" of table "${table}"`);
      });
      for (const [total, parts] of Object.entries(relation.explainedBy ?? {})) {
        for (const id of [total, ...parts]) if (!has(table, along, id)) out.push(`${at}/explainedBy unknown ${along} "${id}" of table "${table}"`);
      }
    });
  });
  return out;
}
