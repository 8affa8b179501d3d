// The relations across periods a template declares (`acrossPeriods`: R7 carry-over, R12 documents in force, R16
// project counts, a quarterly report's opening balance …), evaluated by one function on the two reports' facts:
// left (this period) = Σ ±right (this period's and the previous period's cells), in each row or column.
import Big from 'big.js';
import { finding } from '../checks/check.js';
import type { Finding, RelatedInformation } from '../findings.js';
import type { AcrossPeriodsSpec, LocalText, PeriodTerm, PeriodUnit } from '../../templates/index.js';
import type { CellFact } from './facts.js';
import { where, type CrossYearCheck } from './check.js';

/** The key of a relation's cell in the facts: "table/row/column". */
export function cellKey(relation: Pick<AcrossPeriodsSpec, 'each'>, table: string, along: string, id: string): string {
  return relation.each === 'row' ? `${table}/${along}/${id}` : `${table}/${id}/${along}`;
}

/** How messages name the report for the period before. */
const PREVIOUS: Record<PeriodUnit, LocalText> = {
  year: { zh: '上年报告', en: 'last year\'s report' },
  quarter: { zh: '上季度报告', en: 'last quarter\'s report' },
  month: { zh: '上月报告', en: 'last month\'s report' },
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Term { spec: PeriodTerm; cell: CellFact; previous: boolean; minus: boolean }

interface Instance { table: string; along: string; left: CellFact; terms: Term[]; expected: Big; difference: Big }

export const acrossPeriods: CrossYearCheck = (current, previous) => {
  const unit = current.facts.period?.unit ?? 'year';
  if ((previous.facts.period?.unit ?? 'year') !== unit) return [];
  const out: Finding[] = [];
  for (const relation of current.facts.acrossPeriods ?? []) {
    if (!relation.right.some((t) => t.period === 'previous')) continue;
    for (const table of relation.tables) {
      const instances = instancesOf(relation, table, current.facts.cells, previous.facts.cells);
      for (const instance of instances.values()) {
        if (instance.difference.eq(0) || explained(relation, instance, instances)) continue;
        out.push(report(relation, instance, unit, current.path, previous.path));
      }
    }
  }
  return out;
};

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
  const before = PREVIOUS[unit];
  const value = instance.expected.toFixed();
  const title = (t: Term): LocalText => t.spec.name ?? quoted(relation.each === 'row' ? t.cell.column : t.cell.row);
  const firstPrevious = terms.find((t) => t.previous)!;
  const place = where(here, there, firstPrevious.cell.range);
  const related: RelatedInformation[] = terms.map((t) => (t.previous
    ? { uri: there, range: t.cell.range, message: {
      zh: `${before.zh} ${where(here, there, t.cell.range)}：“${t.cell.row}”的“${t.cell.column}”为 ${t.cell.value}`,
      en: `${capital(before.en)} ${where(here, there, t.cell.range)}: "${t.cell.row}" / "${t.cell.column}" is ${t.cell.value}` } }
    : { range: t.cell.range, message: { zh: `“${t.cell.row}”的“${t.cell.column}”为 ${t.cell.value}`, en: `"${t.cell.row}" / "${t.cell.column}" is ${t.cell.value}` } }));
  const subject = { table: instance.table, row: relation.each === 'row' ? instance.along : relation.left };
  const severity = relation.soft ? { severity: 'warning' as const } : {};
  if (terms.length === 1 && firstPrevious.spec.sign !== '-') {
    // A figure carried over from the period before.
    const from = firstPrevious.cell;
    const name = relation.each === 'row' ? from.column : from.row;
    return finding(relation.code, left.range, {
      zh: `“${left.row}”的“${left.column}”为 ${left.value}，${before.zh}（${place}）“${name}”为 ${from.value}，两者应相等（${relation.id}）`,
      en: `"${left.row}" / "${left.column}" is ${left.value}, but ${before.en} (${place}) carried forward ${from.value} ("${name}"); they should be equal (${relation.id})`,
    }, {
      ...severity, related, subject,
      ...(relation.soft ? {} : { fixes: [{
        title: { zh: `改为${before.zh}“${name}”的 ${from.value}`, en: `Change to ${before.en.replace(/ report$/, '')} "${name}" ${from.value}` },
        safe: false, edits: [{ range: left.range, newText: from.value }],
      }] }),
    });
  }
  // A running figure: the period before's, plus and minus this period's or the period before's changes.
  const along = relation.each === 'row' ? left.row : left.column;
  const leftName = relation.name ?? quoted(relation.each === 'row' ? left.column : left.row);
  const previousTerms = terms.filter((t) => t.previous);
  const currentTerms = terms.filter((t) => !t.previous);
  const sameFigure = previousTerms.length === 1 && previousTerms[0].spec.id === relation.left;
  const firstName = (t: Term): LocalText => t.spec.name ?? (t.spec.id === relation.left ? leftName : title(t));
  const zhPrevious = sameFigure ? `为 ${previousTerms[0].cell.value}`
    : `的${firstName(previousTerms[0]).zh} ${previousTerms[0].cell.value}`
      + previousTerms.slice(1).map((t) => ` ${t.minus ? '减' : '加'}${title(t).zh} ${t.cell.value}`).join('');
  const enPrevious = sameFigure ? `had ${previousTerms[0].cell.value}`
    : `gives ${previousTerms[0].cell.value}` + previousTerms.slice(1).map((t) => ` ${t.minus ? 'minus' : 'plus'} ${title(t).en} ${t.cell.value}`).join('');
  const zhCurrent = currentTerms.length
    ? `，${currentTerms.map((t) => `${t.minus ? '减' : '加'}${title(t).zh} ${t.cell.value}`).join('、')} 应为 ${value}` : ` 为 ${value}`;
  const enCurrent = currentTerms.length
    ? `; ${currentTerms.map((t) => `${t.minus ? 'minus' : 'plus'} ${t.cell.value} ${title(t).en}`).join(' ')} makes ${value}` : `, which is ${value}`;
  return finding(relation.code, left.range, {
    zh: `“${along}”的${leftName.zh}为 ${left.value}，而${before.zh}（${place}）${zhPrevious}${zhCurrent}（${relation.id}）`,
    en: `"${along}" ${leftName.en} is ${left.value}, but ${before.en} (${place}) ${enPrevious}${enCurrent} (${relation.id})`,
  }, {
    ...severity, related, subject,
    ...(relation.soft ? {} : { fixes: [{ title: { zh: `改为 ${value}`, en: `Change to ${value}` }, safe: false, edits: [{ range: left.range, newText: value }] }] }),
  });
}

function quoted(title: string): LocalText {
  return { zh: `“${title}”`, en: `"${title}"` };
}
