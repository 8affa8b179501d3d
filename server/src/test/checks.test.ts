// Each check on a real report with one fault put in: the fault is found once, with its code, at its line,
// and nothing else is reported. Table-driven: one row per check and situation.
import { render } from '../messages/render.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../engine/index.js';
import { applyEdits, codes, editLine, lineOf, sample, setCell } from './support.js';

const clean21 = sample('clean-2021.md');
const clean19 = sample('clean-2019.md');
const seed003 = sample('003-xiangtan-2016.md');

interface Case { name: string; text: string; expect: (text: string) => string[]; options?: object }

const at = (prefix: string, code: string) => (text: string) => [`${lineOf(text, prefix)} ${code}`];

const CASES: Case[] = [
  {
    name: 'total-mismatch: a wrong 总计 in the 四 table (R9), split over three tables',
    text: setCell(clean21, '| 3 | 1 | 1 | 1 | 6 |', 4, '7'),
    expect: at('| 3 | 1 | 1 | 1 | 7 |', 'total-mismatch'),
  },
  {
    name: 'total-mismatch: a leaf cell that breaks its row total (R1) and its column totals (R3) is one finding',
    text: setCell(clean21, '| （一）予以公开', 1, '53'),
    expect: at('| （一）予以公开', 'total-mismatch'),
  },
  {
    name: 'total-mismatch: 结转 breaking R1 and R2 at one cell is one finding',
    text: setCell(clean21, '| 四、结转下年度继续办理', 1, '9'),
    expect: at('| 四、结转下年度继续办理', 'total-mismatch'),
  },
  {
    name: 'reconciliation: 一 + 二 ≠ （七） + 四 in the 总计 column only (R2)',
    text: setCell(setCell(clean21, '| 二、上年结转', 7, '14'), '| 二、上年结转', 6, '1'),
    expect: (t) => [`${lineOf(t, '| 一、本年新收')} reconciliation`, `${lineOf(t, '| 一、本年新收')} reconciliation`],
  },
  {
    name: 'total-mismatch: a 附表 sum (L2) in the legacy template (the text\'s 按时办结数633件 is not a second finding)',
    text: setCell(seed003, '| 1.按时办结数', 2, '634'),
    // The seed's own prose findings (golden.test.ts) stay; the broken 634 is reported once, at its sum.
    expect: (t) => [`38 numbering`, '140 breakdown-sum', '140 percentage', '148 percentage', '148 percentage', '148 percentage',
      '152 prose-mismatch', `${lineOf(t, '| (二)申请办结数')} total-mismatch`],
  },
  {
    name: 'total-mismatch: a 小计 row added to a template table (R4)',
    text: editLine(clean21, '| 8.属于行政查询事项', (l) => `${l}\n| 小计 | 11 | 1 | 0 | 0 | 0 | 0 | 13 |`),
    expect: at('| 小计 |', 'total-mismatch'),
  },
  {
    name: 'no finding: a correct 小计 row added to a template table',
    text: editLine(clean21, '| 8.属于行政查询事项', (l) => `${l}\n| 小计 | 11 | 1 | 0 | 0 | 0 | 0 | 12 |`),
    expect: () => [],
  },
  {
    name: 'missing-section: 六 removed, reported once at 五 (no numbering finding); the introduction\'s 六个部分 is part-count',
    text: clean21.slice(0, clean21.indexOf('## 六、')),
    expect: (t) => ['9 part-count', `${lineOf(t, '## 五、')} missing-section`],
  },
  {
    name: 'missing-section: 四 removed in the middle; the gap in 一二三五六 is not a second finding (part-count is the introduction\'s)',
    text: clean21.slice(0, clean21.indexOf('## 四、')) + clean21.slice(clean21.indexOf('## 五、')),
    expect: (t) => ['9 part-count', `${lineOf(t, '## 三、')} missing-section`],
  },
  {
    name: 'section-order: 五 before 四',
    text: (() => {
      const four = clean21.slice(clean21.indexOf('## 四、'), clean21.indexOf('## 五、'));
      const five = clean21.slice(clean21.indexOf('## 五、'), clean21.indexOf('## 六、'));
      return clean21.slice(0, clean21.indexOf('## 四、')) + five.replace('## 五、', '## 四、') + four.replace('## 四、', '## 五、') + clean21.slice(clean21.indexOf('## 六、'));
    })(),
    expect: at('## 五、政府信息公开行政复议', 'section-order'),
  },
  {
    name: 'duplicate-section: 六 twice',
    text: `${clean21}\n## 六、其他需要报告的事项\n\n无。\n`,
    expect: (t) => [`${t.split('\n').length - 3} duplicate-section`],
  },
  {
    name: 'section-title: a variant title is information, not an error',
    text: editLine(clean21, '## 五、', () => '## 五、存在问题及改进措施'),
    expect: at('## 五、', 'section-title'),
  },
  {
    name: 'numbering: a repeated section ordinal',
    text: editLine(clean21, '## 六、', () => '## 五、其他需要报告的事项'),
    expect: at('## 五、其他需要报告的事项', 'numbering'),
  },
  {
    name: 'numbering: a gap in （一）（二）（四） sub-parts',
    text: editLine(clean21, '### （三）', (l) => l.replace('（三）', '（四）')),
    expect: at('### （四）', 'numbering'),
  },
  {
    name: 'missing-table: the 三 table removed',
    text: (() => {
      const start = clean21.indexOf('| 项目 | 自然人');
      return clean21.slice(0, start) + clean21.slice(clean21.indexOf('## 四、'));
    })(),
    expect: at('## 三、', 'missing-table'),
  },
  {
    name: 'missing-row: a row of zeros removed',
    text: editLine(clean21, '| 1.属于国家秘密', () => null),
    expect: (t) => [`${lineOf(t, '| （三）不予公开')} missing-row`],
  },
  {
    name: 'unknown-row: a misspelt label is matched by position and reported once',
    text: editLine(clean21, '| 3.要求提供公开出版物', (l) => l.replace('要求提供公开出版物', '要求提供出版物')),
    expect: at('| 3.要求提供出版物', 'unknown-row'),
  },
  {
    name: 'unknown-row: an extra row of figures',
    text: editLine(clean21, '| 四、结转下年度继续办理', (l) => `${l}\n| 五、其他说明事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |`),
    expect: at('| 五、其他说明事项', 'unknown-row'),
  },
  {
    name: 'row-order: two rows swapped',
    text: (() => {
      const a = clean21.split('\n').find((l) => l.startsWith('| 7.属于行政执法案卷'))!;
      const b = clean21.split('\n').find((l) => l.startsWith('| 8.属于行政查询事项'))!;
      return clean21.replace(a, '\u0000').replace(b, a).replace('\u0000', b);
    })(),
    expect: at('| 7.属于行政执法案卷', 'row-order'),
  },
  {
    name: 'missing-column: 总计 dropped from the 三 table',
    text: (() => {
      const lines = clean21.split('\n');
      const from = lines.findIndex((l) => l.startsWith('| 项目 | 自然人'));
      const to = lines.findIndex((l) => l.startsWith('| 四、结转下年度继续办理'));
      for (let i = from; i <= to; i++) lines[i] = lines[i].replace(/[^|]*\|$/, '').replace(/\|$/, '|');
      return lines.join('\n');
    })(),
    expect: at('| 项目 | 自然人', 'missing-column'),
  },
  {
    name: 'row-shape: a row that lost a cell',
    text: editLine(clean21, '| 2.重复申请', () => '| 2.重复申请 | 3 | 0 | 0 | 0 | 0 | 0 |'),
    expect: at('| 2.重复申请', 'row-shape'),
  },
  {
    name: 'row-shape: an extra cell shifts the figures; the broken sums are not reported on top',
    text: editLine(clean21, '| （一）予以公开', () => '| （一）予以公开 | 52 | 6 | 6 | 1 | 1 | 2 | 1 | 63 |'),
    expect: at('| （一）予以公开', 'row-shape'),
  },
  {
    name: 'empty-table: the 四 table as one 15-column table with every figure lost',
    text: editLine(clean19, '| 2 | 1 | 0 | 0 | 3 | 1', () => `|${' |'.repeat(15)}`),
    expect: at('| 行政复议', 'empty-table'),
  },
  {
    name: 'empty-table: the 四 table split into three tables, every figure lost',
    text: ['| 3 | 1 | 1 | 1 | 6 |', '| 2 | 0 | 1 | 1 | 4 |', '| 1 | 0 | 0 | 1 | 2 |'].reduce((t, r) => t.replace(r, '| | | | | |'), clean21),
    expect: (t) => [`${lineOf(t, '### 行政复议') + 2} empty-table`],
  },
  {
    name: 'empty-cell: one blank cell',
    text: setCell(clean21, '| 4.无正当理由大量反复申请', 3, ''),
    expect: at('| 4.无正当理由大量反复申请', 'empty-cell'),
  },
  {
    name: 'empty-cell: a blank 总计 column is one finding',
    text: clean21.split('\n').map((l) => (/^\| ([一二四]、|（[一二七]）|\d\.)/.test(l) && l.split('|').length === 10 ? l.replace(/\| \d+ \|$/, '|  |') : l)).join('\n'),
    expect: at('| 项目 | 自然人', 'empty-cell'),
  },
  {
    name: 'not-a-number: a dash where a count belongs',
    text: setCell(clean21, '| 行政强制', 1, '—'),
    expect: at('| 行政强制', 'not-a-number'),
  },
  {
    name: 'not-a-number: a fraction in a count column; decimals are fine in 万元',
    text: setCell(clean21, '| 行政强制', 1, '86.5'),
    expect: at('| 行政强制', 'not-a-number'),
  },
  {
    name: 'bound: 2019 本年新公开数量 above 本年新制作数量 (R15, soft)',
    text: setCell(clean19, '| 规范性文件', 2, '7'),
    expect: (t) => [`${lineOf(t, '| 规范性文件')} bound`],
  },
  {
    name: 'outdated-format: a 2022 report in the 2019 format',
    text: clean19.replace('year: 2020', 'year: 2022').replace('2020年政府信息公开', '2022年政府信息公开').replace('统计期限自2020年1月1日至2020年12月31日', '统计期限自2022年1月1日至2022年12月31日'),
    expect: (t) => [`${lineOf(t, 'year:')} outdated-format`],
  },
  {
    name: 'front-matter: an unknown template id falls back to detection',
    text: clean21.replace('template: gov-annual-2021', 'template: gov-2021'),
    expect: (t) => [`${lineOf(t, 'template:')} front-matter`],
  },
  {
    name: 'front-matter: broken YAML is one located finding',
    text: clean21.replace('year: 2022', 'year: [2022'),
    expect: (t) => codes(t).filter((c) => c.endsWith('front-matter')).length === 1 ? codes(t) : ['front-matter missing'],
  },
  {
    name: 'full-width digits and thousands separators are numbers',
    text: setCell(setCell(clean21, '| 行政许可', 1, '５,８６２'), '| 行政事业性收费', 1, '2,316.48'),
    expect: () => [],
  },
  {
    name: 'Traditional script and spaced labels match the template',
    text: editLine(editLine(clean21, '| 1.本机关不掌握', (l) => l.replace('本机关不掌握相关政府信息', '本機關不掌握相關政府資訊')),
      '| 2.重复申请', (l) => l.replace('重复申请', '重 複 申 請')),
    expect: () => [],
  },
];

