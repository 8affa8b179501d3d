// Blank cells: a blank is an unknown figure ≥ 0 (a relation that fails whatever it holds is a fault, one that could
// hold is incomplete); a table that leaves 0 blank reads its blanks as 0, with one finding for the table; a blank
// that cannot be 0 is an omitted figure; one finding per blank row, column or group. Table-driven.
import { render } from '../messages/render.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Big from 'big.js';
import { analyze, type AnalyzeOptions } from '../engine/index.js';
import { cellValue, readBlanks } from '../engine/blanks.js';
import { evaluateRelations, feasible } from '../engine/relations.js';
import { editLine, lineOf, sample, setCell, summary } from './support.js';

const clean21 = sample('clean-2021.md');
const clean19 = sample('clean-2019.md');

/** The 三 table of clean-2021 with every written 0 left blank, as many publishers print it. */
function leaveZerosBlank(text: string, keep?: string): string {
  const start = text.indexOf('## 三、');
  const end = text.indexOf('## 四、');
  const table = text.slice(start, end).split('\n')
    .map((l) => (l.startsWith('|') && !(keep && l.startsWith(keep)) ? l.replace(/\| 0(?= \|)/g, '| ') : l)).join('\n');
  return text.slice(0, start) + table + text.slice(end);
}
const blankZeros = leaveZerosBlank(clean21);
const requestsHeader = '| 项目 | 自然人';

test('feasibility of a relation with blanks (each blank some figure ≥ 0), exact in decimals', () => {
  const rows: Array<[string, 'sum' | 'balance' | 'bound', string, boolean, string, boolean, boolean]> = [
    ['no blank, equal', 'sum', '5', false, '5', false, true],
    ['no blank, unequal', 'sum', '5', false, '6', false, false],
    ['total blank, parts 7: the total can be 7', 'sum', '0', true, '7', false, true],
    ['parts written 13 already exceed the total 10', 'sum', '10', false, '13', true, false],
    ['parts written 8 under the total 10: a blank part can be 2', 'sum', '10', false, '8', true, true],
    ['parts written equal the total: the blanks are 0', 'sum', '10', false, '10', true, true],
    ['blanks on both sides absorb any difference', 'balance', '100', true, '3', true, true],
    ['一 + 二 (with a blank) already above 七 + 四', 'balance', '9', true, '8', false, false],
    ['decimals: 0.3 against 0.1 + 0.2 and a blank', 'sum', '0.3', false, '0.3', true, true],
    ['decimals: 0.3 against 0.1 + 0.21 and a blank', 'sum', '0.3', false, '0.31', true, false],
    ['bound: blank on the right can lift it', 'bound', '9', false, '3', true, true],
    ['bound: blank on the left only adds', 'bound', '9', true, '3', false, false],
  ];
  for (const [name, kind, left, leftOpen, right, rightOpen, expected] of rows) {
    assert.equal(feasible(kind, new Big(left), leftOpen, new Big(right), rightOpen), expected, name);
  }
});

interface Case { name: string; text: string; options?: AnalyzeOptions; expect: (text: string) => string[]; message?: RegExp }

const appealsRow = '| 3 | 1 | 1 | 1 | 6 |';
const replaceLine = (text: string, line: string, by: string) => editLine(text, line, () => by);

