// Import end to end: every published form of the clean samples (web pages, Word files as built and as re-saved by
// LibreOffice, PDFs printed the way Word and WPS print) goes reader → writer → engine, and must give the sample's
// own bound tables (each template row's cells as the binding reads them) and the sample's findings (none), with
// no figure changed on the way; the real Shanghai page gives exactly what its pasted text gives.
import { render } from '../messages/render.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, type Analysis, type Finding } from '../engine/index.js';
import { importReport, readReport, isFailure, type SourceDocument } from '../import/index.js';
import { layOut, writeMarkdown } from '../import/markdown.js';
import { figureDifference } from '../import/figures.js';
import { analyzeFile } from '../cli/analyze-files.js';
import { reportDocx, type Variant } from './docx-build.js';
import { ROOT, sample } from './support.js';

const file = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(path, ROOT)));

/** Template table → template row → template column → the cell's text, as the binding reads the report. */
function boundTables(analysis: Analysis): Record<string, Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, Record<string, string>>> = {};
  for (const table of analysis.binding.tables) {
    const rows = (out[table.spec.id] ??= {});
    for (const [id, bindings] of table.rows) {
      for (const b of bindings) {
        const cells: Record<string, string> = {};
        for (const [column, col] of b.part.columns) cells[column] = b.row.cells.find((c) => c.column === col.index)?.raw ?? '(none)';
        // A group label (三、本年度办理结果) is a row of its own in one layout and part of its first leaf's row in
        // the merged one: without figures it carries nothing to compare.
        if (b.spec.group && Object.values(cells).every((v) => v === '' || v === '(none)')) continue;
        rows[id] = { ...(rows[id] ?? {}), ...cells };
      }
    }
  }
  return out;
}

const codes = (findings: Finding[]) => findings.filter((f) => f.code !== 'import').map((f) => f.code).sort();

/** Every text a document carries, for the figure multiset. */
function documentText(doc: SourceDocument): string {
  return doc.blocks.map((b) => (b.kind === 'table' ? b.rows.map((r) => r.map((c) => c.text).join('\t')).join('\n') : b.kind === 'unreadable' ? '' : b.text)).join('\n');
}

const body = (markdown: string) => markdown.replace(/^---\n[\s\S]*?\n---\n/, '');

interface Case {
  name: string;
  bytes: () => Uint8Array;
  sample: string;
  /** Template tables printed as a picture: absent from the import, reported by an `import` note and missing-table. */
  pictured?: string[];
}

const CASES: Case[] = [
  { name: 'built-2021-trs-gb18030-nocharset.html', bytes: () => file('server/fixtures/import/html/built-2021-trs-gb18030-nocharset.html'), sample: 'clean-2021.md' },
  { name: 'built-2019-ucap-utf8-bom.html', bytes: () => file('server/fixtures/import/html/built-2019-ucap-utf8-bom.html'), sample: 'clean-2019.md', pictured: ['appeals'] },
  { name: 'libreoffice-clean-2021.docx', bytes: () => file('server/fixtures/import/docx/libreoffice-clean-2021.docx'), sample: 'clean-2021.md' },
  { name: 'libreoffice-clean-2021-wps.docx', bytes: () => file('server/fixtures/import/docx/libreoffice-clean-2021-wps.docx'), sample: 'clean-2021.md' },
  { name: 'libreoffice-clean-2019.docx', bytes: () => file('server/fixtures/import/docx/libreoffice-clean-2019.docx'), sample: 'clean-2019.md' },
  ...(['clean-2021.md', 'clean-2019.md'] as const).flatMap((s) => (['word', 'wps', 'tracked', 'image'] as Variant[]).map((variant): Case => ({
    name: `${s.replace('.md', '')}-${variant}.docx`, bytes: () => new Uint8Array(reportDocx(sample(s), variant).bytes), sample: s,
    pictured: variant === 'image' ? ['requests'] : undefined,
  }))),
  { name: 'clean-2021.pdf', bytes: () => file('server/src/test/fixtures/pdf/clean-2021.pdf'), sample: 'clean-2021.md' },
  { name: 'clean-2019.pdf', bytes: () => file('server/src/test/fixtures/pdf/clean-2019.pdf'), sample: 'clean-2019.md' },
  { name: 'unruled.pdf', bytes: () => file('server/src/test/fixtures/pdf/unruled.pdf'), sample: 'clean-2021.md' },
];

