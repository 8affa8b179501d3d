// A template no code knows: samples/templates/dept-quarterly-stats.json (a department's quarterly statistics, with
// its own sections, tables, relations, phrases and a carry-over from the quarter before) and its three reports in
// samples/quarterly/: the engine and `tally check --template` find exactly the planted defects, nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, type Template } from '../engine/index.js';
import { checkWorkspace, collectFacts, parsePeriod } from '../engine/workspace/index.js';
import { validateTemplate } from '../templates/validate.js';
import { periodText, skeleton } from '../engine/edits/skeleton.js';
import { applyEdits, editLine, lineOf } from './support.js';
import { render } from '../messages/render.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = path.join(ROOT, 'out', 'cli.js');
const TEMPLATE_FILE = path.join(ROOT, 'samples', 'templates', 'dept-quarterly-stats.json');
const template = JSON.parse(fs.readFileSync(TEMPLATE_FILE, 'utf8')) as Template;
const read = (name: string) => fs.readFileSync(path.join(ROOT, 'samples', 'quarterly', name), 'utf8');
const q2 = read('2025-q2.md');
const q3 = read('2025-q3.md');
const q4 = read('2025-q4.md');

/** "file line code" of each report's own findings and its findings across quarters, under the template. */
function run(files: Record<string, string>, options: { template?: Template; templates?: Template[] } = { template }): string[] {
  const analyses = Object.entries(files).map(([p, text]) => ({ p, a: analyze(text, options) }));
  const across = checkWorkspace(analyses.map(({ p, a }) => ({ path: p, facts: collectFacts(a) })));
  return analyses.flatMap(({ p, a }) => [...a.findings, ...(across.get(p) ?? [])]
    .sort((x, y) => x.range.start.line - y.range.start.line).map((f) => `${p} ${f.range.start.line + 1} ${f.code}`));
}

test('quarterly: the template follows the template schema', () => {
  assert.deepEqual(validateTemplate(template), []);
  assert.equal(template.period?.unit, 'quarter');
});

test('quarterly: the three quarters give exactly the planted carry-over (Q3) and prose defect (Q4)', () => {
  assert.deepEqual(run({ 'q2.md': q2, 'q3.md': q3, 'q4.md': q4 }), [
    `q3.md ${lineOf(q3, '| 期初在办')} carry-over`,
    `q4.md ${lineOf(q4, '第四季度，')} prose-mismatch`,
  ]);
  // Each alone: the correct reports and Q3 (whose defect is only against Q2) have no finding.
  assert.deepEqual(run({ 'q2.md': q2 }), []);
  assert.deepEqual(run({ 'q3.md': q3 }), []);
  assert.deepEqual(run({ 'q4.md': q4 }), [`q4.md ${lineOf(q4, '第四季度，')} prose-mismatch`]);
});

test('quarterly: the carry-over names last quarter\'s report and figure, once for the column (合计 follows), and fixes it', () => {
  const facts = [{ path: 'r/2025-q2.md', facts: collectFacts(analyze(q2, { template })) }, { path: 'r/2025-q3.md', facts: collectFacts(analyze(q3, { template })) }];
  const [f, ...rest] = checkWorkspace(facts).get('r/2025-q3.md')!;
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'carry-over');
  assert.equal(f.severity, 'error');
  assert.equal(render(f.message, 'zh-CN'), `“期初在办”的“投诉”为 13，上季度报告（2025-q2.md:${lineOf(q2, '| 期末在办')}）“期末在办”为 14，两者应相等（Q5）`);
  assert.match(render(f.message, 'en'), /but last quarter's report \(2025-q2\.md:\d+\) carried forward 14/);
  assert.equal(f.related?.[0].uri, 'r/2025-q2.md');
  assert.ok(applyEdits(q3, f.fixes![0].edits).includes('| 期初在办 | 14 | 2 | 15 |'));
  // The facts are the cells the template's relation names, nothing more.
  assert.deepEqual(Object.keys(facts[0].facts.cells).sort(), ['closing', 'opening'].flatMap((r) => ['complaints', 'reports', 'total'].map((c) => `cases/${r}/${c}`)).sort());
  assert.deepEqual(facts[0].facts.period, { unit: 'quarter', number: 2025 * 4 + 1 });
});

