// The state of a report, its template sections and tables (engine/status.ts): holds, fails (count) or not checked
// (why) — never holds where nothing was verified. On the samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../engine/index.js';
import { reportStatus, type ReportStatus, type Status } from '../engine/status.js';
import { sample, setCell } from './support.js';

const clean21 = sample('clean-2021.md');

function section(status: ReportStatus, ordinal: number) {
  const s = status.sections.find((x) => x.spec.ordinal === ordinal);
  assert.ok(s, `section ${ordinal}`);
  return s;
}

/** "holds", "fails 2" or "not-checked no-figures": a state in one word or two. */
function brief(status: Status): string {
  return status.state === 'holds' ? 'holds' : status.state === 'fails' ? `fails ${status.count}` : `not-checked ${status.reason.code}`;
}

test('000: the 三 table without a figure is not checked (no figures), not "holds"', () => {
  const status = reportStatus(analyze(sample('000-panzhihua-2021.md')));
  const three = section(status, 3);
  assert.equal(three.tables.length, 1);
  assert.ok(three.tables[0].bound);
  assert.deepEqual(three.tables[0].status, { state: 'not-checked', reason: { code: 'no-figures' } });
  // Every relation instance of it stays unjudged: none holds, none fails.
  assert.ok(three.tables[0].instances.length > 0);
  assert.ok(three.tables[0].instances.every((i) => i.status === 'incomplete'));
  // The section is its one table: not checked, for the same reason.
  assert.equal(brief(three.status), 'not-checked no-figures');
});

test('000: section 二 fails, once per required table it lacks (the report breaks the template, as missing-table says)', () => {
  const analysis = analyze(sample('000-panzhihua-2021.md'));
  const status = reportStatus(analysis);
  const two = section(status, 2);
  assert.ok(two.match);
  assert.equal(two.tables.length, 4);
  assert.ok(two.tables.every((t) => !t.bound && brief(t.status) === 'fails 1'));
  assert.equal(brief(two.status), 'fails 4');
  assert.deepEqual(two.status.state === 'fails' && two.status.problems.map((p) => p.code), Array(4).fill('table-missing'));
  // Section 四 lacks its one table; the sections without tables (一, 五, 六) are present, which is what they need.
  assert.equal(brief(section(status, 4).status), 'fails 1');
  for (const n of [1, 5, 6]) assert.equal(brief(section(status, n).status), 'holds');
  // The report fails with every problem of its sections; its findings counted as the Problems view does.
  assert.equal(brief(status.status), 'fails 5');
  assert.deepEqual(status.findings, { errors: 3, warnings: 0, notes: 1 });
});

test('clean-2021: holds everywhere, with every relation instance verified', () => {
  const status = reportStatus(analyze(clean21));
  assert.equal(status.template?.id, 'gov-annual-2021');
  assert.equal(brief(status.status), 'holds');
  for (const s of status.sections) {
    assert.equal(brief(s.status), 'holds', s.spec.id);
    for (const t of s.tables) assert.equal(brief(t.status), 'holds', t.spec.id);
  }
  const verified = status.status.state === 'holds' ? status.status : undefined;
  assert.ok(verified && verified.verified > 0);
  assert.equal(verified.unverified, 0);
  assert.deepEqual(status.findings, { errors: 0, warnings: 0, notes: 0 });
});

test('a broken total: its table, section and report fail 1, with the failing relation instance', () => {
  const status = reportStatus(analyze(setCell(clean21, '| 3 | 1 | 1 | 1 | 6 |', 4, '7')));
  const four = section(status, 4);
  assert.equal(brief(four.tables[0].status), 'fails 1');
  assert.equal(brief(four.status), 'fails 1');
  assert.equal(brief(status.status), 'fails 1');
  const problem = four.tables[0].status.state === 'fails' ? four.tables[0].status.problems[0] : undefined;
  assert.equal(problem?.code, 'relation-fails');
  assert.equal(problem.code === 'relation-fails' && problem.instance.status, 'fail');
  for (const n of [1, 2, 3, 5, 6]) assert.equal(brief(section(status, n).status), 'holds');
});

test('a table whose relations all wait on a missing figure is not checked (unverifiable), not "holds"', () => {
  // Each row of the 四 table leaves a part and its 总计 blank: every relation could hold, none is verified.
  let text = clean21;
  for (const row of ['| 3 | 1 | 1 | 1 | 6 |', '| 2 | 0 | 1 | 1 | 4 |', '| 1 | 0 | 0 | 1 | 2 |']) {
    text = text.replace(row, row.replace(/\| \d+ \| \d+ \|$/, '|  |  |'));
  }
  const four = section(reportStatus(analyze(text)), 4).tables[0];
  assert.equal(four.status.state, 'not-checked');
  assert.deepEqual(four.status, { state: 'not-checked', reason: { code: 'unverifiable', blanks: four.instances.length, cells: 0 } });
});

test('no template: the report is not checked, and has no sections', () => {
  const status = reportStatus(analyze('# Notes\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'));
  assert.deepEqual(status.status, { state: 'not-checked', reason: { code: 'no-template' } });
  assert.deepEqual(status.sections, []);
});

test('a missing required section fails; its tables are not checked (section missing), not counted twice', () => {
  const start = clean21.indexOf('## 四、');
  const end = clean21.indexOf('## 五、');
  const status = reportStatus(analyze(clean21.slice(0, start) + clean21.slice(end)));
  const four = section(status, 4);
  assert.equal(four.match, undefined);
  assert.equal(brief(four.status), 'fails 1');
  assert.equal(four.status.state === 'fails' && four.status.problems[0].code, 'section-missing');
  assert.ok(four.tables.every((t) => brief(t.status) === 'not-checked section-missing'));
  assert.equal(brief(status.status), 'fails 1');
});

test('outline: one Markdown table holding the five 二 tables shows each, named once, with its own state', async () => {
  const { documentSymbols } = await import('../lsp/outline.js');
  const symbols = documentSymbols(analyze(sample('clean-2019.md')), 'en');
  const two = symbols[0].children!.find((s) => s.name.startsWith('二、'))!;
  assert.deepEqual(two.children!.map((c) => [c.name, c.detail]), [
    ['第二十条第（一）项', '✓ 4 relations hold'],
    ['第二十条第（五）项', '✓ filled in (no relation to check)'],
    ['第二十条第（六）项', '✓ filled in (no relation to check)'],
    ['第二十条第（八）项', '✓ filled in (no relation to check)'],
    ['第二十条第（九）项', '✓ filled in (no relation to check)'],
  ]);
  // Each starts at its own block of the one table.
  assert.equal(new Set(two.children!.map((c) => c.selectionRange.start.line)).size, 5);
});
