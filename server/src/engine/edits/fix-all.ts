// fixAll: the fixes a report can take without review, verified on the whole report. A check's fix marked `safe`
// is only a candidate: it is applied when re-analysing the edited text shows strictly fewer findings and none new
// (every check: tables, reconciliation, prose). A fix that exposes a total above it (小计 inside 合计) is followed
// by the safe fixes of the findings it exposed, and the chain is judged as one. Rounds repeat until nothing
// verifiable remains, so one call reaches a fixed point and a second call changes nothing.
import { analyze, type Analysis, type AnalyzeOptions } from '../index.js';
import type { Edit, Finding } from '../findings.js';
import { LineIndex } from '../source.js';
import { normaliseDigitsEdit } from './normalise-digits.js';

export interface FixAllOptions extends AnalyzeOptions {
  /**
   * Analyses fixAll may run, the first included (a candidate costs one, or a few when it exposes other totals);
   * by default 64, fewer for a long text (about 2 MB of text analysed in all), never fewer than 2.
   */
  budget?: number;
  /** Codes whose fixes are not applied (checks a configuration turns off): their findings are left as they are. */
  skip?: readonly string[];
}

export interface FixAllResult {
  /** The text with every verified fix applied. */
  text: string;
  /** The same change as edits of the input text, in document order, none overlapping another. */
  edits: Edit[];
  /** The findings whose fix was applied, as they were found (in the text of the round that fixed them). */
  applied: Finding[];
  /** The findings of the fixed text. */
  remaining: Finding[];
  /** Remaining findings with a fix marked safe that verification withheld: offered as quick fixes only. */
  withheld: Finding[];
  /** False when the budget ran out first: a further call may verify more. What was applied is verified. */
  complete: boolean;
}

const ROUNDS = 16;
const CASCADE = 4;

/** A span of the text a state's findings refer to, and its replacement. */
interface Span { start: number; end: number; text: string }

interface Candidate { finding: Finding; spans: Span[] }

interface State { text: string; analysis: Analysis }

/** A finding's identity across an edit: code, range (mapped into the edited text) and message (its figures). */
type Keys = Map<string, number>;

export function fixAll(input: string, options: FixAllOptions = {}): FixAllResult {
  const bom = input.charCodeAt(0) === 0xfeff ? input.slice(0, 1) : '';
  const original = input.slice(bom.length);
  const { budget = Math.max(2, Math.min(64, Math.floor(2_000_000 / Math.max(1, original.length)))), skip = [], ...analyzeOptions } = options;
  const skipped = new Set<string>(skip);
  let analyses = 0;
  const run = (text: string): Analysis | undefined => {
    if (analyses >= Math.max(1, budget)) return undefined;
    analyses++;
    return analyze(text, { ...analyzeOptions, repeated: true });
  };

  const changes = new Changes(original);
  const applied: Finding[] = [];
  let state: State = { text: original, analysis: run(original)! };
  let complete = true;
  const commit = (step: Step) => {
    for (const spans of step.sets) changes.apply(spans);
    applied.push(...step.fixed);
    state = step.state;
  };

  // ASCII digits in template tables first: a normalisation, not a fix, so it need only leave every finding be.
  const digits = digitSpans(state.analysis);
  if (digits.length) {
    const step = tryStep(state, digits, [], run, skipped, true);
    if (step === 'budget') complete = false;
    else if (step) commit(step);
  }

  let settled = false;
  for (let round = 0; complete && round < ROUNDS; round++) {
    const candidates = candidatesOf(state.analysis, state.analysis.findings, skipped);
    const all = candidates.length ? tryStep(state, candidates.flatMap((c) => c.spans), candidates.map((c) => c.finding), run, skipped) : undefined;
    if (all === 'budget') { complete = false; break; }
    if (all) { commit(all); continue; }
    if (candidates.length <= 1) { settled = true; break; }
    // Some candidate spoils the set: judge each on its own, then the good ones together.
    const good: Array<{ step: Step; candidate: Candidate }> = [];
    for (const candidate of candidates) {
      const step = tryStep(state, candidate.spans, [candidate.finding], run, skipped);
      if (step === 'budget') { complete = false; break; }
      if (step) good.push({ step, candidate });
    }
    if (good.length === 0) { settled = complete; break; }
    const together = good.length > 1 && complete
      ? tryStep(state, good.flatMap((g) => g.candidate.spans), good.map((g) => g.candidate.finding), run, skipped) : undefined;
    if (together === 'budget') complete = false;
    commit(together && together !== 'budget' ? together : good[0].step);
  }

  const remaining = state.analysis.findings;
  return {
    text: bom + state.text,
    edits: changes.edits(),
    applied,
    remaining,
    withheld: remaining.filter((f) => f.fixes?.some((x) => x.safe)),
    complete: settled,
  };
}

