// What the checks across years need to know of one report, as plain data: it crosses worker threads and is
// kept per file by the language server, so it holds values and ranges, never the model.
import type { Analysis } from '../index.js';
import type { Range } from '../source.js';
import { cellAt } from '../bind/tables.js';
import { rowTitle, columnTitle } from '../relations.js';
import { formatDecimal } from '../numbers.js';
import { canonical, trimToWords, withoutPageLabel } from '../text.js';
import type { AcrossPeriodsSpec, ColumnSpec, PeriodUnit, RowSpec, TableSpec, Template } from '../../templates/index.js';
import type { Suppression } from '../suppress.js';
import { isComment } from '../model/report.js';

export interface CellFact {
  /** The figure as a plain decimal ("12", "2316.48"). */
  value: string;
  range: Range;
  /** The template's row and column titles, for messages. */
  row: string;
  column: string;
}

export interface ParagraphFact {
  /** Hash of the paragraph with all whitespace removed. */
  hash: string;
  range: Range;
}

export interface WorkspaceFacts {
  /** The reporting body, as written (front matter, else the title). */
  organ?: string;
  /** The year the report covers (front matter, else the title). */
  year?: number;
  /** The period the report covers, as a count of its unit (a year: 2025; a quarter: 2025 × 4 + 2 for 2025-Q3). */
  period?: { unit: PeriodUnit; number: number };
  template: string | null;
  /** Its template's relations across periods (evaluated on facts alone, so a team's template needs no lookup). */
  acrossPeriods?: AcrossPeriodsSpec[];
  format?: '2021' | '2019' | 'legacy' | 'custom';
  /** Where a finding about the whole report goes: the title, else the first line. */
  titleRange: Range;
  /** Figures by "table/row/column" template ids, e.g. "requests/carried-in/natural". */
  cells: Record<string, CellFact>;
  /** Paragraphs of at least MIN_PARAGRAPH characters, in order. */
  paragraphs: ParagraphFact[];
  /** The report's suppression comments: they silence its findings across years too. */
  suppressions?: Suppression[];
}

/** Paragraphs shorter than this (whitespace removed) are never compared: short phrases repeat by nature. */
export const MIN_PARAGRAPH = 40;

const SUFFIX = /(?:关于)?(?:政府信息与政务公开|政府信息公开|政务公开|信息公开)?(?:工作)?(?:年度)?(?:工作)?报告$/;
const YEAR = /((?:19|20)\d\d)年度?/;

/** Organ and year from a title such as 南江县人民政府2018年政府信息公开工作年度报告 (→ 南江县人民政府, 2018). */
export function parseTitle(title: string): { organ?: string; year?: number } {
  let text = canonical(title).replace(/[(（][^()（）]*[)）]$/, '');
  const year = YEAR.exec(text);
  if (year) text = text.slice(0, year.index) + text.slice(year.index + year[0].length);
  const suffix = SUFFIX.exec(text);
  let organ: string | undefined;
  if (suffix) {
    organ = trimToWords(withoutPageLabel(text.slice(0, suffix.index)));
    if (organ === '') organ = undefined;
  }
  return { ...(organ !== undefined ? { organ } : {}), ...(year ? { year: Number(year[1]) } : {}) };
}

/**
 * A line above a title that names no body, read as the body's name (高平市人民政府办公室 above
 * 2023年政府信息公开工作年度报告): words only, no figure, date, colon or sentence.
 */
export function organAbove(line: string | undefined): string | undefined {
  if (!line) return undefined;
  const text = trimToWords(canonical(line));
  return text.length >= 2 && text.length <= 30 && /^\p{Script=Han}[\p{Script=Han}\s]*\p{Script=Han}$/u.test(text) ? text : undefined;
}

/** The report's body and year: the front matter's, else those in its title (its body, else the line above it). */
export function reportKey(analysis: Analysis): { organ?: string; year?: number } {
  const fm = analysis.model.frontMatter;
  const title = analysis.model.title;
  const fromTitle = title ? parseTitle(title.text) : {};
  const organ = fm?.organ?.value ?? fromTitle.organ ?? organAbove(title?.above);
  const year = fm?.year?.value ?? fromTitle.year;
  return { ...(organ !== undefined ? { organ } : {}), ...(year !== undefined ? { year } : {}) };
}

