// The edit builders (engine/edits): each edit is applied to a real sample, the sample analysed again, and
// the targeted finding must be gone, no finding of the listed kinds may appear, and the text outside the
// edit must be byte-identical. Table-driven: one row per situation.
import { render } from '../messages/render.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, BUILTIN_TEMPLATES, type Analysis, type Code, type Edit, type Finding, type Template } from '../engine/index.js';
import { LineIndex } from '../engine/source.js';
import { IncrementalAnalyzer } from '../engine/incremental.js';
import {
  insertRowEdit, insertSectionEdit, normaliseDigitsEdit, padRowEdit, skeleton, tableSkeleton, STUB,
} from '../engine/edits/index.js';
import { applyEdits, sample } from './support.js';
import { groupParents, tableLines } from '../engine/edits/table-skeleton.js';

const clean21 = sample('clean-2021.md');
const clean19 = sample('clean-2019.md');
const seed002 = sample('002-wulanchabu-2020.md');
const seed003 = sample('003-xiangtan-2016.md');
const seed004 = sample('004-gaoping-2022.md');

const template = (id: string): Template => BUILTIN_TEMPLATES.find((t) => t.id === id)!;

/** The text before and after the edit's range is byte-for-byte the original's. */
function assertOutsideUnchanged(before: string, after: string, edit: Edit): void {
  const index = new LineIndex(before);
  const start = index.offset(edit.range.start);
  const end = index.offset(edit.range.end);
  const tail = before.length - end;
  assert.ok(Buffer.from(after.slice(0, start)).equals(Buffer.from(before.slice(0, start))), 'text before the edit changed');
  assert.ok(Buffer.from(after.slice(after.length - tail)).equals(Buffer.from(before.slice(end))), 'text after the edit changed');
  assert.equal(after.length, start + edit.newText.length + tail);
}

function count(findings: Finding[], code: Code): number {
  return findings.filter((f) => f.code === code).length;
}

/** No finding of these kinds that was not there before (counted per code: lines move with an insertion). */
function assertNoNew(before: Finding[], after: Finding[], codes: Code[]): void {
  for (const code of codes) {
    const added = after.filter((f) => f.code === code).map((f) => `${f.range.start.line + 1} ${render(f.message, 'zh-CN')}`);
    assert.ok(count(after, code) <= count(before, code), `new ${code}: ${added.join(' / ')}`);
  }
}

const deleteLine = (text: string, prefix: string): string => {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(prefix));
  assert.ok(i >= 0, `no line starts with ${prefix}`);
  assert.equal(lines.findIndex((l, j) => j > i && l.startsWith(prefix)), -1, `several lines start with ${prefix}`);
  lines.splice(i, 1);
  return lines.join('\n');
};
const cut = (text: string, from: string, to?: string): string =>
  text.slice(0, text.indexOf(from)) + (to ? text.slice(text.indexOf(to)) : '');
const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
const lineIndexOf = (text: string, prefix: string): number => text.split(/\r?\n/).findIndex((l) => l.startsWith(prefix));

const STRUCTURE: Code[] = ['missing-section', 'missing-table', 'missing-row', 'missing-column', 'row-shape', 'section-title'];

// ── skeleton ────────────────────────────────────────────────────────────────────────────────────────────

for (const t of BUILTIN_TEMPLATES) {
  test(`skeleton: ${t.id} has every section and table, and only blanks to report`, () => {
    const year = t.years?.from ?? t.years?.to ?? 2016;
    const text = skeleton(t, { year, organ: '某市某区人民政府' });
    for (const options of [{ template: t.id }, {}]) {
      const a = analyze(text, options);
      assert.equal(a.template, t.id);
      const unexpected = a.findings.filter((f) => f.code !== 'empty-table' && f.code !== 'empty-cell');
      assert.deepEqual(unexpected.map((f) => `${f.range.start.line + 1} ${f.code} ${render(f.message, 'zh-CN')}`), []);
      for (const code of STRUCTURE) assert.equal(count(a.findings, code), 0, code);
      assert.deepEqual(a.binding.sections!.matches.map((m) => m.spec.id), t.sections.map((s) => s.id));
      for (const spec of t.tables) {
        const bound = a.binding.tables.find((b) => b.spec.id === spec.id);
        assert.ok(bound, `table ${spec.id} bound`);
        assert.deepEqual(bound.missingColumns, []);
        const columns = new Set(bound.parts.flatMap((p) => [...p.columns.keys()]));
        assert.equal(columns.size, spec.columns.length, `all columns of ${spec.id} bound`);
        for (const row of spec.rows) if (!row.anonymous) assert.ok(bound.rows.has(row.id), `${spec.id}/${row.id} bound`);
      }
      assert.equal(a.model.year?.value, year);
    }
    assert.match(text, new RegExp(`^---\\ntemplate: ${t.id}\\nyear: ${year}\\norgan: 某市某区人民政府\\n---\\n`));
    assert.ok(text.includes(`# 某市某区人民政府${year}年政府信息公开工作年度报告\n`));
    assert.ok(text.includes(`本报告所列数据的统计期限自${year}年1月1日至${year}年12月31日。`));
    assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'));
  });
}

