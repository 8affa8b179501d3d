// Plain prose read without micromark (model/plain-blocks.ts) gives the report model micromark gives: random
// documents of mostly prose and headings, with the lines that end or change a paragraph mixed in.
// TALLY_FUZZ_RUNS sets the number of documents (default 300), TALLY_FUZZ_SEED replays a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, parseWhole, BATCH_CHUNKS, EDITOR_CHUNKS } from '../engine/parse.js';
import { buildReport } from '../engine/model/report.js';
import { readPlainBlocks } from '../engine/model/plain-blocks.js';

const RUNS = Number(process.env.TALLY_FUZZ_RUNS ?? 300);
const SEED = process.env.TALLY_FUZZ_SEED !== undefined ? Number(process.env.TALLY_FUZZ_SEED) : Date.now() ^ (Math.random() * 0x7fffffff);

const FRAGMENTS = [
  '# 青岚区2022年政府信息公开工作年度报告', '## 一、总体情况', '### （一）主动公开', '#', '#\t标题', '## 标题 ##  ', '####### seven',
  '#not', '  ## 缩进', '全年收到申请153件。', '（一）依申请公开', '一、总体情况', '1、第一项', 'plain text', 'text  ', 'text\t',
  'a | b', 'Ｘ全角', '\u3000全角空格', '', '', '', '', '  ', '\t', '===', '---', '-', '- 项', '1. 项', '> 引用', '    code', '```',
  '<div>', '<!--', '-->', '| 项目 | 数量 |', '|---|---|', '| 甲 | 1 |', '-|-', '[a]: /u', '***', '   继续',
  // Lines that start with `(` or digits: prose, or an ordered list item that may or may not interrupt a paragraph.
  '2022年，本机关', '(一)明确重点', '(2)市场监管', '5.加快平台', '1.', '1.\t项', '1. 项', '2) 项', '1)', '0. 零', '3.5万件',
  '123456789. 九位', '1234567890. 十位', '12345678901年', '(', '()', '1', '20', '1.2.3', '1 . 项', '１. 全角',
  // Tables: heads and delimiter rows of matching and other widths, escapes, empty cells, missing closing pipes.
  '| 项目 | 数量 |', '| 项目 | 数量 |', '|---|---|', '|---|---|', '| :-- | --: |', '|---|', '|-|-|-|', '| --- | --- ', '|---|---|  ',
  '| 甲 | 1 |', '| 乙 | 2 |', '| 丙 | 3 |  ', '| 丁 | 4', '|| 5 |', '|', '||', '| a \\| b | 1 |', '| a \\\\| b |', '| `x|y` | 1 |',
  '| 合计 | 10 |\t', '|a|b|', '| |', '| 甲 | 1 | 2 | 3 |', '|\t甲\t|\t1\t|', 'a | b', ' | 缩进 |', '|---:|:---:|',
];

function snapshot(model: ReturnType<typeof buildReport>): string {
  return JSON.stringify({
    headings: model.headings, enumerated: model.enumerated.map((e) => ({ ...e, heading: undefined })), tables: model.tables,
    blocks: model.blocks.map((b) => (b.kind === 'table' ? { kind: 'table', range: b.table.range } : b)),
    title: model.title, year: model.year, frontMatter: model.frontMatter,
  });
}

/** List items, in runs: one list or several, tight or loose, and the lines that end, continue or nest in an item. */
const ITEMS = [
  '- 项', '- 2020年', '- (一)明确', '* （一）项', '* 星号', '+ 加号', '1. 2022年', '2. 二', '10. 十', '3) 三', '1) 一', '', '',
  '- - -', '* * *', '-  两个空格', '- # 标题', '- 1. 嵌套', '- | a |', '  - 嵌套', '   续行', '  续行', '续行', '# 标题', '-',
  '1.', '- 项  ', '- 项\t', '-\t制表', '- <div>', '- `x`', '2.  二', '| a |',
];

/** Front matter: the plain form read here, and the forms left to micromark. */
const FRONT_MATTER = [
  [], [], ['---', 'template: gov-annual-2021', 'year: 2022', '---'], ['---', '---'], ['---', 'a: 1', '', 'b: 2', '---'],
  ['---  ', 'a: 1', '---'], ['---', 'a: 1', '--- '], ['---', 'a: 1'], ['---', '# c', 'a: "x"', '----', '---'], ['----', 'a: 1', '---'],
  ['---', '---', '---'], ['---', '  a: 1', '---'],
];

const documents = fc.record({
  front: fc.constantFrom(...FRONT_MATTER),
  lines: fc.array(fc.oneof(
    { arbitrary: fc.constantFrom(...FRAGMENTS).map((line) => [line]), weight: 4 },
    { arbitrary: fc.array(fc.constantFrom(...ITEMS), { minLength: 2, maxLength: 4 }), weight: 1 },
  ), { maxLength: 60 }).map((runs) => runs.flat()),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  final: fc.boolean(),
}).map(({ front, lines, eol, final }) => [...front, ...lines].join(eol) + (final ? eol : ''));

test(`plain prose read without micromark gives micromark's model (${RUNS} runs)`, () => {
  try {
    fc.assert(fc.property(documents, (text) => {
      const expected = snapshot(buildReport(parseWhole(text)));
      for (const limits of [BATCH_CHUNKS, EDITOR_CHUNKS, { heading: 0, blank: 0 }]) {
        assert.equal(snapshot(buildReport(parse(text, limits))), expected);
      }
    }), { numRuns: RUNS, seed: SEED });
  } catch (e) {
    throw new Error(`replay with TALLY_FUZZ_SEED=${SEED}\n${e instanceof Error ? e.message : String(e)}`);
  }
});

test('a stretch with any other block is left to micromark', () => {
  const read = (text: string) => readPlainBlocks(text, 0, text.length, 0, 1)?.map((n) => `${n.type} ${n.position!.start.offset}-${n.position!.end.offset}`);
  assert.deepEqual(read('# 标题\n\n正文。  \n续行\r\n\n## 二\n'), ['heading 0-4', 'paragraph 6-14', 'heading 17-21']);
  assert.deepEqual(read('| 项目 | 数量 |\n|---|---|\n| 甲 | 1 |\n\n'), ['table 0-31']);
  assert.deepEqual(read('---\nyear: 2022\n---\n# 标题\n'), ['yaml 0-18', 'heading 19-23']);
  assert.deepEqual(read('- 甲\n- 乙\n\n1. 一\n2. 二\n# 标题\n'), ['list 0-7', 'list 9-18', 'heading 19-23']);
  assert.deepEqual(read('2022年，全年\n(一)明确\n5.加快\n\n12345678901. 项\n'), ['paragraph 0-19', 'paragraph 21-35']);
  for (const text of ['正文\n1. 项\n', '正文\n2) 项\n', '1.\n', '正文\n1.\t项\n', '正文\n===\n', '正文\n- 项\n', '####### 七\n', '#标题\n', ' 正文\n', '正文\n|-|-|\n', '<div>\n',
    '|\n|---|\n', '| \n|-|\n', '| a | b |\n|---|\n', '| a \\| b |\n|---|\n', '| a |\n|---|\n正文\n', '| a |\r\n|---|\r\n', '---\na: 1\n', '---\r\na: 1\r\n---\r\n', '---\na: 1\n\nb: 2\n---\n', '- 甲\n\n- 乙\n',
    '- 甲\n续\n', '- 甲\n* 乙\n', '正文\n- 甲\n', '- 甲\n  续\n', '- - -\n', '-  甲\n', '1. 甲\n2) 乙\n']) {
    assert.equal(read(text), undefined, text);
  }
});