for (const c of CASES) {
  test(`import e2e ${c.name}: the sample's bound tables and findings, every figure carried over`, async () => {
    const bytes = c.bytes();
    const imported = await importReport(bytes, c.name);
    if (isFailure(imported)) assert.fail(`${c.name}: ${render(imported.error, 'en')}`);
    const expected = analyze(sample(c.sample));
    const actual = analyze(imported.markdown);
    assert.equal(actual.template, expected.template);

    const want = boundTables(expected);
    for (const id of c.pictured ?? []) delete want[id];
    assert.deepEqual(boundTables(actual), want);

    // The sample's findings (none for the clean samples); a table printed as a picture is missing, and said so.
    const missing = (c.pictured ?? []).map(() => 'missing-table');
    assert.deepEqual(codes(actual.findings), [...codes(expected.findings), ...missing].sort());
    assert.equal(imported.notes.length, c.pictured?.length ?? 0, imported.notes.map((n) => render(n.message, 'en')).join('\n'));

    const read = await readReport(bytes, c.name);
    if (isFailure(read)) assert.fail(render(read.error, 'en'));
    assert.deepEqual(figureDifference(documentText(read), body(imported.markdown)), { lost: [], added: [] });
  });
}

test('import e2e: the real Shanghai 2019 page gives what its pasted text gives, its verified faults and nothing else', async () => {
  const page = await analyzeFile(new URL('server/fixtures/import/html/shanghai-2019-gb2312.html', ROOT).pathname, {});
  const text = await analyzeFile(new URL('server/fixtures/real/shanghai-gov-office-2019.txt', ROOT).pathname, {});
  assert.ok('findings' in page && 'findings' in text);
  assert.equal(page.template, 'gov-annual-2019');
  assert.deepEqual(codes(page.findings), codes(text.findings));
  assert.deepEqual(page.findings.filter((f) => f.code === 'import'), []);
  const message = (f: Finding) => `${render(f.message, 'zh-CN')} ${render(f.message, 'en')}`;
  // The verified faults (server/fixtures/real/expected.json) the pasted text is found to have.
  for (const [code, match] of [['breakdown-sum', '716'], ['percentage', '33.9%'], ['unit', '251000元'], ['prose-mismatch', '258'],
    ['prose-mismatch', '265'], ['claim-contradiction', '均获维持']]) {
    assert.ok(page.findings.some((f) => f.code === code && message(f).includes(match)), `${code} ${match}`);
  }
  // Section 二 as one table of five blocks whose cells were spanned unevenly: read cell by cell.
  const imported = await importReport(file('server/fixtures/import/html/shanghai-2019-gb2312.html'), 'shanghai.html');
  if (isFailure(imported)) assert.fail(render(imported.error, 'en'));
  assert.match(imported.markdown, /\n\| 行政许可 \| 0 \| 0 \| 0 \|\n/);
  assert.match(imported.markdown, /\n\| 政府集中采购 \| 6 \| 251000元 \| \|\n/);
});

test('import e2e: grid columns in which no cell starts are dropped, for every reader', () => {
  // LibreOffice's sliver column: the first 总计 spans two grid columns in every row.
  const rows = [
    [{ text: '行政复议', colSpan: 6 }, { text: '行政诉讼', colSpan: 2 }],
    [{ text: '结果维持' }, { text: '结果纠正' }, { text: '其他结果' }, { text: '尚未审结' }, { text: '总计', colSpan: 2 }, { text: '维持' }, { text: '总计' }],
    [{ text: '1' }, { text: '0' }, { text: '0' }, { text: '0' }, { text: '1', colSpan: 2 }, { text: '2' }, { text: '2' }],
  ];
  assert.deepEqual(layOut(rows).cells, [
    ['行政复议', '', '', '', '', '行政诉讼', ''],
    ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '维持', '总计'],
    ['1', '0', '0', '0', '1', '2', '2'],
  ]);
});

test('import e2e: rowSpan laid out the same from any reader (rows list the cells that start in them)', () => {
  const rows = [
    [{ text: '三、本年度办理结果', rowSpan: 3 }, { text: '（三）不予公开', rowSpan: 2 }, { text: '1.属于国家秘密' }, { text: '1' }],
    [{ text: '2.其他法律行政法规禁止公开' }, { text: '2' }],
    [{ text: '（四）无法提供' }, { text: '1.本机关不掌握相关政府信息' }, { text: '3' }],
  ];
  assert.deepEqual(layOut(rows).cells, [
    ['三、本年度办理结果', '（三）不予公开', '1.属于国家秘密', '1'],
    ['', '', '2.其他法律行政法规禁止公开', '2'],
    ['', '（四）无法提供', '1.本机关不掌握相关政府信息', '3'],
  ]);
});

