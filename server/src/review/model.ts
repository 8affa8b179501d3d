// A report as a reviewer reads it, as plain data: its tables as grids (failing cells marked, each cell's relations
// written out), its sections, the figures of the text that contradict a table, the comparisons with the period
// before, and every finding with its place. Built from the engine's analysis; the CLI's HTML page and the editor's
// review panel render it with `html.ts`.
import { CODES, type Analysis, type Finding, type Range, type Severity } from '../engine/index.js';
import type { BoundTable } from '../engine/bind/tables.js';
import type { TableCell, TableModel, TableRow } from '../engine/model/table.js';
import { evaluateRelations, type RelationInstance, type Term } from '../engine/relations.js';
import { formatDecimal } from '../engine/numbers.js';
import { joined, label, msg, type MessageText } from '../engine/message.js';
import { toChineseNumeral } from '../engine/text.js';
import type { PeriodComparison } from '../engine/workspace/index.js';
import type { LocalText } from '../templates/index.js';
import { reportStatus, type Status } from '../engine/status.js';
import { statusText } from '../messages/status-text.js';
import { LOCALES, type Locale } from '../messages/render.js';

/** A place in the report: 0-based line and UTF-16 character, as the engine's ranges. */
export interface Place { line: number; character: number }

export interface ReviewFinding { code: string; severity: Severity; message: MessageText; at: Place }

export type CellKind = 'header' | 'label' | 'number' | 'blank' | 'text';

export interface ReviewCell {
  text: string;
  kind: CellKind;
  at: Place;
  /** A term of a relation that fails, or under an error or warning. */
  failing: boolean;
  /** A table figure the text contradicts. */
  contradicted: boolean;
  /** The relations the cell takes part in, written out, and the findings on it. */
  notes: MessageText[];
}

/** A state of engine/status.ts (holds, fails, not checked) and its words in each locale ("✓ 46 relations hold"). */
export interface ReviewState { state: Status['state']; words: Record<Locale, string> }

export interface ReviewGrid {
  /** The template tables the Markdown table holds (none: a table outside the template), each with its state. */
  titles: string[];
  states: ReviewState[];
  at: Place;
  rows: ReviewCell[][];
  /** Relation instances: held, failing, not judged (a figure missing, or blanks that could make it hold). */
  relations: { held: number; failing: number; open: number };
}

export interface ReviewSection {
  /** The template's section, "三、收到和处理政府信息公开申请情况". */
  title: string;
  required: boolean;
  state: ReviewState;
  /** Its template tables with their states, and where each is (absent: the report lacks it). */
  tables: Array<{ title: string; state: ReviewState; at?: Place }>;
  /** Where its heading is; absent when the report lacks the section. */
  at?: Place;
  /** The findings from its heading to the next section's (errors, warnings, notes). */
  counts?: Record<Severity, number>;
}

export interface ReviewContradiction {
  /** The text's figure, as written, and where. */
  said: string;
  at: Place;
  /** The table figures it names. */
  table: Array<{ text: string; at: Place }>;
  message: MessageText;
}

export interface ReviewComparison {
  /** "R7 carry-over": the relation's id and, in words, what it compares. */
  id: string;
  name: MessageText;
  /** The file of the period before, as the caller names it. */
  previous: string;
  rows: Array<{ along: string; current: { value: string; at: Place }; values: string[]; expected: string; holds: boolean }>;
  /** Column headings: this period's figure, then the terms (of the period before, or this period's changes). */
  currentName: string;
  terms: Array<{ name: string; previous: boolean; minus: boolean }>;
}

export interface ReportReview {
  path: string;
  title?: string;
  template: { id: string; name: LocalText } | null;
  /** The report's state: holds, fails, or not checked and why. */
  state: ReviewState;
  counts: Record<Severity, number>;
  sections: ReviewSection[];
  grids: ReviewGrid[];
  contradictions: ReviewContradiction[];
  comparisons: ReviewComparison[];
  findings: ReviewFinding[];
}

export interface ReviewInput {
  path: string;
  analysis: Analysis;
  /** The findings shown for the report: its own and those across periods, the configuration applied. */
  findings: readonly Finding[];
  /** Its relations across periods, instance by instance, and the previous period's file. */
  comparisons?: { previous: string; instances: readonly PeriodComparison[] };
}

/** The words of a state in each locale, as every view of the editor says them (lsp/status-text.ts). */
function stateOf(status: Status, of: 'section' | 'table' | 'report'): ReviewState {
  return { state: status.state, words: Object.fromEntries(LOCALES.map((l) => [l, statusText(status, of, l)])) as Record<Locale, string> };
}

