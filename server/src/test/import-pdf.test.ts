// The PDF reader on PDFs laid out as Word and WPS print the clean samples (fixtures/pdf/make.mjs): paragraphs,
// headings, the official tables with their merged cells, tables joined across page breaks, page headers and
// footers dropped, every figure carried over; and the files it must refuse.
import { render } from '../messages/render.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readPdf } from '../import/pdf.js';
import { isFailure, type SourceBlock, type SourceCell, type SourceDocument } from '../import/document.js';
import { figureDifference } from '../import/figures.js';
import { sample } from './support.js';

const FIXTURES = new URL('../../server/src/test/fixtures/pdf/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));

async function read(name: string): Promise<SourceDocument> {
  const result = await readPdf(fixture(name));
  if (isFailure(result)) assert.fail(`${name}: ${render(result.error, 'en')}`);
  return result;
}

/** The sample's Markdown blocks (front matter dropped). */
function sampleBlocks(md: string) {
  const body = md.replace(/^---\n[\s\S]*?\n---\n/, '');
  const lines = body.split('\n');
  const headings = lines.filter((l) => /^#{1,3} /.test(l)).map((l) => ({ depth: l.indexOf(' '), text: l.slice(l.indexOf(' ') + 1) }));
  const paragraphs = lines.filter((l) => l.trim() && !/^(#|\|)/.test(l));
  const tables: string[][][] = [];
  let current: string[][] | undefined;
  for (const l of lines) {
    if (!l.startsWith('|')) { current = undefined; continue; }
    if (/^\|[\s|:-]+\|$/.test(l)) continue;
    if (!current) tables.push((current = []));
    current.push(l.slice(1, -1).split('|').map((c) => c.trim()));
  }
  return { body, headings, paragraphs, tables };
}

/** A table's rows with merged cells laid out: each position holds the text of the cell covering it. */
function expand(rows: SourceCell[][]): string[][] {
  const grid: string[][] = [];
  rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (grid[r]![c] !== undefined) c++;
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) (grid[r + dr] ??= [])[c + dc] = cell.text;
      c += cell.colSpan ?? 1;
    }
  });
  return grid.map((r) => Array.from(r, (x) => x ?? ''));
}

const FIGURE = /^-?[0-9]+(\.[0-9]+)?$/;
/**
 * The figures tables state, row by row, whatever their layout (cells as printed, merged ones once): each row with
 * figures as its label (its last label cell) and figures; rows without labels (the 四 table's one row, or its three
 * five-column tables) run on.
 */
function statedRows(tables: string[][][]): { label: string; figures: string[] }[] {
  const out: { label: string; figures: string[] }[] = [];
  for (const t of tables)
    for (const row of t) {
      const first = row.findIndex((c) => FIGURE.test(c));
      if (first < 0) continue;
      const labels = [...new Set(row.slice(0, first).filter((c) => c))];
      const label = labels.at(-1) ?? '';
      const figures = row.slice(first).filter((c) => c !== '');
      const prev = out.at(-1);
      if (!label && prev && !prev.label) prev.figures.push(...figures);
      else out.push({ label, figures });
    }
  return out;
}

/** Every text run of a PDF, as pdfjs gives them. */
async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const out: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    for (const item of (await page.getTextContent()).items) if ('str' in item && item.str.trim()) out.push(item.str.trim());
  }
  await doc.destroy();
  return out;
}

const text = (b: SourceBlock) => (b.kind === 'table' ? b.rows.flat().map((c) => c.text).join('\n') : b.kind === 'unreadable' ? '' : b.text);

