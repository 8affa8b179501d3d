// `tally template from REPORT.md`: a template drafted from one report's structure, for a team to edit. Sections
// come from its numbered headings, tables from its tables (caption, columns from the header, rows from the label
// column), and a 合计/总计/小计 row or column becomes a sum relation only where the report's own figures satisfy it
// exactly in every column (or row) — a draft never states a relation its source contradicts. A header that states
// its unit (本年收费金额（单位：万元）) gives the column that unit; a period stated in the front matter (period: 2025-Q2)
// or the title (2025年第二季度, 2025年7月) gives the template that period; the name keeps neither organ nor period.
import Big from 'big.js';
import { analyze } from './index.js';
import type { ReportModel } from './model/report.js';
import type { TableModel, TableRow, TableCell } from './model/table.js';
import { canonical, leadingEnumerator, plainLabel, STYLE_LEVEL } from './text.js';
import { FIGURE_UNITS } from './numbers.js';
import type { ColumnSpec, PeriodSpec, RelationSpec, RowSpec, SectionSpec, TableSpec, Template } from '../templates/index.js';

export interface DraftOptions {
  /** The template's id (default: `draft`). */
  id?: string;
  /** The report's file name, for the template's name and notes. */
  source?: string;
}

/** A drafted template: plain JSON for the schema, each relation with a `$comment` saying why it is there. */
export type DraftTemplate = Template & { $comment: string; tables: Array<TableSpec & { relations: Array<RelationSpec & { $comment?: string }> }> };

const TOTAL = /^(合计|总计|小计|共计|总数|合\s*计|总\s*计|小\s*计)$/;

export function draftTemplate(text: string, options: DraftOptions = {}): DraftTemplate {
  const { model } = analyze(text, { prose: false });
  const id = options.id ?? 'draft';
  const sections = draftSections(model);
  const tables = draftTables(model, sections);
  const period = draftPeriod(model);
  const heading = model.title ? plainLabel(model.title.text) : undefined;
  const organ = model.frontMatter?.organ?.value;
  const named = heading ? nameOf(heading, organ, period?.unit ?? 'year') : undefined;
  const title = named?.name ?? options.source ?? id;
  const detect = [...new Set(sections.list.slice(0, 3).map((s) => s.title))];
  return {
    $comment: `Drafted by \`tally template from\`${options.source ? ` from ${options.source}` : ''}: sections from its numbered headings, tables from its tables, `
      + 'and a sum relation for each 合计/总计/小计 row or column that the report\'s own figures satisfy exactly. Review the titles, '
      + 'keywords and relations, then name the template and its detect labels.',
    id,
    name: { zh: `${title}（模板草稿）`, en: `Draft template from ${options.source ?? title}` },
    format: 'custom',
    ...(period ? { period } : {}),
    ...(named?.reportTitle ? { reportTitle: named.reportTitle } : {}),
    detect: detect.length ? detect : [title],
    sections: sections.list,
    tables,
  };
}

const PERIOD_VALUE: Array<[PeriodSpec['unit'], RegExp]> = [
  ['quarter', /^(?:19|20)\d\d\s*(?:-?\s*Q[1-4]|年\s*第?\s*[一二三四1-4]\s*季度)$/i],
  ['month', /^(?:19|20)\d\d\s*(?:-\s*(?:0?[1-9]|1[0-2])|年\s*(?:0?[1-9]|1[0-2])\s*月份?)$/],
  ['year', /^(?:19|20)\d\d\s*(?:年度?)?$/],
];
/** A period in a title: 2025年第二季度 (2025-Q2), 2025年7月 (not 2025年7月1日), 2025年 / 2025年度. */
const PERIOD_IN_TITLE: Record<PeriodSpec['unit'], RegExp> = {
  quarter: /(?:19|20)\d\d\s*(?:-?\s*Q[1-4]|年\s*第?\s*[一二三四1-4]\s*季度)/i,
  month: /(?:19|20)\d\d\s*年\s*(?:1[0-2]|0?[1-9])\s*月份?(?![\d０-９日号])/,
  year: /(?:19|20)\d\d\s*年度?/,
};

/**
 * The period the report states: a front-matter key whose value is a quarter or month (period: 2025-Q2), or
 * a year under a period key (period: 2025); else a quarter or month in its title. Undefined for a year (the default).
 */
function draftPeriod(model: ReportModel): PeriodSpec | undefined {
  const fields = Object.entries(model.frontMatter?.fields ?? {}).sort(([a], [b]) => Number(b === 'period') - Number(a === 'period'));
  for (const [key, { value }] of fields) {
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(key)) continue;
    const stated = PERIOD_VALUE.find(([, pattern]) => pattern.test(value.normalize('NFKC').trim()));
    // A bare year names the period only under a period key (edition: 2021 is no period).
    if (stated && (stated[0] !== 'year' || /period/i.test(key))) return { unit: stated[0], frontMatter: key };
  }
  const title = model.title ? plainLabel(model.title.text).normalize('NFKC') : '';
  for (const unit of ['quarter', 'month'] as const) if (PERIOD_IN_TITLE[unit].test(title)) return { unit };
  return undefined;
}