/** The findings of a sentence that a table contradicts: a figure (prose-mismatch) or a claim (均获维持 …). */
const CONTRADICTIONS = new Set<string>(['prose-mismatch', 'claim-contradiction']);

const at = (range: Range): Place => ({ line: range.start.line, character: range.start.character });

function countOf(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Whether a finding is about the cell: its range lies within the cell (an empty range at its place). */
function within(range: Range, cell: TableCell): boolean {
  const { start, end } = cell.range;
  return range.start.line === cell.line && range.end.line === cell.line
    && range.start.character >= start.character && range.end.character <= end.character;
}

/** Whether a finding is about a body row as a whole (row-shape …): it starts the row's line and stays on it. */
function aboutRow(range: Range, row: TableRow): boolean {
  return !row.header && range.start.line === row.line && range.end.line === row.line && range.start.character === 0;
}

export function buildReview(input: ReviewInput): ReportReview {
  const { analysis, findings } = input;
  const binding = analysis.binding;
  const byTable = new Map<TableModel, BoundTable[]>();
  for (const bound of binding.tables) {
    for (const part of bound.parts) byTable.set(part.table, [...(byTable.get(part.table) ?? []), bound]);
  }
  const contradictions = findings.filter((f) => CONTRADICTIONS.has(f.code));
  const status = reportStatus(analysis);
  const tableStates = new Map(status.sections.flatMap((s) => s.tables).filter((t) => t.bound).map((t) => [t.bound!, stateOf(t.status, 'table')]));
  const grids = analysis.model.tables.map((table) => grid(table, byTable.get(table) ?? [], findings, contradictions, tableStates));
  return {
    path: input.path,
    ...(analysis.model.title ? { title: analysis.model.title.text } : {}),
    template: binding.template ? { id: binding.template.id, name: binding.template.name } : null,
    state: stateOf(status.status, 'report'),
    counts: countOf(findings),
    sections: sections(analysis, findings),
    grids,
    contradictions: contradictions.map((f) => ({
      said: excerpt(analysis, f.range), at: at(f.range), message: f.message,
      table: (f.related ?? []).filter((r) => !r.uri).map((r) => ({ text: excerpt(analysis, r.range), at: at(r.range) })),
    })),
    comparisons: input.comparisons ? comparisons(input.comparisons.previous, input.comparisons.instances) : [],
    findings: findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, at: at(f.range) })),
  };
}

/** The text of `range` on its first line. */
function excerpt(analysis: Analysis, range: Range): string {
  const line = analysis.model.doc.text.split('\n', range.start.line + 1)[range.start.line] ?? '';
  return line.slice(range.start.character, range.start.line === range.end.line ? range.end.character : undefined);
}

function sections(analysis: Analysis, findings: readonly Finding[]): ReviewSection[] {
  const status = reportStatus(analysis);
  const starts = status.sections.filter((s) => s.match).map((s) => s.match!.heading.line).sort((a, b) => a - b);
  return status.sections.map(({ spec, match, status: state, tables }) => {
    const title = `${spec.ordinal ? `${toChineseNumeral(spec.ordinal)}、` : ''}${spec.title}`;
    const section = { title, required: spec.required, state: stateOf(state, 'section'),
      tables: tables.map((t) => ({ title: t.spec.title, state: stateOf(t.status, 'table'), ...(t.bound ? { at: at(t.bound.parts[0].table.range) } : {}) })) };
    if (!match) return section;
    const from = match.heading.line;
    const to = starts.find((s) => s > from) ?? Infinity;
    return { ...section, at: at(match.heading.range),
      counts: countOf(findings.filter((f) => f.range.start.line >= from && f.range.start.line < to)) };
  });
}

