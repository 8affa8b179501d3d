// The checks across years (R7, R12, R16, copied text) on the facts of several reports, table-driven; the
// sample pair; matching by front matter and by title; and `tally check` on a folder as one workspace.
import { render } from '../messages/render.js';
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, type Finding } from '../engine/index.js';
import {
  checkWorkspace, collectFacts, displayPath, neighbours, parseTitle, reportKey, type WorkspaceFacts,
} from '../engine/workspace/index.js';
import { applyEdits, editLine, lineOf, sample, setCell } from './support.js';
import { hasCodePoints, hashText, normaliseParagraph, paragraphHash } from '../engine/workspace/facts.js';
import fc from 'fast-check';

const pair21 = sample('pair-2021.md');
const pair22 = sample('pair-2022.md');
const clean19 = sample('clean-2019.md');

function facts(text: string): WorkspaceFacts {
  return collectFacts(analyze(text));
}

/** "file line code" for every cross-year finding, files in the order given. */
function run(files: Record<string, string>): { lines: string[]; findings: Map<string, Finding[]> } {
  const findings = checkWorkspace(Object.entries(files).map(([p, text]) => ({ path: p, facts: facts(text) })));
  const lines = Object.keys(files).flatMap((p) => (findings.get(p) ?? []).map((f) => `${p} ${f.range.start.line + 1} ${f.code}`));
  return { lines, findings };
}

const withoutFrontMatter = (text: string) => text.replace(/^---\n[\s\S]*?\n---\n\n?/, '');
const setYear = (text: string, from: number, to: number) => text.replaceAll(String(from), String(to));
/** Rewords every paragraph of a report (a marker per paragraph), so that no text is copied. */
const reword = (text: string) => text.split('\n').map((l, i) => (/^[\u4e00-\u9fff（《“]/.test(l) && l.length > 20 ? `${l}（第${i}段）` : l)).join('\n');

// The sample pair with its one carried-in figure fixed.
const pair22Fixed = setCell(setCell(pair22, '| 二、上年结转', 1, '6'), '| 二、上年结转', 7, '7');
// clean-2019.md is the 2020 report of 云岭县; its 2019 report: every project count carries over but the fees'.
const clean19Previous = [
  ['| 行政许可 |', '306', '6'], ['| 其他对外管理服务事项 |', '140', '5'], ['| 行政处罚 |', '1800', '20'],
  ['| 行政强制 |', '96', '0'], ['| 行政事业性收费 |', '37', '2'],
].reduce((t, [prefix, last, change]) => setCell(setCell(t, prefix, 1, last), prefix, 2, change),
  // …and it carried forward what the 2020 report carries in.
  [[3, '4'], [4, '1'], [7, '0'], [9, '5']].reduce((t, [c, v]) => setCell(t, '| 四、结转下年度继续办理', c as number, v as string),
    reword(setYear(clean19, 2020, 2019))));

interface Case { name: string; files: Record<string, string>; expect: (files: Record<string, string>) => string[] }

