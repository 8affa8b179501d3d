// Over the protocol: "Disable here" on a finding (applied, re-checked: the finding gone, nothing else changed),
// the template list New Report shows, and completion of the front matter's template.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './lsp-client.js';
import { applyEdits, sample, setCell } from './support.js';
import { BUILTIN_TEMPLATES } from '../engine/index.js';

const clean = sample('clean-2021.md');
const broken = setCell(setCell(clean, '| （一）予以公开', 1, '53'), '| 3 | 1 | 1 | 1 | 6 |', 4, '7');

describe('suppression and templates over the protocol', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize({ locale: 'en', debounceMs: 0 });
  });
  after(() => client.close());

  test('every finding offers "Disable here" and "Disable for this file"; applied, only that finding goes', async () => {
    const uri = 'file:///reports/disable.md';
    const published = client.diagnostics(uri);
    await client.open(uri, broken);
    const { diagnostics } = await published;
    assert.deepEqual(diagnostics.map((d: any) => d.code), ['total-mismatch', 'total-mismatch']);
    let version = 1;
    for (const diagnostic of diagnostics) {
      const actions = await client.request<any[]>('textDocument/codeAction', {
        textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] },
      });
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('Disable total-mismatch here'), JSON.stringify(titles));
      assert.ok(titles.includes('Disable total-mismatch for this file'), JSON.stringify(titles));
      const here = actions.find((a) => a.title === 'Disable total-mismatch here');
      const fixed = applyEdits(broken, here.edit.changes[uri]);
      const after = client.diagnostics(uri, ++version);
      await client.change(uri, version, [{ text: fixed }]);
      const left = (await after).diagnostics;
      // The other finding stays, exactly as it was but one line lower if it came after the comment.
      const other = diagnostics.find((d: any) => d !== diagnostic)!;
      const shift = other.range.start.line > here.edit.changes[uri][0].range.start.line ? 1 : 0;
      assert.deepEqual(left.map((d: any) => [d.code, d.range.start.line, d.message]), [[other.code, other.range.start.line + shift, other.message]]);
      const back = client.diagnostics(uri, ++version);
      await client.change(uri, version, [{ text: broken }]);
      await back;
    }
  });

  test('tally/templates lists the built-in templates by name, with years, format and source', async () => {
    const list = await client.request<any[]>('tally/templates', {});
    assert.deepEqual(list.map((t) => t.id), BUILTIN_TEMPLATES.map((t) => t.id));
    const t2021 = list.find((t) => t.id === 'gov-annual-2021');
    assert.deepEqual(t2021.name, BUILTIN_TEMPLATES.find((t) => t.id === 'gov-annual-2021')!.name);
    assert.equal(t2021.source, 'built-in');
    assert.equal(t2021.format, '2021');
    assert.deepEqual(t2021.years, BUILTIN_TEMPLATES.find((t) => t.id === 'gov-annual-2021')!.years);
    // New Report opens the skeleton of a listed template.
    const { text } = await client.request<{ text: string }>('tally/skeleton', { template: 'gov-annual-2019', year: 2020 });
    assert.match(text, /template: gov-annual-2019/);
  });

  test('completion of the front matter\'s template: the templates the server knows', async () => {
    const uri = 'file:///reports/new.md';
    const text = '---\ntemplate: \nyear: 2023\n---\n\n# 某县2023年政府信息公开工作年度报告\n';
    const published = client.diagnostics(uri);
    await client.open(uri, text);
    await published;
    const items = await client.request<any>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 10 } });
    const list = Array.isArray(items) ? items : items.items;
    assert.deepEqual(list.map((i: any) => i.label), BUILTIN_TEMPLATES.map((t) => t.id));
    assert.match(list[0].detail, /2021/);
  });
});
