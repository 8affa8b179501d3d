// The PDF reader's worker thread (pdf.ts, `readPdf`): pdfjs is loaded here, so the globals its legacy build patches
// are this thread's, and a large or hostile file uses this thread's time and heap. Each message is a PDF's bytes;
// each reply its ReadResult.
import { parentPort } from 'node:worker_threads';
import { readPdfInThread } from './pdf.js';
import type { ReadResult } from './document.js';
import { msg } from '../engine/message.js';

// nothing pdfjs prints reaches the process's stdout: the language server's may be the protocol stream
console.log = console.info = console.debug = console.warn = () => {};
process.stdout.write = () => true;

parentPort!.on('message', async (bytes: Uint8Array) => {
  let result: ReadResult;
  try {
    result = await readPdfInThread(bytes);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    result = { error: msg('pdf-worker.error', { detail }) };
  }
  parentPort!.postMessage(result);
});