/** Organ + period + what the report is, or period + organ + it: the organ ends before one of these. */
const TITLE_SUFFIX = /(?:关于)?(?:政府信息与政务公开|政府信息公开|政务公开|信息公开)?(?:工作)?(?:年度)?(?:工作)?报告$/;
const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}（(）)]+$/gu;

/**
 * The template's name from the report's title, without the organ (the front matter's `organ`, else what comes
 * before the period, else before 政府信息公开工作年度报告 when the period comes first) and without the period;
 * and the title of a new report, with {organ} and {period} where they stood.
 */
export function nameOf(title: string, organ: string | undefined, unit: PeriodSpec['unit']): { name: string; reportTitle?: string } {
  let text = title.trim();
  let organAt = -1;
  if (organ && text.includes(organ)) {
    organAt = text.indexOf(organ);
    text = text.slice(0, organAt) + '\u0000' + text.slice(organAt + organ.length);
  }
  const m = PERIOD_IN_TITLE[unit].exec(text) ?? PERIOD_IN_TITLE.year.exec(text);
  if (!m) {
    const name = text.replace('\u0000', '').replace(EDGES, '');
    return { name: name || title.trim(), ...(organAt >= 0 && name ? { reportTitle: text.replace('\u0000', '{organ}') } : {}) };
  }
  let before = text.slice(0, m.index);
  let after = text.slice(m.index + m[0].length);
  // Period first: the organ, unless the front matter named it, is what precedes the kind of report.
  if (organAt < 0 && before.replace(EDGES, '') === '') {
    const suffix = TITLE_SUFFIX.exec(after);
    if (suffix && suffix.index > 0) after = `\u0000${after.slice(suffix.index)}`;
  } else if (organAt < 0) {
    before = '\u0000';
  }
  const name = (before.includes('\u0000') ? '' : before) + after;
  const clean = name.replace('\u0000', '').replace(EDGES, '');
  const reportTitle = `${before}{period}${after}`.replace('\u0000', '{organ}');
  return { name: clean || title.trim(), ...(reportTitle.includes('{organ}') ? { reportTitle } : {}) };
}

interface DraftedSections { list: SectionSpec[]; starts: Array<{ id: string; line: number }> }

/** The report's sections: the headings at the level of its first 一、 heading (else its second heading level). */
function draftSections(model: ReportModel): DraftedSections {
  const numbered = model.headings.find((h) => h.enumerator?.style === 'cn');
  const depth = numbered?.depth ?? [...new Set(model.headings.map((h) => h.depth))].sort()[1] ?? model.headings[0]?.depth ?? 2;
  const list: SectionSpec[] = [];
  const starts: DraftedSections['starts'] = [];
  const ids = new Set<string>();
  for (const h of model.headings) {
    if (h.depth !== depth || (model.title && h.range.start.line === model.title.range.start.line)) continue;
    const title = h.enumerator ? plainLabel(h.text.slice(h.enumerator.text.length)).trim() || h.text : h.text;
    const ordinal = h.enumerator?.style === 'cn' ? h.enumerator.value : undefined;
    const id = unique(ids, ordinal !== undefined ? `section-${ordinal}` : `section-${list.length + 1}`);
    list.push({ id, ...(ordinal !== undefined ? { ordinal } : {}), title, keywords: [title], required: true });
    starts.push({ id, line: h.line });
  }
  if (list.length === 0) {
    // A report without headings at all: one section, the whole of it.
    list.push({ id: 'section-1', title: model.title?.text ?? '正文', keywords: [model.title?.text ?? '正文'], required: true });
    starts.push({ id: 'section-1', line: 0 });
  }
  return { list, starts };
}