for (const c of CASES) {
  test(c.name, () => {
    assert.deepEqual(codes(c.text, c.options), c.expect(c.text));
  });
}

test('total-mismatch: the message gives expected and found, and the fix writes the expected value', () => {
  const text = setCell(clean21, '| 3 | 1 | 1 | 1 | 6 |', 4, '7');
  const [f] = analyze(text).findings;
  assert.match(render(f.message, 'zh-CN'), /应为 6.*表中为 7/);
  assert.match(render(f.message, 'en'), /should be 6 .*found 7/);
  assert.equal(f.fixes?.[0].edits[0].newText, '6');
});

test('reconciliation: the message shows both sides with their values', () => {
  const text = setCell(setCell(clean21, '| 二、上年结转', 7, '14'), '| 二、上年结转', 6, '1');
  const f = analyze(text).findings.find((x) => render(x.message, 'zh-CN').includes('“总计”列'))!;
  assert.match(render(f.message, 'zh-CN'), /一、本年新收政府信息公开申请数量 153 \+ 二、上年结转政府信息公开申请数量 14 = 167，而 （七）总计 156 \+ 四、结转下年度继续办理 10 = 166，相差 1/);
});

test('exact arithmetic: decimals never drift (0.1 + 0.2 = 0.3)', () => {
  const text = '| 项目 | 金额（万元） |\n|---|---|\n| 甲 | 0.1 |\n| 乙 | 0.2 |\n| 合计 | 0.3 |\n';
  assert.deepEqual(codes(text), []);
  assert.deepEqual(codes(text.replace('0.3', '0.30000000000000004')), ['5 total-mismatch']);
});

