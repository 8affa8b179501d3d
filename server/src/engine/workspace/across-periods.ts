// The relations across periods a template declares (`acrossPeriods`: R7 carry-over, R12 documents in force, R16
// project counts, a quarterly report's opening balance …), evaluated by one function on the two reports' facts:
// left (this period) = Σ ±right (this period's and the previous period's cells), in each row or column.
import Big from 'big.js';
import { finding } from '../checks/check.js';
import type { Finding, RelatedInformation } from '../findings.js';
import type { AcrossPeriodsSpec, PeriodTerm, PeriodUnit } from '../../templates/index.js';
import { joined, label, msg, type MessageText } from '../message.js';
import type { CellFact } from './facts.js';
import { where, type CrossYearCheck } from './check.js';
import type { WorkspaceReport } from './match.js';
import type { LocalText } from '../../templates/index.js';

/** The key of a relation's cell in the facts: "table/row/column". */
export function cellKey(relation: Pick<AcrossPeriodsSpec, 'each'>, table: string, along: string, id: string): string {
  return relation.each === 'row' ? `${table}/${along}/${id}` : `${table}/${id}/${along}`;
}

interface Term { spec: PeriodTerm; cell: CellFact; previous: boolean; minus: boolean }

interface Instance { table: string; along: string; left: CellFact; terms: Term[]; expected: Big; difference: Big }

/**
 * Each instance of the report's relations across periods with its figures in both reports (template order), with the
 * other instances of its relation and table; none when the two reports' periods differ in unit.
 */
function* instancesAcross(current: WorkspaceReport, previous: WorkspaceReport):
  Generator<{ relation: AcrossPeriodsSpec; table: string; instance: Instance; instances: Map<string, Instance> }> {
  if ((previous.facts.period?.unit ?? 'year') !== (current.facts.period?.unit ?? 'year')) return;
  for (const relation of current.facts.acrossPeriods ?? []) {
    if (!relation.right.some((t) => t.period === 'previous')) continue;
    for (const table of relation.tables) {
      const instances = instancesOf(relation, table, current.facts.cells, previous.facts.cells);
      for (const instance of instances.values()) yield { relation, table, instance, instances };
    }
  }
}

export const acrossPeriods: CrossYearCheck = (current, previous) => {
  const unit = current.facts.period?.unit ?? 'year';
  const out: Finding[] = [];
  for (const { relation, instance, instances } of instancesAcross(current, previous)) {
    if (instance.difference.eq(0) || explained(relation, instance, instances)) continue;
    out.push(report(relation, instance, unit, current.path, previous.path));
  }
  return out;
};

/** One row (each: row) or column (each: column) of a relation across periods, as plain data: what a review shows side by side. */
export interface PeriodComparison {
  relation: { id: string; code: AcrossPeriodsSpec['code']; each: 'row' | 'column'; soft: boolean; name?: LocalText };
  table: string;
  along: string;
  /** This period's cell. */
  left: CellFact;
  terms: Array<{ cell: CellFact; previous: boolean; minus: boolean; name?: LocalText }>;
  /** What the terms give, and the left cell's difference from it ("0": holds), as plain decimals. */
  expected: string;
  difference: string;
  /** A total whose difference its parts' differences explain: not reported on its own (one fault, one finding). */
  explained: boolean;
}

/** Every instance of the report's relations across periods that has its figures in both reports, in template order. */
export function comparePeriods(current: WorkspaceReport, previous: WorkspaceReport): PeriodComparison[] {
  return [...instancesAcross(current, previous)].map(({ relation, table, instance, instances }) => ({
    relation: { id: relation.id, code: relation.code, each: relation.each, soft: relation.soft === true, ...(relation.name ? { name: relation.name } : {}) },
    table, along: instance.along, left: instance.left,
    terms: instance.terms.map((t) => ({ cell: t.cell, previous: t.previous, minus: t.minus, ...(t.spec.name ? { name: t.spec.name } : {}) })),
    expected: instance.expected.toFixed(), difference: instance.difference.toFixed(),
    explained: !instance.difference.eq(0) && explained(relation, instance, instances),
  }));
}

