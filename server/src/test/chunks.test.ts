// Parsing in chunks (at headings, and at blank lines: in long sections for one pass, everywhere for an editor) reads
// exactly what one parse would.
import { render } from '../messages/render.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { parse, parseWhole, EDITOR_CHUNKS, editorChunks } from '../engine/parse.js';
import { analyze, IncrementalAnalyzer } from '../engine/index.js';
import { collectFacts } from '../engine/workspace/index.js';
import { buildReport } from '../engine/model/report.js';
import { ROOT, sample } from './support.js';
import { htmlBlockOverHeadings } from './fuzz.js';

function snapshot(model: ReturnType<typeof buildReport>) {
  return JSON.stringify({
    headings: model.headings,
    enumerated: model.enumerated.map((e) => ({ ...e, heading: undefined })),
    tables: model.tables,
    frontMatter: model.frontMatter,
    title: model.title,
    year: model.year,
  });
}

const texts: Array<[string, string]> = readdirSync(new URL('samples/', ROOT)).filter((f) => f.endsWith('.md')).map((f) => [f, sample(f)]);
// A long section with fences, HTML comments and lists, so blank-line splits are exercised.
const filler = Array.from({ length: 1200 }, (_, i) => `第${i}段：本机关全年主动公开政府信息${i}条，其中政策解读${i % 7}篇。`).join('\n\n');
texts.push(['long section', [
  '---', 'year: 2022', '# not a heading, a YAML comment', '---', '', '## 一、总体情况', '', filler, '',
  '```', '# inside a fence', '', 'text', '```', '', '<!--', '', '# inside a comment', '', '-->', '', filler, '',
  '1. first', '', '   continued', '', '2. second', '', '| 项目 | 数量 |', '|---|---|', '| 甲 | 1 |', '| 合计 | 1 |', '', filler,
].join('\n')]);

for (const [name, text] of texts) {
  test(`chunked parsing equals one parse: ${name}`, () => {
    const doc = parse(text);
    assert.equal(doc.chunks.map((c) => c.text).join(''), text);
    assert.equal(snapshot(buildReport(doc)), snapshot(buildReport(parseWhole(text))));
  });
}

test('a long section is split into several chunks, never inside the fence or the comment', () => {
  const [, text] = texts[texts.length - 1];
  const doc = parse(text);
  assert.ok(doc.chunks.length > 3, `${doc.chunks.length} chunks`);
  for (const c of doc.chunks) {
    assert.ok(!c.text.startsWith('# inside'), 'no chunk starts inside a fence or comment');
    assert.ok(!c.text.startsWith('# not a heading'), 'no chunk starts inside front matter');
  }
});

test('editor-sized chunks read the same as one parse', () => {
  for (const [name, text] of texts) {
    assert.equal(snapshot(buildReport(parse(text, EDITOR_CHUNKS))), snapshot(buildReport(parseWhole(text))), name);
    assert.equal(snapshot(buildReport(parse(text, editorChunks(text.length)))), snapshot(buildReport(parseWhole(text))), name);
  }
});

test('the incremental analyzer, fed a run of edits, finds exactly what a fresh analysis finds', () => {
  const analyzer = new IncrementalAnalyzer();
  let text = sample('clean-2021.md') + '\n' + texts[texts.length - 1][1];
  const edits: Array<(t: string) => string> = [
    (t) => t.replace('| 3 | 1 | 1 | 1 | 6 |', '| 3 | 1 | 1 | 1 | 7 |'),
    (t) => t.replace('## 一、总体情况', '## 一、总体情况\n\n新增一段：全年收到申请153件。\n'),
    (t) => t.replace('## 六、其他需要报告的事项', '## 六、其他需要报告的事项\n\n### （一）收费\n\n### （三）其他\n'),
    (t) => t.slice(0, t.indexOf('## 四、')) + t.slice(t.indexOf('## 五、')),
    (t) => `${t}\n## 六、其他需要报告的事项\n\n无。\n`,
    (t) => t.replace('第5段', '第5段（修改）\n\n插入的段落'),
  ];
  const keys = (a: ReturnType<typeof analyze>) => JSON.stringify(a.findings.map((f) => [f.code, f.range, render(f.message, 'zh-CN')]));
  assert.equal(keys(analyzer.analyze(text)), keys(analyze(text)));
  for (const edit of edits) {
    text = edit(text);
    const incremental = analyzer.analyze(text);
    assert.equal(keys(incremental), keys(analyze(text)));
    assert.equal(snapshot(incremental.model), snapshot(buildReport(parseWhole(text))));
    assert.ok(analyzer.lastStats.read < analyzer.lastStats.chunks, `re-read ${analyzer.lastStats.read} of ${analyzer.lastStats.chunks} chunks`);
  }
});

test('sections moved, repeated and swapped: the incremental analyzer reuses their chunks and finds what a fresh analysis finds', () => {
  const keys = (a: ReturnType<typeof analyze>) => JSON.stringify(a.findings.map((f) => [f.code, f.range, render(f.message, 'zh-CN')]));
  const base = sample('clean-2021.md');
  const section = (t: string, from: string, to: string) => t.slice(t.indexOf(from), t.indexOf(to));
  const two = section(base, '## 二、', '## 三、');
  const four = section(base, '## 四、', '## 五、');
  const versions = [
    base,
    base.replace(two, '').replace('## 五、', `${two}## 五、`),                       // 二 cut and pasted below 四
    base.replace(four, `${four}${four}`),                                           // 四 twice
    base.replace(two, '\uFFFF').replace(four, two).replace('\uFFFF', four),          // 二 and 四 swapped
    base,
  ];
  const analyzer = new IncrementalAnalyzer();
  analyzer.analyze(versions[0]);
  for (const text of versions.slice(1)) {
    const incremental = analyzer.analyze(text);
    assert.equal(keys(incremental), keys(analyze(text)));
    assert.equal(snapshot(incremental.model), snapshot(buildReport(parseWhole(text))));
    assert.deepEqual(collectFacts(incremental), collectFacts(analyze(text)));
    // Only the chunks around the seams read anew (a chunk's text includes what follows its last block).
    assert.ok(analyzer.lastStats.read <= 2 || analyzer.lastStats.read < analyzer.lastStats.chunks / 2,
      `re-read ${analyzer.lastStats.read} of ${analyzer.lastStats.chunks} chunks`);
  }
});

