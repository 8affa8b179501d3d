// The HTML reader, on real and constructed pages of published reports (server/fixtures/import/html/README.md), on the
// clean samples rendered to HTML and read back, and on hostile input.
import { render } from '../messages/render.js';
import { test } from 'node:test';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { parseFragment } from 'parse5';
import { fromParse5 } from 'hast-util-from-parse5';
import { toText } from 'hast-util-to-text';
import type { Root as HastRoot } from 'hast';
import { readHtml } from '../import/html.js';
import { isFailure, READ_LIMITS, type ReadResult, type SourceBlock, type SourceDocument } from '../import/document.js';
import { figureCounts, figureDifference } from '../import/figures.js';
import { ROOT, sample } from './support.js';

const FIXTURES = new URL('server/fixtures/import/html/', ROOT);
const fixture = (name: string): Uint8Array => readFileSync(new URL(name, FIXTURES));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function doc(result: ReadResult): SourceDocument {
  if (isFailure(result)) assert.fail(`read failed: ${render(result.error, 'en')}`);
  return result;
}

/** Every text a document carries, cell by cell, for figure counts and searches. */
function docText(d: SourceDocument): string {
  return d.blocks
    .map((b) => (b.kind === 'table' ? b.rows.map((r) => r.map((c) => c.text).join('\t')).join('\n') : b.kind === 'unreadable' ? '' : b.text))
    .join('\n');
}

const tables = (d: SourceDocument) => d.blocks.filter((b): b is Extract<SourceBlock, { kind: 'table' }> => b.kind === 'table');
const headings = (d: SourceDocument) => d.blocks.filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? `${b.depth ?? '-'} ${b.text}` : ''));
const grid = (rows: { text: string }[][]) => rows.map((r) => r.map((c) => c.text));
const row = (d: SourceDocument, table: number, label: string) =>
  tables(d)[table].rows.find((r) => r.some((c) => c.text === label))!;

/** Visible text of an HTML fragment (hast-util-to-text, as a browser lays it out). */
function visibleText(html: string): string {
  return toText(fromParse5(parseFragment(html)) as HastRoot);
}

/** The Markdown tables of a sample as grids of trimmed cell texts. */
function markdownTables(markdown: string): string[][][] {
  const result: string[][][] = [];
  let current: string[][] | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      current = undefined;
      continue;
    }
    const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    if (!current) result.push((current = []));
    current.push(cells);
  }
  return result;
}

const CHROME = ['当前位置', '您现在的位置', '索引号', '索 引 号', '发布机构', 'ICP', '公网安备', '版权所有', '打印', '关闭窗口', '字体', '分享', '浏览次数', '相关文章', '相关链接', '脚本写出', '网站标识码', '主办'];

function assertNoChrome(d: SourceDocument): void {
  const text = docText(d);
  for (const word of CHROME) assert.ok(!text.includes(word), `chrome "${word}" was read as report text`);
}

// -------------------------------------------------------------------------------------------------------------
// Real page: the 2019 report of 上海市人民政府办公厅, its article markup as published, GB2312 with <meta http-equiv>.

