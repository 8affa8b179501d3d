// Which reports are the same body's, one period apart (a year; a quarter or a month when their template says so).
import { organKey } from '../text.js';
import type { WorkspaceFacts } from './facts.js';

export interface WorkspaceReport { path: string; facts: WorkspaceFacts }

/** A place prefix ends with an administrative level: 湖南省, 临江市, 某某自治州, 某某县 …. */
const PLACE_PREFIX = /(?:省|市|自治区|自治州|州|盟|地区|县|区|旗)$/u;
/** A name that can stand for a body under a prefix names a place itself (云溪区人民政府, not 公安局). */
const PLACE_IN_NAME = /[省市区县州旗盟镇乡]|街道/u;

/** `long` is `short` with a province or city before it: 临江市云溪区人民政府 ⊃ 云溪区人民政府. */
export function prefixed(long: string, short: string): boolean {
  return long.length > short.length && long.endsWith(short) && PLACE_IN_NAME.test(short)
    && PLACE_PREFIX.test(long.slice(0, long.length - short.length));
}

export interface BodyNames {
  /** Organ key → the key of the body it stands for (itself unless a shorter or longer name is the same body). */
  body: Map<string, string>;
  /** Organ key → the several bodies it could be (鼓楼区人民政府: 南京市… and 福州市…), when not paired for that. */
  ambiguous: Map<string, string[]>;
}

/**
 * One body, several names: 云溪区人民政府 and 临江市云溪区人民政府 are one body when the workspace holds no other
 * name that 云溪区人民政府 could be short for. With two (several cities have a 鼓楼区) none is paired.
 * XX市人民政府办公室 is never XX市人民政府: only a place prefix may differ.
 */
export function bodyNames(organs: Iterable<string>): BodyNames {
  const keys = [...new Set(organs)].filter((k) => k !== '').sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const body = new Map(keys.map((k) => [k, k]));
  const ambiguous = new Map<string, string[]>();
  const find = (k: string): string => { let r = k; while (body.get(r) !== r) r = body.get(r)!; return r; };
  for (const short of keys) {
    const longer = keys.filter((k) => prefixed(k, short));
    if (longer.length === 0) continue;
    // Longer names that are one another's prefixed forms (临江市云溪区…, 湖南省临江市云溪区…) are one candidate.
    const chain = longer.every((a) => longer.every((b) => a === b || prefixed(a, b) || prefixed(b, a)));
    if (!chain) {
      const tops = longer.filter((a) => !longer.some((b) => prefixed(b, a)));
      ambiguous.set(short, tops);
      continue;
    }
    const root = find(longer[longer.length - 1]);
    for (const k of [short, ...longer]) { const r = find(k); if (r !== root) body.set(r, root); }
  }
  for (const k of keys) body.set(k, find(k));
  return { body, ambiguous };
}

export interface ReportIndex {
  byKey: Map<string, WorkspaceReport[]>;
  names: BodyNames;
}

/** Reports by body and year; several for one body and year are kept in path order. */
export function indexReports(reports: readonly WorkspaceReport[]): ReportIndex {
  const names = bodyNames(reports.flatMap((r) => (r.facts.organ === undefined ? [] : [organKey(r.facts.organ)])));
  const byKey = new Map<string, WorkspaceReport[]>();
  const sorted = [...reports].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const report of sorted) {
    const key = keyOf(report.facts, 0, names);
    if (key === undefined) continue;
    const list = byKey.get(key);
    if (list) list.push(report); else byKey.set(key, [report]);
  }
  return { byKey, names };
}

/** The body and period as one key; `offset` periods away (−1: the period before). */
export function keyOf(facts: Pick<WorkspaceFacts, 'organ' | 'year' | 'period'>, offset = 0, names?: BodyNames): string | undefined {
  const period = facts.period ?? (facts.year === undefined ? undefined : { unit: 'year', number: facts.year });
  if (facts.organ === undefined || period === undefined) return undefined;
  const own = organKey(facts.organ);
  const organ = names?.body.get(own) ?? own;
  const unit = period.unit === 'year' ? '' : `${period.unit}:`;
  return organ ? `${organ}\u0000${unit}${period.number + offset}` : undefined;
}

/** The same body's report for the period `offset` away (the first in path order if several). */
export function neighbour(index: ReportIndex, self: WorkspaceReport, offset: number): WorkspaceReport | undefined {
  const key = keyOf(self.facts, offset, index.names);
  return key === undefined ? undefined : index.byKey.get(key)?.find((r) => r.path !== self.path);
}

/**
 * The same body's reports for the year before and the year after (the first in path order if several), and,
 * when the body's name could be several bodies' in the workspace, those bodies (so the outline can say why no
 * neighbour year is paired).
 */
export function neighbours(reports: readonly WorkspaceReport[], path: string): { previous?: string; next?: string; ambiguous?: string[] } {
  const self = reports.find((r) => r.path === path);
  if (!self) return {};
  const index = indexReports(reports);
  const previous = neighbour(index, self, -1)?.path;
  const next = neighbour(index, self, 1)?.path;
  const ambiguous = self.facts.organ === undefined ? undefined : index.names.ambiguous.get(organKey(self.facts.organ));
  return { ...(previous ? { previous } : {}), ...(next ? { next } : {}), ...(ambiguous?.length ? { ambiguous } : {}) };
}

function splitPath(p: string): { parts: string[]; absolute: boolean } {
  let text = p;
  const uri = /^file:\/\//i.exec(text);
  if (uri) {
    text = text.slice(uri[0].length);
    try { text = decodeURIComponent(text); } catch { /* keep it encoded */ }
  }
  const absolute = uri !== null || /^([a-z]:)?[\\/]/i.test(text);
  return { parts: text.split(/[\\/]+/).filter((s) => s !== '' && s !== '.'), absolute };
}

/** How a message names another file: relative to the file the finding is in ("pair-2021.md", "../2021/report.md"). */
export function displayPath(from: string, to: string): string {
  const a = splitPath(from);
  const b = splitPath(to);
  if (a.absolute !== b.absolute || b.parts.length === 0) return to;
  const dir = a.parts.slice(0, -1);
  let common = 0;
  while (common < dir.length && common < b.parts.length - 1 && dir[common] === b.parts[common]) common++;
  return [...dir.slice(common).map(() => '..'), ...b.parts.slice(common)].join('/');
}
