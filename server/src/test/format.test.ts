// Table formatting: pipes aligned by display width, only blanks (and delimiter dashes) changed, idempotent.
import { render } from '../messages/render.js';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { formatTables, displayWidth, ambiguousWidthOfFont, formatText, type AmbiguousWidth } from '../engine/format.js';
import { parse, parseChunk } from '../engine/parse.js';
import { LineIndex, type Range } from '../engine/source.js';
import { applyEdits as apply } from './support.js';
import { analyze } from '../engine/index.js';

const SAMPLES = new URL('../../samples/', import.meta.url);

function format(text: string, range?: Range, ambiguousWidth: AmbiguousWidth = 1): string {
  return apply(text, formatTables(text, range, { ambiguousWidth }));
}

const WIDTHS: AmbiguousWidth[] = [1, 2];

/** 0-based lines covered by tables, as the engine's parser reads them. */
function tableLines(text: string): Set<number> {
  const lines = new Set<number>();
  for (const chunk of parse(text).chunks) {
    const visit = (node: Nodes): void => {
      if (node.type === 'table') {
        for (let l = node.position!.start.line; l <= node.position!.end.line; l++) lines.add(chunk.line + l - 1);
      } else if ('children' in node) node.children.forEach((c) => visit(c as Nodes));
    };
    visit(parseChunk(chunk));
  }
  return lines;
}

/**
 * The document's characters without blanks and pipes (a row may gain its outer pipes; where cells split is
 * tableContent's to check); a delimiter row's dashes count once per cell.
 */
function ink(text: string): string {
  return text.replace(/(?<=(?:^|[^\\])(?:\\\\)*)\|/gm, '').replace(/\s+/g, '').replace(/-+/g, '-');
}

/** What the tables say, as the parser reads them: alignment and every cell's text, row by row. */
function tableContent(text: string) {
  const tables: Array<{ align: unknown; rows: string[][] }> = [];
  for (const chunk of parse(text).chunks) {
    const visit = (node: Nodes): void => {
      if (node.type === 'table') {
        tables.push({ align: node.align, rows: node.children.map((r) => r.children.map((c) => c.children.map((t) => ('value' in t ? t.value : '')).join(''))) });
      } else if ('children' in node) node.children.forEach((c) => visit(c as Nodes));
    };
    visit(parseChunk(chunk));
  }
  return tables;
}

/** Pipe positions in display columns. */
function pipeColumns(line: string, ambiguousWidth: AmbiguousWidth = 1): number[] {
  const columns: number[] = [];
  let width = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '|' && line[i - 1] !== '\\') columns.push(width);
    width += displayWidth(line[i], ambiguousWidth);
  }
  return columns;
}

/** Every property a formatting must have; returns the formatted text. */
function checkFormatting(text: string, range?: Range, ambiguousWidth: AmbiguousWidth = 1): string {
  const edits = formatTables(text, range, { ambiguousWidth });
  const index = new LineIndex(text);
  const seen = new Set<number>();
  for (const e of edits) {
    assert.equal(e.range.start.line, e.range.end.line, 'an edit stays on its line');
    assert.ok(!seen.has(e.range.start.line), 'one edit per line');
    seen.add(e.range.start.line);
    assert.equal(index.offset(e.range.end), index.lineEnd(e.range.end.line), 'an edit runs to the end of its row, not the break');
    assert.notEqual(text.slice(index.offset(e.range.start), index.offset(e.range.end)), e.newText, 'no empty edits');
    assert.ok(!/[\r\n]/.test(e.newText));
  }
  const out = apply(text, edits);
  assert.equal(ink(out), ink(text), 'only blanks and delimiter dashes change');
  const before = new LineIndex(text);
  const after = new LineIndex(out);
  assert.equal(after.lineCount, before.lineCount);
  const inTables = tableLines(text);
  for (let l = 0; l < before.lineCount; l++) {
    if (!inTables.has(l)) assert.equal(after.lineText(l), before.lineText(l), `line ${l + 1} is outside tables`);
  }
  assert.equal(out.match(/\r\n/g)?.length ?? 0, text.match(/\r\n/g)?.length ?? 0, 'line breaks kept');
  assert.deepEqual(tableContent(out), tableContent(text), 'the tables read the same');
  assert.deepEqual(formatTables(out, range, { ambiguousWidth }), [], 'idempotent');
  if (!range) assert.equal(formatText(text, { ambiguousWidth }), out);
  return out;
}