test('an HTML line above a heading: the CLI and the editor find the same (the heading is HTML content)', () => {
  const heading = '## 二、主动公开政府信息情况';
  for (const above of ['<br>', '<div>', '<span class="x">', '<!X', '<?x', '<![CDATA[', '<!--', '<pre>']) {
    const text = sample('clean-2021.md').replace(heading, `${above}\n${heading}`);
    const keys = (a: ReturnType<typeof analyze>) => JSON.stringify(a.findings.map((f) => [f.code, f.range, render(f.message, 'zh-CN')]));
    const cli = analyze(text);
    assert.equal(keys(new IncrementalAnalyzer().analyze(text)), keys(cli), above);
    assert.equal(snapshot(buildReport(parse(text, EDITOR_CHUNKS))), snapshot(buildReport(parseWhole(text))), above);
    assert.ok(cli.findings.some((f) => f.code === 'missing-section'), `${above}: the section is gone in one parse too`);
  }
});

test('an HTML block opened by an edit above a heading: the incremental analyzer finds the section gone, as one parse does', () => {
  const keys = (a: ReturnType<typeof analyze>) => JSON.stringify(a.findings.map((f) => [f.code, f.range, render(f.message, 'zh-CN')]));
  const [t0, t1, t2] = htmlBlockOverHeadings();
  for (const versions of [[t0, t1, t2], [t0, t2], [t1, t2], [t2, t1, t0]]) {
    const analyzer = new IncrementalAnalyzer();
    for (const text of versions) assert.equal(keys(analyzer.analyze(text)), keys(analyze(text)));
  }
  assert.ok(analyze(t2).findings.some((f) => f.code === 'missing-section' && /六/.test(render(f.message, 'zh-CN'))), 'section 六 is HTML content');
});

test('the editor cuts a plain report at every heading, before every table and after it', () => {
  const text = sample('clean-2021.md').replace(/\n(\|[^\n]*\n)+\n/g, (table) => `${table}表后说明：以上数据截至12月31日。\n\n`);
  const lines = text.split('\n');
  const starts = new Set(parse(text, EDITOR_CHUNKS).chunks.map((c) => c.line));
  let tables = 0;
  lines.forEach((l, i) => {
    if (/^#{1,6} /.test(l)) assert.ok(starts.has(i), `line ${i + 1}: ${l}`);
    if (l.startsWith('|') && lines[i - 1] === '') { tables++; assert.ok(starts.has(i), `the table at line ${i + 1}`); }
    if (l.startsWith('表后说明')) assert.ok(starts.has(i), `the paragraph after a table, line ${i + 1}`);
  });
  assert.ok(tables > 5, `${tables} tables`);
  // a blank line before every chunk but the first
  for (const line of starts) if (line > 0) assert.equal(lines[line - 1], '', `line ${line}`);
});

test('an editor reads a report of usual size paragraph by paragraph, and a long text in larger chunks', () => {
  const text = sample('clean-2021.md');
  const lines = text.split('\n');
  const starts = new Set(parse(text, editorChunks(text.length)).chunks.map((c) => c.line));
  let paragraphs = 0;
  lines.forEach((l, i) => {
    if (i > 0 && lines[i - 1] === '' && /^[\p{Script=Han}]/u.test(l)) { paragraphs++; assert.ok(starts.has(i), `line ${i + 1}: ${l}`); }
  });
  assert.ok(paragraphs > 3, `${paragraphs} paragraphs`);
  const long = Array.from({ length: 40_000 }, (_, i) => `第${i}段：本机关全年主动公开政府信息${i}条。`).join('\n\n');
  const chunks = parse(long, editorChunks(long.length)).chunks;
  // about a thousand chunks at most, each past a blank line after 1,000 characters for every million
  assert.ok(chunks.length > 500 && chunks.length <= 1000, `${chunks.length} chunks for ${long.length} characters`);
});

test('typing in a paragraph under a table re-reads the paragraph alone: the table and its binding stay the same objects', () => {
  let text = sample('clean-2021.md').replace('\n## 四、', '\n本年度收到申请情况见上表。\n\n## 四、');
  const analyzer = new IncrementalAnalyzer();
  const first = analyzer.analyze(text);
  const at = text.indexOf('见上表');
  text = text.slice(0, at) + '，' + text.slice(at);
  const second = analyzer.analyze(text);
  assert.equal(analyzer.lastStats.read, 1);
  assert.ok(first.model.tables.length > 0 && second.model.tables.every((t, i) => t === first.model.tables[i]));
  assert.ok(second.binding.tables.length > 0 && second.binding.tables.every((t, i) => t === first.binding.tables[i]));
  const keys = (a: ReturnType<typeof analyze>) => JSON.stringify(a.findings.map((f) => [f.code, f.range, render(f.message, 'zh-CN')]));
  assert.equal(keys(second), keys(analyze(text)));
});
