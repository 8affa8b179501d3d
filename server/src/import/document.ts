// What every reader (HTML, PDF, DOCX, pasted text) produces: the report's blocks in reading order, with tables as
// grids that keep their merged cells. One writer (markdown.ts) turns this into the dialect, so every published form
// reaches the checks the same way. Plain data only: no editor, protocol or file-system types.
import type { MessageText } from '../engine/message.js';

/** A table cell as published: its text (line breaks inside a cell kept as '\n') and how far it is merged. */
export interface SourceCell {
  text: string;
  /** Rows this cell spans (HTML rowspan, DOCX vMerge, PDF ruling); 1 when absent. */
  rowSpan?: number;
  /** Columns this cell spans (HTML colspan, DOCX gridSpan); 1 when absent. */
  colSpan?: number;
}

/** Where a block came from in the original file, so a finding can be found there too. */
export interface SourcePlace {
  /** 1-based page of a PDF. */
  page?: number;
  /** 1-based line of a text file. */
  line?: number;
}

export type SourceBlock =
  | { kind: 'heading'; text: string; /** 1 = title; 2 = section; 3 = sub-part. Omitted: the writer decides. */ depth?: number; place?: SourcePlace }
  | { kind: 'paragraph'; text: string; place?: SourcePlace }
  | { kind: 'table'; rows: SourceCell[][]; place?: SourcePlace }
  /** Something the reader saw but could not read as text (a table printed as an image, a drawing). */
  | { kind: 'unreadable'; what: 'image' | 'object'; description?: string; place?: SourcePlace };

/** Something the reader could not do, to be shown as an `import` finding at the block it concerns. */
export interface ReaderNote {
  /** Index into `blocks` of the block it concerns; the document's start when absent. */
  block?: number;
  /** For a table block: the index of the row (in the block's rows) it concerns; the table's first line when absent. */
  row?: number;
  message: MessageText;
  /** 'error' where a table could not be read at all; a warning otherwise. */
  severity?: 'error' | 'warning';
  /** Figures of the table the reader could not place in its cells (kept as text): the table is not empty. */
  unplaced?: boolean;
}

export interface SourceDocument {
  /** The format read: shown to the user and recorded in the JSON output. */
  format: 'html' | 'pdf' | 'docx' | 'text';
  blocks: SourceBlock[];
  notes: ReaderNote[];
  /** A title the container carried apart from the body (HTML <title>, DOCX core properties). */
  title?: string;
}

/** A reader's refusal: the file cannot be read at all (encrypted, scanned, corrupt, legacy .doc). */
export interface ReadFailure {
  error: MessageText;
}

export type ReadResult = SourceDocument | ReadFailure;

export function isFailure<T extends object>(result: T | ReadFailure): result is ReadFailure {
  return 'error' in result;
}

/** Limits every reader honours, so a hostile file cannot exhaust memory or time. */
export const READ_LIMITS = {
  /** Bytes of input accepted. */
  inputBytes: 100 * 1024 * 1024,
  /** Bytes a DOCX's parts may unpack to in all (zip bombs). */
  unpackedBytes: 200 * 1024 * 1024,
  /** Cells of one table (rows × columns after spans are laid out). */
  tableCells: 2_000_000,
  /** A rowspan/colspan larger than this is read as this. */
  span: 1000,
} as const;