const CASES: Case[] = [
  {
    name: 'infeasible: parts written (3 + 4 + 1) exceed the total 6 with one blank: one error naming the blank',
    text: replaceLine(clean21, appealsRow, '| 3 | 4 | | 1 | 6 |'),
    expect: (t) => [`${lineOf(t, '| 3 | 4 |')} empty-cell`, `${lineOf(t, '| 3 | 4 |')} total-mismatch`],
    message: /空白的“行政复议·其他结果”.*无论填什么都不成立/,
  },
  {
    name: 'infeasible: an equality whose only blank is forced negative (3 + 1 + 1 + □ = 4)',
    text: replaceLine(clean21, appealsRow, '| 3 | 1 | 1 | | 4 |'),
    expect: (t) => [`${lineOf(t, '| 3 | 1 | 1 | | 4 |')} empty-cell`, `${lineOf(t, '| 3 | 1 | 1 | | 4 |')} total-mismatch`],
    message: /空白的“行政复议·尚未审结”/,
  },
  {
    name: 'infeasible reconciliation: 一 2 + 二 □ already above 七 1 + 四 0 in 科研机构 (R2)',
    text: setCell(setCell(setCell(clean21, '| 一、本年新收', 3, '2'), '| 一、本年新收', 7, ''), '| 二、上年结转', 3, ''),
    options: { prose: false },
    expect: (t) => [`${lineOf(t, '| 一、本年新收')} reconciliation`, `${lineOf(t, '| 一、本年新收')} empty-cell`,
      `${lineOf(t, '| 二、上年结转')} empty-cell`],
    message: /勾稽关系不平衡（“科研机构”列）.*“二、上年结转政府信息公开申请数量”/,
  },
  {
    name: 'feasible: a blank part that can make the total (3 + □ + 1 + 1 = 6) is incomplete, only the blank is reported',
    text: replaceLine(clean21, appealsRow, '| 3 | | 1 | 1 | 6 |'),
    expect: (t) => [`${lineOf(t, '| 3 | | 1 |')} empty-cell`],
  },
  {
    name: 'convention: a table that writes no 0 and whose totals need its blanks to be 0 is one finding',
    text: blankZeros,
    expect: (t) => [`${lineOf(t, requestsHeader)} blank-as-zero`],
    message: /此表以空白代替 0/,
  },
  {
    name: 'no convention: the same table writing 0 in one row keeps its blanks missing (grouped, no error)',
    text: leaveZerosBlank(clean21, '| 1.属于国家秘密'),
    // The columns with most blanks, one finding each (科研机构, 社会公益组织, 其他 from 二; 商业企业, 法律服务机构 from
    // 2.其他法律…), then the all-blank rows.
    expect: (t) => [
      ...Array(3).fill(`${lineOf(t, '| 二、上年结转')} empty-cell`), ...Array(2).fill(`${lineOf(t, '| 2.其他法律行政法规禁止公开')} empty-cell`),
      `${lineOf(t, '| 3.危及')} empty-cell`, `${lineOf(t, '| 7.属于行政执法案卷')} empty-cell`, `${lineOf(t, '| 2.申请人逾期未按收费')} empty-cell`],
    message: /“科研机构”列有 18 个空白：二、上年结转/,
  },
  {
    name: 'convention: 总计 left blank where the parts are not all 0 is one omitted-figure finding for the column',
    text: ['| （一）予以公开', '| （二）部分公开', '| 2.其他法律行政法规禁止公开'].reduce((t, row) => setCell(t, row, 7, ''), blankZeros),
    expect: (t) => [`${lineOf(t, requestsHeader)} blank-as-zero`, `${lineOf(t, '| （一）予以公开')} empty-cell`],
    message: /“总计”列有 3 个空白不能按 0 读.*（一）予以公开（应为 63）/,
  },
  {
    name: 'convention: a whole 总计 column left blank is one finding (rows of zeros read as 0)',
    text: blankZeros.split('\n').map((l) => (/^\| ([一二四]、|（[一二七]）|\d\.)/.test(l) ? l.replace(/\| \d+ \|$/, '|  |') : l)).join('\n'),
    expect: (t) => [`${lineOf(t, requestsHeader)} blank-as-zero`, `${lineOf(t, '| 一、本年新收')} empty-cell`],
  },
  {
    name: 'convention: two parts of one row left blank where they cannot be 0 are one finding for the row',
    text: setCell(setCell(blankZeros, '| （一）予以公开', 1, ''), '| （一）予以公开', 2, ''),
    expect: (t) => [`${lineOf(t, requestsHeader)} blank-as-zero`, `${lineOf(t, '| （一）予以公开')} empty-cell`],
    message: /一行有 2 个空白不能按 0 读.*自然人（应为 52）、商业企业（应为 6）/,
  },
  {
    name: 'missing: an all-blank row is one finding',
    text: setCell(setCell(setCell(clean21, '| 5.属于三类内部事务信息', 1, ''), '| 5.属于三类内部事务信息', 7, ''),
      '| 5.属于三类内部事务信息', 2, '').replace(/^(\| 5\.属于三类内部事务信息 \|)(.*)$/m, (_, a: string, b: string) => a + b.replace(/ 0 /g, '  ')),
    expect: (t) => [`${lineOf(t, '| 5.属于三类内部事务信息')} empty-cell`],
    message: /“5\.属于三类内部事务信息”一行没有填写数字/,
  },
  {
    name: 'missing: an all-blank column (商业企业) is one finding, and no relation fails',
    text: clean21.split('\n').map((l) => (/^\| ([一二四]、|（[一二七]）|\d\.)/.test(l) && l.split('|').length === 10
      ? l.split('|').map((c, i) => (i === 3 ? '  ' : c)).join('|') : l)).join('\n'),
    options: { prose: false },
    expect: (t) => [`${lineOf(t, requestsHeader)} empty-cell`],
    message: /“商业企业”列全部为空/,
  },
  {
    name: 'setting missing: the blank-zero table is reported blank by blank (grouped), no convention, no error',
    text: blankZeros,
    options: { blankCells: 'missing' },
    expect: (t) => analyze(t, { blankCells: 'missing' }).findings.map((f) => `${f.range.start.line + 1} ${f.code}`)
      .filter((s) => s.endsWith('empty-cell')),
  },
  {
    name: 'setting zero: a blank that is really 0 gives nothing, even in a table that writes 0',
    text: setCell(clean21, '| 1.属于国家秘密', 2, ''),
    options: { blankCells: 'zero' },
    expect: () => [],
  },
  {
    name: 'setting zero: a blank the totals forbid to be 0 is an omitted figure, with the value they give',
    text: setCell(clean21, '| （二）部分公开', 2, ''),
    options: { blankCells: 'zero' },
    expect: (t) => [`${lineOf(t, '| （二）部分公开')} empty-cell`],
    message: /不允许它是 0（按关系应为 2）/,
  },
  {
    name: 'setting zero: a table without any figure stays empty-table',
    text: editLine(clean19, '| 2 | 1 | 0 | 0 | 3 | 1', () => `|${' |'.repeat(15)}`),
    options: { blankCells: 'zero' },
    expect: (t) => [`${lineOf(t, '| 行政复议')} empty-table`],
  },
];

