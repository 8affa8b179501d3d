// Suppression comments: `<!-- tally-disable-next-line code… [row=LABEL] [-- reason] -->`, `<!-- tally-disable
// code… -->` … `<!-- tally-enable [code…] -->`, `<!-- tally-disable-file code… -->`. No code means every code.
// They are read from the model's HTML blocks (no second parse: a comment in a code fence or inside a paragraph is
// text), turned into plain line spans, and applied to the findings after the checks. A disable comment that
// silences nothing, a code Tally does not have, and a comment Tally cannot read (a misspelt directive, `row=` on any
// directive but `tally-disable-next-line`) are findings themselves; a comment Tally cannot read silences nothing.
import leven from 'leven';
import { ALL_CODES, CODES, type Code, type Edit, type Finding } from './findings.js';
import type { ReportModel } from './model/report.js';
import type { TableModel } from './model/table.js';
import type { Range } from './source.js';
import { canonical, plainLabel } from './text.js';
import { joined, msg } from './message.js';

/**
 * `enable` is kept only to report its unknown codes: it silences nothing. `unreadable` is a comment starting with
 * `tally-` whose directive is none of the four: it silences nothing and is reported.
 */
export type SuppressionKind = 'next-line' | 'region' | 'file' | 'enable' | 'unreadable';

/** The directives, as written, each with its kind. */
export const DIRECTIVES = {
  'tally-disable-next-line': 'next-line', 'tally-disable': 'region', 'tally-enable': 'enable', 'tally-disable-file': 'file',
} as const satisfies Record<string, SuppressionKind>;
export type DirectiveName = keyof typeof DIRECTIVES;

/** Why Tally cannot read a comment: its directive is unknown, or it has `row=` without being `tally-disable-next-line`. */
export type Unreadable = { problem: 'directive'; directive: string; suggestion?: DirectiveName } | { problem: 'row'; directive: DirectiveName };

/** Where a code is silenced: lines `from`…`to` (0-based, inclusive); `'*'` stands for every code. */
export interface SuppressionSpan { code: Code | '*'; from: number; to: number }

/** One disable comment as plain data (it crosses worker threads in the workspace facts). */
export interface Suppression {
  kind: SuppressionKind;
  /** The comment, `<!--` to `-->`. */
  range: Range;
  /** Known codes named, or `'*'` when none is named. */
  codes: Array<Code | '*'>;
  /** Row labels named (`row=合计`), for a comment before a table. */
  rows: string[];
  reason?: string;
  spans: SuppressionSpan[];
  /** Codes named that Tally does not have, each with the nearest known code when one is close. */
  unknown: Array<{ code: string; suggestion?: Code }>;
  /** Why Tally cannot read the comment; such a comment silences nothing (an `enable` with `row=` still ends regions). */
  unreadable?: Unreadable;
  /** `row=` labels that matched no row of the table the comment is before (all of them when no table follows). */
  unmatchedRows?: string[];
  /** A next-line comment with `row=` whose next line begins no table. */
  noTable?: true;
}

/** A comment as written: the directive and what follows it, parsed. */
export interface Directive {
  kind: SuppressionKind;
  /** The directive as written (`tally-disable-nextline` for an unreadable one). */
  name: string;
  codes: string[];
  rows: string[];
  reason?: string;
  /** Offsets of `<!--` and just past `-->`. */
  start: number;
  end: number;
}

/** The checks across years: whether their findings exist depends on the other reports checked at the same time. */
export const CROSS_YEAR_CODES: readonly Code[] = ['carry-over', 'in-force-count', 'project-count', 'copied-text'];

/** The codes a suppression comment itself gives rise to: they cannot be silenced. */
const OWN_CODES: readonly Code[] = ['unused-suppression', 'unknown-code'];

const DIRECTIVE = /^\s*(tally-\S*)([\s\S]*)$/;
const isDirectiveName = (name: string): name is DirectiveName => Object.hasOwn(DIRECTIVES, name);

