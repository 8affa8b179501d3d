// A report's WorkspaceFacts as `tally check` keeps them until every report is in: paragraphs and cells in typed
// arrays, read back as plain facts when a check across years asks for them. Ten thousand reports' facts as plain
// objects (a range is three objects) would be most of the process's memory.
import type { Range } from '../engine/source.js';
import type { CellFact, ParagraphFact, WorkspaceFacts } from '../engine/workspace/index.js';

const HASH = /^[0-9a-f]{16}$/;

/** Strings that repeat from report to report (template ids and titles) and relations across periods: one of each. */
export class Interner {
  private strings = new Map<string, string>();
  private specs = new Map<string, NonNullable<WorkspaceFacts['acrossPeriods']>>();
  string(s: string): string {
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    this.strings.set(s, s);
    return s;
  }
  acrossPeriods(spec: NonNullable<WorkspaceFacts['acrossPeriods']>): NonNullable<WorkspaceFacts['acrossPeriods']> {
    const key = JSON.stringify(spec);
    const hit = this.specs.get(key);
    if (hit) return hit;
    this.specs.set(key, spec);
    return spec;
  }
}

function packRanges(ranges: readonly Range[]): Int32Array {
  const packed = new Int32Array(ranges.length * 4);
  ranges.forEach((r, i) => packed.set([r.start.line, r.start.character, r.end.line, r.end.character], i * 4));
  return packed;
}

const rangeAt = (packed: Int32Array, i: number): Range => ({
  start: { line: packed[i * 4], character: packed[i * 4 + 1] }, end: { line: packed[i * 4 + 2], character: packed[i * 4 + 3] },
});

/** Paragraph hashes as numbers when they are the engine's 16 hex digits, else as they are. */
function packHashes(hashes: readonly string[]): Uint32Array | string[] {
  if (!hashes.every((h) => HASH.test(h))) return [...hashes];
  const packed = new Uint32Array(hashes.length * 2);
  hashes.forEach((h, i) => { packed[i * 2] = parseInt(h.slice(0, 8), 16); packed[i * 2 + 1] = parseInt(h.slice(8), 16); });
  return packed;
}

const hashAt = (packed: Uint32Array | string[], i: number): string => Array.isArray(packed) ? packed[i]
  : packed[i * 2].toString(16).padStart(8, '0') + packed[i * 2 + 1].toString(16).padStart(8, '0');

/**
 * The same facts, `paragraphs` and `cells` kept packed and rebuilt (equal, not the same objects) each time they are
 * read. The other fields are kept as they are, the repeating ones shared through `interner`.
 */
export function packFacts(facts: WorkspaceFacts, interner: Interner): WorkspaceFacts {
  const { paragraphs, cells, acrossPeriods, ...rest } = facts;
  const hashes = packHashes(paragraphs.map((p) => p.hash));
  const paragraphRanges = packRanges(paragraphs.map((p) => p.range));
  const keys = Object.keys(cells).map((k) => interner.string(k));
  const values = keys.map((k) => cells[k].value);
  const rows = keys.map((k) => interner.string(cells[k].row));
  const columns = keys.map((k) => interner.string(cells[k].column));
  const cellRanges = packRanges(keys.map((k) => cells[k].range));
  const packed = { ...rest, ...(acrossPeriods ? { acrossPeriods: interner.acrossPeriods(acrossPeriods) } : {}) } as WorkspaceFacts;
  return Object.defineProperties(packed, {
    paragraphs: {
      enumerable: true,
      get: (): ParagraphFact[] => Array.from({ length: paragraphRanges.length / 4 }, (_, i) => ({ hash: hashAt(hashes, i), range: rangeAt(paragraphRanges, i) })),
    },
    cells: {
      enumerable: true,
      get: (): Record<string, CellFact> => {
        const out: Record<string, CellFact> = {};
        keys.forEach((k, i) => { out[k] = { value: values[i], range: rangeAt(cellRanges, i), row: rows[i], column: columns[i] }; });
        return out;
      },
    },
  });
}
