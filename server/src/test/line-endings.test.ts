// CR, LF and CRLF are all line endings (CommonMark, LSP): a report reads the same with any of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { analyze, IncrementalAnalyzer } from '../engine/index.js';
import { ROOT, sample } from './support.js';

const SAMPLES = readdirSync(new URL('samples/', ROOT)).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();

/** Findings as the user meets them: code, range, message, and each fix's edits with their text normalised to LF. */
function findings(text: string, incremental = false): string {
  const analysis = incremental ? new IncrementalAnalyzer().analyze(text) : analyze(text);
  return JSON.stringify(analysis.findings.map((f) => [f.code, f.severity, f.range, f.message,
    (f.fixes ?? []).map((x) => x.edits.map((e) => [e.range, e.newText.replace(/\r\n?/g, '\n')]))]), null, 1);
}

for (const name of SAMPLES) {
  test(`${name}: CR-only and CRLF line endings give the findings of LF`, () => {
    const lf = sample(name).replace(/\r\n?/g, '\n');
    const expected = findings(lf);
    for (const [eol, label] of [['\r', 'CR'], ['\r\n', 'CRLF']]) {
      const text = lf.replace(/\n/g, eol);
      assert.equal(findings(text), expected, `${label}, CLI`);
      assert.equal(findings(text, true), expected, `${label}, editor`);
    }
  });
}

test('front matter with CR-only line endings is read', () => {
  const text = ['---', 'template: gov-annual-2021', 'year: 2022', '---', '', '# 报告', ''].join('\r');
  const model = analyze(text).model;
  assert.equal(model.frontMatter?.year?.value, 2022);
  assert.deepEqual(model.frontMatter?.year?.range, { start: { line: 2, character: 6 }, end: { line: 2, character: 10 } });
  assert.equal(model.frontMatter?.template?.value, 'gov-annual-2021');
});

test('multi-line titles, setext headings, captions and periods read the same with CR, LF and CRLF', () => {
  const lf = [
    '青岚区2022年政府信息公开工作年度报告', '（征求意见稿）', '',
    '本报告统计期限为', '2021年1月1日至2021年12月31日。', '',
    '总体', '情况', '======', '',
    '## （一）主动公开', '',
    '下表为主动公开情况', '单位：件', '',
    '| 项目 | 数量 |', '|---|---|', '| 甲 | 1 |', '',
  ].join('\n');
  const view = (text: string) => {
    const a = analyze(text);
    const m = a.model;
    return JSON.stringify({
      title: m.title, year: m.year, headings: m.headings.map((h) => [h.text, h.range]),
      captions: m.tables.map((t) => t.caption), findings: a.findings.map((f) => [f.code, f.range, f.message]),
    }, null, 1);
  };
  const expected = view(lf);
  assert.match(expected, /"总体 情况"/);
  assert.match(expected, /"下表为主动公开情况"/);
  for (const eol of ['\r', '\r\n']) assert.equal(view(lf.replace(/\n/g, eol)), expected, JSON.stringify(eol));
});