const CASES: Case[] = [
  {
    name: 'the sample pair: one carry-over (自然人 5 against 6; its 总计 follows) and the one identical paragraph',
    files: { 'samples/pair-2021.md': pair21, 'samples/pair-2022.md': pair22 },
    expect: (f) => [`samples/pair-2022.md ${lineOf(f['samples/pair-2022.md'], '| 二、上年结转')} carry-over`,
      `samples/pair-2022.md ${lineOf(f['samples/pair-2022.md'], '依据《政府信息公开信息处理费管理办法》')} copied-text`],
  },
  {
    name: 'carry-over not found: this year carries in what last year carried forward',
    files: { 'a.md': pair21, 'b.md': pair22Fixed },
    expect: (f) => [`b.md ${lineOf(f['b.md'], '依据《政府信息公开信息处理费管理办法》')} copied-text`],
  },
  {
    name: 'carry-over: a 总计 that differs on its own is reported',
    files: { 'a.md': pair21, 'b.md': setCell(pair22Fixed, '| 二、上年结转', 7, '8') },
    expect: (f) => [`b.md ${lineOf(f['b.md'], '| 二、上年结转')} carry-over`, `b.md ${lineOf(f['b.md'], '依据《政府信息公开信息处理费管理办法》')} copied-text`],
  },
  {
    name: 'carry-over: two columns off (and the 总计 with them) are two findings',
    files: { 'a.md': pair21, 'b.md': setCell(setCell(pair22, '| 二、上年结转', 5, '1'), '| 二、上年结转', 7, '7') },
    expect: (f) => {
      const line = lineOf(f['b.md'], '| 二、上年结转');
      return [`b.md ${line} carry-over`, `b.md ${line} carry-over`, `b.md ${lineOf(f['b.md'], '依据《政府信息公开信息处理费管理办法》')} copied-text`];
    },
  },
  {
    name: 'different organs are not compared',
    files: { 'a.md': pair21, 'b.md': editLine(pair22, 'organ:', () => 'organ: 澄川市青岚区人民政府') },
    expect: () => [],
  },
  {
    name: 'years not adjacent are not compared (2021 and 2023)',
    files: { 'a.md': pair21, 'b.md': setYear(pair22, 2022, 2023) },
    expect: () => [],
  },
  {
    name: 'the same year twice is not a previous year',
    files: { 'a.md': pair22, 'b.md': pair22Fixed },
    expect: () => [],
  },
  {
    name: 'no front matter: body and year from the titles (白沙县人民政府, 2021 and 2022)',
    files: { 'a.md': withoutFrontMatter(pair21), 'b.md': withoutFrontMatter(pair22) },
    expect: (f) => [`b.md ${lineOf(f['b.md'], '| 二、上年结转')} carry-over`, `b.md ${lineOf(f['b.md'], '依据《政府信息公开信息处理费管理办法》')} copied-text`],
  },
  {
    name: 'one body, two names: 澄川市白沙县人民政府 (front matter) and 白沙县人民政府 (title) are matched when no other body could be 白沙县',
    files: { 'a.md': withoutFrontMatter(pair21), 'b.md': pair22 },
    expect: (f) => [`b.md ${lineOf(f['b.md'], '| 二、上年结转')} carry-over`, `b.md ${lineOf(f['b.md'], '依据《政府信息公开信息处理费管理办法》')} copied-text`],
  },
  {
    name: 'the same the other way round: 白沙县人民政府 last year, 澄川市白沙县人民政府 this year',
    files: { 'a.md': pair21, 'b.md': withoutFrontMatter(pair22) },
    expect: (f) => [`b.md ${lineOf(f['b.md'], '| 二、上年结转')} carry-over`, `b.md ${lineOf(f['b.md'], '依据《政府信息公开信息处理费管理办法》')} copied-text`],
  },
  {
    name: 'two cities with a 白沙县 in the workspace: 白沙县人民政府 is paired with neither',
    files: { 'a.md': pair21, 'b.md': withoutFrontMatter(pair22), 'c.md': editLine(pair21, 'organ:', () => 'organ: 临江市白沙县人民政府') },
    expect: () => [],
  },
  {
    name: '澄川市人民政府办公室 is not 澄川市人民政府',
    files: { 'a.md': editLine(pair21, 'organ:', () => 'organ: 澄川市人民政府'), 'b.md': editLine(pair22, 'organ:', () => 'organ: 澄川市人民政府办公室') },
    expect: () => [],
  },
  {
    name: 'copied-text: more than half of the paragraphs copied is one finding on the title',
    files: { 'a.md': pair21, 'b.md': setYear(pair21, 2021, 2022) },
    // Last year's figures copied too: the carry-over and the documents in force no longer add up.
    expect: (f) => ['b.md 7 copied-text', `b.md ${lineOf(f['b.md'], '| 行政规范性文件 |')} in-force-count`,
      `b.md ${lineOf(f['b.md'], '| 二、上年结转')} carry-over`],
  },
  {
    name: 'copied-text: a copied paragraph under 40 characters is not reported',
    files: { 'a.md': `${pair21}\n本年度无其他需要报告的事项。\n`, 'b.md': `${pair22Fixed}\n本年度无其他需要报告的事项。\n` },
    expect: (f) => [`b.md ${lineOf(f['b.md'], '依据《政府信息公开信息处理费管理办法》')} copied-text`],
  },
  {
    name: 'in-force-count: 现行有效 43 where last year\'s 38 + 7 − 3 makes 42',
    files: { 'a.md': pair21, 'b.md': reword(setCell(pair22Fixed, '| 行政规范性文件 |', 3, '43')) },
    expect: (f) => [`b.md ${lineOf(f['b.md'], '| 行政规范性文件 |')} in-force-count`],
  },
  {
    name: 'a 2019-format year before a 2021-format year: carry-over is compared, in-force and project counts are not',
    files: {
      'a.md': reword(clean19.replace('澄川市云岭县', '澄川市白沙县')),
      'b.md': reword([[1, '6'], [2, '0'], [5, '1'], [7, '7']].reduce((t, [c, v]) => setCell(t, '| 二、上年结转', c as number, v as string), pair21)),
    },
    expect: () => [],
  },
  {
    name: 'the same, with 2021\'s carried-in left as it was: the carry-over is found across formats',
    files: { 'a.md': reword(clean19.replace('澄川市云岭县', '澄川市白沙县')), 'b.md': reword(pair21) },
    expect: (f) => {
      const line = lineOf(f['b.md'], '| 二、上年结转');
      return [`b.md ${line} carry-over`, `b.md ${line} carry-over`, `b.md ${line} carry-over`];
    },
  },
  {
    name: 'project-count: two 2019-format reports; 行政事业性收费 last year 37 + 2 is 39, not 38',
    files: { '2019.md': clean19Previous, '2020.md': clean19 },
    expect: (f) => [`2020.md ${lineOf(f['2020.md'], '| 行政事业性收费 |')} project-count`],
  },
];