const QUARTERS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };
/** 2025-Q3, 2025Q3, 2025 Q3, 2025年第三季度, 2025年3季度. */
const QUARTER = /((?:19|20)\d\d)(?:\s*-?\s*Q([1-4])|年(?:第)?([一二三四1-4])季度)/i;
/** 2025-07, 2025-7, 2025年7月. */
const MONTH = /((?:19|20)\d\d)(?:-(0?[1-9]|1[0-2])(?!\d)|年(0?[1-9]|1[0-2])月)/;

/** A period stated as text, counted in its unit; undefined when the text states none. */
export function parsePeriod(text: string, unit: PeriodUnit): number | undefined {
  const t = canonical(text);
  if (unit === 'quarter') {
    const m = QUARTER.exec(t);
    return m ? Number(m[1]) * 4 + QUARTERS[m[2] ?? m[3]] - 1 : undefined;
  }
  if (unit === 'month') {
    const m = MONTH.exec(t);
    return m ? Number(m[1]) * 12 + Number(m[2] ?? m[3]) - 1 : undefined;
  }
  const m = /((?:19|20)\d\d)/.exec(t);
  return m ? Number(m[1]) : undefined;
}

/** A quarterly or monthly report's body from its title: what comes before the period (某局2025年第三季度…报告). */
export function organBeforePeriod(title: string, unit: PeriodUnit): string | undefined {
  if (unit === 'year') return parseTitle(title).organ;
  const t = canonical(title);
  const m = (unit === 'quarter' ? QUARTER : MONTH).exec(t);
  const organ = m ? trimToWords(t.slice(0, m.index)) : '';
  return organ === '' ? undefined : organ;
}

/** The period a report covers, in its template's unit: the front-matter key the template names, else the title. */
export function reportPeriod(analysis: Analysis, template: Template | undefined): { unit: PeriodUnit; number: number } | undefined {
  const unit = template?.period?.unit ?? 'year';
  const key = template?.period?.frontMatter;
  const fm = analysis.model.frontMatter;
  if (unit === 'year' && (key === undefined || key === 'year')) {
    const year = reportKey(analysis).year;
    return year === undefined ? undefined : { unit, number: year };
  }
  const stated = key !== undefined ? fm?.fields?.[key]?.value : undefined;
  const fromFrontMatter = stated !== undefined ? parsePeriod(stated, unit) : undefined;
  const number = fromFrontMatter ?? (analysis.model.title ? parsePeriod(analysis.model.title.text, unit) : undefined);
  return number === undefined ? undefined : { unit, number };
}

/** Cells of one template table that the relations across periods name (all its rows or columns where absent). */
interface Want { table: string; rows?: string[]; columns?: string[] }
const wanted = new WeakMap<Template, Want[]>();

/** The cells a template's relations across periods name, this period's and the period before's, by table. */
function cellsOf(template: Template): Want[] {
  let wants = wanted.get(template);
  if (!wants) {
    wants = (template.acrossPeriods ?? []).flatMap((relation) => {
      const ids = [relation.left, ...relation.right.map((t) => t.id)];
      return relation.tables.map((table) => (relation.each === 'row'
        ? { table, ...(relation.only ? { rows: relation.only } : {}), columns: ids }
        : { table, rows: ids, ...(relation.only ? { columns: relation.only } : {}) }));
    });
    wanted.set(template, wants);
  }
  return wants;
}

/** A wanted cell's template row and column, its key in the facts and their titles. */
interface Target { row: RowSpec; column: ColumnSpec; key: string; rowTitle: string; columnTitle: string }
const targetsOf = new WeakMap<Want, { spec: TableSpec; targets: Target[] }>();

/** The cells `want` names in the template table `spec`, in the order of its rows, then of the columns named. */
function targets(want: Want, spec: TableSpec): Target[] {
  let known = targetsOf.get(want);
  if (!known || known.spec !== spec) {
    const rows = want.rows ? spec.rows.filter((r) => want.rows!.includes(r.id)) : spec.rows;
    const columns = want.columns ?? spec.columns.map((c) => c.id);
    const list: Target[] = [];
    for (const row of rows) {
      for (const columnId of columns) {
        const column = spec.columns.find((c) => c.id === columnId);
        if (column) list.push({ row, column, key: `${want.table}/${row.id}/${columnId}`, rowTitle: rowTitle(row), columnTitle: columnTitle(column) });
      }
    }
    known = { spec, targets: list };
    targetsOf.set(want, known);
  }
  return known.targets;
}