interface Step { state: State; sets: Span[][]; fixed: Finding[] }

/**
 * Applies `spans` (and then the safe fixes of any finding they expose, a few levels deep) and judges the result
 * against `from`: strictly fewer findings, none new. A normalisation need only not make things worse: it must leave
 * every finding as it was, its message compared with digits of either width alike (it may quote the digits it
 * rewrote). A digit rewritten can change more than its cell: `３1. ` opening a row without a pipe is text, `31. `
 * opens a list and ends the table.
 */
function tryStep(from: State, spans: Span[], fixes: Finding[], run: (text: string) => Analysis | undefined,
  skipped: ReadonlySet<string>, normalisation = false): Step | undefined | 'budget' {
  const key = normalisation ? (f: Finding, s: number, e: number) => findingKey(f, s, e).normalize('NFKC') : findingKey;
  let baseline = keysOf(from.analysis, key);
  let text = from.text;
  let next = disjoint(spans);
  const sets: Span[][] = [];
  const fixed = [...fixes];
  for (let depth = 0; ; depth++) {
    text = applySpans(text, next);
    baseline = mapKeys(baseline, next);
    sets.push(next);
    const analysis = run(text);
    if (!analysis) return 'budget';
    const fresh = newFindings(keysOf(analysis, key), baseline);
    if (fresh.length === 0) {
      const before = from.analysis.findings.length;
      const after = analysis.findings.length;
      return (normalisation ? after <= before : after < before) ? { state: { text, analysis }, sets, fixed } : undefined;
    }
    // The edit exposed findings of its own (a 合计 over the 小计 just fixed): follow their safe fixes.
    const exposed = depth < CASCADE && !normalisation ? candidatesOf(analysis, fresh, skipped) : [];
    if (exposed.length === 0) return undefined;
    fixed.push(...exposed.map((c) => c.finding));
    next = disjoint(exposed.flatMap((c) => c.spans));
  }
}

/** The first safe fix of each finding (of `among`, when given), as spans of the analysed text; none overlapping. */
function candidatesOf(analysis: Analysis, among: Finding[], skipped: ReadonlySet<string>): Candidate[] {
  const lines = analysis.model.doc.lines;
  const out: Candidate[] = [];
  const taken: Span[] = [];
  for (const finding of among) {
    if (skipped.has(finding.code)) continue;
    const fix = finding.fixes?.find((x) => x.safe);
    if (!fix || fix.edits.length === 0) continue;
    const spans = fix.edits.map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText }));
    if (spans.some((s) => taken.some((t) => overlaps(s, t)))) continue;
    if (spans.every((s) => lines.text.slice(s.start, s.end) === s.text)) continue;
    taken.push(...spans);
    out.push({ finding, spans });
  }
  return out;
}

/** Full-width digits in the cells of template tables, to ASCII. */
function digitSpans(analysis: Analysis): Span[] {
  const text = analysis.model.doc.text;
  const lines = analysis.model.doc.lines;
  const out: Span[] = [];
  for (const table of analysis.binding.tables) {
    for (const part of table.parts) {
      for (const row of part.rows) {
        for (const cell of row.cells) {
          if (cell.value.kind !== 'number' || !cell.value.fullWidth) continue;
          const e = normaliseDigitsEdit(text, cell.range);
          if (e) out.push({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText });
        }
      }
    }
  }
  return disjoint(out);
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end || a.start === b.start;
}

/** Sorted by position; a span overlapping an earlier one is dropped. */
function disjoint(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (out.length && (s.start < out[out.length - 1].end || s.start === out[out.length - 1].start)) continue;
    out.push(s);
  }
  return out;
}

/** `spans` sorted and disjoint, in offsets of `text`. */
function applySpans(text: string, spans: Span[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) { out += text.slice(at, s.start) + s.text; at = s.end; }
  return out + text.slice(at);
}

