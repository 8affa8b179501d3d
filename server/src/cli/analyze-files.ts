// Reads and analyses files, on worker threads when there are enough of them to pay for the start-up.
// One file never costs the others their results: a file the engine fails on gets one `internal` finding,
// and a worker that dies takes only the file it was on with it.
import { readFileSync } from 'node:fs';
import { writeFile, rename, mkdir } from 'node:fs/promises';
import nodePath from 'node:path';
import os from 'node:os';
import { analyze, type Analysis, type AnalyzeOptions, type Finding, type SuppressedFinding } from '../engine/index.js';
import { internalFinding } from '../engine/guard.js';
import { collectFacts, type WorkspaceFacts } from '../engine/workspace/index.js';
import { CODES } from '../engine/findings.js';
import { findTemplate } from '../templates/index.js';
import type { MessageText } from '../engine/message.js';
import { isImportable } from '../import/importable.js';
import { importModule } from '../shared/import-module.js';

export interface FileOptions extends AnalyzeOptions {
  /** Keep the Markdown of imported files in this folder. */
  saveImported?: string;
  /** Texts to check instead of the files' contents, by path (`--fix-dry-run`: the fixed texts). */
  texts?: Record<string, string>;
}

/**
 * A file's findings and the facts the checks across files need (none when the file could not be checked);
 * the analysis itself stays where it was made.
 */
export type FileOutcome =
  | { path: string; template: string | null; findings: Finding[]; suppressed?: SuppressedFinding[]; facts?: WorkspaceFacts; imported?: { from: string; saved?: string } }
  | { path: string; error: 'not-utf8' | 'import' | string; message?: MessageText };

const decoder = new TextDecoder('utf-8', { fatal: true });

export async function analyzeFile(path: string, options: FileOptions): Promise<FileOutcome> {
  const given = options.texts?.[path];
  if (given !== undefined) {
    const analysis = analyze(given, options);
    return { path, template: analysis.template, findings: analysis.findings, facts: collectFacts(analysis) };
  }
  let bytes: Buffer;
  try {
    // One whole read, synchronous: on a worker thread nothing else waits, and the promise form costs several
    // round trips per file.
    bytes = readFileSync(path);
  } catch (e) {
    return { path, error: (e as NodeJS.ErrnoException).code ?? 'unreadable' };
  }
  if (!/\.md$/i.test(path) && isImportable(path)) {
    try { return await analyzeImported(path, bytes, options); } catch (e) { return failed(path, e); }
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { path, error: 'not-utf8' };
  }
  try {
    const analysis = analyze(text, options);
    return { path, template: analysis.template, findings: analysis.findings, ...suppressedOf(analysis), facts: collectFacts(analysis) };
  } catch (e) {
    return failed(path, e);
  }
}

function suppressedOf(analysis: Analysis): { suppressed?: SuppressedFinding[] } {
  return analysis.suppressed.length ? { suppressed: analysis.suppressed } : {};
}

function failed(path: string, error: unknown): FileOutcome {
  return { path, template: null, findings: [internalFinding(error)] };
}