/** Whitespace removed: line breaks and spacing never make a paragraph new. */
export function normaliseParagraph(text: string): string {
  return text.replace(/\s+/g, '');
}

/** A 64-bit hash (two 32-bit lanes) as 16 hex digits: enough to tell paragraphs apart, small to keep. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return digest(h1, h2);
}

/** The two lanes mixed and written as 16 hex digits. */
function digest(h1: number, h2: number): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** Whether `text` holds at least `n` code points (as `[...text].length >= n`, without the array). */
export function hasCodePoints(text: string, n: number): boolean {
  if (text.length >= 2 * n) return true;
  let count = 0;
  for (let i = 0; i < text.length && count < n; i++, count++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return count >= n;
}

/** What `\s` matches (ECMAScript's white space and line terminators). */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x80 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/**
 * A paragraph's hash, or undefined when it is shorter than `n` code points: as `hashText(normaliseParagraph(text))`
 * when `hasCodePoints(normaliseParagraph(text), n)`, in one pass and without the normalised copy.
 */
export function paragraphHash(text: string, n: number): string | undefined {
  // fewer units than n: fewer code points too
  if (text.length < n) return undefined;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let count = 0;
  let high = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
    // A pair counts once, whatever whitespace stood between its halves.
    if (high && c >= 0xdc00 && c <= 0xdfff) high = false;
    else { count++; high = c >= 0xd800 && c <= 0xdbff; }
  }
  return count < n ? undefined : digest(h1, h2);
}

const hashes = new WeakMap<object, { text: string; hash: string | undefined; range?: { line: number; range: Range }; placed?: { line: number; fact: ParagraphFact } }>();

export function collectFacts(analysis: Analysis): WorkspaceFacts {
  const { model, binding } = analysis;
  const cells: Record<string, CellFact> = {};
  for (const want of binding.template ? cellsOf(binding.template) : []) {
    const entry = binding.tables.find((t) => t.spec.id === want.table);
    if (!entry) continue;
    for (const target of targets(want, entry.spec)) {
      const at = cellAt(entry, target.row.id, target.column.id);
      const cell = at?.row.cells[at.column.index];
      if (!cell || cell.value.kind !== 'number') continue;
      cells[target.key] = { value: formatDecimal(cell.value.value), range: cell.range, row: target.rowTitle, column: target.columnTitle };
    }
  }
  const paragraphs: ParagraphFact[] = [];
  for (const block of model.blocks) {
    if (block.kind !== 'text') continue;
    // A comment (a suppression comment above all) is no paragraph of the report.
    if (isComment(block)) continue;
    // An editor's unchanged paragraphs are the same block objects from one analysis to the next.
    let hashed = hashes.get(block);
    if (!hashed || hashed.text !== block.text) {
      hashed = { text: block.text, hash: paragraphHash(block.text, MIN_PARAGRAPH) };
      if (model.reused) hashes.set(block, hashed);
    }
    if (hashed.hash === undefined) continue;
    // Its range too: a kept block moves by whole lines (its chunk starts at a line start), so columns never change.
    if (!hashed.range) hashed.range = { line: block.line, range: model.doc.lines.range(block.start, block.end) };
    // At the line it was at last time: the same fact (facts are plain data, never changed once made).
    if (hashed.placed?.line !== block.line) {
      const lines = block.line - hashed.range.line;
      const { start, end } = hashed.range.range;
      const range = { start: { line: start.line + lines, character: start.character }, end: { line: end.line + lines, character: end.character } };
      hashed.placed = { line: block.line, fact: { hash: hashed.hash, range } };
    }
    paragraphs.push(hashed.placed.fact);
  }
  const period = reportPeriod(analysis, binding.template);
  let key = reportKey(analysis);
  if (period && period.unit !== 'year' && !model.frontMatter?.organ) {
    const organ = model.title ? organBeforePeriod(model.title.text, period.unit) : undefined;
    key = { ...(organ !== undefined ? { organ } : {}), ...(key.year !== undefined ? { year: key.year } : {}) };
  }
  return {
    ...key,
    ...(period ? { period } : {}),
    template: analysis.template,
    ...(binding.template?.acrossPeriods?.length ? { acrossPeriods: binding.template.acrossPeriods } : {}),
    ...(binding.template ? { format: binding.template.format } : {}),
    titleRange: model.title?.range ?? model.doc.lines.lineRange(0),
    cells,
    paragraphs,
    ...(analysis.suppressions?.length ? { suppressions: analysis.suppressions } : {}),
  };
}
