// `tally template from`: a draft from a report's structure validates, checks its own report clean, still catches a
// broken total, and never states a relation the figures it was drafted from contradict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, type Template } from '../engine/index.js';
import { draftTemplate, headerUnit, nameOf } from '../engine/draft-template.js';
import { findTemplate } from '../templates/index.js';
import { validateTemplate } from '../templates/validate.js';
import { lineOf, sample, setCell } from './support.js';
import { runTally, tempRepo } from './cli-run.js';

const clean21 = sample('clean-2021.md');

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
  const dir = tempRepo({});
  const out = path.join(dir, 'team.json');
  const run = (...args: string[]) => runTally(args, dir);
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

test('a header stating its unit gives the column that unit: a figure written with it is the same finding as with the built-in template', () => {
  assert.deepEqual(headerUnit('本年收费金额（单位：万元）'), { label: '本年收费金额', unit: '万元' });
  assert.deepEqual(headerUnit('本年收费金额（万元）'), { label: '本年收费金额', unit: '万元' });
  assert.deepEqual(headerUnit('本年收费金额(单位:元)'), { label: '本年收费金额', unit: '元' });
  assert.deepEqual(headerUnit('办结数 单位：件'), { label: '办结数', unit: '件' });
  assert.deepEqual(headerUnit('单位：件'), { label: '', unit: '件' });
  assert.equal(headerUnit('本年收费金额'), undefined);
  assert.equal(headerUnit('（一）予以公开'), undefined);
  const draft = draftTemplate(clean21, { id: 'team-2021' });
  const fees = draft.tables.flatMap((t) => t.columns).find((c) => c.label === '本年收费金额')!;
  assert.deepEqual(fees, { id: fees.id, label: '本年收费金额', aliases: ['本年收费金额（单位：万元）'], unit: '万元', decimals: true });
  const written = setCell(clean21, '| 行政事业性收费', 1, '2316.48万元');
  const line = lineOf(written, '| 行政事业性收费');
  const at = (template: Template) => analyze(written, { template }).findings
    .filter((f) => f.range.start.line + 1 === line).map((f) => `${f.code} ${f.severity}`);
  const builtin = at(findTemplate('gov-annual-2021')!);
  assert.deepEqual(builtin, ['unit information']);
  assert.deepEqual(at(draft as Template), builtin);
  // The rest of the report is as clean with the draft as before.
  assert.deepEqual(analyze(clean21, { template: draft as Template }).findings.map((f) => f.code), []);
});

test('a quarterly report: the draft states its period (front matter, else title), and checks the report it came from clean', () => {
  const q2 = sample('quarterly/2025-q2.md');
  const draft = draftTemplate(q2, { id: 'q', source: '2025-q2.md' });
  assert.deepEqual(validateTemplate(draft), []);
  assert.deepEqual(draft.period, { unit: 'quarter', frontMatter: 'period' });
  assert.equal(draft.reportTitle, '{organ}{period}投诉举报统计报告');
  assert.deepEqual(analyze(q2, { template: draft as Template }).findings.map((f) => `${f.range.start.line + 1} ${f.code}`), []);
  // The next quarters, checked with it, have no year-mismatch either.
  for (const name of ['quarterly/2025-q3.md', 'quarterly/2025-q4.md']) {
    assert.deepEqual(analyze(sample(name), { template: draft as Template }).findings.map((f) => f.code), [], name);
  }
  // Without front matter, the title states it: 2025年第二季度, or 2025年7月 for a monthly report.
  const bare = q2.replace(/^---\n[\s\S]*?\n---\n/, '');
  const fromTitle = draftTemplate(bare);
  assert.deepEqual(fromTitle.period, { unit: 'quarter' });
  assert.deepEqual(analyze(bare, { template: fromTitle as Template }).findings.map((f) => f.code), []);
  const monthly = bare.replace('2025年第二季度投诉', '2025年6月投诉').replace(/自2025年4月1日/, '自2025年6月1日');
  const month = draftTemplate(monthly);
  assert.deepEqual(month.period, { unit: 'month' });
  assert.deepEqual(analyze(monthly, { template: month as Template }).findings.filter((f) => f.code === 'year-mismatch'), []);
  // An annual report's draft states no period: a year, the default.
  assert.equal(draftTemplate(clean21).period, undefined);
});

test('tally template from a quarterly report, then tally check --template with the draft: no finding', () => {
  const dir = tempRepo({});
  const out = path.join(dir, 'q.json');
  const run = (...args: string[]) => runTally(args, dir);
  const report = fileURLToPath(new URL('../../samples/quarterly/2025-q2.md', import.meta.url));
  assert.equal(run('template', 'from', report, '-o', out).status, 0);
  const checked = run('check', '--template', out, '-f', 'json', report);
  assert.equal(checked.status, 0, checked.stdout);
  assert.equal(JSON.parse(checked.stdout).files[0].template, '2025-q2');
  assert.deepEqual(JSON.parse(checked.stdout).files[0].diagnostics, []);
});

test('the draft\'s name keeps neither the organ nor the period of the report it came from', () => {
  assert.equal(draftTemplate(sample('quarterly/2025-q2.md')).name.zh, '投诉举报统计报告（模板草稿）');
  assert.equal(draftTemplate(clean21).name.zh, '政府信息公开工作年度报告（模板草稿）');
  // The year first, the organ after it (no front matter): the organ is what precedes 政府信息公开工作年度报告.
  assert.equal(draftTemplate(sample('005-shanghai-2019.md')).name.zh, '政府信息公开工作年度报告（模板草稿）');
  assert.equal(draftTemplate(sample('004-gaoping-2022.md')).name.zh, '深化政务公开促进基层政府治理能力提升工作总结（模板草稿）');
  // The front matter's organ, wherever the title has it.
  assert.deepEqual(nameOf('2025年第二季度临江县市场监督管理局投诉举报统计报告', '临江县市场监督管理局', 'quarter'),
    { name: '投诉举报统计报告', reportTitle: '{period}{organ}投诉举报统计报告' });
  assert.deepEqual(nameOf('某局2025年7月投诉统计报告', undefined, 'month'), { name: '投诉统计报告', reportTitle: '{organ}{period}投诉统计报告' });
  assert.equal(nameOf('某局2021年度政府信息公开工作年度报告', undefined, 'year').name, '政府信息公开工作年度报告');
  assert.equal(nameOf('投诉举报统计报告', undefined, 'year').name, '投诉举报统计报告');
});