const cases: Array<{ name: string; input: string; output: string }> = [
  {
    name: 'mixed CJK and ASCII, full-width punctuation and a combining mark',
    input: [
      '| 项目 | Count | 备注 |',
      '|---|---|---|',
      '| 主动公开ABC | 12 | 全角（括号） |',
      '| x | 1234567 | e\u0301 |',
    ].join('\n'),
    output: [
      '| 项目        | Count   | 备注         |',
      '| ----------- | ------- | ------------ |',
      '| 主动公开ABC | 12      | 全角（括号） |',
      '| x           | 1234567 | e\u0301            |',
    ].join('\n'),
  },
  {
    name: 'alignment colons kept; cells right-aligned and centred',
    input: '| 项目 | 数量 | 备注 | x |\n|:--|:-:|--:|-|\n| 甲 | 1 | a | 中文 |\n| 合计ABC | 1234 | 本年 | y |\n',
    output: [
      '| 项目    | 数量 | 备注 | x    |',
      '| :------ | :--: | ---: | ---- |',
      '| 甲      |  1   |    a | 中文 |',
      '| 合计ABC | 1234 | 本年 | y    |',
      '',
    ].join('\n'),
  },
  {
    name: 'dashes shrink to the column width',
    input: '| a | b |\n|:-----------:|------------:|\n| 1 | 2 |',
    output: '|  a  |   b |\n| :-: | --: |\n|  1  |   2 |',
  },
  {
    name: 'a short row stays short, a long row keeps its extra cell',
    input: '| 项目 | 数量 | 合计 |\n|---|---|---|\n| 甲 |\n| 乙 | 1 | 2 | 3 |\n',
    output: '| 项目 | 数量 | 合计 |\n| ---- | ---- | ---- |\n| 甲   |\n| 乙   | 1    | 2    | 3   |\n',
  },
  {
    name: 'escaped pipes stay in their cells',
    input: '| a \\| b | c |\n|-|-|\n| 1 | 2 \\| 3 |\n| x \\\\| y |\n',
    output: '| a \\| b | c      |\n| ------ | ------ |\n| 1      | 2 \\| 3 |\n| x \\\\   | y      |\n',
  },
  {
    name: 'a row without a leading pipe gets both outer pipes; a row with one keeps its trailing pipe or its absence',
    input: '项目 | 数量\n--|--\n| 合计ABC | 1 |\n甲 | 12 |\n| 乙 | 3\n',
    output: '| 项目    | 数量 |\n| ------- | ---- |\n| 合计ABC | 1    |\n| 甲      | 12   |\n| 乙      | 3\n',
  },
  {
    name: 'a right-aligned first column without leading pipe is indented behind the added pipe (never code)',
    input: 'x | y\n--:|--\n主动公开政府信息 | 1\n',
    output: '|                x | y   |\n| ---------------: | --- |\n| 主动公开政府信息 | 1   |\n',
  },
  {
    name: 'blank cells, trailing blanks and tabs',
    input: '| |a|\t\n|---|---|  \n|\t1\t| |\n',
    output: '|     | a   |\n| --- | --- |\n| 1   |     |\n',
  },
  {
    name: 'a table in a block quote keeps its prefix',
    input: '> 说明：\n>\n> | 项目 | 数量 |\n>|---|---|\n> | 合计ABC | 1 |\n',
    output: '> 说明：\n>\n> | 项目    | 数量 |\n>| ------- | ---- |\n> | 合计ABC | 1    |\n',
  },
  {
    name: 'a table in a list item keeps its indentation',
    input: '1. 表格：\n\n   | 项目 | 数量 |\n   |---|--:|\n   | 合计 | 12 |\n',
    output: '1. 表格：\n\n   | 项目 | 数量 |\n   | ---- | ---: |\n   | 合计 |   12 |\n',
  },
  {
    name: 'CRLF line breaks kept',
    input: '前言\r\n\r\n| 项目 | 数量 |\r\n|---|---|\r\n| 合计ABC | 1 |\r\n\r\n后记\r\n',
    output: '前言\r\n\r\n| 项目    | 数量 |\r\n| ------- | ---- |\r\n| 合计ABC | 1    |\r\n\r\n后记\r\n',
  },
  {
    name: 'pseudo-tables in code, front matter and HTML are untouched',
    input: [
      '---', 'note: |', '  | a | b |', '  |-|-|', '---', '',
      '```markdown', '| a | b |', '|-|-|', '| 1 | 2 |', '```', '',
      '~~~', '| 项目 | 数量 |', '|---|---|', '~~~', '',
      '    | a | b |', '    |-|-|', '',
      '<!--', '| a | b |', '|-|-|', '-->', '',
      '| real | x |', '|-|-|',
    ].join('\n'),
    output: [
      '---', 'note: |', '  | a | b |', '  |-|-|', '---', '',
      '```markdown', '| a | b |', '|-|-|', '| 1 | 2 |', '```', '',
      '~~~', '| 项目 | 数量 |', '|---|---|', '~~~', '',
      '    | a | b |', '    |-|-|', '',
      '<!--', '| a | b |', '|-|-|', '-->', '',
      '| real | x   |', '| ---- | --- |',
    ].join('\n'),
  },
  {
    name: 'formatted text is left alone',
    input: '| 项目 | 数量 |\n| ---- | ---- |\n| 甲   | 1    |\n',
    output: '| 项目 | 数量 |\n| ---- | ---- |\n| 甲   | 1    |\n',
  },
];

