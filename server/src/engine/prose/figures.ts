// Which table figure a figure in the text names (R18): the phrase nearest before it in its clause, and
// whether the sentence is about this report's own year, body and figures at all.
import type { ReportModel } from '../model/report.js';
import type { Template } from '../../templates/index.js';
import type { Binding } from '../bind/index.js';
import { cellAt, type BoundTable } from '../bind/tables.js';
import type { TableCell, TableRow } from '../model/table.js';
import { columnTitle, rowTitle } from '../relations.js';
import { sum, type Decimal } from '../numbers.js';
import { blockMemo, type ProseBlock, type Quantity } from './quantities.js';
import { figuresOf, phraseEnd, PROSE_VOCABULARY, type CellRef, type CompiledFigure, type Phrase } from './vocabulary.js';

export interface FigureMatch { figure: CompiledFigure; phrase: Phrase }

const MATCHES = Symbol('matches');

/** The figure a phrase before the number names: the nearest phrase wins, a longer one on a tie. */
export function matchFigure(q: Quantity, block: ProseBlock, template: Template): FigureMatch | undefined {
  // A function of the template and of the quantity's block-relative reading: kept per paragraph and template.
  const memo = blockMemo(block).figures;
  if (!memo) return findFigure(q, block, template);
  // For the last template only: a team's template read again is a new object, and the old one is not kept alive.
  let kept = memo.get(MATCHES) as { template: Template; matches: Array<FigureMatch | null> } | undefined;
  if (kept?.template !== template) memo.set(MATCHES, (kept = { template, matches: [] }));
  const { matches } = kept;
  const i = q.index - block.first;
  let match = matches[i];
  if (match === undefined) match = matches[i] = findFigure(q, block, template) ?? null;
  return match ?? undefined;
}

/** A template's figures by unit, each list in the template's order. */
const byUnit = new WeakMap<Template, Map<string, CompiledFigure[]>>();
const NO_FIGURES: readonly CompiledFigure[] = [];

function figuresIn(template: Template, unit: string): readonly CompiledFigure[] {
  let units = byUnit.get(template);
  if (!units) {
    units = new Map();
    for (const figure of figuresOf(template)) {
      for (const u of figure.units) {
        const list = units.get(u);
        if (list) list.push(figure); else units.set(u, [figure]);
      }
    }
    byUnit.set(template, units);
  }
  return units.get(unit) ?? NO_FIGURES;
}

function findFigure(q: Quantity, block: ProseBlock, template: Template): FigureMatch | undefined {
  let best: FigureMatch | undefined;
  let bestEnd = -1;
  let segment: string | undefined;
  for (const figure of figuresIn(template, q.unit)) {
    let end = -1;
    let phrase: Phrase | undefined;
    for (const p of figure.phrases) {
      const e = phraseEnd(q.context, p);
      if (e > end || (e === end && e >= 0 && p.length > phrase!.length)) { end = e; phrase = p; }
    }
    if (!phrase || end < 0) continue;
    if (figure.spec.not?.some((w) => q.context.includes(w))) continue;
    if (figure.spec.within) {
      segment ??= before(q, block);
      if (!figure.spec.within.some((w) => segment!.includes(w))) continue;
    }
    if (end > bestEnd || (end === bestEnd && phrase.length > best!.phrase.length)) { best = { figure, phrase }; bestEnd = end; }
  }
  return best;
}

/** The sentence (；-delimited) up to the number, folded and without spaces. */
function before(q: Quantity, block: ProseBlock): string {
  return block.norm.slice(q.sentenceStart - block.start, q.numberStart - block.start).replace(/\s+/g, '');
}

let bodyPattern: RegExp | undefined;

/**
 * Why a figure is not about this report's own figures, or undefined: another year (上年, 同比, or a year
 * other than the report's before it), another body (下级, 本级, a bureau …), or something else (热线, 信箱 …).
 */
