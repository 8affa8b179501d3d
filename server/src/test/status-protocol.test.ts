// The report's state over the protocol (the built server over stdio): tally/status, code lenses, outline and
// tally/summary all say what engine/status.ts says, in the reader's language.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './lsp-client.js';
import { sample, setCell } from './support.js';

const PANZHIHUA = 'file:///reports/000-panzhihua-2021.md';
const CLEAN = 'file:///reports/clean-2021.md';
const BROKEN = 'file:///reports/broken-2021.md';
const panzhihua = sample('000-panzhihua-2021.md');
const clean = sample('clean-2021.md');
const lineIn = (text: string, prefix: string) => text.split('\n').findIndex((l) => l.startsWith(prefix));

describe('the report state over the protocol (English)', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize({ locale: 'en', debounceMs: 0 });
    for (const [uri, text] of [[PANZHIHUA, panzhihua], [CLEAN, clean], [BROKEN, setCell(clean, '| 3 | 1 | 1 | 1 | 6 |', 4, '7')]]) {
      const status = client.next('tally/status', (p: any) => p.uri === uri);
      await client.open(uri, text, 'tally-report');
      await status;
    }
  });
  after(() => client.close());

  test('tally/status carries the state, its words, the year and the template name', async () => {
    const status = client.next('tally/status', (p: any) => p.uri === PANZHIHUA && p.version === 2);
    await client.change(PANZHIHUA, 2, [{ text: panzhihua }]);
    const s = await status;
    assert.deepEqual([s.state, s.problems, s.statusText, s.year, s.errors, s.warnings, s.infos],
      ['fails', 5, '✗ 5 tables missing', 2021, 3, 0, 1]);
    assert.match(s.templateName, /format of 国办公开办函〔2021〕30号/);
  });

  test('code lens: the 三 table of 000 without a figure is "not checked", never ✓', async () => {
    const lenses = await client.request<any[]>('textDocument/codeLens', { textDocument: { uri: PANZHIHUA } });
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command.title]),
      [[lineIn(panzhihua, '| (本列'), 'Relations not checked: the table has no figures']]);
    const cleanLenses = await client.request<any[]>('textDocument/codeLens', { textDocument: { uri: CLEAN } });
    assert.deepEqual(cleanLenses.map((l) => l.command.title), ['Relations ✓', 'Relations ✓']);
    const broken = await client.request<any[]>('textDocument/codeLens', { textDocument: { uri: BROKEN } });
    assert.deepEqual(broken.map((l) => l.command.title), ['Relations ✓', 'Relations: 1 failing']);
  });

  test('outline: section 二 fails with its four tables as placeholders; the 三 table is named once', async () => {
    const symbols = await client.request<any[]>('textDocument/documentSymbol', { textDocument: { uri: PANZHIHUA } });
    const two = symbols.find((s) => s.name.startsWith('二、'));
    assert.equal(two.detail, '✗ 4 tables missing');
    assert.deepEqual(two.children.map((c: any) => c.name), ['第二十条第（一）项 — missing', '第二十条第（五）项 — missing', '第二十条第（六）项 — missing', '第二十条第（八）项 — missing']);
    assert.ok(two.children.every((c: any) => c.kind === 21 /* Null */ && c.detail === '✗'));
    const three = symbols.find((s) => s.name.startsWith('三、'));
    assert.equal(three.detail, '○ not checked: the table has no figures');
    assert.deepEqual(three.children, [], 'the heading names the table: no child repeats it');
    const four = symbols.find((s) => s.name.startsWith('四、'));
    assert.deepEqual(four.children.map((c: any) => c.name), ['政府信息公开行政复议、行政诉讼情况 — missing']);
    // clean-2021: the 二 tables named once each, on the headings that name them; the 四 table on its section.
    const cleanSymbols = await client.request<any[]>('textDocument/documentSymbol', { textDocument: { uri: CLEAN } });
    const sections = cleanSymbols[0].children;
    const cleanTwo = sections.find((s: any) => s.name.startsWith('二、'));
    assert.deepEqual(cleanTwo.children.map((c: any) => [c.name, c.detail, c.children.length]), [
      ['第二十条第（一）项', '✓ filled in (no relation to check)', 0], ['第二十条第（五）项', '✓ filled in (no relation to check)', 0],
      ['第二十条第（六）项', '✓ filled in (no relation to check)', 0], ['第二十条第（八）项', '✓ filled in (no relation to check)', 0]]);
    assert.equal(sections.find((s: any) => s.name.startsWith('四、')).detail, '✓ 3 relations hold');
  });

  test('tally/summary: the states in words, and each section and table line linked to its place', async () => {
    const { markdown, links } = await client.request<any>('tally/summary', { uri: PANZHIHUA });
    const lines = markdown.split('\n');
    assert.ok(lines.includes('- 二、主动公开政府信息情况 (line 20): ✗ 4 tables missing'), markdown);
    assert.ok(lines.includes('- 三、收到和处理政府信息公开申请情况 (line 22): ○ not checked: the table has no figures'), markdown);
    assert.ok(lines.includes('- 收到和处理政府信息公开申请情况 (line 24): ○ not checked: the table has no figures'), markdown);
    assert.ok(lines.includes('- 第二十条第（一）项: ✗ missing'), markdown);
    assert.ok(lines.includes('- Problems: 3 errors, 0 warnings, 1 note'), markdown);
    assert.ok(!markdown.includes('✓ 46'), 'no ✓ for the table without figures');
    const linked = (prefix: string) => links.find((l: any) => lines[l.line].startsWith(prefix))?.range.start.line;
    assert.equal(linked('- 三、'), lineIn(panzhihua, '## 三、'));
    assert.equal(linked('- 收到和处理'), lineIn(panzhihua, '| (本列'));
    // A missing table links to where it belongs: its section's heading.
    assert.equal(linked('- 第二十条第（一）项'), lineIn(panzhihua, '## 二、'));
  });
});