for (const { name, input, output } of cases) {
  test(`format: ${name}`, () => {
    assert.equal(checkFormatting(input), output);
  });
}

test('aligned rows have equal display widths and pipes in the same display columns', () => {
  const { input } = cases[0];
  const rows = checkFormatting(input).split('\n');
  const widths = rows.map((r) => displayWidth(r));
  assert.ok(widths.every((w) => w === widths[0]), `widths ${widths.join(', ')}`);
  const pipes = rows.map((r) => pipeColumns(r));
  for (const p of pipes) assert.deepEqual(p, pipes[0]);
  assert.deepEqual(pipes[0], [0, 14, 24, 39]);
});

test('one edit per changed row, none for rows already aligned', () => {
  const text = '| 项目 | 数量 |\n| ---- | ---- |\n| 甲 | 1 |\n| 乙   | 2    |\n';
  const edits = formatTables(text);
  assert.deepEqual(edits, [
    { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 9 } }, newText: '| 甲   | 1    |' },
  ]);
});

test('range formatting touches only the tables the range meets', () => {
  const first = '| 一 | 1 |\n|-|-|\n| 合计ABC | 2 |';
  const second = '| 二 | 1 |\n|-|-|\n| 合计ABCD | 3 |';
  const text = `# 表\n\n${first}\n\n中间段落\n\n${second}\n`;
  const at = (line: number, character: number) => ({ line, character });
  const whole = checkFormatting(text);
  // A selection inside the second table (lines 8–10), a caret in it, a selection across the paragraph only.
  const selection = checkFormatting(text, { start: at(9, 1), end: at(9, 2) });
  assert.equal(selection, text.replace(second, whole.split('\n').slice(8, 11).join('\n')));
  assert.deepEqual(new Set(formatTables(text, { start: at(9, 1), end: at(9, 2) }).map((e) => e.range.start.line)), new Set([8, 9, 10]));
  assert.equal(format(text, { start: at(8, 3), end: at(8, 3) }), selection);
  assert.deepEqual(formatTables(text, { start: at(5, 0), end: at(7, 0) }), [], 'the paragraph and the blank lines around it');
  // A selection from the first table into the second formats both.
  assert.equal(format(text, { start: at(4, 2), end: at(8, 1) }), whole);
  // In a report parsed in several chunks, the range still selects the right table.
  const filler = Array.from({ length: 2000 }, (_, i) => `第${i}段：本机关全年主动公开政府信息${i}条。`).join('\n\n');
  const long = `${text}\n${filler}\n\n${second}\n`;
  assert.ok(parse(long).chunks.length > 1);
  const last = new LineIndex(long).lineCount - 3;
  const edits = formatTables(long, { start: at(last, 0), end: at(last, 0) });
  assert.deepEqual(edits.map((e) => e.range.start.line), [last - 1, last, last + 1]);
});

test('display width: wide and full-width 2, ambiguous 1, combining marks 0, tab 1', () => {
  const widths: Array<[string, number]> = [
    ['abc', 3], ['中文', 4], ['ＡＢ', 4], ['（', 2], ['“”', 2], ['e\u0301', 1], ['\t', 1], ['一、合计', 8], ['\u200b', 0],
  ];
  for (const [text, width] of widths) assert.equal(displayWidth(text), width, JSON.stringify(text));
});

