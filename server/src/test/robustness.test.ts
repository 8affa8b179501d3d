// Hostile documents: nesting no report needs, internal errors, long tables read without micromark.
// Completion is asserted, never time (bench/hostile.js measures that).
import { render } from '../messages/render.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Nodes, Table } from 'mdast';
import { analyze, IncrementalAnalyzer } from '../engine/index.js';
import { parse, parseChunk } from '../engine/parse.js';
import { buildReport, readChunk } from '../engine/model/report.js';
import { readTable } from '../engine/model/table.js';
import { LineIndex } from '../engine/source.js';
import { CHECKS } from '../engine/checks/index.js';
import type { Check } from '../engine/checks/check.js';
import { sample } from './support.js';

const report = sample('clean-2021.md');
const at = report.indexOf('## 二、');
/** The clean report with `fragment` in its first section. */
const around = (fragment: string) => `${report.slice(0, at)}${fragment}\n\n${report.slice(at)}`;

/** Name, fragment, and the line of the fragment where nesting passes 32. */
const DEEP: Array<[string, string, number]> = [
  ['4,000 `>` on one line', '>'.repeat(4000), 0],
  ['4,000 `- ` on one line', `${'- '.repeat(4000)}项`, 0],
  ['a 4,000-level indented list', Array.from({ length: 4000 }, (_, i) => `${' '.repeat(2 * i)}- 第${i}层`).join('\n'), 32],
];

for (const [name, fragment, deepFrom] of DEEP) {
  test(`${name}: one too-complex finding, the rest of the report checked as before`, () => {
    const text = around(fragment);
    const first = report.slice(0, at).split('\n').length - 1 + deepFrom;
    for (const analysis of [analyze(text), new IncrementalAnalyzer().analyze(text)]) {
      assert.deepEqual(analysis.findings.map((f) => f.code), ['too-complex']);
      assert.equal(analysis.findings[0].range.start.line, first);
      assert.match(render(analysis.findings[0].message, 'en'), /4000 levels deep \(at most 32\)/);
      assert.equal(analysis.template, 'gov-annual-2021');
      assert.equal(analysis.binding.sections?.matches.length, 6);
    }
  });
}

test('the model is read without recursion: 3,000 nested block quotes parsed as they are', () => {
  const text = `${'>'.repeat(3000)} 一、总体情况\n`;
  const doc = { text, lines: new LineIndex(text), chunks: [{ offset: 0, line: 0, text, last: true }] };
  const model = buildReport(doc);
  assert.equal(model.enumerated.length, 1);
});

test('an internal error becomes one internal finding at the start, naming the error only', () => {
  const failing: Check = { codes: [], run: () => { throw new RangeError('quoting 机密 text'); } };
  (CHECKS as Check[]).push(failing);
  try {
    const incremental = new IncrementalAnalyzer();
    for (const analysis of [analyze(report), incremental.analyze(report), incremental.analyze(`${report}\n`)]) {
      assert.equal(analysis.findings.length, 1);
      const [f] = analysis.findings;
      assert.equal(f.code, 'internal');
      assert.equal(f.severity, 'error');
      assert.deepEqual(f.range.start, { line: 0, character: 0 });
      assert.match(render(f.message, 'en'), /could not be fully checked .*\(RangeError\); please report it/);
      assert.doesNotMatch(render(f.message, 'zh-CN') + render(f.message, 'en'), /机密/);
      assert.ok(analysis.model.headings.length > 0, 'the model read so far is kept');
    }
  } finally {
    (CHECKS as Check[]).pop();
  }
  assert.deepEqual(analyze(report).findings, []);
});

/** Every table of `text` as micromark reads it, row by row, without the fast path for long tables. */
function tablesAsParsed(text: string) {
  const doc = parse(text);
  return doc.chunks.flatMap((chunk) => {
    const found: Table[] = [];
    const stack: Nodes[] = [parseChunk(chunk)];
    for (let n = stack.pop(); n; n = stack.pop()) {
      if (n.type === 'table') found.push(n);
      else if ('children' in n) stack.push(...(n.children as Nodes[]));
    }
    const shift = (n: Nodes): void => {
      for (const p of n.position ? [n.position.start, n.position.end] : []) { p.offset! += chunk.offset; p.line += chunk.line; }
      if ('children' in n) for (const c of n.children) shift(c as Nodes);
    };
    return found.sort((a, b) => a.position!.start.offset! - b.position!.start.offset!).map((t) => { shift(t); return readTable(doc, t, 0, []); });
  });
}

test('long tables read without micromark come out as micromark reads them', () => {
  const rows = Array.from({ length: 40 }, (_, i) => [
    `| 行${i} | ${i} | ${2 * i} |`, `  | x\\| y | ${i} ||`, '| a \\\\| b | c |   ', '|', `| a | b | c | ${i}`, `|${i}|`,
  ][i % 6]);
  const text = [
    '引言', '', '| 项目 | 甲 | 乙 |', '| --- | ---: | --- |', ...rows, '合计 | 1 | 2', '',
    '- 列表', '', '  | a | b |', '  |---|---|', ...rows.slice(0, 12).map((r) => `  ${r.trim()}`), '',
    '> | q | r |', '> |---|---|', ...rows.map((r) => `> ${r}`), '',
    '```', '| a | b |', '|---|---|', ...rows, '```', '',
    '| a | b |', '|---|---|', ...rows.slice(0, 20), '# 标题', ...rows.slice(0, 10), '',
  ].join('\n');
  const doc = parse(text);
  const fast = doc.chunks.flatMap((chunk) => readChunk(doc, chunk).tables);
  const strip = (tables: ReturnType<typeof tablesAsParsed>) => tables.map((t) => ({
    start: t.start, end: t.end, rows: t.rows.map((r) => ({ line: r.line, range: r.range, kind: r.kind, cells: r.cells.map((c) => [c.raw, c.start, c.end]) })),
  }));
  assert.equal(fast.length, 4);
  assert.deepEqual(strip(fast), strip(tablesAsParsed(text)));
});
