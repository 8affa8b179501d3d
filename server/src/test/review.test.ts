// The review (server/src/review/): a report's tables as grids with the failing cells marked and their relations
// written out, its sections, the text's contradictions, the comparison with the year before; rendered as escaped
// HTML for the editor's panel and `tally check --format html`; and the language server's `tally/review`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyze } from '../engine/index.js';
import { collectFacts, comparePeriods, type WorkspaceReport } from '../engine/workspace/index.js';
import { render } from '../messages/render.js';
import { buildReview, type ReportReview, type ReviewCell } from '../review/model.js';
import { escape, renderReview, ReviewPage } from '../review/html.js';
import { spawnSync } from 'node:child_process';
import { CLI } from './cli-run.js';
import { LspClient } from './lsp-client.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const sample = (name: string) => fs.readFileSync(path.join(ROOT, 'samples', name), 'utf8');

function reviewOf(name: string, text = sample(name)): ReportReview {
  const analysis = analyze(text);
  return buildReview({ path: name, analysis, findings: analysis.findings });
}

const cells = (review: ReportReview): ReviewCell[] => review.grids.flatMap((g) => g.rows.flat());
const notes = (cell: ReviewCell) => cell.notes.map((n) => render(n, 'zh-CN'));

test('the failing cells of a table are marked, with the relation written out in words and figures', () => {
  const review = reviewOf('003-xiangtan-2016.md');
  // L11: (三)申请答复数 687 > (二)申请办结数 655, a soft bound
  const answered = cells(review).find((c) => c.text === '687' && c.at.line === 202)!;
  const closed = cells(review).find((c) => c.text === '655' && c.at.line === 199)!;
  assert.ok(answered && closed, 'the cells of (三) and (二)');
  for (const cell of [answered, closed]) assert.equal(cell.failing, true);
  const l11 = notes(closed).find((n) => n.startsWith('L11') && n.includes('✗'))!;
  assert.match(l11, /前项不应大于后项，通常如此/);
  assert.match(l11, /（三）申请答复数 687 > （二）申请办结数 655 ✗/);
  // a relation that holds is written once, never "687 = 687"
  for (const text of cells(review).flatMap(notes)) assert.doesNotMatch(text, /(?<![\d.])(\d+(?:\.\d+)?) = \1(?![\d.])/, text);
  // a figure whose relations all hold is not marked
  const onTime = cells(review).find((c) => c.text === '633')!;
  assert.equal(onTime.failing, false);
  assert.ok(notes(onTime).some((n) => n.startsWith('L2') && n.endsWith('✓')), notes(onTime).join('\n'));
  const page = renderReview(review, 'zh-CN');
  assert.match(page, /<td class="cell number fail" tabindex="0" aria-invalid="true" data-row="\d+" data-column="\d+" data-line="199" data-character="\d+">655/);
});

test('a clean report has no failing cell, and every relation holds', () => {
  const review = reviewOf('clean-2021.md');
  assert.equal(cells(review).filter((c) => c.failing).length, 0);
  assert.ok(review.grids.every((g) => g.relations.failing === 0));
  assert.ok(review.grids.reduce((n, g) => n + g.relations.held, 0) > 50);
  assert.deepEqual(review.counts, { error: 0, warning: 0, information: 0 });
  assert.match(renderReview(review, 'en'), /No problems found\./);
});

test('states: the report, each section and each table as engine/status.ts says (holds, fails, not checked)', () => {
  const review = reviewOf('002-wulanchabu-2020.md');
  assert.deepEqual(review.sections.map((s) => s.title.slice(0, 2)), ['一、', '二、', '三、', '四、', '五、', '六、']);
  const six = review.sections[5];
  assert.equal(six.at, undefined);
  assert.equal(six.state.state, 'fails');
  assert.equal(review.state.state, 'fails');
  const three = review.sections[2];
  assert.ok(three.at && three.counts!.error >= 1, 'the row-shape of 三 counts in its section');
  const html = renderReview(review, 'en');
  assert.match(html, /<li class="section state-fails missing">六、其他需要报告的事项 — <span class="words">✗ section missing<\/span><\/li>/);
  assert.match(html, /<p class="state state-fails">✗ /);
  assert.match(html, /row-shape/);
  // a clean report holds, with its relations counted; a table with no figures is not checked, and says why
  const clean = reviewOf('clean-2021.md');
  assert.equal(clean.state.state, 'holds');
  assert.match(clean.state.words.en, /^✓ \d+ relations hold/);
  assert.ok(clean.sections.every((s) => s.state.state === 'holds'));
  const empty = reviewOf('000-panzhihua-2021.md');
  const requests = empty.sections.flatMap((s) => s.tables).find((t) => t.title === '收到和处理政府信息公开申请情况')!;
  assert.deepEqual([requests.state.state, requests.state.words.en], ['not-checked', '○ not checked: the table has no figures']);
  assert.match(requests.state.words['zh-CN'], /^○ /);
  const grid = empty.grids.find((g) => g.titles.includes('收到和处理政府信息公开申请情况'))!;
  assert.equal(grid.states[0].state, 'not-checked');
  // a missing required table is a failing table, not a grid
  const missing = empty.sections.flatMap((s) => s.tables).filter((t) => !t.at);
  assert.ok(missing.length >= 1 && missing.every((t) => t.state.state !== 'holds'));
});