test('real page (GB2312, meta http-equiv): the report is read, the page around it is not', async () => {
  const bytes = fixture('shanghai-2019-gb2312.html');
  const d = doc(await readHtml(bytes));
  assert.equal(d.format, 'html');
  assert.equal(d.title, '2019年上海市人民政府办公厅政府信息公开工作年度报告');
  assert.ok(!docText(d).includes('\ufffd'), 'decoded without replacement characters');
  assertNoChrome(d);
  assert.deepEqual(headings(d), [
    '1 2019年上海市人民政府办公厅政府信息公开工作年度报告',
    '2 一、总体情况',
    '2 二、主动公开政府信息情况',
    '2 三、收到和处理政府信息公开申请情况',
    '2 四、政府信息公开行政复议、行政诉讼情况',
    '2 五、政府信息公开工作存在的主要问题及改进情况',
    '2 六、其他需要报告的事项',
  ]);
  assert.equal(tables(d).length, 3);

  // Section 二: one table of five 第二十条 blocks; a <br> inside a cell is a line break of the cell.
  const two = tables(d)[0];
  assert.equal(two.rows.length, 18);
  assert.deepEqual(two.rows[0], [{ text: '第二十条第（一）项', colSpan: 5 }]);
  assert.deepEqual(grid([two.rows[1]]), [['信息内容', '本年新\n制作数量', '本年新\n公开数量', '对外公开总数量']]);
  assert.equal(two.rows[1][2].colSpan, 2);
  assert.deepEqual(grid([two.rows[17]]), [['政府集中采购', '6', '251000元']]);

  // Section 三: the template's merged layout, spans kept as published.
  const three = tables(d)[1];
  assert.equal(three.rows.length, 26);
  assert.deepEqual(three.rows[0][0], { text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', rowSpan: 3, colSpan: 3 });
  assert.deepEqual(three.rows[1], [{ text: '自然人', rowSpan: 2 }, { text: '法人或其他组织', colSpan: 5 }, { text: '总计', rowSpan: 2 }]);
  assert.deepEqual(grid([row(d, 1, '一、本年新收政府信息公开申请数量')]), [['一、本年新收政府信息公开申请数量', '821', '35', '', '', '2', '1', '859']]);
  assert.equal(row(d, 1, '三、本年度办理结果')[0].rowSpan, 20);
  assert.deepEqual(row(d, 1, '（三）不予公开').slice(0, 2), [{ text: '（三）不予公开', rowSpan: 8 }, { text: '1.属于国家秘密' }]);
  assert.deepEqual(grid([row(d, 1, '（七）总计')]), [['（七）总计', '767', '35', '', '', '2', '1', '805']]);
  assert.equal(row(d, 1, '（七）总计')[0].colSpan, 2);

  // Section 四: a 15-column table under a three-row header.
  const four = tables(d)[2];
  assert.deepEqual(grid([four.rows[3]]), [['5', '', '', '2', '7', '8', '', '', '1', '9', '', '', '', '', '']]);

  // Every figure of the article is kept; only the article's own 发布日期 line (page metadata) is dropped.
  const html = new TextDecoder('gb18030').decode(bytes);
  const article = html.slice(html.indexOf('<div class="Article_content" id="ivs_content">'), html.indexOf('<div class="Article-tools">'));
  const diff = figureDifference(visibleText(article), docText(d));
  assert.deepEqual(diff, { lost: ['2020', '01', '31'], added: [] });
});

// -------------------------------------------------------------------------------------------------------------
// Constructed pages (server/fixtures/import/html/build.py): the clean samples laid out as CMSes publish them.

function sampleBody(name: string): string {
  return sample(name).replace(/^---\n[\s\S]*?\n---\n/, '');
}

test('TRS page laid out with nested tables, GB18030 without a declared charset: sniffed, layout tables descended', async () => {
  const d = doc(await readHtml(fixture('built-2021-trs-gb18030-nocharset.html')));
  assert.ok(!docText(d).includes('\ufffd'));
  assertNoChrome(d);
  assert.equal(d.title, '青岚区人民政府2022年政府信息公开工作年度报告');
  assert.deepEqual(headings(d).filter((h) => h.startsWith('2 ')), [
    '2 一、总体情况', '2 二、主动公开政府信息情况', '2 三、收到和处理政府信息公开申请情况',
    '2 四、政府信息公开行政复议、行政诉讼情况', '2 五、存在的主要问题及改进情况', '2 六、其他需要报告的事项',
  ]);
  assert.equal(tables(d).length, 3, 'the page-layout tables and the metadata table are not report tables');
  const three = tables(d)[1];
  assert.equal(three.rows.length, 3 + 25);
  assert.equal(row(d, 1, '三、本年度办理结果')[0].rowSpan, 22);
  assert.equal(row(d, 1, '（六）其他处理')[0].rowSpan, 3);
  assert.deepEqual(grid([row(d, 1, '（七）总计')]), [['（七）总计', '130', '15', '1', '2', '5', '3', '156']]);
  assert.deepEqual(figureDifference(sampleBody('clean-2021.md'), docText(d)), { lost: [], added: [] });
});

test('集约化 page, UTF-8 with a BOM: title above the content box, Word prose, a table printed as an image', async () => {
  const d = doc(await readHtml(fixture('built-2019-ucap-utf8-bom.html')));
  assertNoChrome(d);
  assert.equal(d.title, '云岭县人民政府2020年政府信息公开工作年度报告');
  assert.deepEqual(d.blocks[0], { kind: 'heading', text: '云岭县人民政府2020年政府信息公开工作年度报告', depth: 1 });
  // A source line break inside Chinese text is no space; the sub-parts set in bold are headings.
  assert.ok(docText(d).includes('统筹做好'), 'segment break between Chinese characters removed');
  assert.ok(headings(d).includes('3 （一）主动公开'));
  const expected = markdownTables(sampleBody('clean-2019.md'));
  assert.deepEqual(grid(tables(d)[0].rows), expected[0]);
  assert.deepEqual(grid(tables(d)[1].rows), expected[1]);
  const image = d.blocks.findIndex((b) => b.kind === 'unreadable');
  assert.deepEqual(d.blocks[image], { kind: 'unreadable', what: 'image', description: 'W020200120384512.png' });
  assert.deepEqual(d.blocks[image - 1], { kind: 'heading', text: '四、政府信息公开行政复议、行政诉讼情况', depth: 2 });
  // Every figure is kept but those of the 四 table, which the page printed as an image.
  const lost = expected[2].flat().filter((c) => /\d/.test(c));
  const diff = figureDifference(sampleBody('clean-2019.md'), docText(d));
  assert.deepEqual(diff.added, []);
  assert.deepEqual(diff.lost.sort(), lost.sort());
});

// -------------------------------------------------------------------------------------------------------------
// Round trip: each clean sample rendered to HTML (remark-rehype + rehype-stringify), wrapped in page chrome, read back.

function markdownToHtml(markdown: string): string {
  const tablesPlugin = function (this: Processor) {
    const data = this.data();
    (data.micromarkExtensions ??= []).push(gfmTable());
    (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
  };
  return String(
    unified()
      .use(remarkParse)
      .use(remarkFrontmatter, ['yaml'])
      .use(tablesPlugin)
      .use(remarkRehype, { handlers: { yaml: () => undefined } })
      .use(rehypeStringify)
      .processSync(markdown),
  );
}

function chrome(title: string, article: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}_澄川市人民政府</title>
<script>document.write('<p>二、脚本 2024</p>')</script><style>p{margin:0}</style></head><body>
<div class="top"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; 政府信息公开年报</div>
<div class="main"><div class="left"><ul><li><a href="/1">2021年报</a></li><li><a href="/2">2020年报</a></li></ul></div>
<div class="right"><div class="info">发布时间：2023-01-20　浏览次数：3456</div>
<div class="TRS_Editor">${article}</div>
<div class="tools">【打印本页】【关闭窗口】</div></div></div>
<div class="footer">版权所有：澄川市人民政府办公室　琼ICP备05001234号　网站标识码：4600000001</div></body></html>`;
}

for (const name of ['clean-2021.md', 'clean-2019.md']) {
  test(`round trip: ${name} rendered to HTML and read back keeps every table cell and every figure`, async () => {
    const markdown = sample(name);
    const article = markdownToHtml(markdown);
    const d = doc(await readHtml(utf8(chrome('年度报告', article))));
    assertNoChrome(d);
    const expected = markdownTables(markdown);
    assert.equal(tables(d).length, expected.length);
    tables(d).forEach((t, i) => {
      assert.ok(t.rows.every((r) => r.every((c) => c.rowSpan === undefined && c.colSpan === undefined)));
      assert.deepEqual(grid(t.rows), expected[i], `table ${i + 1}`);
    });
    const visible = figureCounts(visibleText(article));
    assert.deepEqual(figureCounts(docText(d)), visible);
    // The Markdown headings come back as headings, in order.
    const markdownHeadings = markdown.split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => l.replace(/^#+ /, ''));
    assert.deepEqual(headings(d).map((h) => h.replace(/^\S+ /, '')), markdownHeadings);
  });
}

// -------------------------------------------------------------------------------------------------------------
// Charsets.

test('charsets: BOM, <meta charset>, http-equiv, sniffing; a GBK declaration over UTF-8 bytes is read as UTF-8', async () => {
  const body = '<p>一、总体情况</p><p>全年新收申请153件。</p>';
  const gbk = Buffer.from('d2bba1a2d7dccce5c7e9bff6', 'hex'); // 一、总体情况 in GBK
  const page = (head: string, text: Uint8Array) => new Uint8Array(Buffer.concat([Buffer.from(`<html><head>${head}</head><body><p>`), text, Buffer.from('</p></body></html>')]));
  const first = async (bytes: Uint8Array) => (doc(await readHtml(bytes)).blocks[0] as { text: string }).text;
  assert.equal(await first(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', gbk)), '一、总体情况');
  assert.equal(await first(page('<meta charset="GBK">', gbk)), '一、总体情况');
  assert.equal(await first(page('', gbk)), '一、总体情况');
  const big5 = Buffer.from('ac46a9b2b8eab054a4bdb67da475a740a67eabd7b3f8a769', 'hex'); // 政府資訊公開工作年度報告
  assert.equal(await first(page('<meta charset="big5">', big5)), '政府資訊公開工作年度報告');
  assert.equal(await first(page('<meta charset="gb2312">', utf8('一、总体情况'))), '一、总体情况');
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(`<meta charset="gbk">${body}`)]);
  assert.equal(await first(bom), '一、总体情况');
});

// -------------------------------------------------------------------------------------------------------------
// How text, tables and chrome are read.

const blocksOf = async (html: string) => doc(await readHtml(utf8(html))).blocks;

test('lines of one <p> split at section lines, indentation and blank lines; other <br> lines stay one paragraph', async () => {
  const blocks = await blocksOf(
    '<p>一、总体情况<br>2022年，本机关主动公开信息<br>8426条。<br><br>（一）主动公开<br>&nbsp;&nbsp;全年发布解读56篇。<br>1.规章<br>2.规范性文件</p>',
  );
  assert.deepEqual(blocks, [
    { kind: 'heading', text: '一、总体情况', depth: 2 },
    { kind: 'paragraph', text: '2022年，本机关主动公开信息\n8426条。' },
    { kind: 'paragraph', text: '（一）主动公开' },
    { kind: 'paragraph', text: '全年发布解读56篇。' },
    { kind: 'paragraph', text: '1.规章' },
    { kind: 'paragraph', text: '2.规范性文件' },
  ]);
});

test('bold or centred short lines are headings; h1–h6 are headings; lists keep their numbers', async () => {
  const blocks = await blocksOf(
    '<h2>某县2022年政府信息公开工作年度报告</h2><p align="center">一、总体情况</p><p><b>（一）</b><strong>主动公开</strong></p>' +
      '<p style="text-align:center">全年主动公开信息8426条，较上年增长12%，其中政策解读56篇。</p><ol><li>规章</li><li>规范性文件</li></ol><ul><li>无</li></ul>',
  );
  assert.deepEqual(blocks, [
    { kind: 'heading', text: '某县2022年政府信息公开工作年度报告', depth: 1 },
    { kind: 'heading', text: '一、总体情况', depth: 2 },
    { kind: 'heading', text: '（一）主动公开', depth: 3 },
    { kind: 'paragraph', text: '全年主动公开信息8426条，较上年增长12%，其中政策解读56篇。' },
    { kind: 'paragraph', text: '1. 规章' },
    { kind: 'paragraph', text: '2. 规范性文件' },
    { kind: 'paragraph', text: '无' },
  ]);
});

test('a layout table around the article is descended into; a table inside it is a report table', async () => {
  const prose = '本机关认真贯彻落实政府信息公开条例，'.repeat(20);
  const blocks = await blocksOf(
    `<table><tr><td><p>一、总体情况</p><p>${prose}</p><table border="1"><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>1,288</td></tr></table></td></tr></table>`,
  );
  assert.deepEqual(blocks.map((b) => b.kind), ['heading', 'paragraph', 'table']);
  assert.deepEqual(blocks[2], { kind: 'table', rows: [[{ text: '信息内容' }, { text: '本年制发件数' }], [{ text: '规章' }, { text: '1,288' }]] });
});

test('cells: <br> and <p> are line breaks, &nbsp; and whitespace collapse, figures are kept as written', async () => {
  const [table] = await blocksOf(
    '<table><tr><th>项目</th><th>本年<br/>新收</th></tr><tr><td>\n  <p>一、本年新收</p><p>政府信息公开申请数量</p></td><td>&nbsp;１２８&nbsp;</td></tr><tr><td>合　计</td><td> 0.50 </td></tr></table>',
  );
  assert.deepEqual(table, {
    kind: 'table',
    rows: [
      [{ text: '项目' }, { text: '本年\n新收' }],
      [{ text: '一、本年新收\n政府信息公开申请数量' }, { text: '１２８' }],
      [{ text: '合 计' }, { text: '0.50' }],
    ],
  });
});

test('hidden elements, scripts, forms and page metadata are not read; images of tables are unreadable blocks', async () => {
  const blocks = await blocksOf(
    '<div style="display:none">一、隐藏 99</div><script>var x = "一、脚本 98";</script><form><input value="97"><button>搜索</button></form>' +
      '<div class="meta">索引号：000/2023-1　发布机构：某县政府办　成文日期：2023-01-01</div>' +
      '<p>四、政府信息公开行政复议、行政诉讼情况</p><p><img src="/upload/2023/%E8%A1%A8%E5%9B%9B.jpg" width="600"></p>' +
      '<p><img src="/images/print_icon.gif">打印</p><img src="x.png" width="16" height="16">',
  );
  assert.deepEqual(blocks, [
    { kind: 'heading', text: '四、政府信息公开行政复议、行政诉讼情况', depth: 2 },
    { kind: 'unreadable', what: 'image', description: '表四.jpg' },
  ]);
});

// -------------------------------------------------------------------------------------------------------------
// Hostile and broken input.

test('empty, blank and binary input is refused with a message in both languages', async () => {
  const junk = new Uint8Array(4096);
  let seed = 7;
  for (let i = 0; i < junk.length; i++) junk[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  for (const [bytes, word] of [
    [new Uint8Array(0), 'empty'],
    [utf8('  \n\t '), 'empty'],
    [junk, 'binary'],
    [utf8('%PDF-1.7\n%\u00e2\u00e3'), 'PDF'],
    [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'ZIP'],
    [utf8('<html><body><script>render()</script></body></html>'), 'no readable text'],
  ] as const) {
    const result = await readHtml(bytes);
    assert.ok(isFailure(result), `refused: ${word}`);
    assert.ok(render(result.error, 'en').includes(word), render(result.error, 'en'));
    assert.ok(/[\u4e00-\u9fff]/.test(render(result.error, 'zh-CN')));
  }
});

test('truncated HTML reads what is there', async () => {
  const text = new TextDecoder('gb18030').decode(fixture('shanghai-2019-gb2312.html'));
  const cut = text.slice(0, text.indexOf('4.保护第三方合法权益') + 30);
  const d = doc(await readHtml(utf8(cut)));
  const three = tables(d)[1];
  assert.deepEqual(grid([three.rows[three.rows.length - 1]]), [['4.保护第三方合法权益']]);
  assert.equal(three.rows.find((r) => r[0].text === '三、本年度办理结果')![0].rowSpan, 6, 'a rowspan reaches no further than the last row');
});

test('enormous rowspan and colspan values are capped, with a note', async () => {
  const d = doc(await readHtml(utf8('<table><tr><td colspan="99999999">申请人情况</td><td rowspan="1000000000">总计</td></tr><tr><td>自然人</td></tr><tr><td>1</td></tr></table>')));
  const [table] = tables(d);
  assert.deepEqual(table.rows[0], [{ text: '申请人情况', colSpan: READ_LIMITS.span }, { text: '总计', rowSpan: 3 }]);
  assert.equal(d.notes.length, 1);
  assert.equal(d.notes[0].block, 0);
  assert.match(render(d.notes[0].message, 'en'), /exceeds 1000/);
});

test('10,000 nested elements: no stack overflow, the text is read', async () => {
  const html = `<html><body>${'<div>'.repeat(10_000)}<p>一、总体情况</p><p>全年新收申请153件。</p>${'</div>'.repeat(10_000)}</body></html>`;
  const d = doc(await readHtml(utf8(html)));
  assert.deepEqual(d.blocks, [
    { kind: 'heading', text: '一、总体情况', depth: 2 },
    { kind: 'paragraph', text: '全年新收申请153件。' },
  ]);
  const spans = doc(await readHtml(utf8(`<p>${'<span>'.repeat(50_000)}全年新收申请153件。</p>`)));
  assert.deepEqual(spans.blocks, [{ kind: 'paragraph', text: '全年新收申请153件。' }]);
});

test('a 5 MB page is read in bounded time', async () => {
  const paragraph = '<p>2022年，本机关主动公开政府信息8426条，其中政策解读56篇，召开新闻发布会12场。</p>\n';
  const rowHtml = '<tr><td>1.属于国家秘密</td><td>0</td><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>15</td></tr>';
  let html = '<html><body><div id="zoom"><p>一、总体情况</p>';
  while (html.length < 2_500_000) html += paragraph;
  html += `<table>${rowHtml.repeat(20_000)}</table></div></body></html>`;
  const bytes = utf8(html);
  assert.ok(bytes.length > 5_000_000);
  const start = performance.now();
  const d = doc(await readHtml(bytes));
  const ms = performance.now() - start;
  assert.equal(tables(d)[0].rows.length, 20_000);
  assert.ok(ms < 30_000, `took ${Math.round(ms)} ms`);
});

test('tag soup never throws: every result is a document or a refusal', async () => {
  const pieces = ['<p>', '</p>', '<table>', '</table>', '<tr>', '<td rowspan="3">', '<td colspan="0">', '</td>', '<th colspan="x">',
    '<br>', '<div>', '</div>', '<img src="a.png">', '<script>', '</script>', '<b>', '一、总体情况', '（一）', '153', '&nbsp;', '\n',
    '<ol start="9"><li>', '<h2>', '</h2>', '<!--', '-->', '<meta charset="gbk">', '<frameset>', '<template>', '<svg><p>', 'x'];
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), async (parts) => {
      const result = await readHtml(utf8(parts.join('')));
      if (isFailure(result)) assert.ok(render(result.error, 'zh-CN') && render(result.error, 'en'));
      else for (const block of result.blocks) if (block.kind === 'table') assert.ok(block.rows.every((r) => r.length > 0));
    }),
    { numRuns: 300, seed: 20240601 },
  );
});