function draftTables(model: ReportModel, sections: DraftedSections): DraftTemplate['tables'] {
  const out: DraftTemplate['tables'] = [];
  const ids = new Set<string>();
  for (const table of model.tables) {
    // A header row repeated inside a combined table (信息内容 | … again) is no row of it.
    const body = table.rows.filter((r) => !r.header && r.kind !== 'empty'
      && !(r.kind === 'label' && r.cells.some((c, i) => i >= table.labelColumnCount && c.value.kind === 'text')));
    // A column without a header nor any figure is a trailing pipe, not a column; a unit column is read by the model.
    const valueColumns = table.columns.filter((c) => c.role === 'value'
      && (c.leaf !== '' || body.some((r) => r.cells[c.index] && r.cells[c.index].value.kind !== 'empty')));
    if (valueColumns.length === 0 || body.length === 0) continue;
    const section = [...sections.starts].reverse().find((s) => s.line <= table.range.start.line) ?? sections.starts[0];
    const sectionOf = (t: TableModel) => [...sections.starts].reverse().find((s) => s.line <= t.range.start.line) ?? sections.starts[0];
    const others = model.tables.filter((t) => t !== table && sectionOf(t) === section);
    // What tells the table apart from the others in its section: its heading, else the paragraph before it.
    const caption = table.caption.filter((c) => c !== '');
    const telling = caption.find((c) => !others.some((t) => t.caption.includes(c))) ?? caption[caption.length - 1];
    const title = telling ? withoutEnumerator(telling) : `表${out.length + 1}`;
    const id = unique(ids, `table-${out.length + 1}`);
    const columnIds = new Set<string>();
    const columns: Array<ColumnSpec & { index: number }> = valueColumns.map((c, i) => {
      // 本年收费金额（单位：万元） is the column 本年收费金额 in 万元, as the built-in templates declare it; a unit
      // stated over a group of columns (金额（万元） above 预算 | 支出) is each one's.
      const stated = headerUnit(c.leaf);
      const unit = stated?.unit ?? c.path.slice(0, -1).reverse().map((g) => headerUnit(g)?.unit).find((u) => u !== undefined);
      return {
        index: c.index, id: unique(columnIds, `c${i + 1}`), label: stated?.label || c.leaf || `第${i + 1}列`,
        ...(stated?.label ? { aliases: [c.leaf] } : {}),
        ...(c.path.length > 1 ? { group: c.path.slice(0, -1) } : {}),
        ...(unit ? { unit } : {}),
        ...decimalsOf(body, c.index, undefined, unit),
      };
    });
    const rows = draftRows(body, table);
    out.push({
      id, section: section.id, title, ...(others.length && telling ? { caption: [telling] } : {}),
      required: true, columns: columns.map(({ index: _, ...c }) => c), rows: rows.map(({ row: _, ...r }) => r),
      relations: [...rowTotals(rows, columns), ...columnTotals(rows, columns)],
    });
  }
  return out;
}

type DraftRow = RowSpec & { row: TableRow };

/** Rows by their labels; a label row without figures is a group over the rows of deeper numbering below it. */
function draftRows(body: TableRow[], table: TableModel): DraftRow[] {
  const ids = new Set<string>();
  const out: DraftRow[] = [];
  // Open groups, outermost first, with the level of their enumerator.
  const groups: Array<{ id: string; level: number }> = [];
  if (body.length === 1 && body[0].label === '') {
    return [{ id: 'row', label: '', anonymous: true, row: body[0] }];
  }
  body.forEach((row, i) => {
    const written = row.label || row.labelCell?.text || '';
    const enumerator = leadingEnumerator(written);
    const level = enumerator ? STYLE_LEVEL[enumerator.style] : Infinity;
    while (groups.length && groups[groups.length - 1].level >= level) groups.pop();
    const label = enumerator ? written.slice(enumerator.length).trim() : written;
    // A unit column (单位: 条, 件) or a label stating its unit (收费金额（万元）) gives the row its unit.
    const stated = headerUnit(label);
    const unitWord = row.unit?.normalize('NFKC').trim();
    const unit = stated?.unit ?? (unitWord && FIGURE_UNITS.includes(unitWord) ? unitWord : undefined);
    const id = unique(ids, `r${i + 1}`);
    const parent = groups[groups.length - 1]?.id;
    const group = row.kind !== 'numeric';
    out.push({
      id, label: stated?.label || label || `第${i + 1}行`, ...(stated?.label ? { aliases: [label] } : {}),
      ...(enumerator ? { ordinal: enumerator.text } : {}), ...(parent ? { parent } : {}),
      ...(group ? { group: true } : {}), ...(unit && !group ? { unit } : {}), ...decimalsOf([row], undefined, table, group ? undefined : unit), row,
    });
    if (group) groups.push({ id, level });
  });
  return out;
}

/** Units of money, whose figures have decimals (2316.48万元) whatever the report drafted from happens to hold. */
const MONEY = new Set(['万元', '亿元', '元']);

function decimalsOf(rows: TableRow[], column?: number, table?: TableModel, unit?: string): { decimals?: true } {
  if (unit && MONEY.has(unit)) return { decimals: true };
  const cells = column !== undefined ? rows.map((r) => r.cells[column]) : rows.flatMap((r) => r.cells.slice(table?.labelColumnCount ?? 0));
  return cells.some((c) => c?.value.kind === 'number' && !c.value.value.round(0, Big.roundDown).eq(c.value.value)) ? { decimals: true } : {};
}

const isTotal = (label: string) => TOTAL.test(canonical(plainLabel(label)).replace(/\s+/g, ''));

