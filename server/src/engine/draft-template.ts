// `tally template from REPORT.md`: a template drafted from one report's structure, for a team to edit. Sections
// come from its numbered headings, tables from its tables (caption, columns from the header, rows from the label
// column), and a 合计/总计/小计 row or column becomes a sum relation only where the report's own figures satisfy it
// exactly in every column (or row) — a draft never states a relation its source contradicts.
import Big from 'big.js';
import { analyze } from './index.js';
import type { ReportModel } from './model/report.js';
import type { TableModel, TableRow, TableCell } from './model/table.js';
import { canonical, leadingEnumerator, plainLabel, STYLE_LEVEL } from './text.js';
import type { ColumnSpec, RelationSpec, RowSpec, SectionSpec, TableSpec, Template } from '../templates/index.js';

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
  const title = model.title?.text.replace(/(?:19|20)\d\d\s*年度?/, '') ?? options.source ?? id;
  const detect = [...new Set(sections.list.slice(0, 3).map((s) => s.title))];
  return {
    $comment: `Drafted by \`tally template from\`${options.source ? ` from ${options.source}` : ''}: sections from its numbered headings, tables from its tables, `
      + 'and a sum relation for each 合计/总计/小计 row or column that the report\'s own figures satisfy exactly. Review the titles, '
      + 'keywords and relations, then name the template and its detect labels.',
    id,
    name: { zh: `${title}（模板草稿）`, en: `Draft template from ${options.source ?? title}` },
    format: 'custom',
    detect: detect.length ? detect : [title],
    sections: sections.list,
    tables,
  };
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
    const columns: Array<ColumnSpec & { index: number }> = valueColumns.map((c, i) => ({
      index: c.index, id: unique(columnIds, `c${i + 1}`), label: c.leaf || `第${i + 1}列`,
      ...(c.path.length > 1 ? { group: c.path.slice(0, -1) } : {}),
      ...decimalsOf(body, c.index),
    }));
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
    const id = unique(ids, `r${i + 1}`);
    const parent = groups[groups.length - 1]?.id;
    const group = row.kind !== 'numeric';
    out.push({
      id, label: label || `第${i + 1}行`, ...(enumerator ? { ordinal: enumerator.text } : {}), ...(parent ? { parent } : {}),
      ...(group ? { group: true } : {}), ...decimalsOf([row], undefined, table), row,
    });
    if (group) groups.push({ id, level });
  });
  return out;
}

function decimalsOf(rows: TableRow[], column?: number, table?: TableModel): { decimals?: true } {
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