for (const c of CASES) {
  test(`workspace: ${c.name}`, () => {
    const { lines, findings } = run(c.files);
    assert.deepEqual(lines, c.expect(c.files), [...findings.values()].flat().map((f) => render(f.message, 'zh-CN')).join('\n'));
  });
}

test('workspace: a carry-over finding names last year\'s value and place, relates to it and offers its figure', () => {
  const { findings } = run({ 'samples/pair-2021.md': pair21, 'samples/pair-2022.md': pair22 });
  const [f] = findings.get('samples/pair-2022.md')!.filter((x) => x.code === 'carry-over');
  const lastYearLine = lineOf(pair21, '| 四、结转下年度继续办理');
  assert.equal(f.severity, 'error');
  assert.equal(render(f.message, 'zh-CN'), `“二、上年结转政府信息公开申请数量”的“自然人”为 5，上年报告（pair-2021.md:${lastYearLine}）“四、结转下年度继续办理”为 6，两者应相等（R7）`);
  assert.match(render(f.message, 'en'), /is 5, but last year's report \(pair-2021\.md:\d+\) carried forward 6/);
  // At this year's 自然人 cell.
  const line = pair22.split('\n')[f.range.start.line];
  assert.equal(line.slice(f.range.start.character, f.range.end.character), '5');
  assert.ok(line.startsWith('| 二、上年结转'));
  // Related: last year's cell, in the other file.
  assert.equal(f.related?.length, 1);
  assert.equal(f.related![0].uri, 'samples/pair-2021.md');
  assert.equal(f.related![0].range.start.line + 1, lastYearLine);
  assert.match(render(f.related![0].message, 'zh-CN'), /上年报告 pair-2021\.md:\d+/);
  // The fix writes last year's figure, for review.
  assert.equal(f.fixes?.length, 1);
  assert.equal(f.fixes![0].safe, false);
  assert.ok(applyEdits(pair22, f.fixes![0].edits).includes('| 二、上年结转政府信息公开申请数量 | 6 | 1 |'));
});

test('workspace: in-force-count and project-count messages give the arithmetic', () => {
  const inForce = run({ 'a.md': pair21, 'b.md': setCell(pair22Fixed, '| 行政规范性文件 |', 3, '43') }).findings.get('b.md')!
    .find((f) => f.code === 'in-force-count')!;
  assert.equal(inForce.severity, 'warning');
  assert.match(render(inForce.message, 'zh-CN'), /^“行政规范性文件”的现行有效件数为 43，而上年报告（a\.md:\d+）为 38，加本年制发 7、减本年废止 3 应为 42（R12）$/);
  assert.deepEqual(inForce.related?.map((r) => r.uri), ['a.md', undefined, undefined]);
  const project = run({ '2019.md': clean19Previous, '2020.md': clean19 }).findings.get('2020.md')![0];
  assert.match(render(project.message, 'zh-CN'), /^“行政事业性收费”的上一年项目数量为 38，而上年报告（2019\.md:\d+）的上一年项目数量 37 加本年增\/减 2 为 39（R16）$/);
  assert.equal(project.fixes?.[0].edits[0].newText, '39');
});

test('workspace: a report mostly copied is one finding on the title that counts the paragraphs', () => {
  const { findings } = run({ 'a.md': pair21, 'b.md': setYear(pair21, 2021, 2022) });
  const f = findings.get('b.md')!.find((x) => x.code === 'copied-text')!;
  const total = facts(pair21).paragraphs.length;
  assert.match(render(f.message, 'zh-CN'), new RegExp(`^本报告 ${total} 个段落（40 字以上）中有 \\d+ 个与上年报告 a\\.md 完全相同$`));
  assert.equal(f.severity, 'information');
});

test('workspace: facts are plain data (they cross worker threads) and hold what the checks compare', () => {
  const f = facts(pair22);
  assert.deepEqual(structuredClone(f), f);
  assert.equal(JSON.stringify(JSON.parse(JSON.stringify(f))), JSON.stringify(f));
  assert.equal(f.organ, '澄川市白沙县人民政府');
  assert.equal(f.year, 2022);
  assert.equal(f.template, 'gov-annual-2021');
  assert.equal(f.format, '2021');
  assert.equal(f.cells['requests/carried-in/natural'].value, '5');
  assert.equal(f.cells['requests/carried-out/total'].value, '6');
  assert.equal(f.cells['item-1/normative/in-force'].value, '42');
  assert.equal(facts(clean19).cells['item-8/fees/last-year'].value, '38');
  assert.ok(f.paragraphs.length > 10);
  assert.ok(f.paragraphs.every((p) => /^[0-9a-f]{16}$/.test(p.hash)));
});

test('workspace: reportKey takes the front matter, else the title', () => {
  assert.deepEqual(reportKey(analyze(pair21)), { organ: '澄川市白沙县人民政府', year: 2021 });
  assert.deepEqual(reportKey(analyze(withoutFrontMatter(pair21))), { organ: '白沙县人民政府', year: 2021 });
  assert.deepEqual(reportKey(analyze(sample('001-nanjiang-2018.md'))), { organ: '南江县人民政府', year: 2018 });
  assert.deepEqual(reportKey(analyze(withoutFrontMatter(sample('001-nanjiang-2018.md')))), { organ: '南江县人民政府', year: 2018 });
  assert.deepEqual(reportKey(analyze('# 说明\n\n一段文字。\n')), {});
});

test('workspace: titles give the body and the year', () => {
  const cases: Array<[string, { organ?: string; year?: number }]> = [
    ['南江县人民政府2018年政府信息公开工作年度报告', { organ: '南江县人民政府', year: 2018 }],
    ['2021年南江县人民政府政府信息公开工作年度报告', { organ: '南江县人民政府', year: 2021 }],
    ['澄川市青岚区人民政府关于2022年度政府信息公开工作年度报告', { organ: '澄川市青岚区人民政府', year: 2022 }],
    ['攀枝花市人民政府辦公室2021年政府信息公開工作年度報告', { organ: '攀枝花市人民政府办公室', year: 2021 }],
    ['乌兰察布市政府办公室2020年政务公开工作年度报告（全文）', { organ: '乌兰察布市政府办公室', year: 2020 }],
    ['南充市高坪区人民政府2022年深化政务公开工作总结', { year: 2022 }],
  ];
  for (const [title, expected] of cases) assert.deepEqual(parseTitle(title), expected, title);
});

test('workspace: neighbours are the same body\'s reports a year before and after', () => {
  const reports = [
    { path: 'r/2021.md', facts: facts(pair21) },
    { path: 'r/2022.md', facts: facts(pair22) },
    { path: 'r/2023.md', facts: facts(setYear(pair22, 2022, 2023)) },
    { path: 'r/other.md', facts: facts(sample('clean-2021.md')) },
  ];
  assert.deepEqual(neighbours(reports, 'r/2022.md'), { previous: 'r/2021.md', next: 'r/2023.md' });
  assert.deepEqual(neighbours(reports, 'r/2021.md'), { next: 'r/2022.md' });
  assert.deepEqual(neighbours(reports, 'r/other.md'), {});
  assert.deepEqual(neighbours(reports, 'r/missing.md'), {});
});

test('workspace: a body name several bodies could have is paired with none, and says which', () => {
  const organ = (text: string, name: string) => editLine(text, 'organ:', () => `organ: ${name}`);
  const reports = [
    { path: 'r/nj-2021.md', facts: facts(organ(pair21, '南京市鼓楼区人民政府')) },
    { path: 'r/fz-2021.md', facts: facts(organ(pair21, '福州市鼓楼区人民政府')) },
    { path: 'r/gl-2022.md', facts: facts(organ(pair22, '鼓楼区人民政府')) },
  ];
  assert.deepEqual(neighbours(reports, 'r/gl-2022.md'), { ambiguous: ['南京市鼓楼区人民政府', '福州市鼓楼区人民政府'] });
  assert.deepEqual(neighbours(reports, 'r/nj-2021.md'), {});
  assert.deepEqual(neighbours(reports.slice(1), 'r/gl-2022.md'), { previous: 'r/fz-2021.md' });
  assert.deepEqual(neighbours(reports.slice(1), 'r/fz-2021.md'), { next: 'r/gl-2022.md' });
});

test('workspace: other files are named relative to the file a finding is in', () => {
  assert.equal(displayPath('samples/pair-2022.md', 'samples/pair-2021.md'), 'pair-2021.md');
  assert.equal(displayPath('/r/2022/report.md', '/r/2021/report.md'), '../2021/report.md');
  assert.equal(displayPath('file:///r/%E6%8A%A5%E5%91%8A/b.md', 'file:///r/%E6%8A%A5%E5%91%8A/a.md'), 'a.md');
  assert.equal(displayPath('b.md', 'a.md'), 'a.md');
});

describe('tally check: a folder is one workspace', () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));
  const CLI = path.join(ROOT, 'out', 'cli.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-workspace-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  interface Json { files: Array<{ path: string; diagnostics: Array<{ code: string; severity: string; message: string; range: { start: { line: number } } }> }> }
  function check(folder: string, extra: string[] = []) {
    const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', NO_COLOR: '1' };
    delete env.LC_ALL;
    delete env.LC_MESSAGES;
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...extra, folder], { env, encoding: 'utf8', timeout: 120_000 });
    return { status: r.status, json: JSON.parse(r.stdout) as Json, stderr: r.stderr };
  }

  test('the pair in a temporary folder: the carry-over in JSON, exit 1', () => {
    const folder = path.join(dir, 'pair');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, '2021.md'), pair21);
    fs.writeFileSync(path.join(folder, '2022.md'), pair22);
    const r = check(folder);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    const byName = new Map(r.json.files.map((f) => [path.basename(f.path), f]));
    assert.deepEqual(byName.get('2021.md')!.diagnostics, []);
    const carry = byName.get('2022.md')!.diagnostics.filter((d) => d.code === 'carry-over');
    assert.equal(carry.length, 1);
    assert.equal(carry[0].severity, 'error');
    assert.equal(carry[0].range.start.line + 1, lineOf(pair22, '| 二、上年结转'));
    assert.match(carry[0].message, /上年报告（2021\.md:\d+）“四、结转下年度继续办理”为 6/);
    // Findings stay in document order.
    const lines = byName.get('2022.md')!.diagnostics.map((d) => d.range.start.line);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
    // One file alone has no previous year: exit 0.
    const alone = spawnSync(process.execPath, [CLI, 'check', path.join(folder, '2022.md')], { encoding: 'utf8' });
    assert.equal(alone.status, 0);
  });

  test('many files (checked on worker threads where there are cores): the same finding', () => {
    const folder = path.join(dir, 'many');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'a-2021.md'), pair21);
    fs.writeFileSync(path.join(folder, 'a-2022.md'), pair22);
    for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(folder, `note-${i}.md`), `# 说明 ${i}\n\n| 项目 | 数量 |\n|---|---|\n| 甲 | ${i} |\n`);
    const r = check(folder);
    assert.equal(r.status, 1);
    const f = r.json.files.find((x) => path.basename(x.path) === 'a-2022.md')!;
    assert.deepEqual(f.diagnostics.map((d) => d.code), ['carry-over', 'copied-text']);
  });
});

