// The workspace's reports on disk. A report changed, created or deleted outside the editor (a `git pull`), or whose
// unsaved editor closed (the disk's text counts again), is read again from disk, and the open reports whose checks
// across years it changes are re-checked at once. Tally: Check Workspace (`tally/checkWorkspace`) checks every
// report of the folders and publishes each one's problems; from then on a closed report keeps its problems, and
// they follow its changes on disk and its neighbour years' edits. Each change reads only the changed file and
// re-publishes only the reports paired with it: a keystroke never costs work over all files.
import nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileChangeType, type CancellationToken, type Connection, type FileEvent } from 'vscode-languageserver/node.js';
import type { AnalyzeOptions } from '../engine/index.js';
import { mergeFindings } from '../engine/workspace/index.js';
import { msg } from '../engine/message.js';
import { applyChecks, type FileSettings } from '../shared/config.js';
import { collectFiles, isIgnored, MARKDOWN } from '../shared/files.js';
import type { AnalysisWorker, FileOutcome } from './background.js';
import { toDiagnostic } from './diagnostics.js';
import { shown } from './features.js';
import { Progress } from './progress.js';
import type { Language } from './settings.js';
import type { WorkspaceIndex } from './workspace.js';

/** How a closed file is read and its findings shown: its settings and configuration file's. */
export interface Reading {
  options: AnalyzeOptions;
  checks: FileSettings['checks'];
  language: Language;
  /** The setting `tally.enable`: off, the file still takes part in the checks across years, but nothing is listed. */
  enabled: boolean;
  /** The setting `tally.scope` is "all". */
  scopeAll: boolean;
}

/** What the files need of the server. */
export interface FilesHost {
  connection: Connection;
  roots(): readonly string[];
  isOpen(path: string): boolean;
  /** How to read a closed file; null when a configuration file ignores it. */
  readingOf(path: string): Promise<Reading | null>;
  /** Re-checks an open report whose findings across years changed. */
  recheck(path: string): void;
  /** The client shows server-created progress (`window.workDoneProgress`), and the language of its title. */
  progress(): { supported: boolean; language: Language };
}

/** What Check Workspace answers: the reports found, those read before it ended, and whether it was cancelled. */
export interface CheckResult { files: number; read: number; cancelled: boolean }

export class WorkspaceFiles {
  /** Closed reports read from disk: their own findings and facts, and how they were read. */
  private readonly read = new Map<string, { outcome: FileOutcome; reading: Reading }>();
  /** Files whose diagnostics this module published non-empty. */
  private readonly published = new Set<string>();
  /** Each file's latest read: an older read that ends after it is dropped. */
  private readonly generation = new Map<string, number>();
  private checkedOnce = false;

  constructor(private readonly host: FilesHost, private readonly worker: AnalysisWorker, private readonly workspace: WorkspaceIndex) {}

  /** The workspace was checked: closed reports keep their problems in Problems. */
  get keepsProblems(): boolean {
    return this.checkedOnce;
  }

