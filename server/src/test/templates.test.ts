// The shipped templates are valid against their schema, and their relations name rows and columns that exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_TEMPLATES } from '../templates/index.js';
import { validateTemplate } from '../templates/validate.js';

for (const template of BUILTIN_TEMPLATES) {
  test(`template ${template.id} follows template.schema.json`, () => {
    assert.deepEqual(validateTemplate(template), []);
  });
  test(`template ${template.id}: every relation, parent and section reference exists`, () => {
    const sections = new Set(template.sections.map((s) => s.id));
    for (const table of template.tables) {
      assert.ok(sections.has(table.section), `${table.id}: section ${table.section}`);
      const rows = new Set(table.rows.map((r) => r.id));
      const cols = new Set(table.columns.map((c) => c.id));
      assert.equal(rows.size, table.rows.length, `${table.id}: row ids are unique`);
      assert.equal(cols.size, table.columns.length, `${table.id}: column ids are unique`);
      for (const r of table.rows) if (r.parent) assert.ok(rows.has(r.parent), `${table.id}: parent ${r.parent}`);
      for (const rel of table.relations) {
        const ids = rel.each === 'row' ? cols : rows;
        for (const id of [...rel.left, ...rel.right]) assert.ok(ids.has(id), `${table.id} ${rel.id}: ${id}`);
      }
    }
  });
}

test('the 2021 三 table has the 25 numeric rows of DOMAIN §3, the 2019 one 23', () => {
  const count = (id: string) => BUILTIN_TEMPLATES.find((t) => t.id === id)!.tables.find((t) => t.id === 'requests')!
    .rows.filter((r) => !r.group).length;
  assert.equal(count('gov-annual-2021'), 25);
  assert.equal(count('gov-annual-2019'), 23);
});

test('a broken template is rejected with the place of each problem', () => {
  const problems = validateTemplate({ id: 'Bad Id', name: { zh: 'x' }, format: '2030', detect: [], sections: [], tables: [] });
  assert.ok(problems.some((p) => p.startsWith('/id')));
  assert.ok(problems.some((p) => p.startsWith('/name')));
  assert.ok(problems.some((p) => p.startsWith('/format')));
});

test('the README lists every check code with its severity', async () => {
  const { readFileSync } = await import('node:fs');
  const { CODES } = await import('../engine/findings.js');
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const [code, info] of Object.entries(CODES)) {
    assert.match(readme, new RegExp(`\\| \`${code}\` \\| ${info.severity} \\|`), code);
  }
});

test('a template whose prose or relations across periods name ids that do not exist is rejected, with the place', () => {
  const copy = structuredClone(BUILTIN_TEMPLATES.find((t) => t.id === 'gov-annual-2021')!);
  copy.acrossPeriods![0].right[0].id = 'carried-away';
  copy.acrossPeriods![1].tables = ['item-9'];
  copy.acrossPeriods![0].explainedBy = { total: ['natural', 'nobody'] };
  copy.prose!.figures[0].cells[0].column = 'grand-total';
  copy.prose!.figures[3].partOf = ['news'];
  assert.deepEqual(validateTemplate(copy), [
    '/prose/figures/0/cells/0 unknown column "grand-total" of table "requests"',
    '/prose/figures/3/partOf/0 unknown figure "news"',
    '/acrossPeriods/0/right/0/id unknown row "carried-away" of table "requests"',
    '/acrossPeriods/0/explainedBy unknown column "nobody" of table "requests"',
    '/acrossPeriods/1/tables/0 unknown table "item-9"',
  ]);
  // The schema itself: a relation across periods must name a finding code it may report.
  const badCode = structuredClone(BUILTIN_TEMPLATES.find((t) => t.id === 'gov-annual-2019')!) as unknown as { acrossPeriods: Array<{ code: string }> };
  badCode.acrossPeriods[0].code = 'total-mismatch';
  assert.ok(validateTemplate(badCode).some((p) => p.startsWith('/acrossPeriods/0/code')));
});