test('a paragraph is long enough by its code points, as [...text] counts them (pairs once, lone surrogates once)', () => {
  const unit = fc.constantFrom('a', '字', '𠮷', '\ud842', '\udfb7', ' ');
  fc.assert(fc.property(fc.array(unit, { maxLength: 90 }), fc.integer({ min: 0, max: 50 }), (units, n) => {
    const text = units.join('');
    assert.equal(hasCodePoints(text, n), [...text].length >= n, JSON.stringify(text));
  }), { numRuns: 5000 });
});

test('a paragraph\'s hash is the hash of its text without whitespace, when that text is long enough (pairs split by whitespace count once)', () => {
  const unit = fc.constantFrom('a', '字', '𠮷', '\ud842', '\udfb7', ' ', '\t', '\n', '\r', '\u3000', '\u00a0', '\u2003', '\u2028', '\u202f', '\ufeff', '\u200b', '\u0085', '\u180e');
  fc.assert(fc.property(fc.array(unit, { maxLength: 90 }), fc.integer({ min: 0, max: 50 }), (units, n) => {
    const text = units.join('');
    const normal = normaliseParagraph(text);
    assert.equal(paragraphHash(text, n), hasCodePoints(normal, n) ? hashText(normal) : undefined, JSON.stringify(text));
  }), { numRuns: 5000 });
});