function grid(table: TableModel, bound: BoundTable[], findings: readonly Finding[], contradictions: readonly Finding[],
  states: ReadonlyMap<BoundTable, ReviewState>): ReviewGrid {
  const instances = bound.flatMap((b) => evaluateRelations(b));
  const relationsOf = new Map<TableCell, RelationInstance[]>();
  for (const instance of instances) {
    for (const term of instance.terms) if (term.cell) relationsOf.set(term.cell, [...(relationsOf.get(term.cell) ?? []), instance]);
  }
  const inTable = findings.filter((f) => f.range.start.line <= table.range.end.line && f.range.end.line >= table.range.start.line);
  const named = contradictions.flatMap((f) => (f.related ?? []).filter((r) => !r.uri && r.range.start.line >= table.range.start.line
    && r.range.start.line <= table.range.end.line).map((r) => ({ range: r.range, finding: f })));
  const labelColumns = new Set(table.columns.filter((c) => c.role === 'label').map((c) => c.index));
  const rows = table.rows.map((row) => row.cells.map((cell): ReviewCell => {
    const relations = relationsOf.get(cell) ?? [];
    // A finding about the row goes with its first cell.
    const on = inTable.filter((f) => !CONTRADICTIONS.has(f.code) && (within(f.range, cell) || (cell === row.cells[0] && aboutRow(f.range, row))));
    const said = named.filter((n) => within(n.range, cell));
    const kind: CellKind = row.header ? 'header' : labelColumns.has(cell.column) && cell.value.kind !== 'number' ? 'label'
      : cell.value.kind === 'number' ? 'number' : cell.value.kind === 'empty' ? 'blank' : 'text';
    return {
      text: cell.text, kind, at: at(cell.range),
      failing: relations.some((i) => i.status === 'fail') || on.some((f) => f.severity !== 'information'),
      contradicted: said.length > 0,
      notes: [...relations.map(describeRelation), ...on.map((f) => f.message), ...said.map((n) => n.finding.message)],
    };
  }));
  return {
    titles: bound.map((b) => b.spec.title), states: bound.map((b) => states.get(b)!).filter((x) => x), at: at(table.range), rows,
    relations: {
      held: instances.filter((i) => i.status === 'ok').length,
      failing: instances.filter((i) => i.status === 'fail').length,
      open: instances.filter((i) => i.status === 'incomplete').length,
    },
  };
}

/** A term: its name and figure; a blank read as 0 says so; an unknown blank is □. */
function term(t: Term): MessageText {
  const value = t.value ? formatDecimal(t.value) : '□';
  return msg('review.term', { name: label(t.label), value, zero: t.zero ? 'yes' : 'no' });
}

/**
 * A relation written out in words and figures: what it means (its kind), where it is checked, its terms with their
 * figures, and a side's sum only where it says something (several terms and a failing relation), so a relation that
 * holds never reads "687 = 687".
 */
export function describeRelation(i: RelationInstance): MessageText {
  const left = i.terms.filter((t) => t.side === 'left');
  const right = i.terms.filter((t) => t.side === 'right');
  const side = (terms: Term[], total: RelationInstance['left']) => {
    const written = joined(terms.map(term), ' + ');
    return terms.length > 1 && i.status === 'fail' && total ? msg('review.side-sum', { terms: written, sum: formatDecimal(total) }) : written;
  };
  const along = label(i.along.label);
  const where = i.relation.each === 'row' ? msg('review.in-row', { along }) : msg('review.in-column', { along });
  const blanks = (i.unknown ?? []).map((t) => label(t.label));
  const op = i.relation.kind === 'bound' ? { ok: '≤', fail: '>', incomplete: '≤?' }[i.status] : { ok: '=', fail: '≠', incomplete: '=?' }[i.status];
  return msg('review.relation', {
    id: i.relation.id, kind: i.relation.kind, where, soft: i.relation.soft ? 'yes' : 'no',
    left: side(left, i.left), op, right: side(right, i.right), status: i.status,
    hasBlanks: blanks.length ? 'yes' : 'no', blanks: joined(blanks, msg('review.and')),
  });
}

function comparisons(previous: string, instances: readonly PeriodComparison[]): ReviewComparison[] {
  const out = new Map<string, ReviewComparison>();
  for (const c of instances) {
    const key = `${c.relation.id}/${c.table}`;
    let group = out.get(key);
    const nameOf = (cell: PeriodComparison['left']) => (c.relation.each === 'row' ? cell.column : cell.row);
    const alongOf = (cell: PeriodComparison['left']) => (c.relation.each === 'row' ? cell.row : cell.column);
    if (!group) {
      group = {
        id: c.relation.id, previous,
        name: msg('review.across-name', { id: c.relation.id, title: CODES[c.relation.code].title }),
        currentName: nameOf(c.left),
        terms: c.terms.map((t) => ({ name: nameOf(t.cell), previous: t.previous, minus: t.minus })),
        rows: [],
      };
      out.set(key, group);
    }
    group.rows.push({
      along: alongOf(c.left), current: { value: c.left.value, at: at(c.left.range) },
      values: c.terms.map((t) => t.cell.value), expected: c.expected, holds: c.difference === '0',
    });
  }
  return [...out.values()];
}