for (const c of CASES) {
  test(`blanks: ${c.name}`, () => {
    const result = analyze(c.text, c.options);
    assert.deepEqual(summary(result.findings), c.expect(c.text));
    if (c.message) {
      assert.ok(result.findings.some((f) => c.message!.test(render(f.message, 'zh-CN'))),
        `no message matches ${c.message}: ${result.findings.map((f) => render(f.message, 'zh-CN')).join(' | ')}`);
    }
    // Every finding has both languages.
    for (const f of result.findings) assert.ok(render(f.message, 'zh-CN') && render(f.message, 'en'));
  });
}

test('blanks: the setting missing leaves the blank-zero table without errors and without a convention finding', () => {
  const findings = analyze(blankZeros, { blankCells: 'missing' }).findings;
  assert.ok(findings.length > 0 && findings.every((f) => f.code === 'empty-cell'), findings.map((f) => f.code).join(', '));
  assert.ok(findings.length < 12, `grouped by row and column: ${findings.length}`);
});

test('blanks: a feasible relation with a blank is incomplete, and the blank gets the value the relation gives', () => {
  const result = analyze(replaceLine(clean21, appealsRow, '| 3 | | 1 | 1 | 6 |'));
  const appeals = result.binding.tables.find((t) => t.spec.id === 'appeals')!;
  const r9 = evaluateRelations(appeals).find((i) => i.along.id === 'review-total' || i.terms.some((t) => t.blank))!;
  assert.equal(r9.status, 'incomplete');
  assert.deepEqual(r9.unknown?.map((t) => t.label), ['行政复议·结果纠正']);
});

