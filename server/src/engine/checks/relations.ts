// total-mismatch, reconciliation and bound for the template's relations (R1–R3, R8, R9, R15, L1–L11).
// One wrong cell that breaks its row total and its column total is one finding at that cell, not two.
import { evaluateRelations, feasible, type RelationInstance, type Term } from '../relations.js';
import type { BoundTable } from '../bind/tables.js';
import type { TableCell } from '../model/table.js';
import { formatDecimal, readCell, sum as total, type Decimal } from '../numbers.js';
import { finding, type Check } from './check.js';
import type { Finding, Fix, RelatedInformation } from '../findings.js';
import type { MessageText } from '../message.js';
import { listedArgs } from '../budget.js';
import { append, sameList } from '../lists.js';
import { joined, label, msg } from '../message.js';

export const relations: Check = {
  codes: ['total-mismatch', 'reconciliation', 'bound'],
  run({ binding, repeated }) {
    const out: Finding[] = [];
    for (const table of binding.tables) append(out, repeated ? tableFindings(table) : judgeTable(table));
    return out;
  },
};

/**
 * A table's findings (plain data, never changed once made), kept when a report is analysed again and again (an
 * editor's keystrokes, fix-all's rounds; a one-time check judges each table, as keeping costs more than it saves).
 * The same bound table (kept by the editor's binding, so the same table objects, read the same way) on the same
 * lines gives the same findings (columns never move, bind/kept.ts); else they are found by their key.
 */
function tableFindings(table: BoundTable): Finding[] {
  const lines = table.parts.map((p) => p.table.range.start.line);
  const mine = byTable.get(table);
  if (mine && sameList(mine.lines, lines)) return mine.findings;
  const findings = keyedFindings(table);
  byTable.set(table, { lines, findings });
  return findings;
}

/** The last findings of each bound table, with the lines its parts started at. */
const byTable = new WeakMap<BoundTable, { lines: number[]; findings: Finding[] }>();

/**
 * A table's findings kept by what they are made of: a table (a binding made anew) whose relation instances read the
 * same figures at the same places gives the same findings. A table too large for its instances to make a short key
 * is judged afresh.
 */
function keyedFindings(table: BoundTable): Finding[] {
  const key = instancesKey(table);
  if (key === undefined) return judgeTable(table);
  const known = judged.get(key);
  if (known) {
    judged.delete(key);
    judged.set(key, known);
    return known;
  }
  const findings = judgeTable(table);
  judged.set(key, findings);
  if (judged.size > JUDGED_TABLES) judged.delete(judged.keys().next().value!);
  return findings;
}

/** Tables whose findings are kept (the most recently used): a few open reports' tables. */
const JUDGED_TABLES = 64;
/** Terms at most in a table whose findings are kept. */
const KEYED_TERMS = 4000;
const judged = new Map<string, Finding[]>();
/** Template objects (a table's spec, a relation) by a number, for keys. */
const specIds = new WeakMap<object, number>();
let nextSpecId = 1;

function specId(spec: object): number {
  let id = specIds.get(spec);
  if (id === undefined) specIds.set(spec, (id = nextSpecId++));
  return id;
}

/**
 * Everything the findings of a table's relations are made of: its template table and, for each relation instance
 * in order, the relation, the line it runs along, its status, and each term's side, template id and label, cell
 * (where it is: findings and fixes carry its range) and figure as read (blanks included).
 */
function instancesKey(table: BoundTable): string | undefined {
  const instances = evaluateRelations(table);
  let terms = 0;
  for (const i of instances) terms += i.terms.length;
  if (terms > KEYED_TERMS) return undefined;
  const parts: string[] = [String(specId(table.spec))];
  for (const i of instances) {
    parts.push(`\u0001${specId(i.relation)}\u0002${i.along.id}\u0002${i.along.label}\u0002${i.status}`);
    for (const t of i.terms) {
      let cell = '';
      if (t.cell) {
        // A cell's figure is read from its text alone (model/table.ts); a blank's reading is in `zero`.
        const r = t.cell.range;
        cell = `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}:${t.cell.raw}`;
      }
      const value = t.value === undefined ? '' : t.cell && !t.zero ? '=' : t.value.toFixed();
      parts.push(`\u0003${t.side}\u0002${t.id}\u0002${t.label}\u0002${cell}\u0002${value}\u0002${t.blank ? 1 : 0}${t.zero ? 1 : 0}`);
    }
  }
  return parts.join('');
}

