// The checks of a report's statements about itself, on real sentences: year-mismatch (R21) and part-count (R22).
import { render } from '../messages/render.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { analyze, type Finding } from '../engine/index.js';
import { applyEdits, editLine, lineOf, sample } from './support.js';

const clean21 = sample('clean-2021.md');
const seed001 = sample('001-nanjiang-2018.md');
const seed002 = sample('002-wulanchabu-2020.md');

const DOCUMENT_CODES = new Set(['year-mismatch', 'part-count']);
function documentFindings(text: string): Finding[] {
  return analyze(text).findings.filter((f) => DOCUMENT_CODES.has(f.code));
}
/** Replaces the one occurrence of `from` (it must occur exactly once). */
function replaceOnce(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `exactly one "${from}"`);
  return text.replace(from, to);
}

test('document checks: no sample gives a year-mismatch or part-count finding', () => {
  const names = readdirSync(new URL('../../samples/', import.meta.url)).filter((n) => n.endsWith('.md'));
  assert.ok(names.length >= 9);
  for (const name of names) assert.deepEqual(documentFindings(sample(name)).map((f) => f.code), [], name);
});

interface Case {
  name: string;
  text: string;
  /** code, 1-based line, and what the message must say. */
  expect: Array<{ code: string; line: number; message?: RegExp; en?: RegExp; column?: number }>;
}

const PERIOD_2022 = '统计期限自2022年1月1日至2022年12月31日';

const CASES: Case[] = [
  {
    name: 'year-mismatch: the title left at last year, front matter and period agree: at the title\'s year',
    text: replaceOnce(clean21, '# 青岚区人民政府2022年', '# 青岚区人民政府2021年'),
    expect: [{ code: 'year-mismatch', line: 7, column: 10,
      message: /标题为 2021 年（第 7 行），文件头 year 为 2022（第 3 行），统计期限为 2022 年（第 9 行）/,
      en: /the title says 2021 \(line 7\), the front matter year is 2022 \(line 3\), the statistics period is in 2022 \(line 9\)/ }],
  },
  {
    name: 'year-mismatch: the period copied from last year ("…自2021年1月1日至2021年12月31日"): at the period',
    text: replaceOnce(clean21, PERIOD_2022, '统计期限自2021年1月1日至2021年12月31日'),
    expect: [{ code: 'year-mismatch', line: 9, message: /统计期限为 2021 年（第 9 行）/ }],
  },
  {
    name: 'year-mismatch: front matter year wrong in seed 001 ("自2018年1月1日起至2018年12月31日止"): at the front matter',
    text: editLine(seed001, 'year: 2018', () => 'year: 2019'),
    expect: [{ code: 'year-mismatch', line: 3, message: /标题为 2018 年（第 6 行），文件头 year 为 2019（第 3 行），统计期限为 2018 年（第 10 行）/ }],
  },
  {
    name: 'year-mismatch: seed 002 has no title; front matter against "自2020年1月1日至12月31日": at the period',
    text: editLine(seed002, 'year: 2020', () => 'year: 2021'),
    expect: [{ code: 'year-mismatch', line: 6, message: /文件头 year 为 2021（第 3 行），统计期限为 2020 年（第 6 行）/ }],
  },
  {
    name: 'year-mismatch: a period that is not a calendar year, though every year is 2022 at its start',
    text: replaceOnce(clean21, PERIOD_2022, '统计期限自2022年1月1日至2022年11月30日'),
    expect: [{ code: 'year-mismatch', line: 9, message: /^统计期限“2022年1月1日至2022年11月30日”不是一个完整的自然年/ }],
  },
  {
    name: 'year-mismatch: a period over two years is one finding naming the years and the period',
    text: replaceOnce(clean21, PERIOD_2022, '统计期限自2021年12月1日至2022年11月30日'),
    expect: [{ code: 'year-mismatch', line: 9, message: /统计期限为 2021 年.*；统计期限“2021年12月1日至2022年11月30日”不是一个完整的自然年/ }],
  },
  {
    name: 'no finding: a period in Traditional script with full-width digits and the end year omitted',
    text: replaceOnce(clean21, PERIOD_2022, '統計期限自２０２２年１月１日起至12月31日止'),
    expect: [],
  },
  {
    name: 'no finding: a statistic\'s own period further on (统计时间自2022年1月1日至2022年6月30日) is not the report\'s',
    text: replaceOnce(clean21, '## 六、其他需要报告的事项\n', '## 六、其他需要报告的事项\n\n上半年开展群众满意度调查，统计时间自2022年1月1日至2022年6月30日，共回收问卷1200份。\n'),
    expect: [],
  },
  {
    name: 'part-count: 共六个部分 with five sections (六 removed): one finding at the sentence',
    text: clean21.slice(0, clean21.indexOf('## 六、')),
    expect: [{ code: 'part-count', line: 9,
      message: /^引言说本报告共六个部分，正文有 5 个部分（“一、总体情况”.*“五、存在的主要问题及改进情况”）；引言列出的“其他需要报告的事项”在正文中没有对应的部分$/,
      en: /has 6 parts; the document has 5/ }],
  },
  {
    name: 'part-count: a listed part the document lacks (信息发布情况 for 其他需要报告的事项)',
    text: replaceOnce(clean21, '、其他需要报告的事项共六个部分', '、信息发布情况共六个部分'),
    expect: [{ code: 'part-count', line: 9,
      message: /与正文的部分数相符，但所列部分与正文不同；引言列出的“信息发布情况”在正文中没有对应的部分；正文的“六、其他需要报告的事项”未在引言中列出/ }],
  },
  {
    name: 'part-count: seed 001 says 九个部分 and lists nine; with 九、附表 removed it has eight',
    text: seed001.slice(0, seed001.indexOf('## 九、附表')),
    expect: [{ code: 'part-count', line: 10, message: /共九个部分，正文有 8 个部分.*“附表”在正文中没有对应的部分/ }],
  },
  {
    name: 'part-count: a count without a list ("本报告共分为五个部分")',
    text: replaceOnce(clean21, '全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项共六个部分。', '本报告共分为五个部分。'),
    expect: [{ code: 'part-count', line: 9, message: /^引言说本报告共五个部分，正文有 6 个部分/ }],
  },
  {
    name: 'no finding: a listed name with a 、 inside it (政府信息公开行政复议、行政诉讼情况)',
    text: replaceOnce(clean21, '政府信息公开行政复议和行政诉讼情况、存在', '政府信息公开行政复议、行政诉讼情况、存在'),
    expect: [],
  },
  {
    name: 'no finding: the list names variant titles (存在问题及改进措施 for 存在的主要问题及改进情况)',
    text: replaceOnce(clean21, '存在的主要问题及改进情况、其他', '存在问题及改进措施、其他'),
    expect: [],
  },
  {
    name: 'no finding: an open list ("总体情况、主动公开政府信息情况等六个部分") names only some',
    text: replaceOnce(clean21, '全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项共六个部分', '全文包括总体情况、主动公开政府信息情况等六个部分'),
    expect: [],
  },
];