test('skeleton: without organ the title says 某某 and the front matter has no organ', () => {
  const text = skeleton(template('gov-annual-2021'), { year: 2023 });
  assert.ok(text.startsWith('---\ntemplate: gov-annual-2021\nyear: 2023\n---\n\n# 某某2023年政府信息公开工作年度报告\n'));
  const a = analyze(text);
  assert.equal(a.template, 'gov-annual-2021');
  assert.equal(a.model.frontMatter?.organ, undefined);
});

test('skeleton: the legacy format is numbered 一、二、… in order; the 2021 format uses its ordinals', () => {
  const headings = (text: string) => text.split('\n').filter((l) => l.startsWith('## '));
  assert.deepEqual(headings(skeleton(template('gov-annual-legacy'), { year: 2016 })), [
    '## 一、概述', '## 二、主动公开政府信息情况', '## 三、依申请公开政府信息情况', '## 四、政府信息公开的收费及减免情况',
    '## 五、咨询和投诉情况', '## 六、因政府信息公开申请行政复议、提起行政诉讼的情况', '## 七、工作人员和费用支出情况',
    '## 八、存在的主要问题及改进措施', '## 九、其他需要报告的事项', '## 十、附表',
  ]);
  assert.deepEqual(headings(skeleton(template('gov-annual-2021'), { year: 2022 })), [
    '## 一、总体情况', '## 二、主动公开政府信息情况', '## 三、收到和处理政府信息公开申请情况',
    '## 四、政府信息公开行政复议、行政诉讼情况', '## 五、存在的主要问题及改进情况', '## 六、其他需要报告的事项',
  ]);
});

test('skeleton: an organ YAML would misread is quoted', () => {
  const text = skeleton(template('gov-annual-2021'), { year: 2022, organ: '某局: 办公室 #1' });
  const a = analyze(text);
  assert.equal(a.model.frontMatter?.organ?.value, '某局: 办公室 #1');
  assert.equal(count(a.findings, 'front-matter'), 0);
});

test('skeleton: the blank 四 table binds all 15 columns, and still does once its figures are filled in', () => {
  const text = skeleton(template('gov-annual-2021'), { year: 2022 });
  // The figures' row: no label, blanks between 17 pipes (aligned under the header).
  const blankRow = text.split('\n').filter((l) => /^\|[ |]+\|$/.test(l)).pop()!;
  assert.equal(blankRow.split('|').length, 18);
  assert.ok(text.includes(`\n${blankRow}\n`));
  const filled = text.replace(`\n${blankRow}\n`, `\n| |${' 0 |'.repeat(15)}\n`);
  for (const t of [text, filled]) {
    const a = analyze(t);
    const appeals = a.binding.tables.find((b) => b.spec.id === 'appeals')!;
    assert.equal(appeals.parts.length, 1);
    assert.equal(appeals.parts[0].columns.size, 15);
    // Each column bound to its own group: 行政复议 1–5, 直接起诉 6–10, 复议后起诉 11–15.
    assert.deepEqual(template('gov-annual-2021').tables.find((s) => s.id === 'appeals')!.columns
      .map((c) => appeals.parts[0].columns.get(c.id)!.index), Array.from({ length: 15 }, (_, i) => i + 1));
  }
  const a = analyze(filled);
  assert.ok(a.binding.tables.find((b) => b.spec.id === 'appeals')!.rows.has('cases'));
  assert.equal(a.findings.filter((f) => f.range.start.line >= lineIndexOf(filled, '## 四、')).length, 0);
});

test('skeleton: rejects a year that is not an integer', () => {
  assert.throws(() => skeleton(template('gov-annual-2021'), { year: 2022.5 }), RangeError);
});

