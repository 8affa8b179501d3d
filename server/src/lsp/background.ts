// The main thread's side of an analysis worker (analysis-worker.ts): jobs as promises, the text of a document
// sent once per version, and one analysis per document at a time — a newer version waiting for the worker
// replaces the one waiting before it (which resolves as superseded), so a burst of edits costs one analysis.
import { Worker } from 'node:worker_threads';
import type { AnalyzeOptions, Finding } from '../engine/index.js';
import type { ReportLine } from '../messages/status-text.js';
import type { WorkspaceFacts } from '../engine/workspace/index.js';
import type { FeatureContext, FeatureName } from './features.js';

/** What the main thread needs of a document's analysis: plain data. */
export interface DocumentOutcome {
  template: string | null;
  claimsReport: boolean;
  findings: Finding[];
  facts: WorkspaceFacts;
  /** The report's state for the status bar (engine/status.ts, in words). */
  status: ReportLine;
}

/** A closed file's analysis read from disk (`check`): the findings of its own and its facts; null when it is no report. */
export interface FileOutcome {
  template: string | null;
  claimsReport: boolean;
  findings: Finding[];
  /** Absent when the file is bound to no template: it takes no part in the checks across periods. */
  facts?: WorkspaceFacts;
}

type Job =
  | { kind: 'facts'; path: string; options?: AnalyzeOptions }
  | { kind: 'check'; path: string; options?: AnalyzeOptions }
  | { kind: 'analyze'; uri: string; version: number; text?: string; options: AnalyzeOptions }
  | { kind: 'request'; uri: string; version: number; text?: string; options: AnalyzeOptions; feature: FeatureName; params: unknown; context: FeatureContext }
  | { kind: 'forget'; uri: string };
export type WorkerRequest = Job & { id: number };
export type WorkerReply = { id: number; result?: unknown; error?: string };

interface Waiting { version: number; text: string; options: AnalyzeOptions; resolve: (o: DocumentOutcome | undefined) => void; reject: (e: unknown) => void }

export class AnalysisWorker {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { worker: Worker; resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  /** The version of each document the worker holds. */
  private readonly sent = new Map<string, number>();
  private readonly running = new Set<string>();
  private readonly waiting = new Map<string, Waiting>();
  /** Stop the thread once its last job is answered. */
  private releasing = false;

  constructor(private readonly entry: URL, private readonly log: (message: string) => void) {}

  /** The facts of a closed file read from disk; null when it is no report. */
  facts(path: string, options: AnalyzeOptions = {}): Promise<WorkspaceFacts | null> {
    return this.call({ kind: 'facts', path, options }) as Promise<WorkspaceFacts | null>;
  }

  /** A closed file read from disk and checked: its own findings and facts; null when it is no report. */
  check(path: string, options: AnalyzeOptions = {}): Promise<FileOutcome | null> {
    return this.call({ kind: 'check', path, options }) as Promise<FileOutcome | null>;
  }

  /** The outcome of analysing `version`; undefined when a newer version superseded it before it was analysed. */
  analyze(uri: string, version: number, text: string, options: AnalyzeOptions = {}): Promise<DocumentOutcome | undefined> {
    this.waiting.get(uri)?.resolve(undefined);
    return new Promise((resolve, reject) => {
      this.waiting.set(uri, { version, text, options, resolve, reject });
      this.pump(uri);
    });
  }

  /** A request answered from the worker's analysis of `version` (see features.ts). */
  request(uri: string, version: number, text: string, feature: FeatureName, params: unknown, context: FeatureContext, options: AnalyzeOptions = {}): Promise<unknown> {
    return this.call({ kind: 'request', uri, version, text: this.textFor(uri, version, text), options, feature, params, context });
  }

  holds(uri: string): boolean {
    return this.sent.has(uri) || this.waiting.has(uri);
  }

  forget(uri: string): void {
    this.waiting.get(uri)?.resolve(undefined);
    this.waiting.delete(uri);
    if (this.sent.delete(uri) && this.worker) void this.call({ kind: 'forget', uri }).catch(() => undefined);
  }

  /** Stops the thread (it starts again on the next job). */
  stop(): void {
    const worker = this.worker;
    if (!worker) return;
    // Forgotten at once, not at its exit: a job sent meanwhile starts a new thread instead of dying with this one.
    this.gone(worker);
    void worker.terminate();
  }

  /** The thread and what it held are gone: the next job starts a new thread and sends the text again. */
  private gone(worker: Worker): void {
    this.worker = undefined;
    this.sent.clear();
    for (const [id, p] of this.pending) {
      if (p.worker !== worker) continue;
      this.pending.delete(id);
      p.reject(new Error('analysis worker stopped'));
    }
  }

  /** Stops the thread once no job is waiting for an answer (it starts again on the next job). */
  release(): void {
    if (this.pending.size === 0) this.stop(); else this.releasing = true;
  }

  private pump(uri: string): void {
    const next = this.waiting.get(uri);
    if (!next || this.running.has(uri)) return;
    this.waiting.delete(uri);
    this.running.add(uri);
    const text = this.textFor(uri, next.version, next.text);
    (this.call({ kind: 'analyze', uri, version: next.version, text, options: next.options }) as Promise<DocumentOutcome>)
      .then(next.resolve, next.reject)
      .finally(() => { this.running.delete(uri); this.pump(uri); });
  }

  /** The text, unless the worker already holds this version. */
  private textFor(uri: string, version: number, text: string): string | undefined {
    if (this.sent.get(uri) === version) return undefined;
    this.sent.set(uri, version);
    return text;
  }

  private call(job: Job): Promise<unknown> {
    const worker = this.spawn();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      worker.postMessage({ ...job, id });
    });
  }

  private spawn(): Worker {
    if (this.worker) return this.worker;
    // A larger young generation: the parser allocates many short-lived objects.
    const worker = new Worker(this.entry, { resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    worker.on('message', (reply: WorkerReply) => {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) p?.reject(new Error(reply.error)); else p?.resolve(reply.result);
      if (this.releasing && this.pending.size === 0) { this.releasing = false; this.stop(); }
    });
    worker.on('error', (e) => this.log(`analysis worker: ${e.stack ?? e.message}`));
    worker.on('exit', () => { if (this.worker === worker) this.gone(worker); });
    this.worker = worker;
    return worker;
  }
}
