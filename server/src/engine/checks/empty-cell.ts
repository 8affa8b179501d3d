// empty-cell: a blank where the template needs a figure; blank-as-zero: a table that leaves 0 blank.
// A table that reads its blanks as 0 (blanks.ts) gets one blank-as-zero finding, and empty-cell only for the
// blanks that cannot be 0 (omitted figures). One finding per fault: a whole blank column or row is one finding,
// and the other blanks are grouped by the column or row that holds most of them.
import { finding, type Check } from './check.js';
import type { Finding, Fix } from '../findings.js';
import { requiredCells, type RequiredCell } from './tables.js';
import { isEmptyTable } from './empty-table.js';
import { columnTitle, rowTitle } from '../relations.js';
import { cellValue, readBlanks, type BlankReading } from '../blanks.js';
import type { BoundTable } from '../bind/tables.js';
import type { Binding } from '../bind/index.js';
import type { LocalText } from '../../templates/index.js';
import { formatDecimal, type Decimal } from '../numbers.js';
import { listed } from '../budget.js';

export const emptyCell: Check = {
  codes: ['empty-cell', 'blank-as-zero'],
  run({ binding }) {
    const out: Finding[] = [];
    for (const table of binding.tables) {
      if (isEmptyTable(table)) continue;
      const reading = readBlanks(table);
      const cells = requiredCells(table);
      if (reading.convention && reading.setting === 'auto') out.push(convention(table, cells, reading));
      out.push(...blankFindings(binding, table, cells, reading));
    }
    return out;
  },
};

/** “二、上年结转…”一行 / Row "…"; the 四 table's one unlabelled row by its table. */
function rowName(c: RequiredCell): LocalText {
  return c.rowSpec.anonymous ? { zh: `表格“${c.table.spec.title}”的数据行`, en: `The data row of "${c.table.spec.title}"` }
    : { zh: `“${rowTitle(c.rowSpec)}”一行`, en: `Row "${rowTitle(c.rowSpec)}"` };
}

function cellName(c: RequiredCell): LocalText {
  const column = columnTitle(c.columnSpec);
  if (c.rowSpec.anonymous) return { zh: `“${column}”`, en: `"${column}"` };
  return { zh: `“${rowTitle(c.rowSpec)}”的“${column}”`, en: `"${rowTitle(c.rowSpec)}" / "${column}"` };
}

function convention(table: BoundTable, cells: RequiredCell[], reading: BlankReading): Finding {
  const zeros = cells.filter((c) => c.cell && reading.zero.has(c.cell));
  const example = cells.find((c) => c.cell && reading.forcedZero.has(c.cell));
  const e = example ? cellName(example) : undefined;
  const omitted = reading.unknown.size;
  return finding('blank-as-zero', table.parts[0].table.rows[0].range, {
    zh: `此表以空白代替 0：表中没有写出任何 0，而各项与总计的关系要求空白为 0${e ? `（如${e.zh}）` : ''}；`
      + `${zeros.length} 个空白按 0 核对${omitted ? `，另有 ${omitted} 个空白不能为 0，另行报告` : ''}。模板要求没有数字的单元格填 0`,
    en: `This table leaves 0 blank: it writes no 0, and its totals require blanks to be 0${e ? ` (e.g. ${e.en})` : ''}; `
      + `its ${zeros.length} blank cells are checked as 0${omitted ? `, and ${omitted} that cannot be 0 are reported on their own` : ''}. `
      + 'The template asks for 0 to be written',
  }, {
    fixes: [{ title: { zh: '把这些空白填为 0', en: 'Write 0 in these blanks' }, safe: false,
      edits: zeros.map((c) => ({ range: c.cell!.range, newText: '0' })) }],
  });
}

interface Line { key: string; kind: 'column' | 'row'; cells: RequiredCell[] }