/**
 * Parses the inside of one comment (between `<!--` and `-->`); undefined when it does not start with `tally-`. A
 * comment starting with `tally-` whose directive is not one of the four is kind `unreadable`.
 */
export function parseDirective(inner: string, start = 0, end = 0): Directive | undefined {
  // A comment that spans lines inside a blockquote carries the quote markers on its later lines.
  const text = inner.replace(/(\r\n?|\n)[ \t>]*/g, ' ');
  const m = DIRECTIVE.exec(text);
  if (!m) return undefined;
  const name = m[1];
  const kind: SuppressionKind = isDirectiveName(name) ? DIRECTIVES[name] : 'unreadable';
  let rest = m[2];
  let reason: string | undefined;
  const dashes = /(?:^|\s)--(?:\s|$)/.exec(rest);
  if (dashes) {
    reason = rest.slice(dashes.index + dashes[0].length).trim() || undefined;
    rest = rest.slice(0, dashes.index);
  }
  const codes: string[] = [];
  const rows: string[] = [];
  const token = /row=(?:"([^"]*)"|“([^”]*)”|(\S+))|([^\s,，、]+)/g;
  for (let t = token.exec(rest); t; t = token.exec(rest)) {
    if (t[4] !== undefined) codes.push(t[4]);
    else rows.push(t[1] ?? t[2] ?? t[3]);
  }
  return { kind, name, codes, rows, ...(reason ? { reason } : {}), start, end };
}

/** The tally directives of a report, in document order, from its HTML blocks. */
export function readDirectives(model: ReportModel): Directive[] {
  const out: Directive[] = [];
  const text = model.doc.text;
  for (const block of model.blocks) {
    // HTML blocks are the text blocks that are no paragraph and start with `<` (a code block starts with its fence
    // or its indentation).
    if (block.kind !== 'text' || block.paragraph || text.charCodeAt(block.start) !== 0x3c) continue;
    if (!block.text.includes('tally-')) continue;
    // A scan for `<!--` … `-->`: linear however many comments a block holds, closed or not.
    for (let at = block.text.indexOf('<!--'); at >= 0;) {
      const end = block.text.indexOf('-->', at + 4);
      if (end < 0) break;
      const d = parseDirective(block.text.slice(at + 4, end), block.start + at, block.start + end + 3);
      if (d) out.push(d);
      at = block.text.indexOf('<!--', end + 3);
    }
  }
  return out;
}

/** The nearest known code to a misspelt one, when it is near enough to be meant. */
export function nearestCode(code: string): Code | undefined {
  let best: Code | undefined;
  let distance = Infinity;
  for (const known of ALL_CODES) {
    const d = leven(code.toLowerCase(), known);
    if (d < distance) { distance = d; best = known; }
  }
  return distance <= Math.max(2, Math.floor(code.length / 3)) ? best : undefined;
}

/**
 * The nearest directive to a misspelt one, when it is near enough to be meant. A word saying `enable` (and not
 * `disable`) is only ever taken for `tally-enable`, and one saying `disable` never is: the suggestion must not turn
 * a comment meant to end silencing into one that starts it.
 */