/** The findings of a table's relations. */
function judgeTable(table: BoundTable): Finding[] {
  const out: Finding[] = [];
  const instances = evaluateRelations(table).filter((i) => i.status === 'fail');
  const hard = instances.filter((i) => !i.relation.soft);
  const soft = instances.filter((i) => i.relation.soft);
  const explained = new Set<RelationInstance>();
  for (const fault of singleCellFaults(hard.filter((i) => !i.unknown))) {
    fault.instances.forEach((i) => explained.add(i));
    out.push(cellFault(fault));
  }
  for (const instance of hard) if (!explained.has(instance)) out.push(describe(instance));
  // A soft bound that fails only because a hard relation over the same cells fails says nothing new.
  const brokenCells = new Set(hard.flatMap((i) => i.terms.map((t) => t.cell)));
  for (const instance of soft) {
    if (instance.terms.some((t) => brokenCells.has(t.cell))) continue;
    out.push(describe(instance));
  }
  return out;
}

// The line a relation runs along is named by its label as the report wrote it; it is the template row or column it
// was bound to, so zh-TW shows it in Traditional characters like the template wording beside it (one cell, one script).
function cellName(instance: RelationInstance, term: Term): MessageText {
  if (instance.relation.each === 'row') {
    // The 四 table's one data row has no label: the column names the cell.
    if (!instance.along.label) return msg('relations.cell', { label: label(term.label) });
    return msg('relations.cell-along', { label: label(instance.along.label), label2: label(term.label) });
  }
  if (instance.table.spec.columns.length === 1) return msg('relations.cell', { label: label(term.label) });
  return msg('relations.cell-along', { label: label(term.label), label2: label(instance.along.label) });
}

/** "予以公开 3 + 部分公开 2"; long sums show their non-zero terms only (unknown blanks are left out). */
function formula(all: Term[]): MessageText {
  const terms = all.filter((t) => t.value);
  const shown = terms.length > 8 ? terms.filter((t) => !t.value!.eq(0)) : terms;
  const items = shown.map((t) => msg('relations.term', { label: label(t.label), value: formatDecimal(t.value!) }));
  const sum = items.length ? listedArgs(items, ' + ') : '0';
  const hidden = terms.length - shown.length;
  return hidden ? msg('relations.the-other-are-0', { sum, hidden }) : msg('relations.formula', { sum });
}

function related(instance: RelationInstance, skip?: TableCell): RelatedInformation[] {
  return instance.terms.filter((t) => t.cell && t.cell !== skip).map((t) => ({
    range: t.cell!.range,
    message: t.value
      ? msg('relations.cell-value', { cell: cellName(instance, t), value: formatDecimal(t.value), zero: t.zero ? 'yes' : 'no' })
      : msg('relations.blank', { cell: cellName(instance, t) }),
  }));
}

function describe(instance: RelationInstance): Finding {
  if (instance.unknown) return describeInfeasible(instance);
  const left = instance.terms.filter((t) => t.side === 'left');
  const right = instance.terms.filter((t) => t.side === 'right');
  const L = instance.left!;
  const R = instance.right!;
  const anchor = left[0].cell!;
  const rel = instance.relation;
  if (rel.kind === 'sum') {
    const name = cellName(instance, left[0]);
    const f = formula(right);
    // Both directions: the total to the sum of its parts (and the totals that total feeds), or one part to the
    // figure that balances the sum; the fix that leaves no relation of the table failing comes first.
    const toTotal: Fix = { title: msg('relations.fix-change-to', { R: formatDecimal(R) }), safe: true,
      edits: [{ range: anchor.range, newText: formatDecimal(R) }] };
    const toPart = right.map((t) => ({ term: t, value: t.value!.plus(L.minus(R)) })).filter((c) => c.value.gte(0)).slice(0, 8)
      .map(({ term, value }): Fix => ({ title: msg('relations.fix-or-change-to', { name: cellName(instance, term), value: formatDecimal(value) }), safe: false,
        edits: [{ range: term.cell!.range, newText: formatDecimal(value) }] }));
    return finding('total-mismatch', anchor.range, msg('relations.should-be-found', { name, R: formatDecimal(R), f, L: formatDecimal(L), id: rel.id }), {
      // The parts are in the message (and the hover): a related line each would only repeat them.
      related: [],
      fixes: satisfyingFirst(instance.table, [toTotal, ...toPart]),
    });
  }
  if (rel.kind === 'balance') {
    const lf = formula(left);
    const rf = formula(right);
    const where = instance.table.spec.columns.length > 1 && rel.each === 'column'
      ? msg('relations.in-column', { label: label(instance.along.label) }) : msg('relations.nowhere');
    return finding('reconciliation', anchor.range, msg('relations.the-reconciliation-fails-but-off', { where, lf, L: formatDecimal(L), rf, R: formatDecimal(R), arg: formatDecimal(L.minus(R).abs()), id: rel.id }), { related: related(instance, anchor) });
  }
  const lname = left.map((t) => cellName(instance, t));
  const rname = right.map((t) => cellName(instance, t));
  const and = msg('relations.and');
  return finding('bound', anchor.range, msg('relations.exceeds-which-is-normally-impossible', { left: joined(lname, and), L: formatDecimal(L), right: joined(rname, and), terms: right.length, R: formatDecimal(R), id: rel.id }), { related: related(instance, anchor) });
}

