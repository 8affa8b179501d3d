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

describe('suppression across years over the protocol', () => {
  test('"Disable carry-over here" on a finding across years silences it, and the comment is not reported unused', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const dir = mkdtempSync(join(tmpdir(), 'tally-ws-suppress-'));
    writeFileSync(join(dir, 'pair-2021.md'), sample('pair-2021.md'));
    const text = sample('pair-2022.md');
    writeFileSync(join(dir, 'pair-2022.md'), text);
    const client = new LspClient();
    try {
      await client.initializeFolder(dir, { locale: 'en', debounceMs: 0 });
      const uri = pathToFileURL(join(dir, 'pair-2022.md')).href;
      const withCarryOver = client.next<any>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.some((d: any) => d.code === 'carry-over'));
      await client.connection.sendNotification('initialized', {});
      await client.open(uri, text, 'tally-report');
      const { diagnostics } = await withCarryOver;
      const carry = diagnostics.find((d: any) => d.code === 'carry-over');
      const actions = await client.request<any[]>('textDocument/codeAction', {
        textDocument: { uri }, range: carry.range, context: { diagnostics: [carry], only: ['quickfix'] },
      });
      const here = actions.find((a) => a.title === 'Disable carry-over here');
      assert.ok(here, JSON.stringify(actions.map((a) => a.title)));
      const fixed = applyEdits(text, here.edit.changes[uri]);
      assert.match(fixed, /<!-- tally-disable-next-line carry-over row=[^\n]*-->\n\| 项目/);
      const after = client.diagnostics(uri, 2);
      await client.change(uri, 2, [{ text: fixed }]);
      const left = (await after).diagnostics.map((d: any) => d.code);
      assert.deepEqual(left, diagnostics.filter((d: any) => d !== carry).map((d: any) => d.code));
    } finally {
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