export function nearestDirective(name: string): DirectiveName | undefined {
  const lower = name.toLowerCase();
  const saysDisable = lower.includes('disable');
  const saysEnable = !saysDisable && lower.includes('enable');
  let best: DirectiveName | undefined;
  let distance = Infinity;
  for (const known of Object.keys(DIRECTIVES) as DirectiveName[]) {
    if (saysEnable && known !== 'tally-enable') continue;
    if (saysDisable && known === 'tally-enable') continue;
    const d = leven(lower, known);
    if (d < distance) { distance = d; best = known; }
  }
  return distance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

const isCode = (code: string): code is Code => Object.hasOwn(CODES, code);

/**
 * The report's suppressions as line spans. `tally-disable-next-line` silences the next line that is not itself a
 * tally comment (comments may be stacked); when that line begins a table, paragraph or list item paragraph, all of
 * it, since no comment can stand inside one; before a table, `row=LABEL` narrows it to the rows so labelled.
 * `tally-disable` runs to the `tally-enable` that names its code (or names none), else to the end of the file.
 */
export function readSuppressions(model: ReportModel): Suppression[] {
  const directives = readDirectives(model);
  if (directives.length === 0) return [];
  const lines = model.doc.lines;
  const lastLine = lines.lineCount - 1;
  const lineOf = (offset: number) => lines.position(offset).line;
  const commentLines = directiveLines(model, directives);
  const out: Suppression[] = [];
  let targets: BlockEnds | undefined;
  const open: Array<{ suppression: Suppression; code: Code | '*'; from: number }> = [];
  const unknownOf = (codes: string[]) => codes.filter((c) => !isCode(c)).map((code) => {
    const suggestion = nearestCode(code);
    return suggestion ? { code, suggestion } : { code };
  });
  for (const d of directives) {
    const known = d.codes.filter(isCode);
    const endLine = lineOf(d.end);
    if (d.kind === 'unreadable') {
      // Silences nothing: Tally cannot tell what it was meant to do.
      const suggestion = nearestDirective(d.name);
      out.push({ kind: 'unreadable', range: lines.range(d.start, d.end), codes: [], rows: d.rows, spans: [], unknown: [],
        unreadable: { problem: 'directive', directive: d.name, ...(suggestion ? { suggestion } : {}) } });
      continue;
    }
    // `row=` narrows only a next-line comment before a table; elsewhere the comment would silence far more than the
    // rows it names, so it silences nothing.
    const rowProblem: Unreadable | undefined = d.rows.length > 0 && d.kind !== 'next-line' ? { problem: 'row', directive: d.name as DirectiveName } : undefined;
    if (d.kind === 'enable') {
      const startLine = lineOf(d.start);
      for (let i = open.length - 1; i >= 0; i--) {
        const o = open[i];
        if (d.codes.length > 0 && !d.codes.includes(o.code)) continue;
        o.suppression.spans.push({ code: o.code, from: o.from, to: startLine - 1 });
        open.splice(i, 1);
      }
      const unknown = unknownOf(d.codes);
      if (unknown.length || rowProblem) out.push({ kind: 'enable', range: lines.range(d.start, d.end), codes: [], rows: d.rows, spans: [], unknown, ...(rowProblem ? { unreadable: rowProblem } : {}) });
      continue;
    }
    const codes: Array<Code | '*'> = d.codes.length === 0 ? ['*'] : known;
    const suppression: Suppression = {
      kind: d.kind, range: lines.range(d.start, d.end), codes, rows: d.rows, ...(d.reason ? { reason: d.reason } : {}),
      spans: [], unknown: unknownOf(d.codes), ...(rowProblem ? { unreadable: rowProblem } : {}),
    };
    out.push(suppression);
    if (rowProblem) continue;
    if (d.kind === 'file') {
      for (const code of codes) suppression.spans.push({ code, from: 0, to: lastLine });
    } else if (d.kind === 'region') {
      for (const code of codes) open.push({ suppression, code, from: endLine + 1 });
    } else {
      targets ??= blockEnds(model);
      const target = targetLines(targets, nextLine(commentLines, endLine), d.rows);
      for (const [from, to] of target.lines) for (const code of codes) suppression.spans.push({ code, from, to });
      if (target.unmatched.length) suppression.unmatchedRows = target.unmatched;
      if (target.noTable) suppression.noTable = true;
    }
  }
  for (const o of open) o.suppression.spans.push({ code: o.code, from: o.from, to: lastLine });
  return out;
}

/** Lines that hold tally comments: a next-line comment skips them (comments may be stacked). */
export function directiveLines(model: ReportModel, directives: readonly Directive[]): Set<number> {
  const lines = new Set<number>();
  for (const d of directives) {
    for (let l = model.doc.lines.position(d.start).line, end = model.doc.lines.position(d.end).line; l <= end; l++) lines.add(l);
  }
  return lines;
}

/** The line a next-line comment ending on `endLine` is about. */
export function nextLine(commentLines: ReadonlySet<number>, endLine: number): number {
  let target = endLine + 1;
  while (commentLines.has(target)) target++;
  return target;
}

/** `row=` values that name the same rows: compared after normalisation. */
export function sameRows(a: readonly string[], b: readonly string[]): boolean {
  const key = (rows: readonly string[]) => rows.map((r) => labelPath(r).join('/')).sort().join('\0');
  return key(a) === key(b);
}

/** By first line: the table that starts there, and the last line of the paragraphs that start there. */
interface BlockEnds { tables: Map<number, TableModel>; ends: Map<number, number> }

function blockEnds(model: ReportModel): BlockEnds {
  const tables = new Map<number, TableModel>();
  for (const t of model.tables) if (!tables.has(t.range.start.line)) tables.set(t.range.start.line, t);
  const ends = new Map<number, number>();
  for (const block of model.blocks) {
    if (block.kind !== 'text' || model.doc.text.charCodeAt(block.start) === 0x3c) continue;
    const end = model.doc.lines.position(block.end).line;
    if (end > (ends.get(block.line) ?? -1)) ends.set(block.line, end);
  }
  return { tables, ends };
}

/**
 * The lines a next-line comment covers when its next line is `line`, with the `row=` labels that matched no row of
 * the table (all of them, and `noTable`, when the line begins no table).
 */
function targetLines(targets: BlockEnds, line: number, rows: string[]): { lines: Array<[number, number]>; unmatched: string[]; noTable?: true } {
  const table = targets.tables.get(line);
  if (table) {
    if (rows.length === 0) return { lines: [[table.range.start.line, table.range.end.line]], unmatched: [] };
    const paths = table.rows.map((r) => r.path.map(canonicalLabel));
    // A label may hold a slash itself.
    const matches = (row: string) => (path: string[]) => endsWith(path, labelPath(row)) || canonicalLabel(row) === path[path.length - 1];
    const lines = table.rows.filter((_, i) => rows.some((row) => matches(row)(paths[i]))).map((r): [number, number] => [r.line, r.line]);
    return { lines, unmatched: rows.filter((row) => !paths.some(matches(row))) };
  }
  if (rows.length > 0) return { lines: [], unmatched: [...rows], noTable: true };
  return { lines: [[line, Math.max(line, targets.ends.get(line) ?? line)]], unmatched: [] };
}

const canonicalLabel = (label: string) => canonical(plainLabel(label));
/** `row=A/B`: a row whose label path ends with A then B. */
const labelPath = (row: string) => row.split('/').map(canonicalLabel).filter((l) => l !== '');
function endsWith(path: string[], tail: string[]): boolean {
  if (tail.length === 0 || tail.length > path.length) return false;
  return tail.every((t, i) => path[path.length - tail.length + i] === t);
}

/** A finding a comment silenced, with the comment's reason. */
export interface SuppressedFinding { finding: Finding; reason?: string }

export interface Suppressed {
  /** The findings left. */
  findings: Finding[];
  /** The findings silenced, each with the comment that silenced it. */
  suppressed: Array<{ finding: Finding; by: Suppression }>;
  /** For each suppression (same order), the codes it silenced something of (`'*'` for a comment naming none). */
  used: Array<Set<Code | '*'>>;
}

/** Removes the findings the suppressions cover. The findings of suppression comments themselves stay. */
export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[]): Suppressed {
  const used = suppressions.map(() => new Set<Code | '*'>());
  if (suppressions.length === 0) return { findings: [...findings], suppressed: [], used };
  const kept: Finding[] = [];
  const suppressed: Suppressed['suppressed'] = [];
  for (const f of findings) {
    let by = -1;
    if (!OWN_CODES.includes(f.code)) {
      const line = f.range.start.line;
      for (let i = 0; i < suppressions.length && by < 0; i++) {
        const span = suppressions[i].spans.find((s) => (s.code === '*' || s.code === f.code) && s.from <= line && line <= s.to);
        if (span) { by = i; used[i].add(span.code); }
      }
    }
    if (by < 0) kept.push(f); else suppressed.push({ finding: f, by: suppressions[by] });
  }
  return { findings: kept, suppressed, used };
}

