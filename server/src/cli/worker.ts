// A worker thread of `tally check`: analyses the batches of files it is sent, answering in the order sent.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeFile, type FileOutcome } from './analyze-files.js';

const { options } = workerData as { options: Parameters<typeof analyzeFile>[1] };

parentPort!.on('message', async (message: { paths: string[] }) => {
  const outcomes: FileOutcome[] = [];
  for (const path of message.paths) outcomes.push(await analyzeFile(path, options));
  parentPort!.postMessage({ outcomes });
});