test('total-mismatch: the total is the preferred fix, and each part that could be wrong is offered too', () => {
  const text = setCell(clean21, '| 3 | 1 | 1 | 1 | 6 |', 4, '7');
  const [f] = analyze(text).findings;
  const fixes = f.fixes!;
  assert.equal(fixes[0].safe, true);
  assert.equal(fixes[0].edits[0].newText, '6');
  assert.deepEqual(fixes.slice(1).map((x) => x.edits[0].newText), ['4', '2', '2', '2']);
  assert.ok(fixes.slice(1).every((x) => !x.safe));
  // Fixing the total leaves nothing; fixing a part makes the table say 7, and the text's 行政复议6件 then differs.
  const prose = `${text.split('\n').findIndex((l) => l.includes('被申请行政复议6件')) + 1} prose-mismatch`;
  fixes.forEach((fix, i) => {
    const after = analyze(applyEdits(text, fix.edits));
    assert.deepEqual(after.findings.map((x) => `${x.range.start.line + 1} ${x.code}`), i === 0 ? [] : [prose], render(fix.title, 'zh-CN'));
  });
});

test('not-a-number: a figure below zero is one, at its cell; −0 and 0 are not', () => {
  const clean21 = sample('clean-2021.md');
  const at = (text: string) => analyze(text).findings.filter((f) => f.code === 'not-a-number').map((f) => `${f.range.start.line + 1}:${render(f.message, 'en')}`);
  const negative = at(setCell(clean21, '| 1.属于国家秘密', 1, '-2'));
  assert.equal(negative.length, 1, negative.join('\n'));
  assert.match(negative[0], /^73:.*-2/);
  for (const zero of ['-0', '-0.0', '0']) assert.deepEqual(at(setCell(clean21, '| 1.属于国家秘密', 1, zero)), [], zero);
});