test('display width: East Asian Ambiguous characters take the width given, every other character its own', () => {
  const widths: Array<[string, number, number]> = [
    ['“三安全一稳定”', 14, 16], ['‘’', 2, 4], ['……', 2, 4], ['·', 1, 2], ['——', 2, 4], ['※', 1, 2], ['①', 1, 2],
    ['α', 1, 2], ['abc', 3, 3], ['中文', 4, 4], ['（）', 4, 4], ['ＡＢ', 4, 4], ['e\u0301', 1, 1], ['\t', 1, 1], ['-|', 2, 2],
  ];
  for (const [text, one, two] of widths) {
    assert.equal(displayWidth(text, 1), one, `${JSON.stringify(text)} at 1`);
    assert.equal(displayWidth(text, 2), two, `${JSON.stringify(text)} at 2`);
  }
  assert.equal(displayWidth('“是”'), displayWidth('“是”', 1), 'the default is 1');
});

test('the width of ambiguous characters follows the first family of editor.fontFamily', () => {
  const fonts: Array<[string | undefined, AmbiguousWidth]> = [
    [undefined, 1], ['', 1],
    // VS Code's defaults on Linux, Windows and macOS, and Latin fonts with a CJK fallback after them.
    ["'Droid Sans Mono', 'monospace', monospace", 1], ["Consolas, 'Courier New', monospace", 1],
    ["Menlo, Monaco, 'Courier New', monospace", 1], ["'Fira Code', 'Microsoft YaHei', monospace", 1],
    ["'JetBrains Mono', 'Sarasa Mono SC'", 1], ['monospace', 1], ['Source Code Pro', 1],
    // CJK fonts first: by a known family, by a CJK orthography at the end of the name, by a name in CJK script.
    ["'Sarasa Mono SC', Consolas", 2], ["'Noto Sans Mono CJK SC', monospace", 2], ['"Source Han Mono"', 2],
    ['Microsoft YaHei Mono', 2], ['NSimSun', 2], ['SimSun', 2], ['MS Gothic', 2], ["'ＭＳ ゴシック'", 2],
    ['等距更纱黑体 SC, monospace', 2], ['新宋体', 2], ['D2Coding', 2], ['HackGen Console', 2], ['Maple Mono NF CN', 2],
    ['PingFang SC', 2], ['BIZ UDGothic', 2], ['LXGW WenKai Mono', 2], ['Some Font TC', 2],
  ];
  for (const [family, width] of fonts) assert.equal(ambiguousWidthOfFont(family), width, JSON.stringify(family));
});

// The same table aligned for a Latin font (ambiguous characters one column) and for a CJK font (two).
const ambiguous = [
  '| 项目 | 数量 |',
  '|---|--:|',
  '| 3.危及“三安全一稳定” | 1 |',
  '| 其他…… | 12 |',
  '| 甲·乙 | 3 |',
].join('\n');
const ambiguousCases: Array<[AmbiguousWidth, string]> = [
  [1, [
    '| 项目                 | 数量 |',
    '| -------------------- | ---: |',
    '| 3.危及“三安全一稳定” |    1 |',
    '| 其他……               |   12 |',
    '| 甲·乙                |    3 |',
  ].join('\n')],
  [2, [
    '| 项目                   | 数量 |',
    '| ---------------------- | ---: |',
    '| 3.危及“三安全一稳定” |    1 |',
    '| 其他……               |   12 |',
    '| 甲·乙                 |    3 |',
  ].join('\n')],
];

for (const [width, output] of ambiguousCases) {
  test(`format: ambiguous characters at width ${width}: pipes aligned as that font draws them, idempotent`, () => {
    const out = checkFormatting(ambiguous, undefined, width);
    assert.equal(out, output);
    const pipes = out.split('\n').map((l) => pipeColumns(l, width));
    for (const p of pipes) assert.deepEqual(p, pipes[0]);
    // Formatted for the other width, the table changes its blanks only, and back again.
    const other: AmbiguousWidth = width === 1 ? 2 : 1;
    const there = checkFormatting(out, undefined, other);
    assert.notEqual(there, out);
    assert.equal(checkFormatting(there, undefined, width), out);
  });
}