/**
 * The findings about the comments: codes unknown (warning), and codes that silenced nothing (information).
 * A code of a check across years is never judged unused here: whether it is needed depends on the reports checked
 * with this one.
 */
export function suppressionFindings(model: ReportModel, suppressions: readonly Suppression[], used: ReadonlyArray<ReadonlySet<Code | '*'>>): Finding[] {
  const out: Finding[] = [];
  suppressions.forEach((s, i) => {
    if (s.unreadable) out.push(unreadableFinding(model, s, s.unreadable));
    for (const u of s.unknown) {
      out.push({
        code: 'unknown-code', severity: CODES['unknown-code'].severity, range: s.range,
        message: u.suggestion
          ? msg('suppress.unknown-code-suggest', { code: u.code, suggestion: u.suggestion })
          : msg('suppress.unknown-code', { code: u.code }),
        ...(u.suggestion ? { fixes: [{ title: msg('suppress.fix-rename', { suggestion: u.suggestion }),
          edits: renameCode(model, s, u.code, u.suggestion), safe: false }] } : {}),
      });
    }
    if (s.kind === 'enable' || s.kind === 'unreadable' || s.unreadable) return;
    const unused = s.codes.filter((c) => !used[i].has(c) && !(c !== '*' && CROSS_YEAR_CODES.includes(c)));
    if (unused.length === 0) return;
    const named = unused.filter((c) => c !== '*');
    // A comment that silences nothing because of its `row=` says so: the labels, or the missing table, are the cause.
    const silencesNothing = used[i].size === 0;
    const unmatched = s.unmatchedRows ?? [];
    out.push({
      code: 'unused-suppression', severity: CODES['unused-suppression'].severity, range: s.range,
      message: silencesNothing && s.noTable
        ? msg('suppress.unused-no-table')
        : silencesNothing && unmatched.length > 0
          ? msg('suppress.unused-rows', { rows: joined(unmatched.map((r) => `row=${r}`), msg('sep.list')), count: unmatched.length })
          : named.length === 0
            ? msg('suppress.unused')
            : msg('suppress.unused-codes', { codes: joined(named, msg('sep.list')), count: named.length }),
      fixes: [{ title: msg('suppress.fix-remove'), edits: removeCodes(model, s, unused), safe: false }],
    });
  });
  return out;
}

