// New Report: the skeleton is aligned as formatting aligns it (for either width of the ambiguous characters), its
// figure cells are its tab stops in reading order, and a fresh skeleton reports only the tables left to fill.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze, BUILTIN_TEMPLATES, type Template } from '../engine/index.js';
import { figureStops, skeleton } from '../engine/edits/index.js';
import { formatTables, formatText, type AmbiguousWidth } from '../engine/format.js';
import { requiredCells } from '../engine/checks/tables.js';
import { render } from '../messages/render.js';

const team = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../samples/templates/dept-quarterly-stats.json', import.meta.url)), 'utf8')) as Template;
const TEMPLATES: Template[] = [...BUILTIN_TEMPLATES, team];
const WIDTHS: AmbiguousWidth[] = [1, 2];

/** A year the template is in force for (a fresh report of that year gets no outdated-format). */
const yearOf = (t: Template) => t.years?.to ?? t.years?.from ?? 2024;

for (const t of TEMPLATES) {
  for (const width of WIDTHS) {
    test(`new report: ${t.id} at ambiguous width ${width} is already formatted`, () => {
      const text = skeleton(t, { year: yearOf(t), organ: '某市某区人民政府办公室', ambiguousWidth: width });
      assert.deepEqual(formatTables(text, undefined, { ambiguousWidth: width }), []);
      assert.equal(formatText(text, { ambiguousWidth: width }), text);
    });
  }

  test(`new report: ${t.id} has a tab stop in every figure cell, in reading order, and reports only the tables to fill`, () => {
    const text = skeleton(t, { year: yearOf(t), organ: '某市某区人民政府办公室' });
    const analysis = analyze(text, { template: t });
    const stops = figureStops(text, t);
    const figures = analysis.binding.tables.flatMap((b) => requiredCells(b));
    assert.ok(stops.length > 0);
    assert.equal(stops.length, figures.length, 'one stop per figure the template wants');
    assert.deepEqual(stops, [...stops].sort((a, b) => a - b));
    for (const at of stops) {
      // Inside a blank cell, after the blank that follows its pipe.
      assert.equal(text.slice(at - 2, at), '| ');
      assert.match(text.slice(at), /^ *\|/);
    }
    // The first stop is the first figure of the first table: its first row under the header, first value column.
    const first = [...analysis.binding.tables].sort((a, b) => a.parts[0].table.start - b.parts[0].table.start)[0];
    const firstFigure = requiredCells(first)[0];
    assert.equal(text.slice(0, stops[0]).split('\n').length - 1, firstFigure.row.line);
    // Quiet and honest: each table with its figures still to write, once; nothing else.
    const unexpected = analysis.findings.filter((f) => f.code !== 'empty-table');
    assert.deepEqual(unexpected.map((f) => `${f.range.start.line + 1} ${f.code} ${render(f.message, 'en')}`), []);
    assert.equal(analysis.findings.length, analysis.binding.tables.filter((b) => requiredCells(b).length > 0).length);
  });
}

test('new report: the body is in the front matter and the title', () => {
  const text = skeleton(BUILTIN_TEMPLATES[0], { year: 2024, organ: '临江市青岚区人民政府办公室' });
  assert.ok(text.startsWith('---\ntemplate: gov-annual-2021\nyear: 2024\norgan: 临江市青岚区人民政府办公室\n---\n\n# 临江市青岚区人民政府办公室2024年'));
  assert.equal(analyze(text).model.frontMatter?.organ?.value, '临江市青岚区人民政府办公室');
});

test('new report: a label with ambiguous characters (3.危及“三安全一稳定”) is aligned for the width asked for', () => {
  const one = skeleton(BUILTIN_TEMPLATES[0], { year: 2024, ambiguousWidth: 1 });
  const two = skeleton(BUILTIN_TEMPLATES[0], { year: 2024, ambiguousWidth: 2 });
  assert.notEqual(one, two);
  const row = (text: string) => text.split('\n').find((l) => l.startsWith('| 3.危及“三安全一稳定”'))!;
  // Two columns less of padding where the quotes are drawn two columns wide.
  assert.equal(row(one).length - row(two).length, 2);
  assert.equal(one.replace(/ +/g, ' ').replace(/-+/g, '-'), two.replace(/ +/g, ' ').replace(/-+/g, '-'));
});
