// The reports of the workspace, for the checks across years: each file's facts (organ, year, the figures and
// paragraphs the cross-year checks compare), from disk for closed files and from the editor for open ones.
import type { Finding } from '../engine/index.js';
import { checkWorkspace, neighbours, type WorkspaceFacts } from '../engine/workspace/index.js';
import { collectFiles } from '../shared/files.js';

/** Files read from disk at start-up, at most: a workspace of reports, not a monorepo of Markdown. */
const SCAN_LIMIT = 2000;

export class WorkspaceIndex {
  private readonly facts = new Map<string, WorkspaceFacts>();
  private findings = new Map<string, Finding[]>();

  /**
   * Reads the Markdown files under the workspace folders (respecting .gitignore); `factsOf` reads and analyses
   * one (off the main thread: analysis-worker.ts) and says null for a file that is no report.
   */
  async scan(roots: string[], isOpen: (path: string) => boolean, factsOf: (path: string) => Promise<WorkspaceFacts | null>): Promise<void> {
    if (roots.length === 0) return;
    const { files } = await collectFiles(roots);
    for (const file of files.slice(0, SCAN_LIMIT)) {
      if (isOpen(file) || this.facts.has(file)) continue;
      try {
        const facts = await factsOf(file);
        // Opened meanwhile: the editor's text wins over the disk's.
        if (facts && !isOpen(file) && !this.facts.has(file)) this.facts.set(file, facts);
      } catch { /* unreadable files simply take no part */ }
    }
    this.recompute();
  }

  /** Records a file's current facts; says which files' cross-year findings changed as a result. */
  update(path: string, facts: WorkspaceFacts | undefined): string[] {
    if (facts) this.facts.set(path, facts); else this.facts.delete(path);
    return this.recompute();
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
    return neighbours([...this.facts].map(([p, facts]) => ({ path: p, facts })), path);
  }

  private recompute(): string[] {
    const next = checkWorkspace([...this.facts].map(([path, facts]) => ({ path, facts })));
    const changed = [...new Set([...next.keys(), ...this.findings.keys()])]
      .filter((p) => JSON.stringify(next.get(p) ?? []) !== JSON.stringify(this.findings.get(p) ?? []));
    this.findings = next;
    return changed;
  }
}
