// `tally/import`: the client's Import Published Report command. A file (by path, or its bytes in base64 for other
// schemes) → the dialect's Markdown, or why it could not be read. The readers run here, except the PDF reader,
// which runs in a worker thread of its own (import/pdf.ts), so its globals and its time are not the server's.
import { promises as fs } from 'node:fs';
import { importReport } from '../import/index.js';
import { readHtml } from '../import/html.js';
import { writeMarkdown } from '../import/markdown.js';
import { isFailure } from '../import/document.js';
import { text as render, type Language } from './settings.js';
import { msg } from '../engine/message.js';

export interface ImportParams { name: string; path?: string; data?: string }
export interface ImportAnswer { markdown?: string; error?: string; notes?: number; format?: string }

export async function importFile(params: ImportParams, language: Language): Promise<ImportAnswer> {
  let bytes: Uint8Array;
  if (typeof params.data === 'string') bytes = Buffer.from(params.data, 'base64');
  else if (typeof params.path === 'string') {
    try { bytes = await fs.readFile(params.path); } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      return { error: render(msg('import.cannot-read-file', { code }), language) };
    }
  } else return { error: render(msg('import.no-file'), language) };
  const imported = await importReport(bytes, params.name ?? params.path ?? '');
  if ('error' in imported) return { error: render(imported.error, language) };
  return { markdown: imported.markdown, notes: imported.notes.length, format: imported.format };
}

/** HTML pasted into a report: its tables (and text) as dialect Markdown without front matter; nothing without a table. */
export async function importHtml(html: string): Promise<{ markdown?: string }> {
  const read = await readHtml(new TextEncoder().encode(html));
  if (isFailure(read) || !read.blocks.some((b) => b.kind === 'table')) return {};
  return { markdown: writeMarkdown(read, { fragment: true }).markdown };
}
