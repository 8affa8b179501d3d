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

/**
 * Facts with `paragraphs` and `cells` kept packed (one Int32Array: the ranges of the paragraphs, those of the cells,
 * then the paragraph hashes as two 32-bit halves each) and rebuilt, equal but not the same objects, each time they are
 * read. The other fields are kept as they are, the repeating ones shared through the interner.
 */
class PackedFacts {
  readonly #numbers: Int32Array;
  /** The paragraph hashes when they are not the engine's 16 hex digits. */
  readonly #hashes: string[] | undefined;
  readonly #paragraphs: number;
  readonly #keys: string[];
  readonly #values: string[];
  readonly #rows: string[];
  readonly #columns: string[];

  constructor(facts: WorkspaceFacts, interner: Interner) {
    const { paragraphs, cells, acrossPeriods, ...rest } = facts;
    Object.assign(this, rest, acrossPeriods ? { acrossPeriods: interner.acrossPeriods(acrossPeriods) } : {});
    const keys = Object.keys(cells);
    const numeric = paragraphs.every((p) => HASH.test(p.hash));
    const numbers = new Int32Array((paragraphs.length + keys.length) * 4 + (numeric ? paragraphs.length * 2 : 0));
    const putRange = (r: Range, i: number) => numbers.set([r.start.line, r.start.character, r.end.line, r.end.character], i * 4);
    paragraphs.forEach((p, i) => putRange(p.range, i));
    keys.forEach((k, i) => putRange(cells[k].range, paragraphs.length + i));
    if (numeric) {
      const at = (paragraphs.length + keys.length) * 4;
      paragraphs.forEach((p, i) => { numbers[at + i * 2] = parseInt(p.hash.slice(0, 8), 16); numbers[at + i * 2 + 1] = parseInt(p.hash.slice(8), 16); });
    }
    this.#numbers = numbers;
    this.#hashes = numeric ? undefined : paragraphs.map((p) => p.hash);
    this.#paragraphs = paragraphs.length;
    this.#keys = keys.map((k) => interner.string(k));
    this.#values = keys.map((k) => cells[k].value);
    this.#rows = keys.map((k) => interner.string(cells[k].row));
    this.#columns = keys.map((k) => interner.string(cells[k].column));
  }

  #range(i: number): Range {
    const n = this.#numbers;
    return { start: { line: n[i * 4], character: n[i * 4 + 1] }, end: { line: n[i * 4 + 2], character: n[i * 4 + 3] } };
  }

  #hash(i: number): string {
    if (this.#hashes) return this.#hashes[i];
    const at = (this.#paragraphs + this.#keys.length) * 4 + i * 2;
    const half = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
    return half(this.#numbers[at]) + half(this.#numbers[at + 1]);
  }

  get paragraphs(): ParagraphFact[] {
    return Array.from({ length: this.#paragraphs }, (_, i) => ({ hash: this.#hash(i), range: this.#range(i) }));
  }

  get cells(): Record<string, CellFact> {
    const out: Record<string, CellFact> = {};
    this.#keys.forEach((k, i) => {
      out[k] = { value: this.#values[i], range: this.#range(this.#paragraphs + i), row: this.#rows[i], column: this.#columns[i] };
    });
    return out;
  }
}

/** The same facts, kept in less memory (see PackedFacts). */
export function packFacts(facts: WorkspaceFacts, interner: Interner): WorkspaceFacts {
  return new PackedFacts(facts, interner) as unknown as WorkspaceFacts;
}
