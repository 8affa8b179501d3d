// Suppression comments: every form, where they apply (tables, rows, paragraphs, lists, quotes), stale and unknown
// codes, comments that are text (code fences), line endings, and the checks across years.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, IncrementalAnalyzer } from '../engine/index.js';
import { parseDirective, readSuppressions, nearestCode } from '../engine/suppress.js';
import { checkWorkspace, collectFacts, mergeFindings } from '../engine/workspace/index.js';
import { applyEdits, codes, lineOf, sample, setCell } from './support.js';

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
  { name: 'a comment in a code fence is text', text: before(broken, TABLE_HEAD, '```', '<!-- tally-disable-file total-mismatch -->', '```', ''),
    expect: (t) => [`${lineOf(t, '| （一）予以公开')} total-mismatch`] },
  { name: 'an indented code block is text', text: before(broken, TABLE_HEAD, '    <!-- tally-disable-file total-mismatch -->', ''),
    expect: (t) => [`${lineOf(t, '| （一）予以公开')} total-mismatch`] },
  { name: 'a comment inside a paragraph line is text', text: before(broken, TABLE_HEAD, '说明文字 <!-- tally-disable-file total-mismatch -->', ''),
    expect: (t) => [`${lineOf(t, '| （一）予以公开')} total-mismatch`] },
  { name: 'a comment over several lines', text: before(broken, TABLE_HEAD, '<!--', 'tally-disable-next-line', '  total-mismatch', '-->'), expect: none },
  { name: 'a comment that is not a tally directive does nothing', text: before(broken, TABLE_HEAD, '<!-- 备注：tally-disable-next-line total-mismatch -->'),
    expect: (t) => [`${lineOf(t, '| （一）予以公开')} total-mismatch`] },
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
    { kind: 'next-line', codes: ['a', 'b'], rows: ['合计', 'x y'], reason: '原因 -- 更多', start: 0, end: 0 });
  assert.deepEqual(parseDirective(' tally-enable ')?.kind, 'enable');
  assert.deepEqual(parseDirective(' tally-disable-file x')?.kind, 'file');
  assert.equal(parseDirective(' tally-disabled x'), undefined);
  assert.equal(parseDirective(' eslint-disable x'), undefined);
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
