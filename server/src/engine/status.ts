// The state of a report, of each template section and of each template table: whether its reconciliation
// holds, fails, or could not be checked, and why. One function, so that every view (code lens, outline, summary,
// status bar, a review panel) says the same thing, and none shows a ✓ where nothing was verified.
import type { Analysis } from './index.js';
import type { SectionMatch } from './bind/sections.js';
import type { BoundTable } from './bind/tables.js';
import type { SectionSpec, TableSpec, Template } from '../templates/index.js';
import { evaluateRelations, type RelationInstance } from './relations.js';
import { requiredCells } from './checks/tables.js';

/** Something that breaks the template: a relation instance that cannot hold, or a part the template requires. */
export type StatusProblem =
  /** A relation that no value of the table's blanks could make hold. */
  | { code: 'relation-fails'; instance: RelationInstance }
  /** A required table absent from its (present) section. */
  | { code: 'table-missing'; table: TableSpec }
  /** A required section without a heading. */
  | { code: 'section-missing'; section: SectionSpec };

/** Why nothing could be verified. */
export type NotCheckedReason =
  /** No template: generic checks only. */
  | { code: 'no-template' }
  /** The table is bound but holds no figure: every template cell is blank, missing or text. */
  | { code: 'no-figures' }
  /** Every relation instance lacks a figure (`blanks`: some value of its blank cells could make it hold;
   * `cells`: a cell is missing, not a number or in a shifted row). */
  | { code: 'unverifiable'; blanks: number; cells: number }
  /** An optional table or section the report leaves out. */
  | { code: 'absent' }
  /** The table's section is missing, so the table is too (the section's own state says so). */
  | { code: 'section-missing' }
  /** Some of the section's (or report's) tables could not be checked and none fails: they are named. */
  | { code: 'tables-not-checked'; tables: TableSpec[] };

export type Status =
  /**
   * Verified and nothing breaks. `basis` relations: `verified` relation instances hold, `unverified` could not be
   * judged (blanks or missing cells), none fails. `basis` presence: there is nothing to reconcile (a section the
   * template gives no table, a table with figures but no relation), and the part is there as the template wants.
   */
  | { state: 'holds'; basis: 'relations' | 'presence'; verified: number; unverified: number }
  /** `count` problems (`problems.length`): failing relation instances, missing required tables or sections. */
  | { state: 'fails'; count: number; problems: StatusProblem[] }
  | { state: 'not-checked'; reason: NotCheckedReason };

export interface TableStatus {
  spec: TableSpec;
  /** The bound table, or undefined when the report lacks it. */
  bound?: BoundTable;
  status: Status;
  /** Every relation instance, in template order (empty for a missing table). */
  instances: RelationInstance[];
}

export interface SectionStatus {
  spec: SectionSpec;
  /** The section's heading, or undefined when the report lacks it. */
  match?: SectionMatch;
  status: Status;
  /** The template's tables of this section, in template order. */
  tables: TableStatus[];
}

export interface ReportStatus {
  template?: Template;
  status: Status;
  /** The template's sections in template order (empty without a template). */
  sections: SectionStatus[];
  /** The findings by severity, as the Problems view counts them (suppressed findings excluded). */
  findings: { errors: number; warnings: number; notes: number };
}

const statuses = new WeakMap<Analysis, ReportStatus>();

/** The state of a report and of each of its template sections and tables (computed once per analysis). */
export function reportStatus(analysis: Analysis): ReportStatus {
  const known = statuses.get(analysis);
  if (known) return known;
  const count = (severity: string) => analysis.findings.filter((f) => f.severity === severity).length;
  const findings = { errors: count('error'), warnings: count('warning'), notes: count('information') };
  const { binding } = analysis;
  const template = binding.template;
  let out: ReportStatus;
  if (!template) {
    out = { status: { state: 'not-checked', reason: { code: 'no-template' } }, sections: [], findings };
  } else {
    const sections = template.sections.map((spec) => {
      const match = binding.sections?.matches.find((m) => m.spec.id === spec.id);
      const tables = template.tables.filter((t) => t.section === spec.id)
        .map((t) => tableStatus(t, binding.tables.find((b) => b.spec === t), match !== undefined));
      return { spec, match, tables, status: sectionState(spec, match, tables) };
    });
    out = { template, status: combine(sections.map((s) => s.status), sections.flatMap((s) => s.tables)), sections, findings };
  }
  statuses.set(analysis, out);
  return out;
}