export function otherSubject(q: Quantity, block: ProseBlock, model: ReportModel, template?: Template): OtherSubject | undefined {
  // A function of the quantity's block-relative reading, the report's year and the template: kept per paragraph.
  const memo = blockMemo(block).figures;
  if (!memo) return findOtherSubject(q, block, model, template);
  const year = model.year?.value;
  let kept = memo.get(SUBJECTS) as { template?: Template; year?: number; subjects: Array<OtherSubject | null> } | undefined;
  if (!kept || kept.template !== template || kept.year !== year) memo.set(SUBJECTS, (kept = { template, year, subjects: [] }));
  const i = q.index - block.first;
  let subject = kept.subjects[i];
  if (subject === undefined) subject = kept.subjects[i] = findOtherSubject(q, block, model, template) ?? null;
  return subject ?? undefined;
}

type OtherSubject = 'year' | 'body' | 'thing';
const SUBJECTS = Symbol('subjects');

function findOtherSubject(q: Quantity, block: ProseBlock, model: ReportModel, template?: Template): OtherSubject | undefined {
  const { otherBody, otherBodyPattern, otherThings } = PROSE_VOCABULARY.ignore;
  const lead = before(q, block);
  if (otherThings.some((w) => lead.includes(w))) return 'thing';
  if (otherBody.some((w) => lead.includes(w))) return 'body';
  if (otherBodyPattern) {
    bodyPattern ??= new RegExp(otherBodyPattern, 'u');
    if (bodyPattern.test(lead)) return 'body';
  }
  const sentence = block.norm.slice(q.sentenceStart - block.start, q.sentenceEnd - block.start).replace(/\s+/g, '');
  if (aboutOtherYear(sentence, lead, model, template)) return 'year';
  return undefined;
}

/**
 * A sentence about another year: 上年, 去年, 同比 … (上年结转 and the like excepted), or about another period in
 * the template's words (上季度, 环比 …), or a year other than the report's named in `lead` (the words before the
 * figure or claim).
 */
export function aboutOtherYear(sentence: string, lead: string, model: ReportModel, template?: Template): boolean {
  const { otherYear, otherYearExcept } = PROSE_VOCABULARY.ignore;
  let text = sentence;
  for (const e of [...otherYearExcept, ...(template?.prose?.otherPeriodExcept ?? [])]) if (text.includes(e)) text = text.split(e).join('');
  if (otherYear.some((w) => text.includes(w)) || template?.prose?.otherPeriod?.some((w) => text.includes(w))) return true;
  const year = model.year?.value;
  if (year !== undefined) {
    for (const m of lead.matchAll(/((?:19|20)\d\d)年/g)) if (Number(m[1]) !== year) return true;
  }
  return false;
}

/** Offsets of the sections outside the template, whose text is not compared with its tables. */
export function outsideTemplate(binding: Binding): Array<[number, number]> {
  const sections = binding.sections;
  if (!sections) return [];
  const bound = new Set([...sections.matches, ...sections.duplicates].map((m) => m.heading));
  const out: Array<[number, number]> = [];
  sections.topLevel.forEach((heading, i) => {
    if (bound.has(heading)) return;
    const next = sections.topLevel[i + 1];
    out.push([heading.start, next ? next.start : Number.MAX_SAFE_INTEGER]);
  });
  return out;
}

export function inTemplateScope(q: Quantity, outside: Array<[number, number]>): boolean {
  // a loop, not some() with a destructuring callback: called for every figure of the text on each keystroke
  for (let i = 0; i < outside.length; i++) if (q.start >= outside[i][0] && q.start < outside[i][1]) return false;
  return true;
}

export interface ResolvedCell {
  ref: CellRef;
  table: BoundTable;
  row: TableRow;
  cell: TableCell;
  value: Decimal;
  /** False for a blank cell: `value` is then its lower bound. */
  exact: boolean;
  /** "3.同意部分公开答复数", "行政复议·总计". */
  rowLabel: string;
  columnLabel: string;
}

/**
 * A template cell's figure, or undefined when its table, row or cell is missing, text or shifted; a blank one is
 * unknown, counted with its lower bound (`exact` false).
 */
