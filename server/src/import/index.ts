// Import: any published form of a report (web page, PDF, Word, pasted text) → SourceDocument → dialect Markdown.
// The reader is chosen by the file's bytes first (magic numbers), then by its extension.
import type { Template } from '../templates/index.js';
import type { MessageText } from '../engine/message.js';
import { isFailure, READ_LIMITS, type ReadFailure, type ReadResult, type SourceDocument } from './document.js';
import { writeMarkdown, type ImportedMarkdown } from './markdown.js';
import { msg } from '../engine/message.js';

/** The template to read by, else detection among the team's templates and the built-in ones. */
export interface ImportOptions { template?: Template; templates?: readonly Template[] }

export type SourceFormat = SourceDocument['format'];

export { IMPORT_EXTENSIONS, isImportable } from './importable.js';

const LEGACY_WORD: MessageText = msg('index.this-is-a-legacy-word');

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** The format the bytes are in, or a failure for files no reader takes. */
export function sniff(bytes: Uint8Array, name: string): SourceFormat | ReadFailure {
  const lower = name.toLowerCase();
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return { error: LEGACY_WORD };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // A zip: a Word document names word/document.xml among its entries.
    const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1 << 20))).toString('latin1');
    if (head.includes('word/') || lower.endsWith('.docx')) return 'docx';
    return { error: msg('index.zip-not-docx') };
  }
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('utf8').replace(/^\ufeff/, '').trimStart().toLowerCase();
  if (/^<(?:!doctype\s+html|html|head|body|meta|table)[\s>]/.test(head) || /<html[\s>]/.test(head.slice(0, 1024))) return 'html';
  if (/\.(doc|wps)$/.test(lower)) return { error: LEGACY_WORD };
  if (lower.endsWith('.pdf')) return { error: msg('index.not-pdf') };
  if (lower.endsWith('.docx')) return { error: msg('index.not-docx') };
  if (lower.endsWith('.html') || lower.endsWith('.htm')) {
    // Named a web page, yet no markup: text if it reads as text, else a clear refusal.
    return 'text';
  }
  return 'text';
}

/** Reads a file of any supported form into the shared document. */
export async function readReport(bytes: Uint8Array, name: string, options: ImportOptions = {}): Promise<ReadResult> {
  if (bytes.length === 0) return { error: msg('index.empty') };
  if (bytes.length > READ_LIMITS.inputBytes) {
    return { error: msg('index.too-large', { arg: READ_LIMITS.inputBytes / 1024 / 1024 }) };
  }
  // A node Buffer (what readFile gives) as a plain Uint8Array view: some readers (pdfjs) refuse Buffers.
  if (Buffer.isBuffer(bytes)) bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = sniff(bytes, name);
  if (typeof format !== 'string') return format;
  try {
    switch (format) {
      case 'pdf': return await (await import('./pdf.js')).readPdf(bytes);
      case 'docx': return await (await import('./docx.js')).readDocx(bytes);
      case 'html': return await (await import('./html.js')).readHtml(bytes);
      case 'text': return await (await import('./text.js')).readText(bytes, options);
    }
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { error: msg('index.failed', { detail }) };
  }
}

/** Read + write: the imported Markdown, or why the file could not be read. */
export async function importReport(bytes: Uint8Array, name: string, options: ImportOptions = {}): Promise<(ImportedMarkdown & { format: SourceFormat }) | ReadFailure> {
  const read = await readReport(bytes, name, options);
  if (isFailure(read)) return read;
  const written = writeMarkdown(read, { template: options.template, templates: options.templates, sourceName: baseName(name) });
  return { ...written, format: read.format };
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

export { isFailure, type ReadFailure, type ReadResult, type SourceDocument } from './document.js';
export type { ImportedMarkdown } from './markdown.js';