/**
 * A relation that fails whatever its blanks hold: the written figures of the side with blanks already exceed the
 * other side (blanks are at least 0, so they only add). One finding, naming the blank cells.
 */
function describeInfeasible(instance: RelationInstance): Finding {
  const rel = instance.relation;
  const unknown = instance.unknown!;
  const openSide = unknown[0].side;
  const open = instance.terms.filter((t) => t.side === openSide);
  const closed = instance.terms.filter((t) => t.side !== openSide);
  const K = formatDecimal(openSide === 'left' ? instance.left! : instance.right!);
  const C = formatDecimal(openSide === 'left' ? instance.right! : instance.left!);
  const of = formula(open);
  const cf = formula(closed);
  const blanks = unknown.map((t) => cellName(instance, t));
  const names = listedArgs(blanks, msg('sep.list'));
  const anchor = instance.terms.find((t) => t.side === 'left' && t.cell)!.cell!;
  const code = rel.kind === 'sum' ? 'total-mismatch' : rel.kind === 'balance' ? 'reconciliation' : 'bound';
  const blankText = msg('relations.the-blank-unknown-at-least', { names, id: rel.id });
  if (rel.kind === 'sum' && openSide === 'right') {
    const total = cellName(instance, closed[0]);
    return finding(code, anchor.range, msg('relations.is-but-the-parts-written', { total, C, K, of, blankText }), { related: related(instance, anchor) });
  }
  const where = instance.table.spec.columns.length > 1 && rel.each === 'column'
    ? msg('relations.in-column', { label: label(instance.along.label) })
    : rel.each === 'row' ? msg('relations.in-row', { label: label(instance.along.label) }) : msg('relations.nowhere');
  const title = rel.kind === 'balance' ? msg('relations.the-reconciliation-fails') : msg('relations.the-relation-fails');
  return finding(code, anchor.range, msg('relations.the-figures-written-already-exceed', { title, where, of, K, cf, C, blankText }), { related: related(instance, anchor) });
}

interface CellFault { cell: TableCell; name: MessageText; value: Decimal; corrected: Decimal; instances: RelationInstance[] }

/**
 * Cells shared by several failing relations where one corrected value satisfies them all:
 * the likeliest single fault, reported once.
 */
function singleCellFaults(failing: RelationInstance[]): CellFault[] {
  const byCell = new Map<TableCell, Array<{ instance: RelationInstance; term: Term; corrected: Decimal }>>();
  for (const instance of failing) {
    const delta = instance.left!.minus(instance.right!);
    for (const term of instance.terms) {
      const corrected = term.side === 'left' ? term.value!.minus(delta) : term.value!.plus(delta);
      const list = byCell.get(term.cell!) ?? [];
      list.push({ instance, term, corrected });
      byCell.set(term.cell!, list);
    }
  }
  const candidates: CellFault[] = [];
  for (const [cell, list] of byCell) {
    if (list.length < 2) continue;
    const groups = new Map<string, typeof list>();
    for (const entry of list) {
      const key = entry.corrected.toFixed();
      groups.set(key, [...(groups.get(key) ?? []), entry]);
    }
    const best = [...groups.values()].sort((a, b) => b.length - a.length)[0];
    if (best.length < 2 || best[0].corrected.lt(0)) continue;
    candidates.push({ cell, name: cellName(best[0].instance, best[0].term), value: best[0].term.value!,
      corrected: best[0].corrected, instances: best.map((e) => e.instance) });
  }
  candidates.sort((a, b) => b.instances.length - a.instances.length);
  const used = new Set<RelationInstance>();
  return candidates.filter((c) => {
    if (c.instances.some((i) => used.has(i))) return false;
    c.instances.forEach((i) => used.add(i));
    return true;
  });
}