/** Each row (each: row) or column (each: column) where the left cell and every term have a figure. */
function instancesOf(relation: AcrossPeriodsSpec, table: string, here: Record<string, CellFact>, there: Record<string, CellFact>): Map<string, Instance> {
  const out = new Map<string, Instance>();
  const prefix = `${table}/`;
  for (const key of Object.keys(here)) {
    if (!key.startsWith(prefix)) continue;
    const [, row, column] = key.split('/');
    const along = relation.each === 'row' ? row : column;
    if ((relation.each === 'row' ? column : row) !== relation.left || out.has(along)) continue;
    if (relation.only && !relation.only.includes(along)) continue;
    const terms: Term[] = [];
    for (const spec of relation.right) {
      const isPrevious = spec.period === 'previous';
      const cell = (isPrevious ? there : here)[cellKey(relation, table, along, spec.id)];
      if (!cell) break;
      terms.push({ spec, cell, previous: isPrevious, minus: spec.sign === '-' });
    }
    if (terms.length !== relation.right.length) continue;
    const expected = terms.reduce((acc, t) => (t.minus ? acc.minus(t.cell.value) : acc.plus(t.cell.value)), new Big(0));
    const left = here[key];
    out.set(along, { table, along, left, terms, expected, difference: new Big(left.value).minus(expected) });
  }
  return out;
}

/** One fault, one finding: a total that differs exactly by its parts' differences (some not zero) is not reported. */
function explained(relation: AcrossPeriodsSpec, instance: Instance, instances: Map<string, Instance>): boolean {
  const parts = relation.explainedBy?.[instance.along];
  if (!parts) return false;
  const differences = parts.map((p) => instances.get(p)?.difference);
  if (differences.some((d) => d === undefined) || differences.every((d) => d!.eq(0))) return false;
  return differences.reduce<Big>((acc, d) => acc.plus(d!), new Big(0)).eq(instance.difference);
}

function report(relation: AcrossPeriodsSpec, instance: Instance, unit: PeriodUnit, here: string, there: string): Finding {
  const { left, terms } = instance;
  const value = instance.expected.toFixed();
  const title = (t: Term): MessageText => t.spec.name ?? quoted(relation.each === 'row' ? t.cell.column : t.cell.row);
  const firstPrevious = terms.find((t) => t.previous)!;
  const place = where(here, there, firstPrevious.cell.range);
  const cell = (c: CellFact) => ({ row: label(c.row), column: label(c.column), value: c.value });
  const related: RelatedInformation[] = terms.map((t) => (t.previous
    ? { uri: there, range: t.cell.range, message: msg('across.related-previous', { unit, place: where(here, there, t.cell.range), ...cell(t.cell) }) }
    : { range: t.cell.range, message: msg('across.related-current', cell(t.cell)) }));
  const subject = { table: instance.table, row: relation.each === 'row' ? instance.along : relation.left };
  const severity = relation.soft ? { severity: 'warning' as const } : {};
  if (terms.length === 1 && firstPrevious.spec.sign !== '-') {
    // A figure carried over from the period before.
    const from = firstPrevious.cell;
    const name = label(relation.each === 'row' ? from.column : from.row);
    return finding(relation.code, left.range, msg('across.carried', { ...cell(left), unit, place, name, from: from.value, id: relation.id }), {
      ...severity, related, subject,
      ...(relation.soft ? {} : { fixes: [{
        title: msg('across.fix-carried', { unit, name, from: from.value }),
        safe: false, edits: [{ range: left.range, newText: from.value }],
      }] }),
    });
  }
  // A running figure: the period before's, plus and minus this period's or the period before's changes.
  const along = label(relation.each === 'row' ? left.row : left.column);
  const leftName = relation.name ?? quoted(relation.each === 'row' ? left.column : left.row);
  const previousTerms = terms.filter((t) => t.previous);
  const currentTerms = terms.filter((t) => !t.previous);
  const sameFigure = previousTerms.length === 1 && previousTerms[0].spec.id === relation.left;
  const firstName = (t: Term): MessageText => t.spec.name ?? (t.spec.id === relation.left ? leftName : title(t));
  const term = (id: string) => (t: Term) => msg(id, { minus: t.minus ? 'yes' : 'no', name: title(t), value: t.cell.value });
  const before = sameFigure ? msg('across.previous-same', { value: previousTerms[0].cell.value })
    : msg('across.previous-sum', { name: firstName(previousTerms[0]), value: previousTerms[0].cell.value,
      rest: joined(previousTerms.slice(1).map(term('across.term-previous')), '') });
  const now = currentTerms.length
    ? msg('across.current-terms', { terms: joined(currentTerms.map(term('across.term-current')), msg('across.sep-terms')), expected: value })
    : msg('across.current-none', { expected: value });
  return finding(relation.code, left.range, msg('across.running', { along, name: leftName, value: left.value, unit, place, before, now, id: relation.id }), {
    ...severity, related, subject,
    ...(relation.soft ? {} : { fixes: [{ title: msg('relations.fix-change-to-value', { v: value }), safe: false, edits: [{ range: left.range, newText: value }] }] }),
  });
}

function quoted(title: string): MessageText {
  return msg('across.quoted', { name: label(title) });
}
