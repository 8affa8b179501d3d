// The reports of the workspace, for the checks across years: each file's facts (organ, year, the figures and
// paragraphs the cross-year checks compare), from disk for closed files and from the editor for open ones.
// The pairing (body → period → files) is kept up to date as files change, and an update re-checks only the
// files whose pair it can have changed: a keystroke in one report of 2,000 costs that report and its
// neighbours, not the whole workspace. The result is always what `checkWorkspace` gives on all the facts.
import type { Finding } from '../engine/index.js';
import { organKey, type WorkspaceFacts, type WorkspaceReport } from '../engine/workspace/index.js';
import { CROSS_YEAR_CHECKS, byPosition } from '../engine/workspace/index.js';
import { acrossPeriods } from '../engine/workspace/across-periods.js';
import { bodyNames, keyOf, prefixed, type BodyNames, type ReportIndex } from '../engine/workspace/match.js';
import { collectFiles } from '../shared/files.js';

/** Files read from disk at start-up, at most: a workspace of reports, not a monorepo of Markdown. */
const SCAN_LIMIT = 2000;
/** Files whose findings of the relations across periods are kept between updates (the open reports, mostly). */
const KEPT_ACROSS = 16;

const byPath = (a: WorkspaceReport, b: WorkspaceReport) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

export class WorkspaceIndex {
  private readonly facts = new Map<string, WorkspaceFacts>();
  private findings = new Map<string, Finding[]>();
  /** Body-and-period key → the reports with it, in path order (as `indexReports`). */
  private byKey = new Map<string, WorkspaceReport[]>();
  /** Path → its key and, for the checks, its report (absent: no body or period). */
  private keys = new Map<string, string>();
  /** Organ key → the files that name it; the body names change only when the set of keys does. */
  private members = new Map<string, Set<string>>();
  private names: BodyNames = { body: new Map(), ambiguous: new Map() };
  /**
   * The last findings of the relations across periods of the files updated lately (an editor's open reports), by
   * what they are made of: a keystroke in the text leaves the figures as they were.
   */
  private readonly across = new Map<string, { previous: WorkspaceFacts; specs: WorkspaceFacts['acrossPeriods']; key: string; findings: Finding[] }>();

  /**
   * Reads the Markdown files under the workspace folders (respecting .gitignore); `factsOf` reads and analyses
   * one (off the main thread: analysis-worker.ts) and says null for a file that is no report. `progress` hears
   * how many of the files were read; once `cancelled` says so, the files read so far are all the scan keeps.
   */
  async scan(roots: string[], isOpen: (path: string) => boolean, factsOf: (path: string) => Promise<WorkspaceFacts | null>,
    watch: { progress?: (read: number, total: number) => void; cancelled?: () => boolean } = {}): Promise<void> {
    if (roots.length === 0) return;
    const { files } = await collectFiles(roots);
    const found = new Map<string, WorkspaceFacts>();
    const scanned = files.slice(0, SCAN_LIMIT);
    watch.progress?.(0, scanned.length);
    for (const [i, file] of scanned.entries()) {
      if (watch.cancelled?.()) break;
      if (!isOpen(file) && !this.facts.has(file)) {
        try {
          const facts = await factsOf(file);
          if (facts) found.set(file, facts);
        } catch { /* unreadable files simply take no part */ }
      }
      watch.progress?.(i + 1, scanned.length);
    }
    // Opened meanwhile: the editor's text wins over the disk's.
    for (const [file, facts] of found) if (!isOpen(file) && !this.facts.has(file)) this.facts.set(file, facts);
    this.rebuild();
  }

