// What `tally check` keeps of each file between its analysis and the output, which waits for every file's facts
// (the checks across years pair any two): the facts, packed, and the file's own findings written to a temporary
// file and read back one file at a time. Memory stays bounded however many files are checked. A few files (a
// pre-commit hook's) are kept as they are: no temporary file, no serialisation.
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import type { Finding, SuppressedFinding } from '../engine/index.js';
import type { WorkspaceReport } from '../engine/workspace/index.js';
import type { FileOutcome } from './analyze-files.js';
import { Interner, packFacts } from './packed-facts.js';
import { importModule } from '../shared/import-module.js';

type V8 = typeof import('node:v8');

/** Up to this many files, outcomes are kept in memory as they are. */
export const KEPT_AS_IS = 64;

/** A file's outcome as the output reads it back: findings carry what the formats print (no fixes). */
export type StoredOutcome =
  | { path: string; template: string | null; findings: Finding[]; suppressed?: SuppressedFinding[]; imported?: { from: string; saved?: string } }
  | Extract<FileOutcome, { error: string }>;

const slim = (f: Finding): Finding => ({ code: f.code, severity: f.severity, range: f.range, message: f.message });

/** Where the records go: a temporary file, or memory when no temporary file can be made. */
function spool(): { folder: string; fd: number } | undefined {
  let folder: string | undefined;
  try {
    folder = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'tally-'));
    return { folder, fd: fs.openSync(nodePath.join(folder, 'results'), 'w+') };
  } catch {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
    return undefined;
  }
}

export class ResultStore {
  /** The store for these files: outcomes kept as they are for a few, else serialised into a temporary file. */
  static async open(paths: readonly string[], keptAsIs = KEPT_AS_IS): Promise<ResultStore> {
    return new ResultStore(paths, paths.length > keptAsIs ? await importModule<V8>('node:v8') : undefined);
  }

  private readonly file: { folder: string; fd: number } | undefined;
  private readonly kept: Array<Buffer | StoredOutcome> = [];
  private size = 0;
  /** Byte offset and length of each file's record, by its index. */
  private readonly at: Float64Array;
  private readonly interner = new Interner();
  private readonly facts: Array<WorkspaceReport | undefined>;
  private readonly failed = new Map<number, Extract<FileOutcome, { error: string }>>();

  /** With `v8`, outcomes are serialised (into a temporary file, else memory); without, kept as they are. */
  constructor(readonly paths: readonly string[], private readonly v8?: V8) {
    this.file = v8 ? spool() : undefined;
    this.at = new Float64Array(paths.length * 2).fill(-1);
    this.facts = new Array<WorkspaceReport | undefined>(paths.length);
  }

  add(index: number, outcome: FileOutcome): void {
    let stored: StoredOutcome = outcome;
    if ('error' in outcome) this.failed.set(index, outcome);
    else {
      const { facts, ...rest } = outcome;
      if (facts) this.facts[index] = { path: outcome.path, facts: packFacts(facts, this.interner) };
      stored = { ...rest, findings: rest.findings.map(slim),
        ...(rest.suppressed ? { suppressed: rest.suppressed.map((s) => ({ ...s, finding: slim(s.finding) })) } : {}) };
    }
    if (!this.v8) {
      this.kept[index] = stored;
      this.at[index * 2] = 0;
      return;
    }
    // v8's serialisation, as the worker threads' messages: the findings read back are what was written.
    const bytes = this.v8.serialize(stored);
    if (!this.file) {
      this.kept[index] = bytes;
      this.at[index * 2] = 0;
      this.at[index * 2 + 1] = bytes.length;
      return;
    }
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(this.file.fd, bytes, written, bytes.length - written, this.size + written);
    this.at[index * 2] = this.size;
    this.at[index * 2 + 1] = bytes.length;
    this.size += bytes.length;
  }

  /** The reports with facts, in the order of `paths`: the workspace of the checks across years. */
  reports(): WorkspaceReport[] {
    return this.facts.filter((r): r is WorkspaceReport => r !== undefined);
  }

  /** The files that could not be checked, in the order of `paths`. */
  errors(): Array<Extract<FileOutcome, { error: string }>> {
    return [...this.failed.keys()].sort((a, b) => a - b).map((i) => this.failed.get(i)!);
  }

  factsOf(index: number): WorkspaceReport | undefined {
    return this.facts[index];
  }

  read(index: number): StoredOutcome {
    const [offset, length] = [this.at[index * 2], this.at[index * 2 + 1]];
    if (offset < 0) throw new Error(`no result for ${this.paths[index]}`);
    if (!this.v8) return this.kept[index] as StoredOutcome;
    if (!this.file) return this.v8.deserialize(this.kept[index] as Buffer) as StoredOutcome;
    const bytes = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const n = fs.readSync(this.file.fd, bytes, read, length - read, offset + read);
      if (n === 0) throw new Error(`result of ${this.paths[index]} cut short`);
      read += n;
    }
    return this.v8.deserialize(bytes) as StoredOutcome;
  }

  close(): void {
    if (!this.file) return;
    fs.closeSync(this.file.fd);
    fs.rmSync(this.file.folder, { recursive: true, force: true });
  }
}