test('format: a table without ambiguous characters formats the same at both widths', () => {
  for (const { input } of cases) assert.equal(format(input, undefined, 2), format(input, undefined, 1));
});

const samples = readdirSync(SAMPLES).filter((f) => f.endsWith('.md'));

/** Within each table, the pipes of any two rows stand in the same display columns as far as both go. */
function assertAligned(text: string, ambiguousWidth: AmbiguousWidth = 1): number {
  const index = new LineIndex(text);
  const lines = [...tableLines(text)].sort((a, b) => a - b);
  let compared = 0;
  let header: number[] = [];
  for (const [i, l] of lines.entries()) {
    const pipes = pipeColumns(index.lineText(l), ambiguousWidth);
    if (i === 0 || lines[i - 1] !== l - 1) { header = pipes; continue; }
    const n = Math.min(pipes.length, header.length);
    assert.deepEqual(pipes.slice(0, n), header.slice(0, n), `line ${l + 1}`);
    compared++;
  }
  return compared;
}

for (const name of samples) {
  for (const width of WIDTHS) {
    test(`samples: ${name} formats safely and idempotently, tables aligned (ambiguous width ${width})`, () => {
      const text = readFileSync(new URL(name, SAMPLES), 'utf8');
      const out = checkFormatting(text, undefined, width);
      const lines = tableLines(text);
      const headers = [...lines].filter((l) => !lines.has(l - 1)).length;
      assert.equal(assertAligned(out, width), lines.size - headers, 'every row compared with its header');
      const crlf = text.replace(/\r?\n/g, '\r\n');
      assert.equal(checkFormatting(crlf, undefined, width), out.replace(/\r?\n/g, '\r\n'), 'CRLF formats the same');
    });
  }
}

// Rows without a leading pipe: padding the first cell used to make it a block start (`1.   |` is an ordered list
// item, `-   |` a bullet, `#   |` a heading), so rows left the table and formatting again changed the text again.
const hostile: Array<[string, string, string]> = [
  ['an enumerator 1.', '序号|项目|数量\n-|-|-\n1.|本年新收|3\n2.|上年结转|4\n',
    '| 序号 | 项目     | 数量 |\n| ---- | -------- | ---- |\n| 1.   | 本年新收 | 3    |\n| 2.   | 上年结转 | 4    |\n'],
  ['a bullet -', 'a|b\n-|-\n-|x\n', '| a   | b   |\n| --- | --- |\n| -   | x   |\n'],
  ['a bullet * and +', 'a|b\n-|-\n*|x\n+|y\n', '| a   | b   |\n| --- | --- |\n| *   | x   |\n| +   | y   |\n'],
  ['a heading #', 'a|b\n-|-\n#|x\n', '| a   | b   |\n| --- | --- |\n| #   | x   |\n'],
  ['an enumerator 1)', 'a|b\n-|-\n1)|x\n', '| a   | b   |\n| --- | --- |\n| 1)  | x   |\n'],
  ['a right-aligned first column (four blanks would make code)', 'a|b\n--:|-\nx|y\n',
    '|   a | b   |\n| --: | --- |\n|   x | y   |\n'],
  ['an escaped pipe last, no trailing pipe', 'a|b\n-|-\n1.|x \\|\n', '| a   | b    |\n| --- | ---- |\n| 1.  | x \\| |\n'],
  ['indented rows (up to three blanks)', '   a|b\n   -|-\n   1.|x\n', '   | a   | b   |\n   | --- | --- |\n   | 1.  | x   |\n'],
  ['in a block quote', '> a|b\n> -|-\n> 1.|x\n', '> | a   | b   |\n> | --- | --- |\n> | 1.  | x   |\n'],
];

for (const [name, input, output] of hostile) {
  test(`format: a row without a leading pipe starting with ${name} stays in the table`, () => {
    assert.equal(checkFormatting(input), output);
  });
}