test('the text\'s figure that contradicts a table stands beside the table figure, which is marked in the grid', () => {
  const review = reviewOf('003-xiangtan-2016.md');
  const x = review.contradictions.find((c) => c.at.line === 151)!;
  assert.equal(x.said, '41件');
  assert.match(render(x.message, 'zh-CN'), /同意部分公开/);
  assert.deepEqual(x.table.map((t) => [t.text, t.at.line]), [['43', 205]]);
  const cell = cells(review).find((c) => c.at.line === 205 && c.text === '43')!;
  assert.equal(cell.contradicted, true);
  assert.ok(notes(cell).some((n) => n.includes('41')));
});

test('a claim the table contradicts (均获维持 with cases pending) stands beside the cells that contradict it', () => {
  const review = reviewOf('005-shanghai-2019.md');
  const claim = review.contradictions.find((c) => c.at.line === 32 && c.at.character === 206)!;
  assert.ok(claim, JSON.stringify(review.contradictions.map((c) => c.at)));
  assert.deepEqual(claim.table.map((t) => [t.text, t.at.line]), [['2', 129], ['1', 129]]);
  assert.ok(cells(review).filter((c) => c.at.line === 129 && c.contradicted).length === 2);
});

test('across years: last year\'s column beside this year\'s, the pair that differs marked', () => {
  const current: WorkspaceReport = { path: 'samples/pair-2022.md', facts: collectFacts(analyze(sample('pair-2022.md'))) };
  const previous: WorkspaceReport = { path: 'samples/pair-2021.md', facts: collectFacts(analyze(sample('pair-2021.md'))) };
  const analysis = analyze(sample('pair-2022.md'));
  const review = buildReview({ path: 'pair-2022.md', analysis, findings: analysis.findings,
    comparisons: { previous: 'pair-2021.md', instances: comparePeriods(current, previous) } });
  const r7 = review.comparisons.find((c) => c.id === 'R7')!;
  assert.ok(r7, review.comparisons.map((c) => c.id).join());
  const natural = r7.rows.find((r) => r.along === '自然人')!;
  assert.deepEqual([natural.current.value, natural.values, natural.holds], ['5', ['6'], false]);
  assert.ok(r7.rows.filter((r) => r.along !== '自然人' && r.along !== '总计').every((r) => r.holds));
  const html = renderReview(review, 'zh-CN');
  assert.match(html, /R7：上年结转与上年报告的结转下年度不符 — 上期报告：pair-2021\.md/);
  assert.match(html, /<th>二、上年结转政府信息公开申请数量（本期）<\/th><th>四、结转下年度继续办理（上期）<\/th>/);
});

const TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'main', 'h1', 'h2', 'h3', 'p', 'span', 'section', 'ul', 'ol', 'li',
  'figure', 'figcaption', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'br', 'footer']);

test('the report\'s text is escaped everywhere: a hostile report cannot inject markup', () => {
  const hostile = sample('clean-2021.md')
    .replace(/^# .*$/m, '# <script>alert(1)</script>某县人民政府2021年政府信息公开工作年度报告')
    .replace('| 本年新制作数量 |', '| 本年新制作数量 <img src=x onerror=alert(2)> |')
    .replace(/\| 规章 \| (\d+) \|/, '| 规章 | "><iframe src="https://example.com"></iframe> |');
  assert.notEqual(hostile, sample('clean-2021.md'));
  const review = reviewOf('a<b>"c\'.md', hostile);
  for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
    const html = new ReviewPage(locale).start() + renderReview(review, locale) + new ReviewPage(locale).end(review.counts);
    // every tag is one the renderer writes, with only its own attributes
    for (const [tag, name, attributes] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
      assert.ok(TAGS.has(name.toLowerCase()), tag);
      for (const [, attribute] of attributes.replace(/"[^"]*"/g, "\"\"").matchAll(/\s([^\s=]+)=/g)) assert.match(attribute, /^(class|tabindex|role|lang|charset|http-equiv|content|name|data-[a-z]+|aria-[a-z]+)$/, tag);
    }
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /a&lt;b&gt;&quot;c&#39;\.md/);
  }
  assert.equal(escape(`<&>"'`), '&lt;&amp;&gt;&quot;&#39;');
});