  /** Records a file's current facts; says which files' cross-year findings changed as a result. */
  update(path: string, facts: WorkspaceFacts | undefined): string[] {
    const before = this.facts.get(path);
    if (!before && !facts) return [];
    const oldOrgan = organOf(before);
    const newOrgan = organOf(facts);
    if (facts) this.facts.set(path, facts); else this.facts.delete(path);
    // The files whose key may change: this one, and, when the set of organ names changes, every file whose
    // name now stands for another body (one body, several names: match.ts bodyNames).
    const moved = new Set<string>([path]);
    let oldNames = this.names;
    if (oldOrgan !== newOrgan) {
      const gone = this.leave(oldOrgan, path);
      const added = this.join(newOrgan, path);
      const changedKeys = [...(gone ? [oldOrgan!] : []), ...(added ? [newOrgan!] : [])];
      if (changedKeys.length) {
        const previous = this.rename(changedKeys);
        // The body of a name as it was before this update, for the keys the files had.
        const body = { get: (k: string) => (previous.has(k) ? previous.get(k) : this.names.body.get(k)) } as Map<string, string>;
        oldNames = { body, ambiguous: this.names.ambiguous };
        for (const [k, was] of previous) {
          if (this.names.body.get(k) === was) continue;
          for (const p of this.members.get(k) ?? []) moved.add(p);
        }
      }
    }
    // Re-key the moved files; each key whose list changed changes the pair of the files one period later.
    const later = new Set<string>();
    for (const p of moved) {
      const oldKey = this.keys.get(p);
      const f = this.facts.get(p);
      const old = p === path ? before : f;
      const newKey = f && keyOf(f, 0, this.names);
      if (oldKey !== undefined) {
        this.remove(oldKey, p);
        this.keys.delete(p);
        const k = old && keyOf(old, 1, oldNames);
        if (k !== undefined) later.add(k);
      }
      if (f && newKey !== undefined) {
        this.insert(newKey, { path: p, facts: f });
        this.keys.set(p, newKey);
        const k = keyOf(f, 1, this.names);
        if (k !== undefined) later.add(k);
      }
    }
    // The later keys are looked up after every move: a file that moved into one is found there.
    const affected = new Set(moved);
    for (const key of later) for (const r of this.byKey.get(key) ?? []) affected.add(r.path);
    const changed: string[] = [];
    for (const p of affected) {
      const next = this.check(p, true);
      const previous = this.findings.get(p);
      // Unchanged, the findings kept are the ones made before (their diagnostics are made once: diagnostics.ts).
      if (sameFindings(previous, next)) continue;
      if (next) this.findings.set(p, next); else this.findings.delete(p);
      changed.push(p);
    }
    return changed;
  }

  /** No other file's facts are known, and `path` has no findings across periods: nothing to compare it with. */
  alone(path: string): boolean {
    return (this.facts.size === 0 || (this.facts.size === 1 && this.facts.has(path))) && !this.findings.get(path)?.length;
  }

  findingsFor(path: string): Finding[] {
    return this.findings.get(path) ?? [];
  }

  paths(): string[] {
    return [...this.facts.keys()];
  }

  factsOf(path: string): WorkspaceFacts | undefined {
    return this.facts.get(path);
  }

  /** The same body's reports for the year before and after. */
  neighbours(path: string): { previous?: string; next?: string; ambiguous?: string[] } {
    const facts = this.facts.get(path);
    if (!facts) return {};
    const self = { path, facts };
    const previous = this.neighbour(self, -1)?.path;
    const next = this.neighbour(self, 1)?.path;
    const organ = organOf(facts);
    const ambiguous = organ === undefined ? undefined : this.names.ambiguous.get(organ);
    return { ...(previous ? { previous } : {}), ...(next ? { next } : {}), ...(ambiguous?.length ? { ambiguous } : {}) };
  }

  /** The index as `indexReports` builds it (for tests). */
  index(): ReportIndex {
    return { byKey: this.byKey, names: this.names };
  }

  /** Everything from the facts: after the scan. */
  private rebuild(): void {
    this.members.clear();
    for (const [p, f] of this.facts) this.join(organOf(f), p);
    this.names = bodyNames(this.members.keys());
    this.byKey.clear();
    this.keys.clear();
    const sorted = [...this.facts].map(([path, facts]) => ({ path, facts })).sort(byPath);
    for (const r of sorted) {
      const key = keyOf(r.facts, 0, this.names);
      if (key === undefined) continue;
      this.keys.set(r.path, key);
      const list = this.byKey.get(key);
      if (list) list.push(r); else this.byKey.set(key, [r]);
    }
    const next = new Map<string, Finding[]>();
    for (const p of this.facts.keys()) { const f = this.check(p); if (f) next.set(p, f); }
    this.findings = next;
  }