function cellFault(fault: CellFault): Finding {
  // A row sum and a column sum through one cell read alike: each says which way it adds up.
  const what = fault.instances.map((i) => summary(i, true));
  const code = fault.instances.some((i) => i.relation.kind === 'sum') ? 'total-mismatch' : 'reconciliation';
  const v = formatDecimal(fault.corrected);
  // One value that satisfies every relation the cell breaks: a candidate for fix-all, which still verifies it.
  const toCell: Fix = { title: msg('relations.fix-change-to-value', { v }), safe: true, edits: [{ range: fault.cell.range, newText: v }] };
  const toTotals = totalsFix(fault);
  return finding(code, fault.cell.range, msg('relations.is-which-breaks-relations-would', { name: fault.name, value: formatDecimal(fault.value), length: what.length, relations: joined(what, msg('sep.clause')), v }), {
    related: brokenTotals(fault),
    fixes: satisfyingFirst(fault.instances[0].table, toTotals ? [toCell, toTotals] : [toCell]),
  });
}

/** The totals a wrong cell breaks (the other side of each relation it is in), not every addend of them. */
function brokenTotals(fault: CellFault): RelatedInformation[] {
  const out: RelatedInformation[] = [];
  const seen = new Set<TableCell>([fault.cell]);
  for (const instance of fault.instances) {
    const side = instance.terms.find((t) => t.cell === fault.cell)?.side;
    // In a sum the total is the left side; a cell that is the total itself breaks no other total there.
    const others = instance.relation.kind === 'sum' ? (side === 'right' ? instance.terms.filter((t) => t.side === 'left') : [])
      : instance.terms.filter((t) => t.side !== side);
    for (const t of others) {
      if (!t.cell || seen.has(t.cell)) continue;
      seen.add(t.cell);
      out.push(...related({ ...instance, terms: [t] }));
    }
  }
  return out;
}

/**
 * The other direction for a wrong part: each total it breaks set to the sum of its parts, and each total those
 * feed in turn (the 总计 of a 总计 column), until the sums hold; none when one total would need two values.
 */
function totalsFix(fault: CellFault): Fix | undefined {
  const table = fault.instances[0].table;
  const changes = new Map<TableCell, { value: Decimal; name: MessageText }>();
  const sums = evaluateRelations(table).filter((i) => i.relation.kind === 'sum' && i.left !== undefined && !i.unknown);
  let pending = fault.instances.filter((i) => i.relation.kind === 'sum' && i.terms.some((t) => t.side === 'right' && t.cell === fault.cell));
  if (pending.length === 0 || pending.length !== fault.instances.length) return undefined;
  for (let round = 0; pending.length && round < 8; round++) {
    for (const instance of pending) {
      const head = instance.terms.find((t) => t.side === 'left')!;
      if (!head.cell || head.cell === fault.cell) return undefined;
      const value = total(instance.terms.filter((t) => t.side === 'right' && t.value).map((t) => changes.get(t.cell!)?.value ?? t.value!));
      const known = changes.get(head.cell);
      if (known && !known.value.eq(value)) return undefined;
      changes.set(head.cell, { value, name: cellName(instance, head) });
    }
    const after = valuesAfter(changes);
    pending = sums.filter((i) => i.terms.some((t) => t.side === 'right' && changes.has(t.cell!)) && !holdsAfter(i, after));
  }
  if (pending.length || changes.size === 0) return undefined;
  const list = [...changes.entries()].filter(([cell, c]) => !(cell.value.kind === 'number' && cell.value.value.eq(c.value)));
  return {
    title: msg('relations.fix-change-totals', { count: list.length, changes: joined(list.map(([, c]) => msg('relations.fix-cell-to', { name: c.name, value: formatDecimal(c.value) })), msg('sep.list')) }),
    safe: false,
    edits: list.map(([cell, c]) => ({ range: cell.range, newText: formatDecimal(c.value) })),
  };
}

