// Suppression comments: every form, where they apply (tables, rows, paragraphs, lists, quotes), stale and unknown
// codes, comments that are text (code fences), line endings, and the checks across years.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, IncrementalAnalyzer } from '../engine/index.js';
import { parseDirective, readSuppressions, nearestCode, nearestDirective } from '../engine/suppress.js';
import { render } from '../messages/render.js';
import { checkWorkspace, collectFacts, mergeFindings } from '../engine/workspace/index.js';
import { disableFileEdit, disableHereEdit } from '../engine/edits/index.js';
import { isComment } from '../engine/model/report.js';
import { applyEdits, codes, editLine, lineOf, sample, setCell } from './support.js';

const clean21 = sample('clean-2021.md');
/** clean-2021 with one wrong figure: one total-mismatch on the （一）予以公开 row of the requests table. */
const broken = setCell(clean21, '| （一）予以公开', 1, '53');
const TABLE_HEAD = '| 项目 | 自然人 |';

/** `text` with `lines` put before the first line starting with `prefix`. */
function before(text: string, prefix: string, ...lines: string[]): string {
  const all = text.split('\n');
  const i = all.findIndex((l) => l.startsWith(prefix));
  if (i < 0) throw new Error(`no line starting with ${prefix}`);
  all.splice(i, 0, ...lines);
  return all.join('\n');
}
/** `text` with `lines` put after the first line starting with `prefix`. */
function after(text: string, prefix: string, ...lines: string[]): string {
  const all = text.split('\n');
  const i = all.findIndex((l) => l.startsWith(prefix));
  if (i < 0) throw new Error(`no line starting with ${prefix}`);
  all.splice(i + 1, 0, ...lines);
  return all.join('\n');
}

test('the broken report has exactly one finding, the one the cases below silence', () => {
  assert.deepEqual(codes(broken), [`${lineOf(broken, '| （一）予以公开')} total-mismatch`]);
  assert.deepEqual(codes(clean21), []);
});