/** The state of one template table: `bound` the report's table, `sectionPresent` whether its section is there. */
export function tableStatus(spec: TableSpec, bound: BoundTable | undefined, sectionPresent: boolean): TableStatus {
  if (!bound) {
    const status: Status = !sectionPresent ? { state: 'not-checked', reason: { code: 'section-missing' } }
      : spec.required ? { state: 'fails', count: 1, problems: [{ code: 'table-missing', table: spec }] }
        : { state: 'not-checked', reason: { code: 'absent' } };
    return { spec, status, instances: [] };
  }
  const instances = evaluateRelations(bound);
  const hasFigure = requiredCells(bound).some((c) => c.cell?.value.kind === 'number');
  if (!hasFigure) return { spec, bound, instances, status: { state: 'not-checked', reason: { code: 'no-figures' } } };
  if (instances.length === 0) return { spec, bound, instances, status: { state: 'holds', basis: 'presence', verified: 0, unverified: 0 } };
  const failing = instances.filter((i) => i.status === 'fail');
  if (failing.length) {
    return { spec, bound, instances, status: { state: 'fails', count: failing.length, problems: failing.map((instance) => ({ code: 'relation-fails', instance })) } };
  }
  const verified = instances.filter((i) => i.status === 'ok').length;
  const unverified = instances.length - verified;
  if (verified === 0) {
    // An instance judged with blanks has its sums; one never judged (a cell missing or not a number) has none.
    const blanks = instances.filter((i) => i.left !== undefined).length;
    return { spec, bound, instances, status: { state: 'not-checked', reason: { code: 'unverifiable', blanks, cells: instances.length - blanks } } };
  }
  return { spec, bound, instances, status: { state: 'holds', basis: 'relations', verified, unverified } };
}

function sectionState(spec: SectionSpec, match: SectionMatch | undefined, tables: TableStatus[]): Status {
  if (!match) {
    return spec.required ? { state: 'fails', count: 1, problems: [{ code: 'section-missing', section: spec }] }
      : { state: 'not-checked', reason: { code: 'absent' } };
  }
  // A section the template gives no table is text only: its presence is all there is to verify.
  if (tables.length === 0) return { state: 'holds', basis: 'presence', verified: 0, unverified: 0 };
  // A section of one table is in that table's state (三: the table has no figures), not "its table is not checked".
  if (tables.length === 1) return tables[0].status;
  return combine(tables.map((t) => t.status), tables);
}

/**
 * Several states as one: fails with every problem if any fails; else not checked, naming the tables not
 * checked, if any is not checked (an absent optional part excepted); else holds.
 */
function combine(states: Status[], tables: TableStatus[]): Status {
  const problems = states.flatMap((s) => (s.state === 'fails' ? s.problems : []));
  if (problems.length) return { state: 'fails', count: problems.length, problems };
  const open = tables.filter((t) => t.status.state === 'not-checked'
    && !['absent', 'section-missing'].includes(t.status.reason.code));
  const opaque = states.some((s) => s.state === 'not-checked' && s.reason.code !== 'absent' && s.reason.code !== 'section-missing');
  if (open.length || opaque) return { state: 'not-checked', reason: { code: 'tables-not-checked', tables: open.map((t) => t.spec) } };
  const holding = states.filter((s) => s.state === 'holds');
  if (holding.length === 0) return { state: 'not-checked', reason: { code: 'absent' } };
  const verified = holding.reduce((n, s) => n + (s.state === 'holds' ? s.verified : 0), 0);
  const unverified = holding.reduce((n, s) => n + (s.state === 'holds' ? s.unverified : 0), 0);
  return { state: 'holds', basis: verified ? 'relations' : 'presence', verified, unverified };
}
