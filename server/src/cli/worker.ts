// A worker thread of `tally check`: analyses the batches of files it is sent, answering in the order sent. A batch
// names its group of options; the options come with the worker's first batch of that group. Told that the work is
// done, it has the loader write its code cache when it has none (out/cli-worker.js, server/src/cli-loader.ts) and
// ends.
import { parentPort } from 'node:worker_threads';
import { analyzeFile, type FileOptions, type FileOutcome, type WorkerBatch } from './analyze-files.js';

const optionsOf = new Map<number, FileOptions>();

parentPort!.on('message', async (message: WorkerBatch | { end: true }) => {
  if ('end' in message) {
    ((globalThis as Record<symbol, unknown>)[Symbol.for('tally.saveCodeCache')] as (() => void) | undefined)?.();
    process.exit(0);
  }
  if (message.options) optionsOf.set(message.group, message.options);
  const options = optionsOf.get(message.group)!;
  const outcomes: FileOutcome[] = [];
  for (const path of message.paths) outcomes.push(await analyzeFile(path, options));
  parentPort!.postMessage({ outcomes });
});