function valuesAfter(changes: Map<TableCell, { value: Decimal }>): Map<TableCell, Decimal> {
  return new Map([...changes].map(([cell, c]) => [cell, c.value]));
}

/** Whether a judged relation instance holds once some cells take new values (blanks still unknown, each ≥ 0). */
function holdsAfter(instance: RelationInstance, values: ReadonlyMap<TableCell, Decimal>): boolean {
  if (instance.left === undefined) return instance.status !== 'fail';
  const side = (s: Term['side']) => instance.terms.filter((t) => t.side === s);
  const known = (terms: Term[]) => total(terms.map((t) => values.get(t.cell!) ?? t.value).filter((v) => v !== undefined));
  const open = (terms: Term[]) => terms.some((t) => t.value === undefined && !values.has(t.cell!));
  const left = side('left');
  const right = side('right');
  return feasible(instance.relation.kind, known(left), open(left), known(right), open(right));
}

/**
 * A table's hard relation instances as a fix is scored against them: each cell's instances, and what holds as
 * written. Kept with the bound table (the editor keeps a binding while its tables stay); where the cells are is not:
 * a kept table's cells move with the text.
 */
interface FixScoring {
  byCell: Map<TableCell, RelationInstance[]>;
  holds: Map<RelationInstance, boolean>;
  failing: number;
}

const scorings = new WeakMap<BoundTable, FixScoring>();

function scoringOf(table: BoundTable): FixScoring {
  const known = scorings.get(table);
  if (known) return known;
  const byCell = new Map<TableCell, RelationInstance[]>();
  const holds = new Map<RelationInstance, boolean>();
  let failing = 0;
  for (const i of evaluateRelations(table)) {
    if (i.relation.soft) continue;
    // What `holdsAfter` says with no cell changed: the judged status.
    const ok = i.status !== 'fail';
    holds.set(i, ok);
    if (!ok) failing++;
    for (const t of i.terms) {
      if (!t.cell) continue;
      const list = byCell.get(t.cell);
      if (!list) byCell.set(t.cell, [i]); else if (list[list.length - 1] !== i) list.push(i);
    }
  }
  const scoring = { byCell, holds, failing };
  scorings.set(table, scoring);
  return scoring;
}

/** Fixes by how many relations of the table still fail after each (none: first), else in their order. */
function satisfyingFirst(table: BoundTable, fixes: Fix[]): Fix[] {
  const { byCell, holds, failing } = scoringOf(table);
  const cells = new Map<string, TableCell>();
  for (const cell of byCell.keys()) cells.set(`${cell.range.start.line}:${cell.range.start.character}`, cell);
  // Only the instances over an edited cell can change: the others fail after the fix as they fail now.
  const failures = (fix: Fix) => {
    const values = new Map<TableCell, Decimal>();
    for (const e of fix.edits) {
      const cell = cells.get(`${e.range.start.line}:${e.range.start.character}`);
      const read = readCell(e.newText);
      if (cell && read.kind === 'number') values.set(cell, read.value);
    }
    const touched = new Set<RelationInstance>();
    for (const cell of values.keys()) for (const i of byCell.get(cell) ?? []) touched.add(i);
    let count = failing;
    for (const i of touched) count += (holds.get(i) ? 0 : -1) + (holdsAfter(i, values) ? 0 : 1);
    return count;
  };
  const scored = fixes.map((fix, index) => ({ fix, index, failing: failures(fix) }));
  return scored.sort((a, b) => a.failing - b.failing || a.index - b.index).map((s) => s.fix);
}

function summary(instance: RelationInstance, along = false): MessageText {
  const left = instance.terms.filter((t) => t.side === 'left');
  const L = formatDecimal(instance.left!);
  const R = formatDecimal(instance.right!);
  if (instance.relation.kind === 'sum') {
    const name = cellName(instance, left[0]);
    return along ? msg('relations.sum-of-parts-along', { name, L, R, each: instance.relation.each })
      : msg('relations.sum-of-parts', { name, L, R });
  }
  return msg('relations.reconciliation', { L, R, label: label(instance.along.label) });
}