for (const c of CASES) {
  test(c.name, () => {
    const found = documentFindings(c.text);
    assert.deepEqual(found.map((f) => `${f.range.start.line + 1} ${f.code}`), c.expect.map((e) => `${e.line} ${e.code}`),
      found.map((f) => render(f.message, 'zh-CN')).join('\n'));
    c.expect.forEach((e, i) => {
      if (e.message) assert.match(render(found[i].message, 'zh-CN'), e.message);
      if (e.en) assert.match(render(found[i].message, 'en'), e.en);
      if (e.column !== undefined) assert.equal(found[i].range.start.character + 1, e.column);
    });
  });
}

test('year-mismatch: the fix writes the majority\'s year over the odd one, for review', () => {
  const text = replaceOnce(clean21, '# 青岚区人民政府2022年', '# 青岚区人民政府2021年');
  const [f] = documentFindings(text);
  assert.equal(f.fixes?.length, 1);
  assert.equal(f.fixes![0].safe, false);
  assert.equal(applyEdits(text, f.fixes![0].edits), clean21);
  // The other places are related information.
  assert.deepEqual(f.related?.map((r) => r.range.start.line + 1), [3, 9]);
});

test('part-count: the finding spans the sentence, from 全文包括 to its full stop', () => {
  const text = clean21.slice(0, clean21.indexOf('## 六、'));
  const [f] = documentFindings(text);
  const line = text.split('\n')[lineOf(text, '本报告根据') - 1];
  const sentence = line.slice(f.range.start.character, f.range.end.character);
  assert.match(sentence, /^全文包括总体情况、.*共六个部分。$/);
});