// Random tables with hostile cells, outer pipes or none, in containers: formatting keeps what the parser reads
// (every table, row and cell), changes no line outside tables, and is idempotent (checkFormatting asserts it).
describe('format: random tables', () => {
  const cell = fc.oneof(
    fc.constantFrom('1.', '2)', '10.', '-', '*', '+', '>', '#', '##', '=', '---', '***', ':--', '```', '~~~', '<div>', '<!--',
      '[a]: b', '[^1]:', '\\|', 'a \\| b', '`x`', '`a\\|b`', '\\', '主动公开', '合计', '（一）予以公开', '😀', '👨‍👩‍👧', 'e\u0301',
      'ＡＢ', '５８６２', '0', '153', 'x y', '“三安全一稳定”', '其他……', '甲·乙', '——', '※', '①', 'α', ''),
    fc.stringMatching(/^[a-z0-9.\-#>*+ ]{0,6}$/).map((x) => x.trim()),
  );
  const row = (width: number) => fc.record({
    cells: fc.array(cell, { minLength: Math.max(1, width - 1), maxLength: width + 1 }),
    lead: fc.boolean(), trail: fc.boolean(), gap: fc.constantFrom('|', ' | ', '  |', '| ', '\t|'),
  });
  const table = fc.integer({ min: 1, max: 4 }).chain((width) => fc.record({
    header: fc.array(cell.filter((c) => c !== ''), { minLength: width, maxLength: width }),
    align: fc.array(fc.constantFrom('-', '--', ':-', '-:', ':-:', '---'), { minLength: width, maxLength: width }),
    lead: fc.boolean(), trail: fc.boolean(),
    rows: fc.array(row(width), { maxLength: 5 }),
    indent: fc.constantFrom('', ' ', '   '),
    container: fc.constantFrom('', '> ', '- ', '1. '),
  }));
  const render = (cells: string[], lead: boolean, trail: boolean, gap = '|') => {
    let out = (lead ? '|' : '') + cells.join(gap) + (trail ? '|' : '');
    // A row that is a single cell needs a pipe somewhere to be a row at all.
    if (!out.includes('|')) out = `|${out}`;
    return out;
  };
  const docs = fc.record({ before: fc.constantFrom('', '前言。\n\n', '# 标题\n\n'), after: fc.constantFrom('', '\n后记。\n', '\n\n- 列表\n'), t: table })
    .map(({ before, after, t }) => {
      const lines = [
        render(t.header, t.lead, t.trail),
        render(t.align, t.lead, t.trail),
        ...t.rows.map((r) => render(r.cells, r.lead, r.trail, r.gap)),
      ].map((l, i) => (i === 0 ? t.container : ' '.repeat(t.container.length).replace(/^ /, t.container.startsWith('>') ? '>' : ' ')) + t.indent + l);
      return `${before}${lines.join('\n')}\n${after}`;
    });

  for (const width of WIDTHS) {
    test(`formatting never changes what the tables read, nor any line outside them, and is idempotent (ambiguous width ${width})`, () => {
      let formatted = 0;
      let runs = 0;
      fc.assert(fc.property(docs, (text) => {
        runs++;
        const out = checkFormatting(text, undefined, width);
        if (out !== text) formatted++;
        // Formatted for the other width too: still only blanks change, and coming back gives the same text.
        const other = checkFormatting(out, undefined, width === 1 ? 2 : 1);
        assert.equal(checkFormatting(other, undefined, width), out, 'back to the first width');
      }), { seed: 20240611 + width, numRuns: 600 });
      // The guard must not buy safety by formatting nothing.
      assert.ok(formatted > runs / 2, `${formatted} of ${runs} formatted`);
    });
  }
});

test('format: rows read as a table that look like list items, above lines nested too deep, keep the deep lines deep', () => {
  // Fuzzing (seed 303 --hostile): after a `---` first line that opens no front matter micromark reads no list
  // items, so `- 项` lines continue the table; the nesting scan still sees a list. `| - 项 |` ended that list, two
  // levels came off the lines below, and the too-complex finding moved.
  const staircase = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- 项`);
  const text = ['---', '', '| a | b |', '|---|---|', ...staircase, '| 合计 | 1 |', ''].join('\n');
  assert.ok(parse(text).deep?.length, 'lines nested too deep');
  const out = format(text);
  assert.deepEqual(parse(out).deep, parse(text).deep);
  const findings = (t: string) => analyze(t).findings.map((f) => `${f.range.start.line} ${f.code} ${render(f.message, 'en')}`);
  assert.deepEqual(findings(out), findings(text));
  assert.equal(format(out), out);
  // Without lines nested too deep, the same table is formatted.
  const shallow = ['---', '', '| a | b |', '|---|---|', ...staircase.slice(0, 4), ''].join('\n');
  assert.notEqual(format(shallow), shallow);
});