// ── tableSkeleton ───────────────────────────────────────────────────────────────────────────────────────

const cellCount = (line: string) => line.trim().slice(1, -1).split('|').length;

for (const t of BUILTIN_TEMPLATES) {
  for (const spec of t.tables) {
    test(`tableSkeleton: ${t.id}/${spec.id} is one rectangular table, with a row per template row`, () => {
      const md = tableSkeleton(t, spec.id);
      const lines = md.split('\n');
      const tableLines = lines.filter((l) => l.startsWith('|'));
      const width = cellCount(tableLines[0]);
      for (const l of tableLines) assert.equal(cellCount(l), width, l);
      const headerRows = spec.columns.some((c) => c.group?.length) ? 3 : 1;
      assert.equal(tableLines.length, 1 + headerRows + spec.rows.length);
      if (spec.caption) assert.deepEqual(lines.slice(0, 2), [`### ${spec.caption[0]}`, '']);
      else assert.ok(lines[0].startsWith('|'));
      // Every value cell is blank.
      const labelColumns = spec.rows.some((r) => r.unit) ? 2 : 1;
      for (const row of tableLines.slice(1 + headerRows)) {
        assert.deepEqual(row.trim().slice(1, -1).split('|').slice(labelColumns).map((c) => c.trim()).filter(Boolean), []);
      }
      // Rows labelled with their ordinals, in template order.
      assert.deepEqual(tableLines.slice(1 + headerRows).map((l) => l.split('|')[1].trim()),
        spec.rows.map((r) => (r.ordinal ?? '') + r.label));
    });
  }
}

test('tableSkeleton: the shapes of the 三, 四, 二 and 附表 tables', () => {
  const t21 = template('gov-annual-2021');
  const requests = tableSkeleton(t21, 'requests').split('\n');
  assert.equal(requests[0], '| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |');
  assert.equal(requests[1], '|---|---|---|---|---|---|---|---|');
  assert.equal(requests[2], '| 一、本年新收政府信息公开申请数量 | | | | | | | |');
  assert.ok(requests.includes('| （一）予以公开 | | | | | | | |'));
  assert.ok(requests.includes('| 1.属于国家秘密 | | | | | | | |'));
  const appeals = tableSkeleton(t21, 'appeals').split('\n');
  assert.deepEqual(appeals.slice(0, 4), [
    '| 项目 | 行政复议 | | | | | 行政诉讼 | | | | | | | | | |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    '| | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |',
    '| | | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |',
  ]);
  assert.equal(tableSkeleton(t21, 'item-8'),
    '### 第二十条第（八）项\n\n| 信息内容 | 本年收费金额（单位：万元） |\n|---|---|\n| 行政事业性收费 | |');
  assert.ok(tableSkeleton(t21, 'item-1', { headingDepth: 4 }).startsWith('#### 第二十条第（一）项\n'));
  const appendix = tableSkeleton(template('gov-annual-legacy'), 'appendix').split('\n');
  assert.equal(appendix[0], '| 统计指标 | 单位 | 合计 |');
  assert.ok(appendix.includes('| （一）主动公开政府信息数 | 条 | |'));
  assert.ok(appendix.includes('| 七、依申请公开信息收取的费用 | 万元 | |'));
  assert.ok(appendix.includes('| 1.政府公报公开政府信息数 | | |'));
  assert.throws(() => tableSkeleton(t21, 'nope'), RangeError);
});

test('tableSkeleton: each table alone under its section binds every column and row', () => {
  for (const t of BUILTIN_TEMPLATES) {
    for (const spec of t.tables) {
      const section = t.sections.find((s) => s.id === spec.section)!;
      const text = `## ${section.ordinal ? '一、' : ''}${section.title}\n\n${tableSkeleton(t, spec.id)}\n`;
      const a = analyze(text, { template: t.id });
      const bound = a.binding.tables.find((b) => b.spec.id === spec.id);
      assert.ok(bound, `${t.id}/${spec.id}`);
      assert.deepEqual(bound.missingColumns, [], `${t.id}/${spec.id}`);
      for (const code of ['missing-row', 'missing-column', 'row-shape', 'unknown-row', 'row-order'] as Code[]) {
        assert.equal(count(a.findings, code), 0, `${t.id}/${spec.id} ${code}`);
      }
    }
  }
});

// ── insertSectionEdit ───────────────────────────────────────────────────────────────────────────────────

interface SectionCase { name: string; text: string; section: string; options?: { template?: string } }