interface Case { name: string; text: string; expect: (text: string) => string[] }
const none = () => [];
const CASES: Case[] = [
  { name: 'next-line right before a table covers the whole table', text: before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch -->'), expect: none },
  { name: 'next-line naming no code silences every code', text: before(broken, TABLE_HEAD, '<!-- tally-disable-next-line -->'), expect: none },
  { name: 'next-line with a reason', text: before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch -- 数据经核对无误 -->'), expect: none },
  { name: 'codes separated by commas', text: before(broken, TABLE_HEAD, '<!-- tally-disable-next-line unit, total-mismatch -->'),
    expect: (t) => [`${lineOf(t, '<!--')} unused-suppression`] },
  { name: 'row= names the row of the finding', text: before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch row=（一）予以公开 -->'), expect: none },
  { name: 'row= quoted, label compared after normalisation', text: before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch row="(一)予以公开" -->'), expect: none },
  { name: 'row= naming another row silences nothing',
    text: before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch row=（二）部分公开（区分处理的，只计这一情形，不计其他情形） -->'),
    expect: (t) => [`${lineOf(t, '<!--')} unused-suppression`, `${lineOf(t, '| （一）予以公开')} total-mismatch`] },
  { name: 'stacked comments before a table both apply to it',
    text: before(broken, TABLE_HEAD, '<!-- tally-disable-next-line unit -->', '<!-- tally-disable-next-line total-mismatch -->'),
    expect: (t) => [`${lineOf(t, '<!-- tally-disable-next-line unit')} unused-suppression`] },
  { name: 'a disable/enable pair around the table', text: after(before(broken, TABLE_HEAD, '<!-- tally-disable total-mismatch -->', ''), '| 四、结转下年度', '', '<!-- tally-enable total-mismatch -->'), expect: none },
  { name: 'an enable naming no code ends the region', text: after(before(broken, TABLE_HEAD, '<!-- tally-disable total-mismatch -->', ''), '| 四、结转下年度', '', '<!-- tally-enable -->'), expect: none },
  { name: 'a region closed before the table silences nothing',
    text: before(broken, TABLE_HEAD, '<!-- tally-disable total-mismatch -->', '<!-- tally-enable total-mismatch -->', ''),
    expect: (t) => [`${lineOf(t, '<!-- tally-disable')} unused-suppression`, `${lineOf(t, '| （一）予以公开')} total-mismatch`] },
  { name: 'a region without enable runs to the end', text: before(broken, '## 三、', '<!-- tally-disable total-mismatch -->', ''), expect: none },
  { name: 'disable-file anywhere in the file', text: `${broken}\n<!-- tally-disable-file total-mismatch -- 见说明 -->\n`, expect: none },
  { name: 'a stale comment is reported, as information',
    text: before(clean21, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch -->'),
    expect: (t) => [`${lineOf(t, '<!--')} unused-suppression`] },
  { name: 'an unknown code is reported', text: before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismach -->'),
    expect: (t) => [`${lineOf(t, '<!--')} unknown-code`, `${lineOf(t, '| （一）予以公开')} total-mismatch`] },
  { name: 'an unknown code in tally-enable is reported; the region it was meant to end runs on',
    text: after(before(broken, TABLE_HEAD, '<!-- tally-disable total-mismatch -->', ''), '| 四、结转下年度', '', '<!-- tally-enable total-mismach -->'),
    expect: (t) => [`${lineOf(t, '<!-- tally-enable')} unknown-code`] },
  { name: 'a comment in a code fence is text', text: before(broken, TABLE_HEAD, '```', '<!-- tally-disable-file total-mismatch -->', '```', ''),
    expect: (t) => [`${lineOf(t, '| （一）予以公开')} total-mismatch`] },
  { name: 'an indented code block is text', text: before(broken, TABLE_HEAD, '    <!-- tally-disable-file total-mismatch -->', ''),
    expect: (t) => [`${lineOf(t, '| （一）予以公开')} total-mismatch`] },
  { name: 'a comment inside a paragraph line is text', text: before(broken, TABLE_HEAD, '说明文字 <!-- tally-disable-file total-mismatch -->', ''),
    expect: (t) => [`${lineOf(t, '| （一）予以公开')} total-mismatch`] },
  { name: 'a comment over several lines', text: before(broken, TABLE_HEAD, '<!--', 'tally-disable-next-line', '  total-mismatch', '-->'), expect: none },
  { name: 'a comment that is not a tally directive does nothing', text: before(broken, TABLE_HEAD, '<!-- 备注：tally-disable-next-line total-mismatch -->'),
    expect: (t) => [`${lineOf(t, '| （一）予以公开')} total-mismatch`] },
  // `row=` off a next-line comment: the comment would silence every total-mismatch to the end of the file, or in the
  // whole file; it silences nothing and is reported.
  { name: 'row= on tally-disable silences nothing and is reported',
    text: before(broken, TABLE_HEAD, '<!-- tally-disable total-mismatch row=（一）予以公开 -->', ''),
    expect: (t) => [`${lineOf(t, '<!--')} unknown-code`, `${lineOf(t, '| （一）予以公开')} total-mismatch`] },
  { name: 'row= on tally-disable-file silences nothing and is reported',
    text: `${broken}\n<!-- tally-disable-file total-mismatch row=（一）予以公开 -->\n`,
    expect: (t) => [`${lineOf(t, '| （一）予以公开')} total-mismatch`, `${lineOf(t, '<!--')} unknown-code`] },
  { name: 'row= on tally-disable-file naming no code silences nothing either',
    text: `${broken}\n<!-- tally-disable-file row=（一）予以公开 -->\n`,
    expect: (t) => [`${lineOf(t, '| （一）予以公开')} total-mismatch`, `${lineOf(t, '<!--')} unknown-code`] },
  { name: 'row= on tally-enable is reported; the enable still ends the region',
    text: before(broken, TABLE_HEAD, '<!-- tally-disable total-mismatch -->', '<!-- tally-enable total-mismatch row=（一）予以公开 -->', ''),
    expect: (t) => [`${lineOf(t, '<!-- tally-disable')} unused-suppression`, `${lineOf(t, '<!-- tally-enable')} unknown-code`, `${lineOf(t, '| （一）予以公开')} total-mismatch`] },
  // Misspelt directives: reported, silencing nothing.
  { name: 'a misspelt next-line directive is reported and silences nothing',
    text: before(broken, TABLE_HEAD, '<!-- tally-disable-nextline total-mismatch -->'),
    expect: (t) => [`${lineOf(t, '<!--')} unknown-code`, `${lineOf(t, '| （一）予以公开')} total-mismatch`] },
  { name: 'tally-disabled is reported and silences nothing',
    text: before(broken, '## 三、', '<!-- tally-disabled total-mismatch -->', ''),
    expect: (t) => [`${lineOf(t, '<!--')} unknown-code`, `${lineOf(t, '| （一）予以公开')} total-mismatch`] },
  { name: 'tally-enable-file is reported; the region it was meant to end runs on',
    text: after(before(broken, TABLE_HEAD, '<!-- tally-disable total-mismatch -->', ''), '| 四、结转下年度', '', '<!-- tally-enable-file total-mismatch -->'),
    expect: (t) => [`${lineOf(t, '<!-- tally-enable-file')} unknown-code`] },
  { name: 'a misspelt comment stacked above a next-line comment: the next-line comment still reaches the table',
    text: before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch -->', '<!-- tally-disabel-next-line unit -->'),
    expect: (t) => [`${lineOf(t, '<!-- tally-disabel')} unknown-code`] },
  { name: 'CRLF line endings', text: before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch -->').replace(/\n/g, '\r\n'), expect: none },
  { name: 'CR line endings', text: before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch -->').replace(/\n/g, '\r'), expect: none },
];

for (const c of CASES) {
  test(`suppression: ${c.name}`, () => {
    const lines = c.text.includes('\r') ? c.text.replace(/\r\n?/g, '\n') : c.text;
    assert.deepEqual(codes(c.text), c.expect(lines));
  });
}

test('the incremental analyzer agrees with a fresh analysis, comment added and removed', () => {
  const incremental = new IncrementalAnalyzer();
  const texts = [broken, before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch -->'), broken,
    before(broken, '## 三、', '<!-- tally-disable total-mismatch -->', '')];
  for (const text of texts) {
    assert.deepEqual(incremental.analyze(text).findings.map((f) => f.code), analyze(text).findings.map((f) => f.code));
  }
});

test('suppressed findings are kept apart (SARIF reports them), not counted', () => {
  const a = analyze(before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch -- 已核对 -->'));
  assert.deepEqual(a.findings, []);
  assert.deepEqual(a.suppressed.map((s) => [s.finding.code, s.reason]), [['total-mismatch', '已核对']]);
  assert.equal(a.suppressions[0].reason, '已核对');
});

test('a next-line comment before a paragraph covers the whole paragraph, not the next one', () => {
  const text = '# 标题\n\n<!-- tally-disable-next-line -->\n第一行\n第二行\n\n第三段\n';
  const a = analyze(text);
  assert.deepEqual(a.suppressions[0].spans, [{ code: '*', from: 3, to: 4 }]);
});

test('comments inside a list item and a blockquote are read, with quote markers on later lines', () => {
  const list = analyze('# 标题\n\n- 第一项\n  <!-- tally-disable-next-line unit -->\n- 第二项\n');
  assert.deepEqual(list.suppressions.map((s) => [s.codes, s.spans]), [[['unit'], [{ code: 'unit', from: 4, to: 4 }]]]);
  const quote = analyze('# 标题\n\n> 引用\n> <!-- tally-disable-next-line\n> unit -->\n> 下一行\n');
  assert.deepEqual(quote.suppressions.map((s) => [s.codes, s.spans]), [[['unit'], [{ code: 'unit', from: 5, to: 5 }]]]);
});

test('directives: kinds, codes, rows, reasons', () => {
  assert.deepEqual(parseDirective(' tally-disable-next-line a b row=合计 row="x y" -- 原因 -- 更多 '),
    { kind: 'next-line', name: 'tally-disable-next-line', codes: ['a', 'b'], rows: ['合计', 'x y'], reason: '原因 -- 更多', start: 0, end: 0 });
  assert.deepEqual(parseDirective(' tally-enable ')?.kind, 'enable');
  assert.deepEqual(parseDirective(' tally-disable-file x')?.kind, 'file');
  assert.deepEqual(parseDirective(' tally-disabled x'), { kind: 'unreadable', name: 'tally-disabled', codes: ['x'], rows: [], start: 0, end: 0 });
  assert.equal(parseDirective(' tally-disable:x')?.kind, 'unreadable');
  assert.equal(parseDirective(' eslint-disable x'), undefined);
  assert.equal(parseDirective(' 备注 tally-disable x'), undefined);
  assert.equal(nearestDirective('tally-disable-nextline'), 'tally-disable-next-line');
  assert.equal(nearestDirective('tally-disabled'), 'tally-disable');
  assert.equal(nearestDirective('tally-disable-files'), 'tally-disable-file');
  assert.equal(nearestDirective('tally-enabled'), 'tally-enable');
  // A word saying enable is never taken for a disable directive, which would silence instead of ending silence.
  assert.equal(nearestDirective('tally-enable-file'), 'tally-enable');
  assert.equal(nearestDirective('tally-test:'), undefined);
  assert.equal(nearestCode('total-mismach'), 'total-mismatch');
  assert.equal(nearestCode('Unit'), 'unit');
  assert.equal(nearestCode('zzzzzzzzzz'), undefined);
});

test('the fix of an unknown code renames it, and the finding is silenced', () => {
  const text = before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismach -->');
  const unknown = analyze(text).findings.find((f) => f.code === 'unknown-code')!;
  const fixed = applyEdits(text, unknown.fixes![0].edits);
  assert.match(fixed, /tally-disable-next-line total-mismatch -->/);
  assert.deepEqual(codes(fixed), []);
});

/** The finding of `code` on the first line starting with `prefix`, its message rendered in English. */
function messageAt(text: string, prefix: string, code: string): { message: string; finding: ReturnType<typeof analyze>['findings'][number] } {
  const finding = analyze(text).findings.find((f) => f.code === code && f.range.start.line + 1 === lineOf(text, prefix));
  assert.ok(finding, `${code} on the line starting ${prefix}`);
  return { message: render(finding.message, 'en'), finding };
}

test('row= off a next-line comment: the message says row= works only with tally-disable-next-line; no fix widens it', () => {
  const region = before(broken, TABLE_HEAD, '<!-- tally-disable total-mismatch row=（一）予以公开 -->', '');
  const { message, finding } = messageAt(region, '<!--', 'unknown-code');
  assert.equal(message, 'row= works only with tally-disable-next-line before a table; this tally-disable comment silences nothing');
  assert.equal(finding.severity, 'warning');
  assert.equal(finding.fixes, undefined);
  assert.deepEqual(readSuppressions(analyze(region).model).map((s) => [s.kind, s.spans]), [['region', []]]);
  const file = `${broken}\n<!-- tally-disable-file total-mismatch row=（一）予以公开 -->\n`;
  assert.match(messageAt(file, '<!--', 'unknown-code').message, /this tally-disable-file comment silences nothing/);
  assert.match(render(messageAt(file, '<!--', 'unknown-code').finding.message, 'zh-TW'), /^row= 只能用於表格前的 tally-disable-next-line；這則 tally-disable-file 註解/);
  // "Disable for this file" does not add to such a comment: it writes one of its own, which silences.
  const i = analyze(file).findings.findIndex((f) => f.code === 'total-mismatch');
  assert.match(disablesCleanly(file, i, true), /^---\n[\s\S]*?\n---\n<!-- tally-disable-file total-mismatch -->\n/);
});

test('a misspelt directive: the nearest as a suggestion and a fix; fixed, the finding is silenced', () => {
  for (const [written, meant] of [['tally-disable-nextline', 'tally-disable-next-line'], ['tally-disabled', 'tally-disable'], ['tally-Disable-File', 'tally-disable-file']]) {
    const text = before(broken, TABLE_HEAD, `<!-- ${written} total-mismatch -- 已核对 -->`);
    const { message, finding } = messageAt(text, '<!--', 'unknown-code');
    assert.equal(message, `Tally has no directive "${written}"; did you mean "${meant}"? This comment silences nothing`);
    assert.equal(render(finding.message, 'zh-CN'), `Tally 没有指令“${written}”，是否指“${meant}”？此注释不屏蔽任何问题`);
    assert.equal(render(finding.fixes![0].title, 'en'), `Change to "${meant}"`);
    const fixed = applyEdits(text, finding.fixes![0].edits);
    assert.equal(fixed, before(broken, TABLE_HEAD, `<!-- ${meant} total-mismatch -- 已核对 -->`));
    assert.deepEqual(codes(fixed), []);
  }
  // tally-enable-file is taken for tally-enable, never for tally-disable-file.
  const enable = after(before(broken, TABLE_HEAD, '<!-- tally-disable total-mismatch -->', ''), '| 四、结转下年度', '', '<!-- tally-enable-file total-mismatch -->');
  const e = messageAt(enable, '<!-- tally-enable-file', 'unknown-code');
  assert.match(e.message, /did you mean "tally-enable"\?/);
  assert.deepEqual(codes(applyEdits(enable, e.finding.fixes![0].edits)), []);
  // Far from every directive: reported without a suggestion or a fix.
  const far = before(broken, TABLE_HEAD, '<!-- tally-ignore total-mismatch -->');
  const f = messageAt(far, '<!--', 'unknown-code');
  assert.equal(f.message, 'Tally has no directive "tally-ignore"; this comment silences nothing');
  assert.equal(f.finding.fixes, undefined);
  assert.deepEqual(codes(far), [`${lineOf(far, '<!--')} unknown-code`, `${lineOf(far, '| （一）予以公开')} total-mismatch`]);
});

test('row= matching no row, or before no table: the unused-suppression message says so', () => {
  const text = before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch row=不存在的行 -->');
  assert.deepEqual(codes(text), [`${lineOf(text, '<!--')} unused-suppression`, `${lineOf(text, '| （一）予以公开')} total-mismatch`]);
  const { message, finding } = messageAt(text, '<!--', 'unused-suppression');
  assert.equal(message, 'row=不存在的行 in this disable comment matches no row of the table below; the comment silences no finding');
  assert.equal(render(finding.message, 'zh-CN'), '此禁用注释中的 row=不存在的行 与下方表格的任何行都不匹配，注释没有屏蔽任何问题');
  assert.equal(applyEdits(text, finding.fixes![0].edits), broken);
  // One label matches a row with no finding, one matches nothing: the one matching nothing is named.
  const two = before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch row=1.属于国家秘密 row=没有这行 -->');
  assert.match(messageAt(two, '<!--', 'unused-suppression').message, /^row=没有这行 in this disable comment matches no row/);
  // A label that matches: the usual message.
  const other = before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch row=（二）部分公开（区分处理的，只计这一情形，不计其他情形） -->');
  assert.equal(messageAt(other, '<!--', 'unused-suppression').message, 'total-mismatch in this disable comment silences no finding and can be removed');
  const prose = before(broken, '## 三、', '<!-- tally-disable-next-line total-mismatch row=合计 -->');
  assert.match(messageAt(prose, '<!--', 'unused-suppression').message, /^row= names rows of a table, but the line after this disable comment begins no table/);
});

test('the fix of a stale comment removes its line, or only its unused codes', () => {
  const stale = before(clean21, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch -->');
  const f = analyze(stale).findings[0];
  assert.equal(applyEdits(stale, f.fixes![0].edits), clean21);
  const partly = before(broken, TABLE_HEAD, '<!-- tally-disable-next-line unit total-mismatch -- 已核对 -->');
  const g = analyze(partly).findings[0];
  const fixed = applyEdits(partly, g.fixes![0].edits);
  assert.equal(fixed, before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch -- 已核对 -->'));
  assert.deepEqual(codes(fixed), []);
});

test('a report\'s comments silence its findings across years; unused across-year codes are not judged alone', () => {
  const y2021 = sample('pair-2021.md');
  const y2022 = sample('pair-2022.md');
  const run = (text: string) => {
    const a = analyze(text);
    const across = checkWorkspace([{ path: '/r/pair-2021.md', facts: collectFacts(analyze(y2021)) }, { path: '/r/pair-2022.md', facts: collectFacts(a) }]);
    return mergeFindings(a.findings, across.get('/r/pair-2022.md'), collectFacts(a).suppressions).map((f) => f.code);
  };
  assert.deepEqual(run(y2022), ['carry-over', 'copied-text']);
  const silenced = before(y2022, '| 项目 | 自然人', '<!-- tally-disable-next-line carry-over -- 上年报告有误 -->');
  assert.deepEqual(run(silenced), ['copied-text']);
  // Alone, the comment silences nothing, but it is not reported: it depends on the other year's report.
  assert.deepEqual(analyze(silenced).findings.map((f) => f.code), []);
  // A comment naming no code that silences only a finding across years is not reported as unused once merged.
  const all = before(y2022, '| 项目 | 自然人', '<!-- tally-disable-next-line -->');
  assert.deepEqual(analyze(all).findings.map((f) => f.code), ['unused-suppression']);
  assert.deepEqual(run(all), ['copied-text']);
});

test('tally check: a silenced finding leaves the counts and the exit code; SARIF carries it as suppressed', async () => {
  const { spawnSync } = await import('node:child_process');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-suppress-'));
  try {
    const cli = fileURLToPath(new URL('../cli.js', import.meta.url));
    const run = (file: string, ...args: string[]) => spawnSync(process.execPath, [cli, 'check', '-l', 'en', ...args, file], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const plain = path.join(dir, 'broken.md');
    fs.writeFileSync(plain, broken);
    assert.equal(run(plain).status, 1);
    const silenced = path.join(dir, 'silenced.md');
    fs.writeFileSync(silenced, before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch -- checked with the finance office -->'));
    const text = run(silenced);
    assert.equal(text.status, 0);
    assert.match(text.stdout, /no problems/);
    assert.deepEqual(JSON.parse(run(silenced, '-f', 'json').stdout).files[0].diagnostics, []);
    const sarif = JSON.parse(run(silenced, '-f', 'sarif').stdout);
    assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string; suppressions?: unknown }) => [r.ruleId, r.suppressions]),
      [['total-mismatch', [{ kind: 'inSource', justification: 'checked with the finance office' }]]]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---- "Disable here" and "Disable for this file" (the editor's quick fixes, written by the engine) ----

/** How a report reads, positions aside: what a suppression comment must leave as it is. */
function reading(text: string): unknown {
  const { model, template } = analyze(text);
  return {
    template, title: model.title?.text, year: model.year?.value, frontMatter: model.frontMatter?.template?.value,
    headings: model.headings.map((h) => [h.depth, h.text]),
    tables: model.tables.map((t) => [t.caption, t.rows.map((r) => [r.path, r.cells.map((c) => c.text)])]),
    enumerated: model.enumerated.map((e) => [e.enumerator.value, e.text]),
    text: model.blocks.flatMap((b) => (b.kind === 'text' && !isComment(b) ? [b.text.replace(/\s+/g, ' ')] : [])),
  };
}

function countCodes(findings: readonly { code: string }[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(f.code, (m.get(f.code) ?? 0) + 1);
  return m;
}

/** Applies the edit for the `index`th finding and checks: that finding's code is reported less, no code more, and the report reads the same. */
function disablesCleanly(text: string, index: number, file = false): string {
  const a = analyze(text);
  const f = a.findings[index];
  const edit = file ? disableFileEdit(a, f.code) : disableHereEdit(a, f.code, f.range);
  assert.ok(edit, `an edit for ${f.code} at ${f.range.start.line + 1}`);
  const fixed = applyEdits(text, [edit]);
  const after = analyze(fixed);
  const before = countCodes(a.findings);
  const now = countCodes(after.findings);
  assert.ok((now.get(f.code) ?? 0) < before.get(f.code)!, `${f.code} at ${f.range.start.line + 1} silenced:\n${fixed.split(/\r\n?|\n/).slice(Math.max(0, f.range.start.line - 2), f.range.start.line + 3).join('\n')}`);
  for (const [code, n] of now) assert.ok(n <= (before.get(code) ?? 0), `no ${code} added by silencing ${f.code} at ${f.range.start.line + 1}`);
  assert.deepEqual(reading(fixed), reading(text), 'the report reads the same');
  return fixed;
}

test('disable here, on every kind of finding of every sample: the finding goes, nothing else comes, the report reads the same', () => {
  for (const name of ['000-panzhihua-2021.md', '001-nanjiang-2018.md', '002-wulanchabu-2020.md', '003-xiangtan-2016.md', '004-gaoping-2022.md', '005-shanghai-2019.md']) {
    const text = sample(name);
    const findings = analyze(text).findings;
    const seen = new Set<string>();
    findings.forEach((f, i) => {
      if (seen.has(f.code)) return;
      seen.add(f.code);
      disablesCleanly(text, i);
    });
  }
});

test('disable here: a table cell gets a comment before the table naming its row; a second code joins that comment', () => {
  const twice = setCell(broken, '| 3 | 1 | 1 | 1 | 6 |', 4, '7');
  const fixed = disablesCleanly(broken, 0);
  assert.equal(fixed, before(broken, TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch row=（一）予以公开 -->'));
  // A unit written in the same row: the code is added to the comment already there.
  const withUnit = setCell(fixed, '| （一）予以公开', 2, '6件');
  const a = analyze(withUnit);
  const unit = a.findings.findIndex((f) => f.code === 'unit');
  assert.ok(unit >= 0, 'a unit finding');
  assert.equal(disablesCleanly(withUnit, unit), before(setCell(broken, '| （一）予以公开', 2, '6件'), TABLE_HEAD, '<!-- tally-disable-next-line total-mismatch unit row=（一）予以公开 -->'));
  // Another table: its own comment.
  const other = analyze(twice).findings.findIndex((f) => f.range.start.line + 1 === lineOf(twice, '| 3 | 1 | 1 | 1 | 7 |'));
  const second = disablesCleanly(twice, other);
  assert.match(second, /<!-- tally-disable-next-line total-mismatch -->\n\| 结果维持/);
});

test('disable here inside a list item and a blockquote keeps the container; before a paragraph; CRLF kept', () => {
  const list = `${clean21}\n1. 第一项工作\n2. 第二项工作\n4. 第四项工作\n`;
  assert.deepEqual(codes(list), [`${lineOf(list, '4. ')} numbering`]);
  assert.match(disablesCleanly(list, 0), /\n2\. 第二项工作\n {3}<!-- tally-disable-next-line numbering -->\n4\. 第四项工作/);
  const quoted = `${clean21}\n> 1. 第一项工作\n> 2. 第二项工作\n> 4. 第四项工作\n`;
  assert.match(disablesCleanly(quoted, 0), /\n> 2\. 第二项工作\n> {4}<!-- tally-disable-next-line numbering -->\n> 4\. 第四项工作/);
  const prose = `${clean21}\n一是加强工作。二是完善制度。\n四是强化监督。\n`;
  assert.match(disablesCleanly(prose, 0), /\n<!-- tally-disable-next-line numbering -->\n一是加强工作/);
  const crlf = broken.replace(/\n/g, '\r\n');
  const fixedCrlf = disablesCleanly(crlf, 0);
  assert.ok(!/[^\r]\n/.test(fixedCrlf), 'CRLF throughout');
});

test('a finding in the front matter is silenced for the file only: no comment can stand in or before it', () => {
  const text = clean21.replace('year: 2022', 'year: 二〇二二');
  const a = analyze(text);
  const i = a.findings.findIndex((f) => f.code === 'front-matter');
  assert.ok(i >= 0, JSON.stringify(a.findings.map((f) => f.code)));
  assert.equal(disableHereEdit(a, 'front-matter', a.findings[i].range), undefined);
  assert.match(disablesCleanly(text, i, true), /\n---\n<!-- tally-disable-file front-matter -->\n/);
});

test('disable for this file: a comment after the front matter, or the code added to the one there', () => {
  const fixed = disablesCleanly(broken, 0, true);
  assert.match(fixed, /^---\n[\s\S]*?\n---\n<!-- tally-disable-file total-mismatch -->\n/);
  const withUnit = setCell(fixed, '| （一）予以公开', 2, '6件');
  const unit = analyze(withUnit).findings.findIndex((f) => f.code === 'unit');
  assert.match(disablesCleanly(withUnit, unit, true), /\n<!-- tally-disable-file total-mismatch unit -->\n/);
  const bare = '# 某县2022年政府信息公开工作年度报告\n\n| 项目 | 数量 |\n|---|---|\n| 甲 | 1 |\n| 合计 | 2 |\n';
  const i = analyze(bare).findings.findIndex((f) => f.code === 'total-mismatch');
  if (i >= 0) assert.match(disablesCleanly(bare, i, true), /^<!-- tally-disable-file total-mismatch -->\n# /);
});
