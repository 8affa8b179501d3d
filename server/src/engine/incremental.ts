// The engine for an editor: re-reads only the chunks an edit touched. The parts of unchanged chunks are
// kept and moved to where the chunk now is; the binding is kept while what it read stays (bind/kept.ts), and the
// checks run on the whole model.
import { parse, editorChunks } from './parse.js';
import { buildReport, type ChunkParts } from './model/report.js';
import { check, type Analysis, type AnalyzeOptions } from './index.js';
import type { Chunk } from './parse.js';
import { failedAnalysis } from './guard.js';
import { isCell } from './model/table.js';
import { bindKept, type KeptBinding } from './bind/kept.js';

/** A chunk of the last analysis and its model parts (moved to where the chunk is now when reused). */
interface Kept {
  text: string; last: boolean; offset: number; line: number; parts: ChunkParts; used?: true;
  /** The objects of `parts` that hold a place (`placesOf`), found at the chunk's first move. */
  places?: Places;
}

export class IncrementalAnalyzer {
  /** The last analysis's chunks, in order, and the length of its text. */
  private kept: Kept[] = [];
  private keptLength = 0;
  /** The last binding and what it was bound from (bind/kept.ts). */
  private binding: KeptBinding | undefined;
  /** Chunks re-read by the last analysis, and chunks in all (for tests and benchmarks). */
  lastStats = { read: 0, chunks: 0 };

  /** Never throws: an internal error becomes one `internal` finding, and the next analysis reads every chunk anew. */
  analyze(text: string, options: AnalyzeOptions = {}): Analysis {
    const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    try {
      return this.analyzeChunks(clean, options);
    } catch (e) {
      this.kept = [];
      this.binding = undefined;
      return failedAnalysis(clean, e);
    }
  }

  private analyzeChunks(clean: string, options: AnalyzeOptions): Analysis {
    const doc = parse(clean, editorChunks(clean.length));
    const next: Kept[] = [];
    const keep = (chunk: Chunk, parts: ChunkParts, places?: Kept['places']) => {
      next.push({ text: chunk.text, last: chunk.last, offset: chunk.offset, line: chunk.line, parts, places });
    };
    const find = reusable(this.kept, this.keptLength, clean.length);
    let read = 0;
    const model = buildReport(doc, (chunk) => {
      const hit = find(chunk);
      if (!hit) return undefined;
      hit.used = true;
      move(hit, chunk.offset - hit.offset, chunk.line - hit.line);
      keep(chunk, hit.parts, hit.places);
      return hit.parts;
    }, (chunk, parts) => { read++; keep(chunk, parts); });
    this.kept = next;
    this.keptLength = clean.length;
    this.lastStats = { read, chunks: doc.chunks.length };
    // A binding that failed half-way is not kept: the next analysis binds anew.
    const last = this.binding;
    this.binding = undefined;
    return check(model, { ...options, repeated: true }, (m, o) => (this.binding = bindKept(m, o, last)).binding);
  }
}

/**
 * The kept chunk, not used yet, with the text of `chunk` (the last chunk is parsed with its final line break, the
 * others without: `last` must agree too). Its parts depend on that text alone, so any such chunk will do. Looked
 * for where an edit leaves chunks — at the same offset before it, at the same distance from the end after it —,
 * then among the chunks of the same length: no chunk's text is hashed, and a text compared is mostly one equal.
 */
function reusable(kept: Kept[], keptLength: number, length: number): (chunk: Chunk) => Kept | undefined {
  const byStart = new Map<number, Kept>();
  const byEnd = new Map<number, Kept>();
  for (const k of kept) {
    byStart.set(k.offset, k);
    byEnd.set(keptLength - k.offset - k.text.length, k);
  }
  let byLength: Map<number, Kept[]> | undefined;
  const same = (k: Kept | undefined, chunk: Chunk) => (k && !k.used && k.last === chunk.last && k.text === chunk.text ? k : undefined);
  return (chunk) => {
    const hit = same(byStart.get(chunk.offset), chunk) ?? same(byEnd.get(length - chunk.offset - chunk.text.length), chunk);
    if (hit) return hit;
    if (!byLength) {
      byLength = new Map();
      for (const k of kept) {
        const list = byLength.get(k.text.length);
        if (list) list.push(k); else byLength.set(k.text.length, [k]);
      }
    }
    return byLength.get(chunk.text.length)?.find((k) => same(k, chunk));
  };
}

/** The keys that hold a place, each a bit of `Places.keys`. */
const LINE = 1, START = 2, END = 4, TEXT_START = 8, TEXT_END = 16;
const PLACE_KEYS: Record<string, number> = { line: LINE, start: START, end: END, textStart: TEXT_START, textEnd: TEXT_END };

/** The objects in a chunk's parts that hold a line or an offset, and which of the keys each holds. */
interface Places { objects: Array<Record<string, number>>; keys: number[] }

/**
 * The objects in a chunk's parts that hold a place (`PLACE_KEYS`), each once: plain objects and arrays are walked, a
 * table's cells too; other class instances (numbers, nodes' sources) hold no place. Walked once per kept chunk, at its
 * first move: nothing is added to a chunk's parts once they are read (caches of them are kept apart, by the parts as
 * keys).
 */
function placesOf(parts: ChunkParts): Places {
  const places: Places = { objects: [], keys: [] };
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) { for (const v of value) visit(v); return; }
    if (Object.getPrototypeOf(value) !== Object.prototype && !isCell(value)) return;
    const o = value as Record<string, unknown>;
    let keys = 0;
    // for…in, not Object.keys: no array per object (plain objects and cells inherit no enumerable keys).
    for (const key in o) {
      const v = o[key];
      if (typeof v === 'number') keys |= Object.hasOwn(PLACE_KEYS, key) ? PLACE_KEYS[key]! : 0;
      else visit(v);
    }
    if (keys) { places.objects.push(o as Record<string, number>); places.keys.push(keys); }
  };
  visit(parts);
  return places;
}

/** Shifts every offset and line in a chunk's parts (chunks start at line starts, so columns never move). */
function move(kept: Kept, offsets: number, lines: number): void {
  if (offsets === 0 && lines === 0) return;
  const { objects, keys } = (kept.places ??= placesOf(kept.parts));
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i]!;
    const k = keys[i]!;
    if (k & LINE) o.line! += lines;
    if (k & START) o.start! += offsets;
    if (k & END) o.end! += offsets;
    if (k & TEXT_START) o.textStart! += offsets;
    if (k & TEXT_END) o.textEnd! += offsets;
  }
}
