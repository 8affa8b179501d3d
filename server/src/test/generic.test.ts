// Generic totals: any Markdown table with 合计 / 总计 / 小计 / Total rows or columns, outside every template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../engine/index.js';
import { codes, sample } from './support.js';

const table = (rows: string[]) => `# 某局2023年工作经费\n\n${rows.join('\n')}\n`;

const CASES: Array<[string, string, string[]]> = [
  ['a correct 合计 row', table(['| 项目 | 金额 |', '|---|---|', '| 甲 | 3 |', '| 乙 | 4 |', '| 合计 | 7 |']), []],
  ['a wrong 合计 row', table(['| 项目 | 金额 |', '|---|---|', '| 甲 | 3 |', '| 乙 | 4 |', '| 合计 | 8 |']), ['7 total-mismatch']],
  ['Total in English', table(['| Item | Count |', '|---|---|', '| a | 1 |', '| b | 2 |', '| Total | 4 |']), ['7 total-mismatch']],
  ['a wrong 合计 column', table(['| 项目 | 上半年 | 下半年 | 合计 |', '|---|---|---|---|', '| 甲 | 1 | 2 | 3 |', '| 乙 | 4 | 5 | 6 |']), ['6 total-mismatch']],
  ['小计 rows and a 总计 that adds the subtotals', table([
    '| 项目 | 件数 |', '|---|---|', '| 一类 | |', '| 甲 | 1 |', '| 乙 | 2 |', '| 小计 | 3 |', '| 二类 | |', '| 丙 | 4 |', '| 小计 | 4 |', '| 总计 | 7 |']), []],
  ['a wrong 小计 inside', table([
    '| 项目 | 件数 |', '|---|---|', '| 甲 | 1 |', '| 乙 | 2 |', '| 小计 | 4 |', '| 丙 | 4 |', '| 小计 | 4 |', '| 总计 | 8 |']), ['7 total-mismatch']],
  ['其中 rows are a breakdown, not parts', table(['| 项目 | 件数 |', '|---|---|', '| 甲 | 10 |', '| 其中：线上 | 4 |', '| 乙 | 5 |', '| 合计 | 15 |']), []],
  ['shares and rates are not summed', table(['| 项目 | 件数 | 占比（%） |', '|---|---|---|', '| 甲 | 1 | 33.3 |', '| 乙 | 2 | 66.6 |', '| 合计 | 3 | 100 |']), []],
  ['a previous 合计 ends the rows a total adds', table(['| 项目 | 件数 |', '|---|---|', '| 甲 | 1 |', '| 合计 | 1 |', '| 乙 | 2 |', '| 合计 | 2 |']), []],
  ['a blank part that could make the total leaves it unjudged', table(['| 项目 | 件数 |', '|---|---|', '| 甲 | |', '| 乙 | 2 |', '| 合计 | 5 |']), []],
  ['parts written that already exceed the total, whatever the blank holds', table(['| 项目 | 上半年 | 下半年 |', '|---|---|---|', '| 甲 | | 3 |', '| 乙 | 6 | 2 |', '| 合计 | 5 | 5 |']), ['7 total-mismatch']],
  ['a 合计 column below the parts written, with a blank part', table(['| 项目 | 上半年 | 下半年 | 合计 |', '|---|---|---|---|', '| 甲 | | 5 | 4 |']), ['5 total-mismatch']],
  ['text in a totalled column', table(['| 项目 | 件数 |', '|---|---|', '| 甲 | 1 |', '| 乙 | 无 |', '| 丙 | 2 |', '| 合计 | 3 |']), ['6 not-a-number']],
  ['a table without totals is left alone', table(['| 项目 | 件数 |', '|---|---|', '| 甲 | 1 |', '| 乙 | 二 |', '| 丙 | 2 | 9 |']), []],
  ['a short row in a totalled table', table(['| 项目 | 上半年 | 下半年 | 合计 |', '|---|---|---|---|', '| 甲 | 1 | 2 |', '| 乙 | 4 | 5 | 9 |']), ['5 row-shape']],
];

for (const [name, text, expected] of CASES) {
  test(`generic: ${name}`, () => {
    assert.deepEqual(codes(text), expected);
  });
}

test('generic: an ordinary Markdown file is not told it is not a report', () => {
  assert.deepEqual(codes('# README\n\nSome notes.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'), []);
  assert.equal(analyze('# README\n').template, null);
});

test('outdated-format: a 2019 report in the older structure', () => {
  const text = sample('001-nanjiang-2018.md').replace('year: 2018', 'year: 2019');
  assert.ok(codes(text).some((c) => c.endsWith('outdated-format')));
});
