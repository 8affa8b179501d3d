// Import in the editor, over the protocol: the client's Import command, HTML pasted into a report, and the quick fix
// that converts a pasted, undialected report in place.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LspClient } from './lsp-client.js';
import { applyEdits } from './support.js';
import { analyze } from '../engine/index.js';

const fixture = (path: string) => fileURLToPath(new URL(`../../server/fixtures/import/${path}`, import.meta.url));
const SEED_002 = fixture('text/seed-002_40372296bbc69180.txt');

describe('import over the protocol', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize();
  });
  after(() => client.close());

  test('tally/import by path: a pasted seed becomes the dialect, checked as the hand-made sample is', async () => {
    const answer = await client.request<{ markdown?: string; format?: string }>('tally/import', { name: '002.txt', path: SEED_002 });
    assert.equal(answer.format, 'text');
    const codes = analyze(answer.markdown!).findings.map((f) => f.code);
    assert.ok(codes.includes('row-shape'), codes.join(','));
    assert.ok(codes.includes('missing-section'), codes.join(','));
  });

  test('tally/import by bytes, and a clear error for a file that cannot be read', async () => {
    const data = readFileSync(SEED_002).toString('base64');
    const answer = await client.request<{ markdown?: string }>('tally/import', { name: '002.txt', data });
    assert.match(answer.markdown!, /^---\ntemplate: gov-annual-2019/);
    const junk = await client.request<{ markdown?: string; error?: string }>('tally/import',
      { name: 'x.doc', data: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]).toString('base64') });
    assert.equal(junk.markdown, undefined);
    assert.match(junk.error!, /docx/);
  });

  test('tally/importHtml: a copied table pastes as a Markdown table with every figure; no table, no edit', async () => {
    const html = '<meta charset="utf-8"><table><tr><td rowspan="2">信息内容</td><td colspan="2">本年</td></tr>'
      + '<tr><td>制发</td><td>废止</td></tr><tr><td>规章</td><td>3</td><td>1</td></tr></table>';
    const { markdown } = await client.request<{ markdown?: string }>('tally/importHtml', { html });
    assert.ok(markdown, 'a table');
    assert.doesNotMatch(markdown!, /^---/);
    const rows = markdown!.trim().split('\n');
    assert.match(rows[0], /^\| 信息内容 \| 本年 \|/);
    assert.match(rows[rows.length - 1], /^\| 规章 \| 3 \| 1 \|$/);
    assert.deepEqual(await client.request('tally/importHtml', { html: '<p>只有文字</p>' }), {});
  });

  test('a pasted report not in the dialect: one error, and a quick fix converts it in one edit', async () => {
    const uri = 'file:///reports/pasted-002.md';
    const text = readFileSync(SEED_002, 'utf8');
    const published = client.diagnostics(uri);
    await client.open(uri, text);
    const { diagnostics } = await published;
    const pasted = diagnostics.filter((d) => d.code === 'import');
    assert.equal(pasted.length, 1);
    assert.equal(pasted[0].severity, 1);
    const actions = await client.request<any[]>('textDocument/codeAction', {
      textDocument: { uri }, range: pasted[0].range, context: { diagnostics: pasted },
    });
    const convert = actions.find((a) => /Markdown/.test(a.title));
    assert.ok(convert, actions.map((a) => a.title).join(' / '));
    const edits = convert.edit.changes[uri];
    assert.equal(edits.length, 1);
    const converted = applyEdits(text, edits);
    const codes = analyze(converted).findings.map((f) => f.code);
    assert.ok(!codes.includes('import'), codes.join(','));
    assert.ok(codes.includes('row-shape'), codes.join(','));
  });
});