const depth3 = clean21.replace(/^### /gm, '#### ').replace(/^## /gm, '### ');

const SECTION_CASES: SectionCase[] = [
  { name: '002: 六 missing at the end', text: seed002, section: 'other' },
  { name: 'clean-2021: 四 removed (tables)', text: cut(clean21, '## 四、', '## 五、'), section: 'appeals' },
  { name: 'clean-2021: 三 removed (the 三 table)', text: cut(clean21, '## 三、', '## 四、'), section: 'requests' },
  { name: 'clean-2021: 二 removed (four captioned tables)', text: cut(clean21, '## 二、', '## 三、'), section: 'proactive' },
  { name: 'clean-2021: 一 removed, inserted after the intro', text: cut(clean21, '## 一、', '## 二、'), section: 'overview' },
  { name: 'clean-2021: 六 removed, text ends with a newline', text: cut(clean21, '## 六、'), section: 'other' },
  { name: 'clean-2021: 六 removed, text ends without a newline', text: cut(clean21, '## 六、').trimEnd(), section: 'other' },
  { name: 'clean-2021: 五 removed, no blank line before 六', text: cut(clean21, '## 五、', '## 六、').replace(/\n\n## 六、/, '\n## 六、'), section: 'problems' },
  { name: 'clean-2021 in CRLF: 三 removed', text: crlf(cut(clean21, '## 三、', '## 四、')), section: 'requests' },
  { name: 'clean-2021 with sections at ###: 二 removed', text: cut(depth3, '### 二、', '### 三、'), section: 'proactive' },
  { name: 'clean-2019: 四 removed', text: cut(clean19, '## 四、', '## 五、'), section: 'appeals' },
  { name: 'clean-2019: 二 removed (five tables)', text: cut(clean19, '## 二、', '## 三、'), section: 'proactive' },
  { name: '003 legacy: optional 其他需要报告的事项 inserted before 附表, unnumbered', text: seed003, section: 'other' },
  { name: '003 legacy: optional 咨询和投诉情况 inserted', text: seed003, section: 'consultation' },
];

for (const c of SECTION_CASES) {
  test(`insertSectionEdit: ${c.name}`, () => {
    const before = analyze(c.text, c.options);
    const t = before.binding.template!;
    const spec = t.sections.find((s) => s.id === c.section)!;
    const edit = insertSectionEdit(before, c.section);
    assert.ok(edit);
    assert.deepEqual(edit.range.start, edit.range.end, 'an insertion');
    const text = applyEdits(c.text, [edit]);
    assertOutsideUnchanged(c.text, text, edit);
    const after = analyze(text, c.options);
    assert.equal(after.template, t.id);

    // The section is there, once, at the report's section depth, in template order.
    const match = after.binding.sections!.matches.find((m) => m.spec.id === c.section);
    assert.ok(match, 'section bound');
    assert.equal(match.heading.depth, before.binding.sections!.depth);
    const title = spec.ordinal ? `${'一二三四五六'[spec.ordinal - 1]}、${spec.title}` : spec.title;
    assert.equal(match.heading.text, title);
    assert.equal(count(after.findings, 'missing-section'), count(before.findings, 'missing-section') - (spec.required ? 1 : 0));
    assert.ok(!after.findings.some((f) => f.code === 'missing-section' && render(f.message, 'zh-CN').includes(spec.title)));

    // Its tables are bound, whole.
    for (const table of t.tables.filter((s) => s.section === c.section)) {
      const bound = after.binding.tables.find((b) => b.spec.id === table.id);
      assert.ok(bound, `table ${table.id}`);
      assert.equal(bound.section.spec.id, c.section);
      assert.deepEqual(bound.missingColumns, []);
    }
    assertNoNew(before.findings, after.findings, ['missing-table', 'missing-row', 'missing-column', 'row-shape',
      'section-order', 'duplicate-section', 'numbering', 'unknown-row', 'row-order', 'section-title', 'total-mismatch']);

    // Blank lines around it; the stub is its first paragraph.
    const lines = text.split(/\r\n|\n/);
    const headingLine = match.heading.line;
    assert.ok(headingLine === 0 || lines[headingLine - 1].trim() === '', 'blank line before the heading');
    assert.equal(lines[headingLine + 1], '');
    assert.equal(lines[headingLine + 2], STUB);
    const next = after.binding.sections!.matches.find((m) => m.heading.line > headingLine);
    if (next) assert.equal(lines[next.heading.line - 1], '', 'blank line before the next heading');
    else assert.ok(/\n$/.test(text) && !/\n\n$/.test(text), 'one final newline');
    if (c.text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(text), 'CRLF kept');
  });
}

test('insertSectionEdit: undefined for a present section, an unknown one, or a document without a template', () => {
  assert.equal(insertSectionEdit(analyze(clean21), 'appeals'), undefined);
  assert.equal(insertSectionEdit(analyze(clean21), 'nope'), undefined);
  assert.equal(insertSectionEdit(analyze(seed004), 'overview'), undefined);
});

// ── insertRowEdit ───────────────────────────────────────────────────────────────────────────────────────

interface RowCase {
  name: string;
  text: string;
  table: string;
  row: string;
  /** The inserted line, when the case pins it. */
  expect?: string;
  /** The line just before the inserted one, when the case pins it. */
  previous?: string;
}

const RC = (name: string, text: string, prefix: string, table: string, row: string, expect?: string, previous?: string): RowCase =>
  ({ name, text: deleteLine(text, prefix), table, row, expect, previous });

/** clean-2021 with section 二 as one table whose blocks start with a caption row and repeat the header. */
const combined21 = cut(clean21, '## 二、', '## 三、').replace('## 三、', `## 二、主动公开政府信息情况

| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 第二十条第（一）项 | | | |
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 7 | 3 | 42 |
| 第二十条第（五）项 | | | |
| 信息内容 | 本年处理决定数量 | | |
| 行政许可 | 5862 | | |
| 第二十条第（六）项 | | | |
| 信息内容 | 本年处理决定数量 | | |
| 行政处罚 | 1437 | | |
| 行政强制 | 86 | | |
| 第二十条第（八）项 | | | |
| 信息内容 | 本年收费金额（单位：万元） | | |
| 行政事业性收费 | 2316.48 | | |

## 三、`);

const ROW_CASES: RowCase[] = [
  RC('clean-2021: 2.重复申请', clean21, '| 2.重复申请', 'requests', 'not-handled-2', '| 2.重复申请 | | | | | | | |'),
  RC('clean-2021: the first row, before the next one', clean21, '| 一、本年新收', 'requests', 'new', '| 一、本年新收政府信息公开申请数量 | | | | | | | |'),
  RC('clean-2021: （七）总计', clean21, '| （七）总计', 'requests', 'results-total', '| （七）总计 | | | | | | | |'),
  RC('clean-2021: the last row', clean21, '| 四、结转下年度', 'requests', 'carried-out'),
  RC('clean-2021: after a group row', clean21, '| 1.属于国家秘密', 'requests', 'withheld-1', '| 1.属于国家秘密 | | | | | | | |'),
  RC('clean-2021: a group row itself', clean21, '| （四）无法提供', 'requests', 'unavailable', '| （四）无法提供 | | | | | | | |'),
  RC('clean-2021: 二 table 行政强制', clean21, '| 行政强制 |', 'item-6', 'enforcement', '| 行政强制 | |'),
  RC('clean-2021: 二 table first row 规章', clean21, '| 规章 |', 'item-1', 'rules', '| 规章 | | | |'),
  RC('clean-2021 in CRLF: 3.其他', crlf(clean21), '| 3.其他', 'requests', 'other-handling-3'),
  RC('clean-2019 merged: （六）其他处理 (a row of figures in 2019)', clean19, '| | （六）其他处理', 'requests', 'other-handling',
    '| | （六）其他处理 | | | | | | | | |'),
  RC('clean-2019 merged: a group label lost with its first leaf', clean19, '| | （三）不予公开 | 1.属于国家秘密', 'requests',
    'withheld-1', '| | | 1.属于国家秘密 | | | | | | | |'),
  RC('clean-2019: 其他对外管理服务事项', clean19, '| 其他对外管理服务事项', 'item-5', 'other-services'),
  RC('002 merged layout: a leaf in the third label column', seed002, '| | | 2.没有现成', 'requests', 'unavailable-2',
    '| | | 2.没有现成信息需要另行制作 | | | | | | | |'),
  RC('002 merged layout: (七)总计 in its siblings\' column, in the table\'s brackets', seed002, '| | (七)总计', 'requests',
    'results-total', '| | (七)总计 | | | | | | | | |'),
  RC('002 merged layout: a top-level row in the first label column', seed002, '| 二、上年结转', 'requests', 'carried-in',
    '| 二、上年结转政府信息公开申请数量 | | | | | | | | | |'),
  RC('002 merged layout: 8.属于行政查询事项', seed002, '| | | 8.属于', 'requests', 'withheld-8'),
  RC('002 merged layout: the last row', seed002, '| 四、结转', 'requests', 'carried-out'),
  RC('002 merged layout: (六)其他处理', seed002, '| | (六)其他处理', 'requests', 'other-handling', '| | (六)其他处理 | | | | | | | | |'),
  RC('二 as one table: a row of a block', combined21, '| 行政强制 |', 'item-6', 'enforcement', '| 行政强制 | | | |', '| 行政处罚 | 1437 | | |'),
  RC('二 as one table: the only row of a block, after the repeated header', combined21, '| 行政许可 |', 'item-5', 'licensing',
    '| 行政许可 | | | |', '| 信息内容 | 本年处理决定数量 | | |'),
  RC('二 as one table: the first row of the first block', combined21, '| 规章 |', 'item-1', 'rules', '| 规章 | | | |', '| 第二十条第（一）项 | | | |'),
  RC('003 legacy 附表: a row without a unit', seed003, '| 5.其他方式公开政府信息数', 'appendix', 'channel-other', '| 5.其他方式公开政府信息数 | | |'),
  RC('003 legacy 附表: a row with its unit', seed003, '| 七、依申请公开信息收取的费用', 'appendix', 'fees', '| 七、依申请公开信息收取的费用 | 万元 | |'),
  RC('003 legacy 附表: written (一) with half-width brackets', seed003, '| (二)申请办结数', 'appendix', 'closed', '| (二)申请办结数 | | |'),
];

for (const c of ROW_CASES) {
  test(`insertRowEdit: ${c.name}`, () => {
    const before = analyze(c.text);
    const edit = insertRowEdit(before, c.table, c.row);
    assert.ok(edit);
    assert.deepEqual(edit.range.start, edit.range.end, 'an insertion');
    const text = applyEdits(c.text, [edit]);
    assertOutsideUnchanged(c.text, text, edit);

    // Exactly one new line; every other line as it was.
    const oldLines = c.text.split(/\r\n|\n/);
    const newLines = text.split(/\r\n|\n/);
    assert.equal(newLines.length, oldLines.length + 1);
    const at = newLines.findIndex((l, i) => l !== oldLines[i]);
    assert.deepEqual([...newLines.slice(0, at), ...newLines.slice(at + 1)], oldLines);
    if (c.expect) assert.equal(newLines[at], c.expect);
    if (c.previous) assert.equal(newLines[at - 1], c.previous);

    const after = analyze(text);
    const bound = after.binding.tables.find((b) => b.spec.id === c.table)!;
    const binding = bound.rows.get(c.row)?.[0];
    assert.ok(binding, 'row bound');
    assert.equal(binding.row.line, at);
    assert.equal(binding.row.cells.length, binding.part.table.width);
    const spec = bound.spec.rows.find((r) => r.id === c.row)!;
    const wasMissing = !spec.group && spec.required !== false ? 1 : 0;
    assert.equal(count(after.findings, 'missing-row'), count(before.findings, 'missing-row') - wasMissing);
    assert.ok(!after.findings.some((f) => f.code === 'missing-row' && render(f.message, 'zh-CN').includes(`“${(spec.ordinal ?? '') + spec.label}”`)));
    assertNoNew(before.findings, after.findings, ['row-shape', 'unknown-row', 'row-order', 'missing-column', 'numbering',
      'total-mismatch', 'reconciliation']);
    assert.equal(after.findings.filter((f) => f.range.start.line === at && f.code === 'row-shape').length, 0);
  });
}

test('the edits read an incremental analysis (moved chunk parts) as they read a fresh one', () => {
  const cases: Array<[string, string, (a: Analysis) => Edit | undefined]> = [
    [clean21, cut(clean21, '## 四、', '## 五、'), (a) => insertSectionEdit(a, 'appeals')],
    [clean21, cut(clean21, '## 一、', '## 二、'), (a) => insertSectionEdit(a, 'overview')],
    [clean21, deleteLine(clean21, '| 2.重复申请'), (a) => insertRowEdit(a, 'requests', 'not-handled-2')],
    [seed002, deleteLine(seed002, '| | (七)总计'), (a) => insertRowEdit(a, 'requests', 'results-total')],
    [seed002, `标题\n\n${seed002}`, (a) => padRowEdit(a, 98)],
    [seed002, seed002, (a) => insertSectionEdit(a, 'other')],
  ];
  for (const [first, second, edit] of cases) {
    const incremental = new IncrementalAnalyzer();
    incremental.analyze(first);
    const expected = edit(analyze(second));
    assert.ok(expected);
    assert.deepEqual(edit(incremental.analyze(second)), expected);
  }
});

test('insertRowEdit: undefined for a row that is there, an unknown table or row, and the anonymous 四 row', () => {
  const a = analyze(clean21);
  assert.equal(insertRowEdit(a, 'requests', 'open'), undefined);
  assert.equal(insertRowEdit(a, 'nope', 'open'), undefined);
  assert.equal(insertRowEdit(a, 'requests', 'nope'), undefined);
  assert.equal(insertRowEdit(a, 'appeals', 'cases'), undefined);
});

// ── padRowEdit ──────────────────────────────────────────────────────────────────────────────────────────

interface PadCase { name: string; text: string; line: number; newText: string; expectAfter?: string }

const shortRow = (text: string, line: string) => text.replace(/^\| 2\.重复申请 .*$/m, line);

const PAD_CASES: PadCase[] = [
  { name: '002 line 97: 2.重复申请 lost its 总计', text: seed002, line: 96, newText: ' |', expectAfter: '97 empty-cell' },
  { name: 'three cells short, with a closing pipe', text: shortRow(clean21, '| 2.重复申请 | 3 | 0 | 0 | 0 |'),
    line: lineIndexOf(clean21, '| 2.重复申请'), newText: ' | | |' },
  { name: 'no closing pipe: one is added', text: shortRow(clean21, '| 2.重复申请 | 3 | 0 | 0 | 0 | 0 | 0'),
    line: lineIndexOf(clean21, '| 2.重复申请'), newText: ' | |' },
  { name: 'trailing spaces stay after the new cells', text: shortRow(clean21, '| 2.重复申请 | 3 | 0 | 0 | 0 | 0 |   '),
    line: lineIndexOf(clean21, '| 2.重复申请'), newText: ' | |' },
  { name: 'empty cells written || in the row', text: shortRow(clean21, '|2.重复申请|3||0|0|0|'),
    line: lineIndexOf(clean21, '| 2.重复申请'), newText: '||' },
  { name: 'CRLF', text: crlf(seed002), line: 96, newText: ' |', expectAfter: '97 empty-cell' },
];

for (const c of PAD_CASES) {
  test(`padRowEdit: ${c.name}`, () => {
    const before = analyze(c.text);
    assert.ok(before.findings.some((f) => f.code === 'row-shape' && f.range.start.line === c.line));
    const edit = padRowEdit(before, c.line);
    assert.ok(edit);
    assert.equal(edit.newText, c.newText);
    assert.deepEqual(edit.range.start, edit.range.end);
    assert.equal(edit.range.start.line, c.line);
    const text = applyEdits(c.text, [edit]);
    assertOutsideUnchanged(c.text, text, edit);
    const after = analyze(text);
    assert.ok(!after.findings.some((f) => f.code === 'row-shape' && f.range.start.line === c.line));
    const table = after.model.tables.find((t) => t.rows.some((r) => r.line === c.line))!;
    assert.equal(table.rows.find((r) => r.line === c.line)!.cells.length, table.width);
    assertNoNew(before.findings, after.findings, ['row-shape', 'unknown-row', 'missing-row', 'not-a-number']);
    if (c.expectAfter) {
      assert.ok(after.findings.some((f) => `${f.range.start.line + 1} ${f.code}` === c.expectAfter
        && render(f.message, 'zh-CN').includes('总计')), c.expectAfter);
    }
  });
}

test('padRowEdit: undefined for a full row, a long row, the header, and a line outside every table', () => {
  const a = analyze(clean21);
  assert.equal(padRowEdit(a, lineIndexOf(clean21, '| 2.重复申请')), undefined);
  assert.equal(padRowEdit(a, lineIndexOf(clean21, '| 项目 |')), undefined);
  assert.equal(padRowEdit(a, lineIndexOf(clean21, '|---|---|---|---|---|---|---|---|')), undefined);
  assert.equal(padRowEdit(a, 0), undefined);
  const long = clean21.replace(/^(\| 2\.重复申请 .*)$/m, '$1 0 |');
  assert.equal(padRowEdit(analyze(long), lineIndexOf(long, '| 2.重复申请')), undefined);
});

// ── normaliseDigitsEdit ─────────────────────────────────────────────────────────────────────────────────

interface DigitCase { name: string; line: string; from?: number; to?: number; expect: string | undefined }

const DIGIT_CASES: DigitCase[] = [
  { name: 'full-width digits', line: '| 一、本年新收 | １２８ | 14 |', expect: '| 一、本年新收 | 128 | 14 |' },
  { name: 'thousands separator', line: '共１，２８８件', expect: '共1,288件' },
  { name: 'decimal point', line: '| 行政事业性收费 | ２３１６．４８ |', expect: '| 行政事业性收费 | 2316.48 |' },
  { name: 'minus sign', line: '| 行政许可 | ５ | －３ | 2 |', expect: '| 行政许可 | 5 | -3 | 2 |' },
  { name: 'a comma of prose stays', line: '收到申请１２件，其中予以公开３件', expect: '收到申请12件，其中予以公开3件' },
  { name: 'a list of numbers is not a thousands separator', line: '第１，２，３项', expect: '第1，2，3项' },
  { name: 'a dash between numbers is a range, not a sign', line: '第１－５项', expect: '第1－5项' },
  { name: 'an enumerator keeps its full-width point', line: '１．属于国家秘密', expect: '1．属于国家秘密' },
  { name: 'ASCII already', line: '| 1,288 | 12.5 | -3 |', expect: undefined },
  { name: 'only inside the range', line: '１２ | ３４ | ５６', from: 5, to: 7, expect: '１２ | 34 | ５６' },
  { name: 'UTF-16 columns after an astral character', line: '𠀀𠀀 １２', expect: '𠀀𠀀 12' },
  { name: 'a separator whose digits lie outside the range', line: '１，２８８', from: 1, to: 2, expect: '１,２８８' },
];

for (const c of DIGIT_CASES) {
  test(`normaliseDigitsEdit: ${c.name}`, () => {
    const text = `前一行１\n${c.line}\n后一行２\n`;
    const range = { start: { line: 1, character: c.from ?? 0 }, end: { line: 1, character: c.to ?? c.line.length } };
    const edit = normaliseDigitsEdit(text, range);
    if (c.expect === undefined) { assert.equal(edit, undefined); return; }
    assert.ok(edit);
    const after = applyEdits(text, [edit]);
    assertOutsideUnchanged(text, after, edit);
    assert.equal(after, `前一行１\n${c.expect}\n后一行２\n`);
    // The edit spans the changed characters only, inside the range.
    assert.equal(edit.range.start.line, 1);
    assert.equal(edit.range.end.line, 1);
    assert.ok(edit.range.start.character >= (c.from ?? 0) && edit.range.end.character <= (c.to ?? c.line.length));
    assert.notEqual(edit.newText[0], c.line[edit.range.start.character]);
    assert.notEqual(edit.newText.at(-1), c.line[edit.range.end.character - 1]);
  });
}

test('normaliseDigitsEdit: a full-width cell becomes a number the engine reads the same, and nothing else moves', () => {
  const text = clean21.replace('| （一）予以公开 | 52 |', '| （一）予以公开 | ５２ |');
  const line = lineIndexOf(text, '| （一）予以公开');
  const lines = new LineIndex(text);
  const edit = normaliseDigitsEdit(text, lines.lineRange(line))!;
  const after = applyEdits(text, [edit]);
  assert.equal(after, clean21);
  assert.deepEqual(analyze(after).findings, []);
});

test('normaliseDigitsEdit: positions ignore a leading byte-order mark, as analyze does', () => {
  const edit = normaliseDigitsEdit('\ufeff１２', { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } });
  assert.deepEqual(edit, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, newText: '12' });
});


test('table skeleton: the groups above the columns\' own come from the template\'s layout, not from code', () => {
  const appeals = BUILTIN_TEMPLATES.find((t) => t.id === 'gov-annual-2021')!.tables.find((t) => t.id === 'appeals')!;
  assert.deepEqual(Object.fromEntries([...groupParents(appeals.layout)].filter(([child]) => appeals.columns.some((c) => c.group?.includes(child)))),
    { 未经复议直接起诉: '行政诉讼', 复议后起诉: '行政诉讼' });
  // Without a layout, a column's groups are all there is.
  assert.equal(tableLines({ ...appeals, layout: undefined })[0].includes('行政诉讼'), false);
});
