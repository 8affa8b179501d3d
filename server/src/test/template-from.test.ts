// `tally template from`: a draft from a report's structure validates, checks its own report clean, still catches a
// broken total, and never states a relation the figures it was drafted from contradict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, type Template } from '../engine/index.js';
import { draftTemplate } from '../engine/draft-template.js';
import { validateTemplate } from '../templates/validate.js';
import { lineOf, sample, setCell } from './support.js';

const clean21 = sample('clean-2021.md');
const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));

test('a draft from clean-2021 validates, and checks clean-2021 with no finding', () => {
  const draft = draftTemplate(clean21, { id: 'team-2021', source: 'clean-2021.md' });
  assert.deepEqual(validateTemplate(draft), []);
  assert.deepEqual(draft.sections.map((s) => [s.ordinal, s.title]), [
    [1, '总体情况'], [2, '主动公开政府信息情况'], [3, '收到和处理政府信息公开申请情况'], [4, '政府信息公开行政复议、行政诉讼情况'],
    [5, '存在的主要问题及改进情况'], [6, '其他需要报告的事项']]);
  const requests = draft.tables.find((t) => t.columns.some((c) => c.label === '自然人'))!;
  // （七）总计 is the sum of the rows under 三、本年度办理结果; the 总计 column the sum of the six before it.
  const total = requests.rows.find((r) => r.label === '总计')!;
  const results = requests.rows.find((r) => r.label === '本年度办理结果')!;
  assert.equal(total.parent, results.id);
  const sum = requests.relations.find((r) => r.left[0] === total.id)!;
  assert.equal(sum.right.length, 21);
  assert.ok((sum as { $comment?: string }).$comment);
  assert.ok(requests.relations.some((r) => r.each === 'row' && r.right.length === 6));
  const a = analyze(clean21, { template: draft as Template });
  assert.equal(a.template, 'team-2021');
  assert.deepEqual(a.findings.map((f) => f.code), []);
});

test('checked with the draft, a broken total is found', () => {
  const draft = draftTemplate(clean21) as Template;
  const broken = setCell(clean21, '| （一）予以公开', 1, '53');
  const found = analyze(broken, { template: draft }).findings.map((f) => `${f.range.start.line + 1} ${f.code}`);
  assert.ok(found.includes(`${lineOf(broken, '| （一）予以公开')} total-mismatch`), JSON.stringify(found));
});

test('a draft from a report with a wrong total states no relation for that total; the totals that hold stay', () => {
  const wrong = setCell(clean21, '| （七）总计', 1, '131');
  const draft = draftTemplate(wrong);
  const requests = draft.tables.find((t) => t.columns.some((c) => c.label === '自然人'))!;
  const total = requests.rows.find((r) => r.label === '总计')!;
  assert.equal(requests.relations.filter((r) => r.left[0] === total.id).length, 0, 'no 总计 row relation');
  // The 总计 column does not hold in the （七）总计 row any more either (131 + … ≠ 156): no column relation.
  assert.equal(requests.relations.filter((r) => r.each === 'row').length, 0);
  // The appeals tables' totals still hold, and stay.
  assert.equal(draft.tables.filter((t) => t.columns.some((c) => c.label === '结果维持') && t.relations.length === 1).length, 3);
  // Checked with its own draft, the report has no error: nothing contradicts what the draft states.
  assert.deepEqual(analyze(wrong, { template: draft as Template }).findings.filter((f) => f.severity === 'error'), []);
});

test('tally template from: writes a valid template that tally check --template accepts; -o refuses to overwrite', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-template-from-'));
  try {
    const out = path.join(dir, 'team.json');
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const sampleFile = fileURLToPath(new URL('../../samples/clean-2021.md', import.meta.url));
    const made = run('template', 'from', sampleFile, '-o', out, '--id', 'team-2021', '-l', 'en');
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stderr, /6 sections, 8 tables/);
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(json.id, 'team-2021');
    assert.deepEqual(validateTemplate(json), []);
    const checked = run('check', '--template', out, '-f', 'json', sampleFile);
    assert.equal(checked.status, 0, checked.stdout);
    assert.equal(JSON.parse(checked.stdout).files[0].template, 'team-2021');
    assert.equal(run('template', 'from', sampleFile, '-o', out).status, 2, 'an existing file is kept');
    assert.equal(run('template', 'from', sampleFile, '--id', 'Bad Id').status, 2);
    const stdout = run('template', 'from', sampleFile);
    assert.equal(stdout.status, 0);
    assert.equal(JSON.parse(stdout.stdout).id, 'clean-2021');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('every sample: its draft validates, and checked with it the report has no structural or relation finding', async () => {
  const { readdirSync } = await import('node:fs');
  const STRUCTURE = new Set(['missing-section', 'section-order', 'duplicate-section', 'missing-table', 'missing-row', 'unknown-row', 'row-order',
    'missing-column', 'total-mismatch', 'reconciliation', 'bound', 'not-a-report']);
  const names = readdirSync(fileURLToPath(new URL('../../samples/', import.meta.url))).filter((f) => f.endsWith('.md') && f !== 'README.md');
  assert.ok(names.length >= 10);
  for (const name of names) {
    const text = sample(name);
    const draft = draftTemplate(text, { id: 'draft', source: name });
    assert.deepEqual(validateTemplate(draft), [], name);
    const found = analyze(text, { template: draft as Template }).findings.filter((f) => STRUCTURE.has(f.code));
    assert.deepEqual(found.map((f) => `${f.range.start.line + 1} ${f.code}`), [], name);
  }
});