/** A comment Tally cannot read: a misspelt directive (with the nearest as a fix), or `row=` off a next-line comment. */
function unreadableFinding(model: ReportModel, s: Suppression, u: Unreadable): Finding {
  const base = { code: 'unknown-code' as const, severity: CODES['unknown-code'].severity, range: s.range };
  if (u.problem === 'row') return { ...base, message: msg('suppress.row-not-next-line', { directive: u.directive }) };
  if (!u.suggestion) return { ...base, message: msg('suppress.unknown-directive', { directive: u.directive }) };
  const lines = model.doc.lines;
  const start = lines.offset(s.range.start);
  const at = model.doc.text.indexOf(u.directive, start);
  return {
    ...base, message: msg('suppress.unknown-directive-suggest', { directive: u.directive, suggestion: u.suggestion }),
    fixes: [{ title: msg('suppress.fix-rename', { suggestion: u.suggestion }),
      edits: [{ range: lines.range(at, at + u.directive.length), newText: u.suggestion }], safe: false }],
  };
}

/** The comment rewritten with `from` renamed `to`. */
function renameCode(model: ReportModel, s: Suppression, from: string, to: Code): Edit[] {
  const lines = model.doc.lines;
  const start = lines.offset(s.range.start);
  const end = lines.offset(s.range.end);
  const comment = model.doc.text.slice(start, end);
  const at = new RegExp(`(?<=[\\s,，、])${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s,，、]|-->)`).exec(comment);
  if (!at) return [];
  return [{ range: lines.range(start + at.index, start + at.index + from.length), newText: to }];
}