test('quarterly: Q1\'s previous period is Q4 of the year before; quarters not adjacent are not compared', () => {
  let q1 = editLine(editLine(q2, 'period:', () => 'period: 2026-Q1'), '# ', (l) => l.replace('2025年第二季度', '2026年第一季度'))
    .replace('2025年4月1日至2025年6月30日', '2026年1月1日至2026年3月31日');
  q1 = editLine(editLine(q1, '| 期初在办', () => '| 期初在办 | 11 | 4 | 15 |'), '| 期末在办', () => '| 期末在办 | 13 | 3 | 16 |');
  // 2026-Q1 opens with 11 complaints where 2025-Q4 closed with 12.
  assert.deepEqual(run({ 'q4.md': q4, 'q1.md': q1 }).filter((l) => l.startsWith('q1.md')), [`q1.md ${lineOf(q1, '| 期初在办')} carry-over`]);
  assert.deepEqual(run({ 'q2.md': q2, 'q4.md': q4 }).filter((l) => l.includes('carry-over')), []);
});

test('quarterly: a sentence about last quarter (the template\'s otherPeriod words) is not compared with this quarter\'s table', () => {
  assert.ok(q3.includes('受理量较上季度增加7件'));
  const withoutWords = { ...template, prose: { ...template.prose!, otherPeriod: undefined } };
  assert.deepEqual(analyze(q3, { template }).findings, []);
  assert.deepEqual(analyze(q3, { template: withoutWords }).findings.map((f) => f.code), ['prose-mismatch']);
});

test('quarterly: the period from the title when the front matter states none', () => {
  const noPeriod = (text: string) => editLine(text, 'period:', () => null);
  assert.deepEqual(run({ 'q2.md': noPeriod(q2), 'q3.md': noPeriod(q3) }), [`q3.md ${lineOf(noPeriod(q3), '| 期初在办')} carry-over`]);
  // No front matter at all: the body is what the title names before the period.
  const bare = (text: string) => text.replace(/^---\n[\s\S]*?\n---\n\n?/, '');
  assert.equal(collectFacts(analyze(bare(q3), { template })).organ, '临江县市场监督管理局');
  assert.deepEqual(run({ 'q2.md': bare(q2), 'q3.md': bare(q3) }), [`q3.md ${lineOf(bare(q3), '| 期初在办')} carry-over`]);
  // Another body's second quarter is not this one's.
  const other = bare(q2).replace('临江县市场监督管理局', '临江县卫生健康局');
  assert.deepEqual(run({ 'q2.md': other, 'q3.md': bare(q3) }), []);
  const cases: Array<[string, 'year' | 'quarter' | 'month', number | undefined]> = [
    ['2025-Q3', 'quarter', 2025 * 4 + 2], ['2025Q1', 'quarter', 2025 * 4], ['2025年第四季度', 'quarter', 2025 * 4 + 3],
    ['2025年3季度', 'quarter', 2025 * 4 + 2], ['2025年第二季度统计報告', 'quarter', 2025 * 4 + 1], ['2025年度', 'quarter', undefined],
    ['2025-07', 'month', 2025 * 12 + 6], ['2025年12月', 'month', 2025 * 12 + 11], ['2025-13', 'month', undefined], ['2025年', 'year', 2025],
  ];
  for (const [text, unit, expected] of cases) assert.equal(parsePeriod(text, unit), expected, text);
});

test('quarterly: the statistics period must be one calendar quarter', () => {
  const short = q3.replace('2025年9月30日', '2025年8月31日');
  assert.deepEqual(analyze(short, { template }).findings.map((f) => [f.code, render(f.message, 'zh-CN')]),
    [['year-mismatch', '统计期限“2025年7月1日至2025年8月31日”不是一个完整的自然季度（应自季度首月1日至末月最后一日）']]);
  // The same report read as an annual report: a quarter is not a year.
  const annual = { ...template, period: { unit: 'year' as const } };
  assert.deepEqual(analyze(q3, { template: annual }).findings.map((f) => f.code), ['year-mismatch']);
});

test('quarterly: without their template the reports are generic documents with no finding (tally check samples)', () => {
  assert.deepEqual(run({ 'q2.md': q2, 'q3.md': q3, 'q4.md': q4 }, {}), []);
});

