// Reads and analyses files, on worker threads when there are enough of them to pay for the start-up.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyze, type AnalyzeOptions, type Finding } from '../engine/index.js';
import { collectFacts, type WorkspaceFacts } from '../engine/workspace/index.js';

/** A file's findings and the facts the checks across files need; the analysis itself stays where it was made. */
export type FileOutcome =
  | { path: string; template: string | null; findings: Finding[]; facts: WorkspaceFacts }
  | { path: string; error: 'not-utf8' | string };

const decoder = new TextDecoder('utf-8', { fatal: true });

export async function analyzeFile(path: string, options: AnalyzeOptions): Promise<FileOutcome> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { path, error: (e as NodeJS.ErrnoException).code ?? 'unreadable' };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { path, error: 'not-utf8' };
  }
  const analysis = analyze(text, options);
  return { path, template: analysis.template, findings: analysis.findings, facts: collectFacts(analysis) };
}

/** Files per worker below which threads cost more than they save. */
const FILES_PER_WORKER = 24;

export async function analyzeFiles(paths: string[], options: AnalyzeOptions): Promise<FileOutcome[]> {
  const workers = Math.min(os.availableParallelism(), Math.floor(paths.length / FILES_PER_WORKER), 8);
  if (workers < 2) {
    const out: FileOutcome[] = [];
    for (const path of paths) out.push(await analyzeFile(path, options));
    return out;
  }
  const results: FileOutcome[] = new Array(paths.length);
  let next = 0;
  const batch = 16;
  await Promise.all(Array.from({ length: workers }, () => new Promise<void>((resolve, reject) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: { options },
      // A larger young generation: the parser allocates many short-lived objects.
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
    const feed = () => {
      if (next >= paths.length) { void worker.terminate(); resolve(); return; }
      const start = next;
      next = Math.min(paths.length, next + batch);
      worker.postMessage({ start, paths: paths.slice(start, next) });
    };
    worker.on('message', (message: { start: number; outcomes: FileOutcome[] }) => {
      message.outcomes.forEach((o, i) => { results[message.start + i] = o; });
      feed();
    });
    worker.on('error', reject);
    feed();
  })));
  return results;
}
