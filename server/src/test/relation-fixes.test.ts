// Findings about a broken sum that read well: related information names only the totals a wrong cell breaks, both
// directions are offered as fixes (the part, or the totals), the one that leaves no relation failing first; the
// hover writes each formula once and then the fixes; fix-all still applies only what it proves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type Finding } from '../engine/index.js';
import { render } from '../messages/render.js';
import { hover } from '../lsp/hover.js';
import { inlayHints } from '../lsp/lenses.js';
import { fixAll } from '../engine/edits/fix-all.js';
import { applyEdits, sample, setCell } from './support.js';

const clean21 = sample('clean-2021.md');
const lines = clean21.split('\n');
const lineOf = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
const en = (f: Finding) => ({
  related: (f.related ?? []).map((r) => `${r.range.start.line} ${render(r.message, 'en')}`),
  fixes: (f.fixes ?? []).map((x) => `${x.safe ? 'safe' : 'review'}: ${render(x.title, 'en')}`),
});
const relationFindings = (text: string) => analyze(text).findings.filter((f) => f.code === 'total-mismatch');

test('a wrong part: related lists the two totals it breaks, not the addends of both sums', () => {
  const text = setCell(clean21, '| （一）予以公开', 1, '53');
  const [fault] = relationFindings(text);
  assert.equal(fault.range.start.line, lineOf('| （一）予以公开'));
  const { related, fixes } = en(fault);
  assert.deepEqual(related, [
    `${lineOf('| （一）予以公开')} "（一）予以公开" / "总计": 63`,
    `${lineOf('| （七）总计')} "（七）总计" / "自然人": 130`,
  ]);
  // The part first (it satisfies every relation); then the totals, each to the sum of its parts, and the grand
  // total they feed — which leaves the reconciliation of 一+二 = 七+四 failing, hence second and for review.
  assert.deepEqual(fixes, [
    'safe: Change to 52',
    'review: Or change the totals to the sum of the parts: "（一）予以公开" / "总计" to 64, "（七）总计" / "自然人" to 131, "（七）总计" / "总计" to 157',
  ]);
  const totals = fault.fixes![1];
  assert.deepEqual(totals.edits.map((e) => [e.range.start.line, e.newText]),
    [[lineOf('| （一）予以公开'), '64'], [lineOf('| （七）总计'), '131'], [lineOf('| （七）总计'), '157']]);
  // Applied, the totals fix makes every sum hold (only the reconciliations through the changed totals remain).
  const after = analyze(applyEdits(text, totals.edits)).findings.filter((f) => f.code === 'total-mismatch');
  assert.deepEqual(after, []);
});

test('a wrong total: the total to the sum of its parts first, then each part; no line per addend', () => {
  const text = setCell(clean21, '| 3 | 1 | 1 | 1 | 6 |', 4, '7');
  const [fault] = relationFindings(text);
  const { related, fixes } = en(fault);
  assert.deepEqual(related, []);
  assert.deepEqual(fixes, [
    'safe: Change to 6',
    'review: Or change "行政复议·结果维持" to 4',
    'review: Or change "行政复议·结果纠正" to 2',
    'review: Or change "行政复议·其他结果" to 2',
    'review: Or change "行政复议·尚未审结" to 2',
  ]);
  // The inlay hint after the total still says its value.
  assert.deepEqual(inlayHints(analyze(text)).map((h) => h.label), ['= 6']);
});

test('the fix that leaves fewer relations failing comes first: a part, when changing the total breaks another sum', () => {
  // 自然人 of （一） is one too many and so is its row's 总计: the row holds; the 自然人 and 总计 columns do not.
  const text = setCell(setCell(clean21, '| （一）予以公开', 1, '53'), '| （一）予以公开', 7, '64');
  const column = relationFindings(text).find((f) => /"（七）总计" \/ "自然人"/.test(render(f.message, 'en')));
  assert.ok(column, relationFindings(text).map((f) => render(f.message, 'en')).join('\n'));
  const { fixes } = en(column);
  // 130 → 131 would break the （七） row's sum as well; 53 → 52 leaves only the other fault.
  assert.equal(fixes[0], 'review: Or change "（一）予以公开" / "自然人" to 52');
  assert.ok(fixes.includes('safe: Change to 131'), fixes.join('\n'));
  // The inlay hint is the finding's own cell's value, whichever fix comes first.
  const hint = inlayHints(analyze(text)).find((h) => h.position.line === lineOf('| （七）总计'));
  assert.equal(hint?.label, '= 131');
});

test('fix-all applies only the fixes it proves: a wrong part is corrected, the totals are never rewritten', () => {
  const text = setCell(clean21, '| （一）予以公开', 1, '53');
  const result = fixAll(text);
  assert.equal(result.text, clean21);
  assert.equal(applyEdits(text, result.edits), clean21);
});

test('hover on a wrong total: the formula once (the finding writes it), then the fixes in order', () => {
  const text = setCell(clean21, '| 3 | 1 | 1 | 1 | 6 |', 4, '7');
  const row = lineOf('| 3 | 1 | 1 | 1 | 6 |');
  const character = text.split('\n')[row].lastIndexOf('7');
  const value = (hover(analyze(text), { line: row, character }, 'en')!.contents as { value: string }).value;
  // The diagnostic beside the hover already says 总计 = 3 + 1 + 1 + 1: the hover does not say it again.
  assert.doesNotMatch(value, /结果维持 3/);
  assert.match(value, /\*\*Fix\*\*\n\n- Change to 6\n- Or change "行政复议·结果维持" to 4/);
});

test('hover on a wrong part: each relation through it once, with names and values, then the fixes', () => {
  const text = setCell(clean21, '| （一）予以公开', 1, '53');
  const row = lineOf('| （一）予以公开');
  const character = text.split('\n')[row].indexOf('| 53 |') + 2;
  const value = (hover(analyze(text), { line: row, character }, 'en')!.contents as { value: string }).value;
  const formulas = value.split('\n').filter((l) => l.startsWith('- R'));
  assert.equal(formulas.length, new Set(formulas.map((l) => l.slice(0, l.indexOf(':')))).size, 'one line per relation');
  assert.ok(formulas.some((l) => /^- R1 \(row "（一）予以公开"\): 总计 = 自然人 53 \+ 商业企业 6 .* = 64 ≠ 63 ✗$/.test(l)), value);
  assert.ok(value.indexOf('**Fix**') > value.lastIndexOf('- R'), 'the fixes after the formulas');
  assert.match(value, /- Change to 52\n- Or change the totals/);
});
