// The table model: header rows, label columns, merged cells, column paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../engine/parse.js';
import { buildReport } from '../engine/model/report.js';
import { sample } from './support.js';

function tables(text: string) {
  return buildReport(parse(text)).tables;
}

test('the official merged layout: three header rows, three label columns, group labels continued', () => {
  const [table] = tables(sample('002-wulanchabu-2020.md').split('## 三、')[1]);
  assert.equal(table.headerRowCount, 3);
  assert.equal(table.labelColumnCount, 3);
  assert.deepEqual(table.columns.slice(3).map((c) => c.leaf), ['自 然 人', '商业 企业', '科研 机构', '社会公益组织', '法律服务机构', '其他', '总计']);
  assert.deepEqual(table.columns[4].path, ['申请人情况', '法人或其他组织', '商业 企业']);
  assert.deepEqual(table.columns[9].path, ['申请人情况', '总计']);
  const row = table.rows.find((r) => r.label === '2.其他法律行政法规禁止公开')!;
  assert.deepEqual(row.path, ['三、本 年 度 办 理 结 果', '(三)不予公开', '2.其他法律行政法规禁止公开']);
  const total = table.rows.find((r) => r.label === '(七)总计')!;
  assert.deepEqual(total.path, ['三、本 年 度 办 理 结 果', '(七)总计']);
});

test('the 15-column 四 table: groups from header cells continued to the right', () => {
  const table = tables(sample('002-wulanchabu-2020.md')).at(-1)!;
  assert.equal(table.labelColumnCount, 0);
  assert.deepEqual(table.columns[0].path, ['行政复议', '结果维持']);
  assert.deepEqual(table.columns[6].path, ['行政诉讼', '未经复议直接起诉', '结果纠正']);
  assert.deepEqual(table.columns[14].path, ['行政诉讼', '复议后起诉', '总计']);
});

test('a table with every number lost still finds its labels; a unit column is not a label', () => {
  const empty = tables(sample('000-panzhihua-2021.md'))[0];
  assert.equal(empty.hasNumbers, false);
  assert.equal(empty.rows.filter((r) => r.label).length >= 25, true);
  const appendix = tables(sample('003-xiangtan-2016.md'))[0];
  assert.equal(appendix.columns[1].role, 'unit');
  assert.equal(appendix.rows.find((r) => r.label === '1.当面申请数')?.unit, '件');
});

test('cell ranges point at the cell text; short rows keep their cells', () => {
  const text = '| a | b | c |\n|---|---|---|\n| x | 12 |\n';
  const [table] = tables(text);
  const row = table.rows[1];
  assert.equal(row.cells.length, 2);
  assert.deepEqual(row.cells[1].range, { start: { line: 2, character: 6 }, end: { line: 2, character: 8 } });
});

test('blanks after the closing pipe stay out of the last cell', () => {
  const [table] = tables('| 项目 | 数量 |\n|---|---|\n| 合计 | 12 |  \n');
  assert.equal(table.rows[1].cells[1].raw, '12');
  assert.equal(table.rows[1].cells[1].value.kind, 'number');
});