  /** Watched-file events: report files read again or forgotten (configuration files are the server's own affair). */
  async changed(events: readonly FileEvent[]): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (const event of events) {
      const path = event.uri.startsWith('file:') ? fileURLToPath(event.uri) : undefined;
      if (path === undefined) continue;
      if (event.type === FileChangeType.Deleted) {
        // A folder deleted is one event: every file known under it goes.
        for (const known of this.known()) if (known === path || known.startsWith(path + nodePath.sep)) jobs.push(this.forget(known));
        continue;
      }
      // The editor's text of an open report wins over the disk's; a folder created brings events of its own files.
      if (!MARKDOWN.test(path) || this.host.isOpen(path)) continue;
      jobs.push(this.inWorkspace(path).then((inside) => (inside ? this.reread(path) : undefined)));
    }
    await Promise.all(jobs);
    this.worker.release();
  }

  /** An editor closed: the file on disk counts again (or, outside the folders or gone, no longer counts). */
  async closed(path: string, hadProblems: boolean): Promise<void> {
    // Its problems as the editor showed them stay until the disk's replace them.
    if (hadProblems && this.keepsProblems) this.published.add(path);
    // Only the Markdown files of the folders are reports on disk (as for the scan).
    if (MARKDOWN.test(path) && await this.inWorkspace(path)) await this.reread(path); else await this.forget(path);
    this.worker.release();
  }

  /** A closed report's findings across years changed (a neighbour year was edited): re-published from what was read. */
  neighbourChanged(path: string): void {
    if (!this.host.isOpen(path)) this.publish(path);
  }

  /**
   * Checks every report of the folders, in path order, with progress ("n / total") on the request's `workDoneToken`
   * or, failing one, on progress the server creates; cancelled, it keeps what it read. Each report's problems are
   * published as it is read (and its neighbours' again when their findings across years change).
   */
  async checkWorkspace(token: CancellationToken, workDoneToken?: string | number): Promise<CheckResult> {
    const { supported, language } = this.host.progress();
    const progress = new Progress(this.host.connection, supported, msg('scan.check-title'), language, workDoneToken);
    this.checkedOnce = true;
    return this.checkAll(progress, () => token.isCancellationRequested || progress.cancelled);
  }

  /** The settings or a configuration file changed: once the workspace was checked, its reports are read again with them. */
  async settingsChanged(): Promise<void> {
    if (this.checkedOnce) await this.checkAll(undefined, () => false);
  }

  private async checkAll(progress: Progress | undefined, cancelled: () => boolean): Promise<CheckResult> {
    let files: string[] = [];
    let read = 0;
    try {
      files = (await collectFiles([...this.host.roots()])).files;
      progress?.update(0, files.length);
      for (const file of files) {
        if (cancelled()) break;
        if (!this.host.isOpen(file)) await this.reread(file);
        progress?.update(++read, files.length);
      }
      if (!cancelled()) {
        // Gone from disk without an event reaching the server: forgotten.
        const listed = new Set(files);
        await Promise.all(this.known().filter((p) => !listed.has(p) && !this.host.isOpen(p)).map((p) => this.forget(p)));
      }
    } finally {
      progress?.end();
      this.worker.release();
    }
    return { files: files.length, read, cancelled: read < files.length };
  }

  /** The files the server knows from disk or from the editor. */
  private known(): string[] {
    return [...new Set([...this.workspace.paths(), ...this.read.keys(), ...this.published])];
  }

  private async inWorkspace(path: string): Promise<boolean> {
    for (const root of this.host.roots()) if (!(await isIgnored(root, path))) return true;
    return false;
  }

  /** Reads a closed file from disk again and takes its findings and facts. */
  private async reread(path: string): Promise<void> {
    const generation = (this.generation.get(path) ?? 0) + 1;
    this.generation.set(path, generation);
    const reading = await this.host.readingOf(path);
    let outcome: FileOutcome | null = null;
    if (reading) {
      try {
        outcome = await this.worker.check(path, reading.options);
      } catch { /* unreadable or gone: it takes no part */ }
    }
    // A newer read, or the editor opened it meanwhile: this one is stale.
    if (this.generation.get(path) !== generation || this.host.isOpen(path)) return;
    if (outcome && reading) this.read.set(path, { outcome, reading }); else this.read.delete(path);
    this.settle(path, outcome?.facts);
  }

  private async forget(path: string): Promise<void> {
    this.generation.set(path, (this.generation.get(path) ?? 0) + 1);
    if (this.host.isOpen(path)) return;
    this.read.delete(path);
    this.settle(path, undefined);
  }

  /** The file's facts into the index; the files whose findings across years changed follow. */
  private settle(path: string, facts: FileOutcome['facts']): void {
    const changed = this.workspace.update(path, facts);
    this.publish(path);
    for (const other of changed) {
      if (other === path) continue;
      if (this.host.isOpen(other)) this.host.recheck(other); else this.publish(other);
    }
  }

  /** A closed file's problems, once the workspace was checked: its own findings with those across years. */
  private publish(path: string): void {
    if (!this.checkedOnce || this.host.isOpen(path)) return;
    const entry = this.read.get(path);
    let diagnostics: ReturnType<typeof toDiagnostic>[] = [];
    const uri = pathToFileURL(path).href;
    if (entry && entry.reading.enabled && shown(entry.outcome, entry.reading.scopeAll)) {
      const { outcome, reading } = entry;
      const across = this.workspace.findingsFor(path);
      const findings = applyChecks(mergeFindings(outcome.findings, across, across.length ? outcome.facts?.suppressions : undefined), reading.checks);
      diagnostics = findings.map((f) => toDiagnostic(f, uri, reading.language));
    }
    if (diagnostics.length === 0 && !this.published.has(path)) return;
    if (diagnostics.length) this.published.add(path); else this.published.delete(path);
    void this.host.connection.sendDiagnostics({ uri, diagnostics });
  }
}
