// The engine for an editor: re-reads only the chunks an edit touched. The parts of unchanged chunks are
// kept and moved to where the chunk now is; binding and checks run on the whole model, which is cheap.
import { parse, EDITOR_CHUNKS } from './parse.js';
import { buildReport, type ChunkParts } from './model/report.js';
import { check, type Analysis, type AnalyzeOptions } from './index.js';
import type { Chunk } from './parse.js';
import { failedAnalysis } from './guard.js';
import { isCell } from './model/table.js';

interface Kept { parts: ChunkParts; offset: number; line: number }

export class IncrementalAnalyzer {
  private kept = new Map<string, Kept[]>();
  /** Chunks re-read by the last analysis, and chunks in all (for tests and benchmarks). */
  lastStats = { read: 0, chunks: 0 };

  /** Never throws: an internal error becomes one `internal` finding, and the next analysis reads every chunk anew. */
  analyze(text: string, options: AnalyzeOptions = {}): Analysis {
    const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    try {
      return this.analyzeChunks(clean, options);
    } catch (e) {
      this.kept = new Map();
      return failedAnalysis(clean, e);
    }
  }

  private analyzeChunks(clean: string, options: AnalyzeOptions): Analysis {
    const doc = parse(clean, EDITOR_CHUNKS);
    const next = new Map<string, Kept[]>();
    const keep = (chunk: Chunk, parts: ChunkParts) => {
      const list = next.get(reuseKey(chunk));
      const entry = { parts, offset: chunk.offset, line: chunk.line };
      if (list) list.push(entry); else next.set(reuseKey(chunk), [entry]);
    };
    let read = 0;
    const model = buildReport(doc, (chunk) => {
      const hit = this.kept.get(reuseKey(chunk))?.shift();
      if (!hit) return undefined;
      move(hit.parts, chunk.offset - hit.offset, chunk.line - hit.line);
      keep(chunk, hit.parts);
      return hit.parts;
    }, (chunk, parts) => { read++; keep(chunk, parts); });
    this.kept = next;
    this.lastStats = { read, chunks: doc.chunks.length };
    return check(model, options);
  }
}

/** The last chunk is parsed with its final line break, the others without: the same text may read differently. */
function reuseKey(chunk: Chunk): string {
  return chunk.last ? `${chunk.text}\0` : chunk.text;
}

/** Shifts every offset and line in a chunk's parts (chunks start at line starts, so columns never move). */
function move(parts: ChunkParts, offsets: number, lines: number): void {
  if (offsets === 0 && lines === 0) return;
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) { for (const v of value) visit(v); return; }
    if (Object.getPrototypeOf(value) !== Object.prototype && !isCell(value)) return;
    const o = value as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (typeof v === 'number') {
        if (key === 'line') o[key] = v + lines;
        else if (key === 'start' || key === 'end' || key === 'textStart' || key === 'textEnd') o[key] = v + offsets;
      } else visit(v);
    }
  };
  visit(parts);
}