test('quarterly: tally check --template samples/templates/dept-quarterly-stats.json samples/quarterly', () => {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', NO_COLOR: '1' };
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--template', TEMPLATE_FILE, path.join(ROOT, 'samples', 'quarterly')],
    { env, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  const json = JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string; range: { start: { line: number } } }> }> };
  assert.deepEqual(json.files.map((f) => [path.basename(f.path), f.diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`)]), [
    ['2025-q2.md', []],
    ['2025-q3.md', [`${lineOf(q3, '| 期初在办')} carry-over`]],
    ['2025-q4.md', [`${lineOf(q4, '第四季度，')} prose-mismatch`]],
  ]);
});

test('quarterly: a new report from the template is titled and dated by its quarter', () => {
  const text = skeleton(template, { year: 2026, part: 1, organ: '临江县市场监督管理局' });
  assert.ok(text.startsWith('---\ntemplate: dept-quarterly-stats\nperiod: 2026-Q1\norgan: 临江县市场监督管理局\n---\n\n# 临江县市场监督管理局2026年第一季度投诉举报统计报告\n\n本报告所列数据的统计期限自2026年1月1日至2026年3月31日。'), text);
  const analysis = analyze(text, { template });
  assert.deepEqual(collectFacts(analysis).period, { unit: 'quarter', number: 2026 * 4 });
  assert.equal(analysis.findings.filter((f) => f.code === 'year-mismatch' || f.code === 'missing-section' || f.code === 'missing-table').length, 0);
  assert.equal(periodText('quarter', 2024, 4).to, '2024年12月31日');
  assert.equal(periodText('month', 2024, 2).to, '2024年2月29日');
  assert.throws(() => skeleton(template, { year: 2026, part: 5 }), RangeError);
});

test('quarterly: as a team template (not forced) it is detected by its labels, with the same findings', () => {
  for (const text of [q2, q3, q4]) {
    const detected = analyze(text, { templates: [template] });
    assert.equal(detected.template, 'dept-quarterly-stats');
    assert.deepEqual(detected.findings, analyze(text, { template }).findings);
  }
  assert.deepEqual(run({ 'q2.md': q2, 'q3.md': q3, 'q4.md': q4 }, { templates: [template] }), run({ 'q2.md': q2, 'q3.md': q3, 'q4.md': q4 }));
});

test('quarterly: in the editor, the folder\'s configuration brings the template: the server lists it, detects it and finds the carry-over against the closed Q2 report', async () => {
  const { LspClient } = await import('./lsp-client.js');
  const { pathToFileURL } = await import('node:url');
  const os = await import('node:os');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-quarterly-'));
  fs.mkdirSync(path.join(dir, '.git'));
  fs.cpSync(path.join(ROOT, 'samples/quarterly'), path.join(dir, 'quarterly'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'samples/templates'), path.join(dir, 'templates'), { recursive: true });
  const client = new LspClient();
  try {
    await client.initialize({ locale: 'zh-CN', debounceMs: 0 }, {}, pathToFileURL(dir).href);
    const codesOf = async (name: string, want: string) => {
      const uri = pathToFileURL(path.join(dir, 'quarterly', name)).href;
      let published = client.diagnostics(uri);
      await client.open(uri, fs.readFileSync(path.join(dir, 'quarterly', name), 'utf8'), 'tally-report');
      // The workspace scan may finish after the first diagnostics: wait for the finding across periods a while.
      let latest: string[] = [];
      for (let i = 0; i < 20 && !latest.includes(want); i++) {
        const got = await Promise.race([published, new Promise<null>((r) => setTimeout(() => r(null), 500))]);
        if (got) { latest = got.diagnostics.map((d: any) => d.code); published = client.diagnostics(uri); }
      }
      return latest;
    };
    assert.deepEqual(await codesOf('2025-q3.md', 'carry-over'), ['carry-over']);
    assert.deepEqual(await codesOf('2025-q4.md', 'prose-mismatch'), ['prose-mismatch']);
    const templates: Array<{ id: string; source: string }> = await client.request('tally/templates', {});
    const team = templates.find((t) => t.id === 'dept-quarterly-stats');
    assert.ok(team, 'the team template is listed');
    assert.equal(team.source, path.join(dir, 'quarterly', '.tally.json'));
  } finally {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
