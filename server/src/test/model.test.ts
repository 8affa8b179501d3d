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

test('a table whose rows write only their 总计 (every other figure blank) keeps its three label columns', () => {
  // as a district 统计局 published it (server/fixtures/real/partial/district-statistics-2023.txt), imported
  const text = [
    '| (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | | | 申请人情况 | | | | | | |',
    '|---|---|---|---|---|---|---|---|---|---|',
    '| | | | 自然人 | 法人或其他组织 | | | | | 总计 |',
    '| | | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |',
    '| 一、本年新收政府信息公开申请数量 | | | | | | | | | 0 |',
    '| 二、上年结转政府信息公开申请数量 | | | | | | | | | 0 |',
  ].join('\n');
  const [table] = tables(text);
  assert.equal(table.labelColumnCount, 3);
  assert.equal(table.headerRowCount, 3);
  assert.deepEqual(table.columns.slice(3).map((c) => c.leaf), ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
  // a label column the rows above leave unnamed stays one, blank or not (the official merged row labels)
  const [labels] = tables(text.replace('| 一、本年新收政府信息公开申请数量 | | | | |', '| 三、本年度办理结果 | （一）予以公开 | | 0 |'));
  assert.equal(labels.labelColumnCount, 3);
  // and a second label column with a header of its own, which rows with figures write text in, stays one too
  const [named] = tables('| 类别 | 事项 | 2022 | 2023 |\n|---|---|---|---|\n| 主动公开 | 文件 | 3 | 4 |\n| | 解读 | 1 | 2 |');
  assert.equal(named.labelColumnCount, 2);
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

test('the title: a heading after short lines of their own (the body named above it), not after a paragraph', () => {
  const title = (text: string) => buildReport(parse(text)).title?.text;
  const report = '# 2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n本年度报告根据条例编制。\n';
  assert.equal(title(report), '2023年政府信息公开工作年度报告');
  // as 高平市人民政府办公室 (2023) and 乌海市工业和信息化局 (2020) print theirs: the body's name on a line above
  assert.equal(title(`高平市人民政府办公室\n\n${report}`), '2023年政府信息公开工作年度报告');
  assert.equal(buildReport(parse(`高平市人民政府办公室\n\n${report}`)).year?.value, 2023);
  assert.equal(title(`首页\n\n信息公开\n\n高平市人民政府办公室\n\n${report}`), '2023年政府信息公开工作年度报告');
  // a paragraph, or more than five short lines, come before the report's title only in what is not one
  assert.equal(title(`根据《中华人民共和国政府信息公开条例》的规定，编制本报告。\n\n${report}`), undefined);
  assert.equal(title(`一\n\n二\n\n三\n\n四\n\n五\n\n六\n\n${report}`), undefined);
  // a page's box of particulars above the title, which may name the column 年报, is never the title
  assert.equal(title(`索 引 号 | 0144/2018-04736 | 分 类 | 政府信息公开年报 |\n\n发布机构 | 市政府办 | 发文日期 | 2018-02-28 |\n\n${report}`), '2023年政府信息公开工作年度报告');
  assert.equal(title(`高平市人民政府办公室\n第二行\n\n${report}`), undefined);
  // a trail of links, however long, is passed over, never taken for the title (it may name the column 年报)
  assert.equal(title(`当前位置: 首页>政府信息公开>政府信息公开年报>2021\n\n${report}`), '2023年政府信息公开工作年度报告');
  assert.equal(title('当前位置：首页 > 政务公开 > 信息公开年报\n\n根据条例，现将工作情况公布如下。\n'), undefined);
});

test('a title that names no body takes its body from the line above it, where that line is a name', async () => {
  const { analyze } = await import('../engine/index.js');
  const { reportKey } = await import('../engine/workspace/index.js');
  const report = '# 2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n本年度报告根据条例编制。\n';
  const key = (text: string) => reportKey(analyze(text));
  assert.deepEqual(key(`高平市人民政府办公室\n\n${report}`), { organ: '高平市人民政府办公室', year: 2023 });
  // the title's own body comes first; a date, a column's name with a colon, a trail of links name no body
  assert.deepEqual(key(`某某局\n\n# 高平市人民政府办公室2023年政府信息公开工作年度报告\n\n## 一、总体情况\n`), { organ: '高平市人民政府办公室', year: 2023 });
  assert.deepEqual(key(`发布时间：2024-01-29\n\n${report}`), { year: 2023 });
  assert.deepEqual(key(`当前位置：首页 > 信息公开 > 年报\n\n${report}`), { year: 2023 });
  assert.deepEqual(key(report), { year: 2023 });
  // a page-turning viewer's label before the title names no body (文登区信访局 2022, as its viewer gives page 8)
  assert.deepEqual(key('# Page 8 - 威海市文登区信访局2022年政府信息公开工作年度报告\n\n## 一、总体情况\n'), { organ: '威海市文登区信访局', year: 2022 });
  assert.deepEqual(key('# 中共某县委—某县人民政府2022年政府信息公开工作年度报告\n\n## 一、总体情况\n'), { organ: '中共某县委—某县人民政府', year: 2022 });
});
