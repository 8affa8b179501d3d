// A table's relation findings are kept by what they are made of (checks/relations.ts): the editor's analysis after
// each edit gives what a fresh analysis gives, whether the edit leaves the tables, moves them or changes a figure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { IncrementalAnalyzer, type Finding } from '../engine/index.js';
import { sample } from './support.js';

const RELATION_CODES = new Set(['total-mismatch', 'reconciliation', 'bound']);
const ENGINE = new URL('../engine/index.js', import.meta.url).href;

/** A fresh analysis's relation findings, in a process of its own: no table's findings kept from another text. */
function fresh(text: string): string {
  const script = `import { analyze } from ${JSON.stringify(ENGINE)};
    import { readFileSync } from 'node:fs';
    const codes = ${JSON.stringify([...RELATION_CODES])};
    process.stdout.write(JSON.stringify(analyze(readFileSync(0, 'utf8')).findings.filter((f) => codes.includes(f.code))));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { input: text, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

/** The pair's 2022 report with a few table figures raised by one: several sums fail, some through one cell. */
function withWrongFigures(): string {
  let n = 0;
  return sample('pair-2022.md').split('\n')
    .map((line) => (line.startsWith('|') ? line.replace(/(?<=\| *)\d+(?= *\|)/g, (d) => (++n % 9 === 0 ? String(Number(d) + 1) : d)) : line))
    .join('\n');
}

const relationFindings = (findings: Finding[]) => JSON.stringify(findings.filter((f) => RELATION_CODES.has(f.code)));

/** Edits of the text, each the function of the text before. */
const EDITS: Array<[string, (text: string) => string]> = [
  ['a character typed in the text', (t) => t.replace('。', '，。')],
  ['the character deleted', (t) => t.replace('，。', '。')],
  ['a line added above the tables', (t) => t.replace('。\n', '。\n\n新的一段。\n')],
  ['a figure changed', (t) => t.replace(/(\| *)(\d+)( *\|)/, (_, a, d, b) => `${a}${Number(d) + 5}${b}`)],
  ['the figure changed back', (t) => t.replace(/(\| *)(\d+)( *\|)/, (_, a, d, b) => `${a}${Number(d) - 5}${b}`)],
  ['the line removed', (t) => t.replace('。\n\n新的一段。\n', '。\n')],
  ['a cell widened', (t) => t.replace(/\| (\d+) \|/, '|  $1 |')],
];

test('relation findings after each edit are those of a fresh analysis', () => {
  let text = withWrongFigures();
  const analyzer = new IncrementalAnalyzer();
  const first = analyzer.analyze(text);
  assert.ok(first.findings.filter((f) => RELATION_CODES.has(f.code)).length >= 3, 'the text has failing relations');
  for (const [what, edit] of EDITS) {
    const next = edit(text);
    assert.notEqual(next, text, what);
    text = next;
    assert.equal(relationFindings(analyzer.analyze(text).findings), fresh(text), what);
  }
});

test('two documents with the same tables each get their own positions', () => {
  const text = withWrongFigures();
  const moved = text.replace('。\n', '。\n\n新的一段。\n');
  assert.notEqual(moved, text);
  const a = new IncrementalAnalyzer();
  const b = new IncrementalAnalyzer();
  const expected = new Map([text, moved].map((t) => [t, fresh(t)]));
  for (const t of [text, moved, text]) {
    assert.equal(relationFindings(a.analyze(t).findings), expected.get(t));
    assert.equal(relationFindings(b.analyze(moved).findings), expected.get(moved));
  }
});
