// Reads and analyses files, on worker threads when there are enough of them to pay for the start-up.
import { readFile, writeFile, rename, mkdir } from 'node:fs/promises';
import nodePath from 'node:path';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyze, type AnalyzeOptions, type Finding } from '../engine/index.js';
import { collectFacts, type WorkspaceFacts } from '../engine/workspace/index.js';
import { CODES } from '../engine/findings.js';
import { findTemplate, type LocalText } from '../templates/index.js';
import { importReport, isImportable } from '../import/index.js';

export interface FileOptions extends AnalyzeOptions {
  /** Keep the Markdown of imported files in this folder. */
  saveImported?: string;
}

/** A file's findings and the facts the checks across files need; the analysis itself stays where it was made. */
export type FileOutcome =
  | { path: string; template: string | null; findings: Finding[]; facts: WorkspaceFacts; imported?: { from: string; saved?: string } }
  | { path: string; error: 'not-utf8' | 'import' | string; message?: LocalText };

const decoder = new TextDecoder('utf-8', { fatal: true });

export async function analyzeFile(path: string, options: FileOptions): Promise<FileOutcome> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { path, error: (e as NodeJS.ErrnoException).code ?? 'unreadable' };
  }
  if (!/\.md$/i.test(path) && isImportable(path)) return analyzeImported(path, bytes, options);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { path, error: 'not-utf8' };
  }
  const analysis = analyze(text, options);
  return { path, template: analysis.template, findings: analysis.findings, facts: collectFacts(analysis) };
}

/** A published form (web page, PDF, Word, pasted text): imported in memory, then checked as its Markdown. */
async function analyzeImported(path: string, bytes: Buffer, options: FileOptions): Promise<FileOutcome> {
  const { saveImported, ...analyzeOptions } = options;
  const template = typeof options.template === 'string' ? findTemplate(options.template, options.templates) : options.template;
  const imported = await importReport(bytes, path, { template });
  if ('error' in imported) return { path, error: 'import', message: imported.error };
  const analysis = analyze(imported.markdown, analyzeOptions);
  const notes: Finding[] = imported.notes.map((n) => ({
    code: 'import', severity: n.severity ?? CODES.import.severity, message: n.message,
    range: { start: { line: n.line, character: 0 }, end: { line: n.line, character: imported.markdown.split('\n')[n.line]?.length ?? 0 } },
  }));
  const findings = [...analysis.findings, ...notes].sort((a, b) => a.range.start.line - b.range.start.line);
  let saved: string | undefined;
  if (saveImported) {
    saved = nodePath.join(saveImported, nodePath.basename(path).replace(/\.[^.]*$/, '') + '.md');
    await mkdir(saveImported, { recursive: true });
    const temporary = `${saved}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, imported.markdown);
    await rename(temporary, saved);
  }
  return { path, template: analysis.template, findings, facts: collectFacts(analysis), imported: { from: imported.format, ...(saved ? { saved } : {}) } };
}

/** Files per worker below which threads cost more than they save. */
const FILES_PER_WORKER = 24;

export async function analyzeFiles(paths: string[], options: FileOptions): Promise<FileOutcome[]> {
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