  /**
   * One file's findings across years, as `checkWorkspace` computes them (undefined: none). `keep`: the findings of
   * the relations across periods are kept for the next update of the file.
   */
  private check(path: string, keep = false): Finding[] | undefined {
    const facts = this.facts.get(path);
    if (!facts) return undefined;
    const current = { path, facts };
    const previous = this.neighbour(current, -1);
    if (!previous) return undefined;
    const findings = CROSS_YEAR_CHECKS.flatMap((check) => (check === acrossPeriods && keep ? this.acrossPeriods(current, previous) : check(current, previous)));
    if (findings.length === 0) return undefined;
    return findings.sort(byPosition);
  }

  /** `acrossPeriods`, unless the file's figures, its relations and the report before are those of its last update. */
  private acrossPeriods(current: WorkspaceReport, previous: WorkspaceReport): Finding[] {
    const f = current.facts;
    // What the check reads of the two reports besides the report before's facts (kept as they were: compared as one object).
    const key = JSON.stringify([previous.path, f.period?.unit ?? 'year', f.cells]);
    const known = this.across.get(current.path);
    if (known && known.previous === previous.facts && known.specs === f.acrossPeriods && known.key === key) return known.findings;
    const findings = acrossPeriods(current, previous);
    this.across.delete(current.path);
    this.across.set(current.path, { previous: previous.facts, specs: f.acrossPeriods, key, findings });
    if (this.across.size > KEPT_ACROSS) this.across.delete(this.across.keys().next().value!);
    return findings;
  }

  private neighbour(self: WorkspaceReport, offset: number): WorkspaceReport | undefined {
    const key = keyOf(self.facts, offset, this.names);
    return key === undefined ? undefined : this.byKey.get(key)?.find((r) => r.path !== self.path);
  }

  /** Records that `path` names `organ`; true when no file named it before. */
  private join(organ: string | undefined, path: string): boolean {
    if (organ === undefined || organ === '') return false;
    const set = this.members.get(organ);
    if (set) { set.add(path); return false; }
    this.members.set(organ, new Set([path]));
    return true;
  }

  /** Records that `path` no longer names `organ`; true when no file names it now. */
  private leave(organ: string | undefined, path: string): boolean {
    if (organ === undefined || organ === '') return false;
    const set = this.members.get(organ);
    if (!set) return false;
    set.delete(path);
    if (set.size > 0) return false;
    this.members.delete(organ);
    return true;
  }

  /**
   * The body names after `changed` keys appeared or disappeared: `bodyNames` relates a name only to the names
   * that are its prefixed forms or that it is a prefixed form of, so it is recomputed over the names connected
   * to the changed ones (before or after the change) and is the same elsewhere. Says the bodies those names had.
   */
  private rename(changed: string[]): Map<string, string | undefined> {
    const nodes = new Set([...this.members.keys(), ...changed]);
    const component = new Set<string>(changed);
    const queue = [...changed];
    while (queue.length) {
      const x = queue.pop()!;
      for (const y of nodes) {
        if (component.has(y) || !(prefixed(x, y) || prefixed(y, x))) continue;
        component.add(y);
        queue.push(y);
      }
    }
    const previous = new Map<string, string | undefined>();
    for (const k of component) previous.set(k, this.names.body.get(k));
    const present = [...component].filter((k) => this.members.has(k));
    const local = bodyNames(present);
    const body = new Map(this.names.body);
    const ambiguous = new Map(this.names.ambiguous);
    for (const k of component) {
      const b = local.body.get(k);
      if (b === undefined) body.delete(k); else body.set(k, b);
      const a = local.ambiguous.get(k);
      if (a === undefined) ambiguous.delete(k); else ambiguous.set(k, a);
    }
    this.names = { body, ambiguous };
    return previous;
  }

  private insert(key: string, report: WorkspaceReport): void {
    const list = this.byKey.get(key);
    if (!list) { this.byKey.set(key, [report]); return; }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (byPath(list[mid], report) < 0) lo = mid + 1; else hi = mid; }
    list.splice(lo, 0, report);
  }

  private remove(key: string, path: string): void {
    const list = this.byKey.get(key);
    if (!list) return;
    const i = list.findIndex((r) => r.path === path);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.byKey.delete(key);
  }
}

function organOf(facts: WorkspaceFacts | undefined): string | undefined {
  return facts?.organ === undefined ? undefined : organKey(facts.organ);
}

/** Findings are plain data (messages, ranges, fixes): compared structurally, only for the files re-checked. */
export function sameFindings(a: readonly Finding[] | undefined, b: readonly Finding[] | undefined): boolean {
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  return a === b || deepEqual(a ?? [], b ?? []);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