test('a report cut short after its first section is read as the report it names itself, its missing sections reported', () => {
  const body = '\n\n根据《条例》规定，现发布本报告。\n\n## 一、总体情况\n\n2024年，全区共收到依申请公开件30件，上年度结转1件，共办结24件，结转7件。\n';
  const cut = analyze(`# 某区2024年政府信息公开工作年度报告${body}`);
  assert.equal(cut.template, 'gov-annual-2021');
  assert.deepEqual(cut.findings.map((f) => f.code), Array(5).fill('missing-section'));
  assert.deepEqual(cut.findings.map((f) => render(f.message, 'zh-CN').slice(0, 4)), ['缺少“二', '缺少“三', '缺少“四', '缺少“五', '缺少“六']);
  // a year's report of something else with one such heading is still one finding, not six
  const other = analyze(`# 某公司2024年度报告${body}`);
  assert.equal(other.template, null);
  assert.deepEqual(other.findings.map((f) => f.code), ['not-a-report']);
  // two sections in place make a report under any title, as before
  const two = analyze(`# 某公司2024年度报告${body}\n## 二、主动公开政府信息情况\n\n见下表。\n`);
  assert.equal(two.template, 'gov-annual-2021');
});

test('without a title, a text whose opening names the report it is and whose first section is in place is that report cut short', () => {
  // as 开化县中村乡 (2023)'s page copies: the box of particulars, an opening naming the report, section 一, then the cut
  const box = '索引号: | 113308247743941119/2024-122331 | 公开方式: | 主动公开 |\n\n发布单位: | 某乡 | 有效性: |\n\n';
  const opening = '根据《中华人民共和国政府信息公开条例》以及省、市、县各级关于政府信息公开工作的文件要求，现向社会公布某乡人民政府2023年政府信息公开工作年度报告。全文由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六部分组成。报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n\n';
  const section = '## 一、总体情况\n\n2023年，主动公开政府信息146条，其中网站公开101条，政务微信公开45条。\n';
  const cut = analyze(box + opening + section);
  assert.equal(cut.model.title, undefined);
  assert.equal(cut.template, 'gov-annual-2021');
  assert.deepEqual(cut.findings.map((f) => f.code), Array(5).fill('missing-section'));
  // without the words that name the report, one section makes no report (nor does the box)
  assert.deepEqual(analyze(box + '根据《条例》规定，现发布本报告。\n\n' + section).findings.map((f) => f.code), []);
  // the words alone, without a section of the report, claim nothing
  assert.deepEqual(analyze(box + opening + '## 工作情况\n\n本年度工作顺利。\n').findings.map((f) => f.code), []);
  // words naming the report further down (the fourth paragraph) are not its opening
  const late = '某乡召开会议。\n\n会议研究了工作。\n\n会议部署了任务。\n\n' + opening + section;
  assert.equal(analyze(late).template, null);
});

test('without a title or a section line, a text that names itself the report and bears the template tables\' captions claims to be one', () => {
  const table = '### 第二十条第（一）项\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 1 | 0 | 3 |\n';
  // as 荷塘区桂花街道 (2019) published its report: an opening paragraph, then the tables
  const opening = '根据《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求，现公布某街道办事处2019年政府信息公开工作年度报告。本年报中所列数据的统计期限自2019年1月1日起至2019年12月31日止。\n\n';
  const report = analyze(opening + table);
  assert.equal(report.model.title, undefined);
  assert.deepEqual(report.findings.map((f) => f.code), ['not-a-report']);
  // the caption alone, or the words alone, claim nothing
  assert.deepEqual(analyze(table).findings.map((f) => f.code), []);
  assert.deepEqual(analyze(opening + '| 类别 | 数量 |\n|---|---|\n| 文件 | 3 |\n').findings.map((f) => f.code), []);
});