/** A published form (web page, PDF, Word, pasted text): imported in memory, then checked as its Markdown. */
async function analyzeImported(path: string, bytes: Buffer, options: FileOptions): Promise<FileOutcome> {
  const { saveImported, ...analyzeOptions } = options;
  const template = typeof options.template === 'string' ? findTemplate(options.template, options.templates) : options.template;
  // the importers (parse5, the Word and PDF readers) are loaded for the first file that needs them
  const { importReport } = await import('../import/index.js');
  const imported = await importReport(bytes, path, { template, templates: options.templates });
  if ('error' in imported) return { path, error: 'import', message: imported.error };
  const analysis = analyze(imported.markdown, analyzeOptions);
  const notes: Finding[] = imported.notes.map((n) => ({
    code: 'import', severity: n.severity ?? CODES.import.severity, message: n.message,
    range: { start: { line: n.line, character: 0 }, end: { line: n.line, character: imported.markdown.split('\n')[n.line]?.length ?? 0 } },
  }));
  // A table whose figures the importer could not place in its cells is not empty: its figures exist in the source.
  const unplaced = imported.notes.filter((n) => n.unplaced).map((n) => n.line);
  const holdsUnplaced = (line: number) => analysis.binding.tables.some((t) => t.parts.some((p) => p.table.range.start.line <= line && line <= p.table.range.end.line)
    && t.parts.some((p) => unplaced.some((u) => p.table.range.start.line <= u && u <= p.table.range.end.line)));
  const kept = unplaced.length ? analysis.findings.filter((f) => f.code !== 'empty-table' || !holdsUnplaced(f.range.start.line)) : analysis.findings;
  const findings = [...kept, ...notes].sort((a, b) => a.range.start.line - b.range.start.line);
  let saved: string | undefined;
  if (saveImported) {
    saved = nodePath.join(saveImported, nodePath.basename(path).replace(/\.[^.]*$/, '') + '.md');
    await mkdir(saveImported, { recursive: true });
    const temporary = `${saved}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, imported.markdown);
    await rename(temporary, saved);
  }
  return { path, template: analysis.template, findings, ...suppressedOf(analysis), facts: collectFacts(analysis), imported: { from: imported.format, ...(saved ? { saved } : {}) } };
}

/**
 * The worker thread's file beside this module: out/cli/worker.js as tsc writes it, or out/cli-worker.js beside the
 * bundled out/cli.js, the loader of the worker's bundle (scripts/bundle.mjs defines TALLY_CLI_WORKER).
 */
declare const TALLY_CLI_WORKER: string | undefined;
const WORKER_FILE = typeof TALLY_CLI_WORKER === 'string' ? TALLY_CLI_WORKER : './worker.js';

/** Files per worker below which threads cost more than they save. */
const FILES_PER_WORKER = 24;
const BATCH = 16;
/**
 * A worker's old generation, in MB. Without a limit, V8 lets a worker's heap grow with the number of files it has
 * analysed (garbage it has not yet needed to collect: several hundred MB per worker over thousands of reports, with
 * some 30 MB alive), so the process's peak grew with the folder. A file whose analysis needs more than this (a report
 * of several MB) is analysed again on the main thread, under the process's own limit, as it would be alone.
 */
const WORKER_OLD_GENERATION_MB = 128;

export async function analyzeFiles(paths: string[], options: FileOptions): Promise<FileOutcome[]> {
  const results: FileOutcome[] = new Array(paths.length);
  await forEachOutcome([{ paths, options }], (_, index, outcome) => { results[index] = outcome; });
  return results;
}

/** Files checked with the same options (a configuration file's, or the command line's). */
export interface FileGroup {
  paths: string[];
  options: FileOptions;
}

/**
 * Analyses the groups' files and hands each outcome to `take` with its group's and file's index as it comes (in no
 * particular order), keeping none of them. One set of worker threads serves every group (a worker learns a group's
 * options with its first batch of that group), so a folder whose files fall under several configurations starts
 * its workers once.
 */
export async function forEachOutcome(groups: FileGroup[], take: (group: number, index: number, outcome: FileOutcome) => void): Promise<void> {
  const total = groups.reduce((n, g) => n + g.paths.length, 0);
  const workers = Math.min(os.availableParallelism(), Math.floor(total / FILES_PER_WORKER), 8);
  const done = groups.map((g) => new Uint8Array(g.paths.length));
  const give = (group: number, index: number, outcome: FileOutcome) => {
    done[group][index] = 1;
    take(group, index, outcome);
  };
  if (workers >= 2) {
    // node:worker_threads only for a batch large enough (a few milliseconds at start-up otherwise)
    const { Worker } = await importModule<typeof import('node:worker_threads')>('node:worker_threads');
    // Batches of file indexes within a group. A batch lost with its worker comes back as one batch per file, so
    // that a file that kills a worker again is the only one lost.
    const queue: Batch[] = [];
    groups.forEach((g, group) => {
      for (let i = 0; i < g.paths.length; i += BATCH) {
        queue.push({ group, indexes: Array.from({ length: Math.min(BATCH, g.paths.length - i) }, (_, k) => i + k) });
      }
    });
    const run = (): Promise<void> => new Promise<void>((resolve) => {
      const worker = new Worker(new URL(WORKER_FILE, import.meta.url), {
        // A larger young generation: the parser allocates many short-lived objects.
        resourceLimits: { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB },
      });
      const known = new Set<number>();
      let current: Batch | undefined;
      let done = false;
      const feed = () => {
        current = queue.shift();
        // the work done: the worker ends itself (writing its code cache first when it has none)
        if (!current) { done = true; worker.postMessage({ end: true }); resolve(); return; }
        const { group, indexes } = current;
        const message: WorkerBatch = { group, paths: indexes.map((i) => groups[group].paths[i]) };
        if (!known.has(group)) { message.options = groups[group].options; known.add(group); }
        worker.postMessage(message);
      };
      const fail = (error: unknown) => {
        if (done) return;
        done = true;
        void worker.terminate();
        const lost = current;
        current = undefined;
        // A worker that dies before taking a batch is not replaced: the main thread finishes the work.
        if (!lost) { resolve(); return; }
        if (lost.indexes.length > 1) queue.unshift(...lost.indexes.map((i) => ({ group: lost.group, indexes: [i] })));
        // too large for a worker's heap: left to the main thread
        else if ((error as { code?: string }).code !== 'ERR_WORKER_OUT_OF_MEMORY') give(lost.group, lost.indexes[0], failed(groups[lost.group].paths[lost.indexes[0]], error));
        void run().then(resolve);
      };
      worker.on('message', (message: { outcomes: FileOutcome[] }) => {
        if (current) {
          const { group, indexes } = current;
          indexes.forEach((index, k) => give(group, index, message.outcomes[k]));
        }
        feed();
      });
      worker.on('error', fail);
      worker.on('exit', (code) => fail(Object.assign(new Error(`worker exited with code ${code}`), { name: 'WorkerExit' })));
      feed();
    });
    await Promise.all(Array.from({ length: workers }, run));
  }
  for (let group = 0; group < groups.length; group++) {
    const { paths, options } = groups[group];
    for (let i = 0; i < paths.length; i++) if (!done[group][i]) give(group, i, await analyzeFile(paths[i], options));
  }
}

interface Batch {
  group: number;
  indexes: number[];
}

/** A batch as a worker receives it: the group's options come with the worker's first batch of that group. */
export interface WorkerBatch {
  group: number;
  paths: string[];
  options?: FileOptions;
}