function resolveCell(binding: Binding, ref: CellRef): ResolvedCell | undefined {
  const table = binding.tables.find((t) => t.spec.id === ref.table);
  const at = table && cellAt(table, ref.row, ref.column);
  if (!table || !at) return undefined;
  const cell = at.row.cells[at.column.index];
  if (!cell || at.row.cells.length !== at.part.table.width) return undefined;
  let value: Decimal;
  if (cell.value.kind === 'number') value = cell.value.value;
  else if (cell.value.kind === 'empty') value = lowerBound(table, ref);
  else return undefined;
  const rowSpec = table.spec.rows.find((r) => r.id === ref.row)!;
  const colSpec = table.spec.columns.find((c) => c.id === ref.column)!;
  return {
    ref, table, row: at.row, cell, value, exact: cell.value.kind === 'number',
    rowLabel: rowSpec.anonymous ? '' : rowTitle(rowSpec), columnLabel: columnTitle(colSpec),
  };
}

/** The template cells' figures, or undefined when a table or cell is missing, blank, not a number or shifted. */
export function resolveCells(binding: Binding, refs: CellRef[]): ResolvedCell[] | undefined {
  const out: ResolvedCell[] = [];
  for (const ref of refs) {
    const cell = resolveCell(binding, ref);
    if (!cell?.exact) return undefined;
    out.push(cell);
  }
  return out;
}

export function total(cells: ResolvedCell[]): Decimal {
  return sum(cells.map((c) => c.value));
}


/**
 * A table figure as far as the table tells it: exact when every cell it adds up is a number; otherwise a lower
 * bound. A blank cell is unknown, never 0 (R5): what it adds is at least the known parts of a `sum` relation
 * whose total it is (a blank 总计 is at least the applicant columns written in its row), else at least 0.
 */
export interface BoundedFigure {
  /** The cells named, each with its value (a blank one with its lower bound). */
  cells: ResolvedCell[];
  /** The sum, or its lower bound. */
  value: Decimal;
  exact: boolean;
}

/** The cells' figures, blanks as lower bounds; undefined when a table or cell is missing, text or shifted. */
export function resolveBounded(binding: Binding, refs: CellRef[]): BoundedFigure | undefined {
  // A function of the bound tables (kept with a kept binding, bind/kept.ts): the prose checks ask for the same
  // template figures paragraph after paragraph, keystroke after keystroke.
  let kept = bounded.get(binding.tables);
  if (!kept) bounded.set(binding.tables, (kept = new Map()));
  let figure = kept.get(refs);
  if (figure === undefined) kept.set(refs, (figure = readBounded(binding, refs) ?? null));
  return figure ?? undefined;
}

const bounded = new WeakMap<readonly BoundTable[], Map<CellRef[], BoundedFigure | null>>();

function readBounded(binding: Binding, refs: CellRef[]): BoundedFigure | undefined {
  const cells: ResolvedCell[] = [];
  for (const ref of refs) {
    const cell = resolveCell(binding, ref);
    if (!cell) return undefined;
    cells.push(cell);
  }
  return { cells, value: total(cells), exact: cells.every((c) => c.exact) };
}

/** What a blank cell is at least: the written parts of a sum it is the total of (the largest such), else 0. */
function lowerBound(table: BoundTable, ref: CellRef): Decimal {
  let best: Decimal = sum([]);
  for (const relation of table.spec.relations) {
    if (relation.kind !== 'sum' || relation.left.length !== 1) continue;
    const own = relation.each === 'row' ? ref.column : ref.row;
    if (relation.left[0] !== own) continue;
    const values: Decimal[] = [];
    for (const id of relation.right) {
      const at = relation.each === 'row' ? cellAt(table, ref.row, id) : cellAt(table, id, ref.column);
      const cell = at?.row.cells[at.column.index];
      if (at && cell?.value.kind === 'number' && at.row.cells.length === at.part.table.width) values.push(cell.value.value);
    }
    const bound = sum(values);
    if (bound.gt(best)) best = bound;
  }
  return best;
}