test('the page fetches nothing: inline style, no script, a policy that forbids the rest; text in each locale', () => {
  const review = reviewOf('003-xiangtan-2016.md');
  for (const [locale, words] of [['zh-CN', /第 \d+ 行/], ['zh-TW', /第 \d+ 行/], ['en', /line \d+/]] as const) {
    const page = new ReviewPage(locale);
    const html = page.start() + page.file(review) + page.end(review.counts);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    assert.doesNotMatch(html, /<script|<link|@import|url\(|https?:\/\//i);
    assert.match(html, words);
  }
  // template wording in Traditional characters for zh-TW, the report's own text as written
  const tw = renderReview(review, 'zh-TW');
  assert.match(tw, /「合計」欄/);
});

/** `tally ARGS` in the repository, its output kept whole (a page of the samples is about 2 MB). */
function runTally(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', NO_COLOR: '1' };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'FORCE_COLOR']) delete env[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

test('tally check --format html: one page for the folder, a report per file, the same exit status', () => {
  const one = runTally(['check', 'samples/003-xiangtan-2016.md', '--format', 'html', '--locale', 'en']);
  assert.equal(one.status, 1, one.stderr);
  assert.match(one.stdout, /^<!DOCTYPE html>/);
  assert.match(one.stdout, /<\/html>\n$/);
  assert.equal(one.stdout.match(/<section class="report"/g)?.length, 1);
  assert.match(one.stdout, /class="cell number fail"/);
  assert.match(one.stdout, /1 report · 2 errors, 2 warnings, 4 notes/);
  const all = runTally(['check', 'samples', '--format', 'html']);
  assert.equal(all.status, 1);
  assert.equal(all.stdout.match(/<section class="report"/g)?.length, 14);
  // the findings across years are there, with last year's figures beside this year's
  assert.match(all.stdout, /carry-over/);
  assert.match(all.stdout, /<figure class="across">/);
  assert.match(all.stdout, /14 份报告 · 15 个错误，9 个警告，12 条提示/);
  const clean = runTally(['check', 'samples/clean-2021.md', '--format', 'html']);
  assert.equal(clean.status, 0);
  assert.doesNotMatch(clean.stdout, /class="cell[^"]* fail/);
});

test('tally/review: the review of an open document, renewed with its text', async () => {
  const client = new LspClient();
  try {
    await client.initialize({ locale: 'en', debounceMs: 0 });
    const uri = pathToFileURL(path.join(ROOT, 'samples', 'clean-2021.md')).href;
    const text = sample('clean-2021.md');
    await client.open(uri, text);
    const first = await client.request<{ uri: string; version: number; html: string; css: string }>('tally/review', { uri });
    assert.equal(first.uri, uri);
    assert.equal(first.version, 1);
    assert.match(first.html, /<h2 class="report-path">clean-2021\.md<\/h2>/);
    assert.doesNotMatch(first.html, /class="cell[^"]* fail/);
    assert.match(first.css, /--vscode-foreground/);
    // a part of the 三 table's first row changed: its total fails, and the cells are marked
    const line = text.split('\n').findIndex((l) => l.startsWith('| 一、本年新收政府信息公开申请数量'));
    const character = text.split('\n')[line].indexOf('| 128 |') + 2;
    await client.change(uri, 2, [{ range: { start: { line, character }, end: { line, character: character + 3 } }, text: '129' }]);
    const second = await client.request<{ version: number; html: string }>('tally/review', { uri });
    assert.equal(second.version, 2);
    assert.match(second.html, new RegExp(`<td class="cell number fail"[^>]*data-line="${line}" data-character="${character}">129`));
    assert.match(second.html, /total-mismatch/);
    assert.equal(await client.request('tally/review', { uri: 'file:///nowhere.md' }), null);
  } finally {
    await client.close();
  }
});

test('tally/review of a large document is made by the analysis worker, the same as on the main thread', async () => {
  const answers: string[] = [];
  for (const largeDocument of [500_000, 0]) {
    const client = new LspClient();
    try {
      await client.initialize({ locale: 'zh-TW', debounceMs: 0, largeDocument });
      const uri = pathToFileURL(path.join(ROOT, 'samples', '003-xiangtan-2016.md')).href;
      await client.open(uri, sample('003-xiangtan-2016.md'));
      const result = await client.request<{ html: string }>('tally/review', { uri });
      assert.match(result.html, /<td class="cell number fail"[^>]*data-line="199"/);
      answers.push(result.html);
    } finally {
      await client.close();
    }
  }
  assert.equal(answers[1], answers[0]);
});
