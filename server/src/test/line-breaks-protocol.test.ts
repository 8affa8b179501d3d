// Edits that make a CR and an LF one line break, sent as other editors send them (VS Code writes inserted line
// breaks in the document's own): the server's positions must stay those of the text, so the next edit lands where
// the client put it and the diagnostics are those of a fresh analysis.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './lsp-client.js';
import { sample } from './support.js';
import { analyze } from '../engine/index.js';
import { LineIndex } from '../engine/source.js';

let client: LspClient;
before(async () => {
  client = new LspClient();
  await client.initialize({ locale: 'zh-CN', debounceMs: 0, settings: { scope: 'all' } });
});
after(() => client.close());

interface Edit { start: number; end: number; text: string }

/** Sends each edit as a ranged change (positions in the text before it) and returns the findings published last. */
async function edit(name: string, text: string, edits: Edit[]): Promise<{ server: string[]; fresh: string[] }> {
  const uri = `untitled:${name}.md`;
  const opened = client.diagnostics(uri, 1);
  await client.open(uri, text);
  await opened;
  let version = 1;
  let diagnostics: Array<{ code: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }> = [];
  for (const e of edits) {
    const lines = new LineIndex(text);
    const published = client.diagnostics(uri, ++version);
    await client.change(uri, version, [{ range: lines.range(e.start, e.end), text: e.text }]);
    diagnostics = (await published).diagnostics as typeof diagnostics;
    text = text.slice(0, e.start) + e.text + text.slice(e.end);
  }
  const key = (code: unknown, r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${String(code)}`;
  return {
    server: diagnostics.map((d) => key(d.code, d.range)).sort(),
    fresh: analyze(text).findings.map((f) => key(f.code, f.range)).sort(),
  };
}

/** The offset of the first digit in the first table row that starts with `label`. */
function digitOf(text: string, label: string): number {
  const row = text.indexOf(`| ${label}`);
  assert.ok(row >= 0, label);
  const m = /\d/.exec(text.slice(row + label.length + 2))!;
  return row + label.length + 2 + m.index;
}

test('a CR inserted before an LF, then a figure edited below it', async () => {
  const text = sample('clean-2021.md');
  const header = text.indexOf('| 信息内容 |');
  const lineEnd = text.indexOf('\n', header);
  const joined = text.slice(0, lineEnd) + '\r' + text.slice(lineEnd);
  const at = digitOf(joined, '3.补正后申请内容仍不明确');
  const { server, fresh } = await edit('cr-before-lf', text, [
    { start: lineEnd, end: lineEnd, text: '\r' },
    { start: at, end: at + 1, text: '9' },
  ]);
  assert.ok(fresh.some((f) => f.endsWith('total-mismatch')), 'the edited figure breaks a total');
  assert.deepEqual(server, fresh);
});

test('an LF inserted after a lone CR, and what stood between a CR and an LF removed', async () => {
  const text = sample('clean-2021.md');
  const first = text.indexOf('\n', text.indexOf('| 信息内容 |'));
  // the report with one line break written as a lone CR, and one as CR, a space, LF
  const crText = text.slice(0, first) + '\r' + text.slice(first + 1);
  const second = crText.indexOf('\n', first + 2);
  const mixed = crText.slice(0, second) + '\r ' + crText.slice(second);
  const afterBoth = mixed.slice(0, first + 1) + '\n' + mixed.slice(first + 1);
  const spaceAt = afterBoth.indexOf('\r \n');
  const final = afterBoth.slice(0, spaceAt + 1) + afterBoth.slice(spaceAt + 2);
  const at = digitOf(final, '3.补正后申请内容仍不明确');
  const { server, fresh } = await edit('lf-after-cr', mixed, [
    { start: first + 1, end: first + 1, text: '\n' },
    { start: spaceAt + 1, end: spaceAt + 2, text: '' },
    { start: at, end: at + 1, text: '9' },
  ]);
  assert.ok(fresh.some((f) => f.endsWith('total-mismatch')), 'the edited figure breaks a total');
  assert.deepEqual(server, fresh);
});