/** A figure, blank as 0; undefined for text that is no figure. */
function figure(cell: TableCell | undefined): Big | undefined {
  if (!cell || cell.value.kind === 'empty') return new Big(0);
  return cell.value.kind === 'number' ? cell.value.value : undefined;
}

/** Whether `total` = Σ `parts` in every given cell line, with at least one figure that is not 0. */
function holds(lines: Array<{ total: TableCell | undefined; parts: Array<TableCell | undefined> }>): boolean {
  let some = false;
  for (const { total, parts } of lines) {
    const t = figure(total);
    const values = parts.map(figure);
    if (t === undefined || values.some((v) => v === undefined)) return false;
    if (!t.eq(values.reduce((a, b) => a!.plus(b!), new Big(0))!)) return false;
    if (!t.eq(0)) some = true;
  }
  return some;
}

/** A 合计 row: the sum of the rows above it (its siblings since the last total, else every figure row since then). */
function rowTotals(rows: DraftRow[], columns: Array<ColumnSpec & { index: number }>): DraftTemplate['tables'][number]['relations'] {
  const out: DraftTemplate['tables'][number]['relations'] = [];
  let from = 0;
  rows.forEach((total, i) => {
    if (!isTotal(total.label) || total.row.kind !== 'numeric') return;
    const above = rows.slice(from, i).filter((r) => !r.group && !isTotal(r.label));
    const parentOf = new Map(rows.map((r) => [r.id, r.parent]));
    const under = (r: DraftRow, ancestor: string | undefined) => {
      for (let p = r.parent; p !== undefined; p = parentOf.get(p)) if (p === ancestor) return true;
      return ancestor === undefined;
    };
    // Its siblings, then every figure row under its parent, then every figure row above it.
    const candidates = [above.filter((r) => r.parent === total.parent), above.filter((r) => under(r, total.parent)), above];
    from = i + 1;
    for (const parts of candidates) {
      if (parts.length < 2) continue;
      const ok = holds(columns.map((c) => ({ total: total.row.cells[c.index], parts: parts.map((p) => p.row.cells[c.index]) })));
      if (!ok) continue;
      out.push({
        $comment: `Drafted: “${total.label}” equals the sum of the ${parts.length} rows above it in every column of the source report.`,
        id: `sum-${total.id}`, kind: 'sum', each: 'column', left: [total.id], right: parts.map((p) => p.id),
      });
      return;
    }
  });
  return out;
}

/** A 合计 column: the sum of the value columns before it (since the last total column, within its header group). */
function columnTotals(rows: DraftRow[], columns: Array<ColumnSpec & { index: number }>): DraftTemplate['tables'][number]['relations'] {
  const out: DraftTemplate['tables'][number]['relations'] = [];
  let from = 0;
  const figureRows = rows.filter((r) => !r.group);
  columns.forEach((total, i) => {
    if (!isTotal(total.label)) return;
    const group = JSON.stringify(total.group ?? []);
    const parts = columns.slice(from, i).filter((c) => !isTotal(c.label) && JSON.stringify(c.group ?? []) === group);
    from = i + 1;
    if (parts.length < 2) return;
    if (!holds(figureRows.map((r) => ({ total: r.row.cells[total.index], parts: parts.map((p) => r.row.cells[p.index]) })))) return;
    out.push({
      $comment: `Drafted: “${total.label}” equals the sum of the ${parts.length} columns before it in every row of the source report.`,
      id: `sum-${total.id}`, kind: 'sum', each: 'row', left: [total.id], right: parts.map((p) => p.id),
    });
  });
  return out;
}

const UNIT = FIGURE_UNITS.join('|');
/** （单位：万元） (万元) (单位:元) at the end of a header, or 单位：件 after it. */
const HEADER_UNIT = [
  new RegExp(`^(.*?)\\s*[（(]\\s*(?:计量)?(?:单位\\s*[:：]?\\s*)?(${UNIT})\\s*[）)]\\s*$`),
  new RegExp(`^(.*?)[\\s,，、;；/／]*(?:计量)?单位\\s*[:：]\\s*(${UNIT})\\s*$`),
];

/** The unit a header states and the header without it (本年收费金额（单位：万元） → 本年收费金额, 万元); label '' when the header is only the unit. */
export function headerUnit(header: string): { label: string; unit: string } | undefined {
  const text = header.trim();
  for (const pattern of HEADER_UNIT) {
    const m = pattern.exec(text);
    if (m) return { label: m[1].trim(), unit: m[2] };
  }
  return undefined;
}

function withoutEnumerator(text: string): string {
  const e = leadingEnumerator(text);
  return (e ? text.slice(e.length).trim() : text) || text;
}

function unique(ids: Set<string>, id: string): string {
  let out = id;
  for (let n = 2; ids.has(out); n++) out = `${id}-${n}`;
  ids.add(out);
  return out;
}