/** Edits that drop `codes` from the comment, or the comment (with its line, when alone on it) when none is left. */
function removeCodes(model: ReportModel, s: Suppression, codes: Array<Code | '*'>): Edit[] {
  const lines = model.doc.lines;
  const start = lines.offset(s.range.start);
  const end = lines.offset(s.range.end);
  const left = s.codes.filter((c) => !codes.includes(c));
  if (left.length > 0) {
    const directive = parseDirective(model.doc.text.slice(start + 4, end - 3))!;
    return [{ range: s.range, newText: formatDirective({ ...directive, kind: directive.kind as FormKind, codes: [...left as Code[], ...s.unknown.map((u) => u.code)] }) }];
  }
  const first = s.range.start.line;
  const last = s.range.end.line;
  const whole = model.doc.text.slice(lines.lineStart(first), start).trim() === '' && model.doc.text.slice(end, lines.lineEnd(last)).trim() === '';
  if (!whole) return [{ range: s.range, newText: '' }];
  const next = last + 1 < lines.lineCount ? { line: last + 1, character: 0 } : { line: last, character: lines.lineEnd(last) - lines.lineStart(last) };
  return [{ range: { start: { line: first, character: 0 }, end: next }, newText: '' }];
}

/** The comment for a directive: `<!-- tally-disable-next-line a b row=合计 -- reason -->`. */
type FormKind = Exclude<SuppressionKind, 'unreadable'>;
export function formatDirective(d: Pick<Directive, 'codes' | 'rows' | 'reason'> & { kind: FormKind }): string {
  const name = d.kind === 'next-line' ? 'disable-next-line' : d.kind === 'file' ? 'disable-file' : d.kind === 'region' ? 'disable' : 'enable';
  const rows = d.rows.map((r) => (/[\s"]/.test(r) ? `row=“${r}”` : `row=${r}`));
  const reason = d.reason ? ['--', d.reason] : [];
  return `<!-- ${[`tally-${name}`, ...d.codes, ...rows, ...reason].join(' ')} -->`;
}

/** Findings with the report's suppressions applied, plus the findings about the comments, in document order. */
export function suppress(model: ReportModel, findings: readonly Finding[]): { findings: Finding[]; suppressed: SuppressedFinding[]; suppressions: Suppression[] } {
  const suppressions = readSuppressions(model);
  if (suppressions.length === 0) return { findings: [...findings], suppressed: [], suppressions };
  const applied = applySuppressions(findings, suppressions);
  const own = suppressionFindings(model, suppressions, applied.used);
  const all = own.length ? [...applied.findings, ...own].sort(byPosition) : applied.findings;
  return { findings: all, suppressed: applied.suppressed.map((s) => ({ finding: s.finding, ...(s.by.reason ? { reason: s.by.reason } : {}) })), suppressions };
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * Findings across years with a report's suppressions applied; an `unused-suppression` finding of the report's own
 * analysis goes when its comment (naming no code) silences one of them.
 */
export function suppressAcross(own: readonly Finding[], across: readonly Finding[], suppressions: readonly Suppression[] | undefined): { own: Finding[]; across: Finding[] } {
  if (!suppressions?.length || across.length === 0) return { own: [...own], across: [...across] };
  const applied = applySuppressions(across, suppressions);
  const usedComments = suppressions.filter((_, i) => applied.used[i].size > 0).map((s) => JSON.stringify(s.range));
  const kept = usedComments.length === 0 ? [...own] : own.filter((f) => f.code !== 'unused-suppression' || !usedComments.includes(JSON.stringify(f.range))
    // A comment naming codes keeps its finding for the codes still unused.
    || suppressions.some((s) => JSON.stringify(s.range) === JSON.stringify(f.range) && !s.codes.includes('*')));
  return { own: kept, across: applied.findings };
}