/** Where an offset of the text before `spans` lands after them: a span's start stays, inside it goes to its start
 * (a range's start) or the end of its replacement (a range's end). */
function mapOffset(offset: number, spans: Span[], end: boolean): number {
  let shift = 0;
  for (const s of spans) {
    if (offset <= s.start) break;
    if (offset < s.end) return s.start + shift + (end ? s.text.length : 0);
    shift += s.text.length - (s.end - s.start);
  }
  return offset + shift;
}

function findingKey(f: Finding, start: number, end: number): string {
  return `${f.code}@${start}-${end}:${JSON.stringify(f.message)}`;
}

interface Keyed { key: (f: Finding, start: number, end: number) => string; entries: Array<{ finding: Finding; start: number; end: number }> }

function keysOf(analysis: Analysis, key: Keyed['key']): Keyed {
  const lines = analysis.model.doc.lines;
  return { key, entries: analysis.findings.map((finding) => ({ finding, start: lines.offset(finding.range.start), end: lines.offset(finding.range.end) })) };
}

function mapKeys(keyed: Keyed, spans: Span[]): Keyed {
  return { key: keyed.key, entries: keyed.entries.map((e) => ({ ...e, start: mapOffset(e.start, spans, false), end: mapOffset(e.end, spans, true) })) };
}

function counts(keyed: Keyed): Keys {
  const out: Keys = new Map();
  for (const e of keyed.entries) {
    const k = keyed.key(e.finding, e.start, e.end);
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/** Findings of `found` that `baseline` does not have (as many times as it has them). */
function newFindings(found: Keyed, baseline: Keyed): Finding[] {
  const left = counts(baseline);
  const out: Finding[] = [];
  for (const e of found.entries) {
    const k = found.key(e.finding, e.start, e.end);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1); else out.push(e.finding);
  }
  return out;
}

/**
 * The changes made so far, as spans of the original text: an edit of the current text becomes one, merged with
 * any earlier change it touches, so the result is always a set of disjoint edits of the input.
 */
class Changes {
  private pieces: Span[] = [];
  private current: string;

  constructor(private readonly original: string) { this.current = original; }

  /** Sorted, disjoint spans of the current text, applied together. */
  apply(spans: Span[]): void {
    // From the last to the first, so each span's offsets still hold when it is applied.
    for (const s of [...spans].sort((a, b) => b.start - a.start)) {
      this.one(s);
      this.current = applySpans(this.current, [s]);
    }
  }

  private one(edit: Span): void {
    // Each piece's place in the current text, and the shift of the text after it.
    let shift = 0;
    const placed = this.pieces.map((piece) => {
      const at = { piece, start: piece.start + shift, end: piece.start + shift + piece.text.length, before: shift };
      shift += piece.text.length - (piece.end - piece.start);
      return { ...at, after: shift };
    });
    const touches = (p: { start: number; end: number }) => (p.start < edit.end && edit.start < p.end) || p.start === edit.start
      || (edit.start === edit.end && p.start <= edit.start && edit.start <= p.end)
      || (p.start === p.end && edit.start <= p.start && p.start <= edit.end);
    const touched = placed.filter(touches);
    let piece: Span;
    if (touched.length === 0) {
      const shiftBefore = placed.filter((p) => p.end <= edit.start).pop()?.after ?? 0;
      piece = { start: edit.start - shiftBefore, end: edit.end - shiftBefore, text: edit.text };
    } else {
      const first = touched[0];
      const last = touched[touched.length - 1];
      const from = Math.min(edit.start, first.start);
      const to = Math.max(edit.end, last.end);
      piece = { start: from - first.before, end: to - last.after,
        text: this.current.slice(from, edit.start) + edit.text + this.current.slice(edit.end, to) };
    }
    const kept = this.pieces.filter((p) => !touched.some((t) => t.piece === p));
    if (this.original.slice(piece.start, piece.end) !== piece.text) kept.push(piece);
    this.pieces = kept.sort((a, b) => a.start - b.start);
  }

  edits(): Edit[] {
    const lines = new LineIndex(this.original);
    return this.pieces.map((p) => ({ range: lines.range(p.start, p.end), newText: p.text }));
  }
}
