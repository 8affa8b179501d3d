// Which reports are the same body's, one year apart.
import { canonical } from '../text.js';
import type { WorkspaceFacts } from './facts.js';

export interface WorkspaceReport { path: string; facts: WorkspaceFacts }

/** Bodies are the same when their names are, after script, width, spacing and punctuation. */
export function organKey(organ: string): string {
  return canonical(organ).replace(/[^\p{L}\p{N}]/gu, '');
}

/** Reports by body and year; several for one body and year are kept in path order. */
export function indexReports(reports: readonly WorkspaceReport[]): Map<string, WorkspaceReport[]> {
  const index = new Map<string, WorkspaceReport[]>();
  const sorted = [...reports].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const report of sorted) {
    const key = keyOf(report.facts);
    if (key === undefined) continue;
    const list = index.get(key);
    if (list) list.push(report); else index.set(key, [report]);
  }
  return index;
}

export function keyOf(facts: Pick<WorkspaceFacts, 'organ' | 'year'>, yearOffset = 0): string | undefined {
  if (facts.organ === undefined || facts.year === undefined) return undefined;
  const organ = organKey(facts.organ);
  return organ ? `${organ}\u0000${facts.year + yearOffset}` : undefined;
}

/** The same body's reports for the year before and the year after (the first in path order if several). */
export function neighbours(reports: readonly WorkspaceReport[], path: string): { previous?: string; next?: string } {
  const self = reports.find((r) => r.path === path);
  if (!self) return {};
  const index = indexReports(reports);
  const at = (offset: number) => {
    const key = keyOf(self.facts, offset);
    return key === undefined ? undefined : index.get(key)?.find((r) => r.path !== path)?.path;
  };
  const previous = at(-1);
  const next = at(1);
  return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
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