test('blanks: cellValue reads a cell as the checks do', () => {
  const text = ['| （一）予以公开', '| （二）部分公开'].reduce((t, row) => setCell(t, row, 7, ''), blankZeros);
  const { binding } = analyze(text);
  const requests = binding.tables.find((t) => t.spec.id === 'requests')!;
  assert.equal(readBlanks(requests).convention, true);
  const show = (row: string, column: string) => {
    const v = cellValue(binding, 'requests', row, column);
    return v.kind === 'number' ? `number ${v.value}` : v.kind === 'unknown' ? `unknown ≥${v.min} =${v.value ?? '?'}` : v.kind;
  };
  assert.equal(show('open', 'natural'), 'number 52');
  assert.equal(show('open', 'total'), 'unknown ≥63 =63');
  assert.equal(show('partly-open', 'total'), 'unknown ≥12 =12');
  assert.equal(show('withheld-1', 'business'), 'zero-by-convention');
  assert.equal(show('no-such-row', 'total'), 'absent');
  assert.equal(cellValue(binding, 'no-such-table', 'open', 'total').kind, 'absent');
  // The same cells without the convention: the blank 0s are unknown, at least 0.
  const missing = analyze(text, { blankCells: 'missing' }).binding;
  const v = cellValue(missing, 'requests', 'withheld-1', 'business');
  assert.equal(v.kind, 'unknown');
});

test('blanks: the Shanghai 2019 sample (leaves 0 blank) gives the convention once per table and its omitted 总计 once', () => {
  const result = analyze(sample('005-shanghai-2019.md'));
  const codes = result.findings.map((f) => f.code);
  assert.equal(codes.filter((c) => c === 'blank-as-zero').length, 2);
  assert.equal(codes.filter((c) => c === 'empty-cell').length, 1);
  assert.ok(!codes.includes('total-mismatch') && !codes.includes('reconciliation'));
  const omitted = result.findings.find((f) => f.code === 'empty-cell')!;
  assert.match(render(omitted.message, 'zh-CN'), /“总计”列有 11 个空白.*（一）予以公开（应为 272）/);
});

test('a blank the relations determine, in a table that writes its zeros: the finding gives the figure and its fix writes it, never "write 0"', () => {
  const text = sample('clean-2021.md').replace('| 3 | 1 | 1 | 1 | 6 |', '| 3 | 1 | 1 | 1 |  |');
  const found = analyze(text).findings;
  assert.deepEqual(found.map((f) => f.code), ['empty-cell']);
  assert.equal(render(found[0].message, 'zh-CN'), '“行政复议·总计”为空（按关系应为 6）：请填写这个数字');
  assert.equal(render(found[0].message, 'en'), '"行政复议·总计" is blank (the relations make it 6): write the figure');
  assert.equal(found[0].fixes?.[0].edits[0].newText, '6');
  // Two blanks the relations cannot tell apart stay "write 0 if there is none".
  const two = sample('clean-2021.md').replace('| 3 | 1 | 1 | 1 | 6 |', '| 3 | 1 |  | 1 | 6 |');
  const other = analyze(two.replace('| 3 | 1 |  | 1 | 6 |', '| 3 |  |  | 1 | 6 |')).findings.filter((f) => f.code === 'empty-cell');
  assert.ok(other.length > 0 && other.every((f) => !/按关系应为/.test(render(f.message, 'zh-CN'))));
});