function blankFindings(binding: Binding, table: BoundTable, cells: RequiredCell[], reading: BlankReading): Finding[] {
  const isBlank = (c: RequiredCell) => c.cell !== undefined && reading.unknown.has(c.cell);
  const blank = cells.filter(isBlank);
  if (blank.length === 0) return [];
  const out: Finding[] = [];
  const reported = new Set<RequiredCell>();
  const columns = lines(cells, 'column');
  const rows = lines(cells, 'row');
  // A whole blank column (publishers often leave 总计 blank), then a whole blank row: one finding each.
  for (const line of columns) {
    if (line.cells.length < 2 || !line.cells.every((c) => isBlank(c) || !c.cell) || !line.cells.some(isBlank)) continue;
    line.cells.forEach((c) => reported.add(c));
    const { column, columnSpec } = line.cells[0];
    const n = line.cells.length;
    out.push(finding('empty-cell', column.headerCell?.range ?? line.cells[0].row.range, reading.convention
      ? { zh: `“${columnTitle(columnSpec)}”列全部为空，共 ${n} 个单元格；其各项不全为 0，不能按 0 读，是漏填的数字${values(binding, line.cells, 'zh')}`,
        en: `Column "${columnTitle(columnSpec)}" is blank in all ${n} cells; its parts are not all 0, so the figures were left out${values(binding, line.cells, 'en')}` }
      : { zh: `“${columnTitle(columnSpec)}”列全部为空，共 ${n} 个单元格没有数字`,
        en: `Column "${columnTitle(columnSpec)}" is blank: none of its ${n} cells has a number` },
    { fixes: fill(binding, line.cells) }));
  }
  for (const line of rows) {
    const present = line.cells.filter((c) => c.cell);
    if (present.length < 2 || !present.every(isBlank)) continue;
    present.forEach((c) => reported.add(c));
    const name = rowName(present[0]);
    out.push(finding('empty-cell', present[0].row.range, reading.convention
      ? { zh: `${name.zh}全部为空，但表中关系不允许它们都是 0：漏填了数字`, en: `${name.en} is blank, but the table's relations do not allow it to be all 0: figures were left out` }
      : { zh: `${name.zh}没有填写数字`, en: `${name.en} has no numbers` }));
  }
  // The other blanks, grouped by the column or row that holds most of them.
  const byLine = [...columns, ...rows];
  for (;;) {
    let best: { line: Line; left: RequiredCell[] } | undefined;
    for (const line of byLine) {
      const left = line.cells.filter((c) => isBlank(c) && !reported.has(c));
      if (left.length >= 2 && (!best || left.length > best.left.length)) best = { line, left };
    }
    if (!best) break;
    best.left.forEach((c) => reported.add(c));
    out.push(group(binding, best.line.kind, best.left, reading.convention));
  }
  for (const c of blank) {
    if (reported.has(c)) continue;
    const name = cellName(c);
    out.push(finding('empty-cell', c.cell!.range, reading.convention
      ? { zh: `${name.zh}为空，但表中关系不允许它是 0${values(binding, [c], 'zh')}：漏填了数字`,
        en: `${name.en} is blank, but the table's relations do not allow it to be 0${values(binding, [c], 'en')}: a figure was left out` }
      : { zh: `${name.zh}为空；没有数字请填 0`, en: `${name.en} is blank; write 0 if there is none` },
    { fixes: fill(binding, [c]) }));
  }
  return out;
}

function group(binding: Binding, kind: Line['kind'], cells: RequiredCell[], convention: boolean): Finding {
  const first = cells[0];
  const n = cells.length;
  const items = (lang: 'zh' | 'en') => listed(cells.map((c) => {
    const name = kind === 'column' ? (c.rowSpec.anonymous ? '' : rowTitle(c.rowSpec)) : columnTitle(c.columnSpec);
    const v = known(binding, c);
    return v ? (lang === 'zh' ? `${name}（应为 ${formatDecimal(v)}）` : `${name} (should be ${formatDecimal(v)})`) : name;
  }), lang === 'zh' ? '、' : ', ', lang);
  const where = kind === 'column'
    ? { zh: `“${columnTitle(first.columnSpec)}”列`, en: `Column "${columnTitle(first.columnSpec)}"` }
    : rowName(first);
  const related = cells.map((c) => ({ range: c.cell!.range, message: { zh: `${cellName(c).zh}：空白`, en: `${cellName(c).en}: blank` } }));
  return finding('empty-cell', first.cell!.range, convention
    ? { zh: `${where.zh}有 ${n} 个空白不能按 0 读（表中关系不允许），是漏填的数字：${items('zh')}`,
      en: `${where.en} has ${n} blanks that cannot be 0 (the table's relations forbid it): figures were left out: ${items('en')}` }
    : { zh: `${where.zh}有 ${n} 个空白：${items('zh')}；没有数字请填 0`, en: `${where.en} has ${n} blank cells: ${items('en')}; write 0 where there is none` },
  { related, fixes: fill(binding, cells) });
}

/** The figure the relations give a blank, when they determine it. */
function known(binding: Binding, c: RequiredCell): Decimal | undefined {
  const v = cellValue(binding, c.table, c.rowSpec.id, c.columnSpec.id);
  return v.kind === 'unknown' ? v.value : undefined;
}

/** "：按各项之和应为 272" for one cell; for several, the ones known. */
function values(binding: Binding, cells: RequiredCell[], lang: 'zh' | 'en'): string {
  const known_ = cells.map((c) => ({ c, v: known(binding, c) })).filter((x) => x.v);
  if (known_.length === 0) return '';
  if (cells.length === 1) return lang === 'zh' ? `（按关系应为 ${formatDecimal(known_[0].v!)}）` : ` (the relations make it ${formatDecimal(known_[0].v!)})`;
  const items = listed(known_.map(({ c, v }) => `${c.rowSpec.anonymous ? columnTitle(c.columnSpec) : rowTitle(c.rowSpec)} ${formatDecimal(v!)}`), lang === 'zh' ? '、' : ', ', lang);
  return lang === 'zh' ? `；按关系应为：${items}` : `; the relations give: ${items}`;
}

/** Writing the figures the relations determine: a quick fix when every blank of the finding is determined. */
function fill(binding: Binding, cells: RequiredCell[]): Fix[] {
  const edits = cells.filter((c) => c.cell).map((c) => ({ c, v: known(binding, c) }));
  if (edits.length === 0 || edits.some((e) => !e.v)) return [];
  return [{ title: { zh: '填入按关系算出的数字', en: 'Fill in the figures the relations give' }, safe: false,
    edits: edits.map(({ c, v }) => ({ range: c.cell!.range, newText: formatDecimal(v!) })) }];
}

function lines(cells: RequiredCell[], kind: Line['kind']): Line[] {
  const map = new Map<string, Line>();
  for (const c of cells) {
    const key = kind === 'column' ? `${c.part.table.ordinal}:${c.column.index}` : `${c.part.table.ordinal}:${c.row.index}`;
    const line = map.get(key);
    if (line) line.cells.push(c); else map.set(key, { key, kind, cells: [c] });
  }
  return [...map.values()];
}