test('import e2e: a row that lost a cell stays short; spans of a 二 block read cell by cell', () => {
  const lost = [[{ text: '项目' }, { text: 'A' }, { text: 'B' }], [{ text: '甲' }, { text: '5' }]];
  assert.deepEqual(layOut(lost).cells, [['项目', 'A', 'B'], ['甲', '5']]);
  const blocks = [
    [{ text: '第二十条第（一）项', colSpan: 5 }],
    [{ text: '信息内容' }, { text: '本年新制作数量' }, { text: '本年新公开数量', colSpan: 2 }, { text: '对外公开总数量' }],
    [{ text: '规章' }, { text: '13' }, { text: '13', colSpan: 2 }, { text: '524' }],
    [{ text: '第二十条第（五）项', colSpan: 5 }],
    [{ text: '信息内容' }, { text: '上一年项目数量' }, { text: '本年增/减', colSpan: 2 }, { text: '处理决定数量' }],
    [{ text: '行政许可' }, { text: '0', colSpan: 2 }, { text: '1' }, { text: '2' }],
    [{ text: '第二十条第（九）项', colSpan: 5 }],
    [{ text: '信息内容' }, { text: '采购项目数量', colSpan: 2 }, { text: '采购总金额', colSpan: 2 }],
    [{ text: '政府集中采购' }, { text: '6', colSpan: 2 }, { text: '7', colSpan: 2 }],
  ];
  assert.deepEqual(layOut(blocks).cells, [
    ['第二十条第（一）项', '', '', ''],
    ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
    ['规章', '13', '13', '524'],
    ['第二十条第（五）项', '', '', ''],
    ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
    ['行政许可', '0', '1', '2'],
    ['第二十条第（九）项', '', '', ''],
    ['信息内容', '采购项目数量', '采购总金额', ''],
    ['政府集中采购', '6', '7', ''],
  ]);
});

test('import e2e: a paragraph of joined lines is split at its section lines, every figure kept', () => {
  const text = '一、总体情况\n本年度共收到申请12件，\n办结11件。\n二、主动公开政府信息情况\n主动公开信息3,456条。';
  const doc: SourceDocument = { format: 'html', notes: [], blocks: [{ kind: 'heading', text: '某区2022年政府信息公开工作年度报告' }, { kind: 'paragraph', text }] };
  const { markdown } = writeMarkdown(doc);
  assert.match(markdown, /\n## 一、总体情况\n\n本年度共收到申请12件，\n办结11件。\n\n## 二、主动公开政府信息情况\n\n主动公开信息3,456条。\n$/);
  assert.deepEqual(figureDifference(text, body(markdown).replace(/^#.*$/m, '')), { lost: [], added: [] });
  const model = analyze(markdown).model;
  assert.deepEqual(model.headings.map((h) => h.text), ['某区2022年政府信息公开工作年度报告', '一、总体情况', '二、主动公开政府信息情况']);
});

test('import e2e: a note names the table and row it concerns, and lands on that row', () => {
  const doc: SourceDocument = {
    format: 'html',
    blocks: [
      { kind: 'heading', text: '某区2019年政府信息公开工作年度报告' },
      { kind: 'heading', text: '二、主动公开政府信息情况' },
      { kind: 'heading', text: '第二十条第（一）项' },
      { kind: 'table', rows: [
        [{ text: '信息内容' }, { text: '本年新制作数量' }, { text: '本年新公开数量' }, { text: '对外公开总数量' }],
        [{ text: '规章' }, { text: '0' }, { text: '0' }, { text: '0' }],
        [{ text: '规范性文件' }, { text: '6' }, { text: '6' }, { text: '58' }],
      ] },
      { kind: 'unreadable', what: 'image' },
    ],
    notes: [{ block: 3, row: 2, message: { zh: '单元格合并超出范围', en: 'A span was clamped' } }, { block: 4, message: { zh: '图片', en: 'An image' } }],
  };
  const { markdown, notes } = writeMarkdown(doc);
  const lines = markdown.split('\n');
  const cell = notes.find((n) => render(n.message, 'en').startsWith('A span'))!;
  assert.match(lines[cell.line], /^\| 规范性文件 \| 6 \| 6 \| 58 \|$/);
  assert.equal(render(cell.message, 'zh-CN'), '单元格合并超出范围（位置：表格“第二十条第（一）项”，“规范性文件”一行）');
  const image = notes.find((n) => render(n.message, 'en').startsWith('An image'))!;
  assert.match(render(image.message, 'zh-CN'), /位置：“第二十条第（一）项”部分|位置：“二、主动公开政府信息情况”部分/);
});
