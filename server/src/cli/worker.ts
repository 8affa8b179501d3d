// A worker thread of `tally check`: analyses the batches of files it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeFile, type FileOutcome } from './analyze-files.js';

const { template } = workerData as { template: Parameters<typeof analyzeFile>[1] };

parentPort!.on('message', async (message: { start: number; paths: string[] }) => {
  const outcomes: FileOutcome[] = [];
  for (const path of message.paths) outcomes.push(await analyzeFile(path, template));
  parentPort!.postMessage({ start: message.start, outcomes });
});