for (const [pdf, md] of [['clean-2021.pdf', 'clean-2021.md'], ['clean-2019.pdf', 'clean-2019.md']] as const) {
  test(`import pdf: ${pdf} reads back as ${md}`, async () => {
    const doc = await read(pdf);
    const s = sampleBlocks(sample(md));
    assert.equal(doc.format, 'pdf');
    assert.deepEqual(doc.notes, []);

    // the title and every section heading, in order; the sub-part headings (（一）…) as depth 3
    const headings = doc.blocks.filter((b) => b.kind === 'heading');
    assert.deepEqual(headings.filter((h) => h.depth === 1).map((h) => h.text), s.headings.filter((h) => h.depth === 1).map((h) => h.text));
    assert.deepEqual(headings.filter((h) => h.depth === 2).map((h) => h.text), s.headings.filter((h) => h.depth === 2).map((h) => h.text));
    assert.deepEqual(headings.filter((h) => h.depth === 3).map((h) => h.text), s.headings.filter((h) => h.depth === 3 && h.text.startsWith('（')).map((h) => h.text));

    // every paragraph whole, across line wraps and page breaks
    assert.deepEqual(doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => text(b)), s.paragraphs);

    // the tables state the sample's rows and figures (the PDF prints the official one-table layouts of 二 and 四)
    const tables = doc.blocks.filter((b) => b.kind === 'table');
    assert.equal(tables.length, 3, 'one table each for 二, 三 and 四, each joined across its page break');
    assert.deepEqual(statedRows(tables.map((t) => t.rows.map((r) => r.map((c) => c.text)))), statedRows(s.tables));

    // every figure of the sample, and no other, once page numbers are gone
    const all = doc.blocks.map(text).join('\n');
    const diff = figureDifference(s.body.replace(/^#+ /gm, ''), all);
    assert.deepEqual(diff, { lost: [], added: [] });
    assert.ok(!/第\s*\d+\s*页|^- \d+ -$/m.test(all), 'page numbers dropped');
    // and the PDF's own text, less its page numbers and running headers, has the same figures
    const raw = (await pdfText(fixture(pdf))).filter((l) => !/^- \d+ -$|^第 \d+ 页 共 \d+ 页$/.test(l) && l !== headings[0]!.text);
    assert.deepEqual(figureDifference(raw.join('\n'), all), { lost: [], added: [] });
    assert.equal(all.split(headings[0]!.text).length, 2, 'the running header (the title on every page) dropped');
  });
}

test('import pdf: the 三 table keeps the template\'s merged cells and wrapped labels', async () => {
  for (const name of ['clean-2021.pdf', 'clean-2019.pdf']) {
    const doc = await read(name);
    const three = doc.blocks.filter((b) => b.kind === 'table')[1]!;
    assert.equal(three.kind, 'table');
    if (three.kind !== 'table') continue;
    const [r0, r1, r2] = three.rows;
    assert.deepEqual(r0, [
      { text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', rowSpan: 3, colSpan: 3 },
      { text: '申请人情况', colSpan: 7 },
    ], name);
    assert.deepEqual(r1, [{ text: '自然人', rowSpan: 2 }, { text: '法人或其他组织', colSpan: 5 }, { text: '总计', rowSpan: 2 }], name);
    assert.deepEqual(r2!.map((c) => c.text), ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'], name);
    const cells = three.rows.flat();
    const results = cells.find((c) => c.text === '三、本年度办理结果')!;
    const grid = expand(three.rows);
    const first = grid.findIndex((r) => r[0] === '三、本年度办理结果');
    const last = grid.findIndex((r) => r[1] === '（七）总计');
    assert.equal(results.rowSpan, last - first + 1, `${name}: 三、本年度办理结果 merged down to （七）总计, across the page break`);
    assert.deepEqual(cells.find((c) => c.text.startsWith('（三）不予公开')), { text: '（三）不予公开', rowSpan: 8 }, name);
    assert.ok(cells.some((c) => c.text === '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' && c.colSpan === 2), `${name}: wrapped label joined`);
    assert.equal(grid.length, 3 + (name === 'clean-2021.pdf' ? 25 : 23), `${name}: header rows repeated on the next page are not rows`);
  }
});

test('import pdf: a page without a text layer becomes an unreadable block with a note', async () => {
  const doc = await read('mixed.pdf');
  const i = doc.blocks.findIndex((b) => b.kind === 'unreadable');
  assert.ok(i > 0);
  assert.deepEqual(doc.blocks[i]!.place, { page: 2 });
  assert.equal(doc.notes.length, 1);
  assert.equal(doc.notes[0]!.block, i);
  assert.match(render(doc.notes[0]!.message, 'zh-CN'), /第 2 页没有文字层/);
});

test('import pdf: a PDF with an owner password only opens as usual', async () => {
  const doc = await read('owner-only.pdf');
  assert.equal(doc.blocks[0]!.kind, 'heading');
});

test('import pdf: files it cannot read are refused with a clear reason', async () => {
  const clean = fixture('clean-2021.pdf');
  const cases: [string, Uint8Array, RegExp][] = [
    ['scanned (no text layer)', fixture('scanned.pdf'), /no text layer.*OCR/],
    ['encrypted', fixture('encrypted.pdf'), /encrypted/],
    ['truncated', clean.slice(0, Math.floor(clean.length * 0.6)), /damaged or incomplete/],
    ['junk bytes', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /not a PDF/],
    ['a PDF header over junk', new TextEncoder().encode('%PDF-1.7\n' + 'junk '.repeat(500)), /damaged or incomplete/],
    ['empty', new Uint8Array(0), /not a PDF/],
  ];
  for (const [name, bytes, reason] of cases) {
    const result = await readPdf(bytes);
    assert.ok(isFailure(result), name);
    assert.match(render(result.error, 'en'), reason, name);
    assert.ok(render(result.error, 'zh-CN').length > 0, name);
  }
});

test('import pdf: tables printed without rules are read from the text positions', async () => {
  const doc = await read('unruled.pdf');
  const s = sampleBlocks(sample('clean-2021.md'));
  const tables = doc.blocks.filter((b) => b.kind === 'table');
  // rows of one label and one figure (行政许可 5862) are a table when a line of two column titles stands over them
  const expected = statedRows(s.tables);
  assert.deepEqual(statedRows(tables.map((t) => t.rows.map((r) => r.map((c) => c.text)))), expected);
  const three = tables.find((t) => t.rows.some((r) => r[0]?.text === '（七）总计'))!;
  assert.deepEqual(three.rows[0]!.map((c) => c.text), ['项目', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'], 'wrapped column titles joined');
  assert.ok(three.rows.some((r) => r[0]!.text === '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'), 'wrapped label joined');
  assert.ok(three.rows.some((r) => r[0]!.text === '四、结转下年度继续办理'), 'joined across the page break');
  assert.ok(!doc.blocks.some((b) => b.kind === 'heading' && /^[一二]、本年|^[一二]、上年/.test(b.text)), 'table rows are not section headings');
  const all = doc.blocks.map(text).join('\n');
  assert.deepEqual(figureDifference(s.body.replace(/^#+ /gm, ''), all), { lost: [], added: [] });
});
