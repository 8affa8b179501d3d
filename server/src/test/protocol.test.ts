// Protocol tests: the built server (out/server.js) over stdio, driven as an editor drives it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client.js';
import { applyEdits, editLine, sample, setCell } from './support.js';
import { analyze } from '../engine/index.js';

const CLEAN = 'file:///reports/clean-2021.md';
const SEED = 'file:///reports/002-wulanchabu-2020.md';
const clean = sample('clean-2021.md');
const seed = sample('002-wulanchabu-2020.md');
const lineOf = (text: string, prefix: string) => text.split('\n').findIndex((l) => l.startsWith(prefix));

describe('language server over stdio', () => {
  let client: LspClient;
  let capabilities: any;
  before(async () => {
    client = new LspClient();
    capabilities = (await client.initialize()).capabilities;
  });
  after(() => client.close());

  test('advertises its features', () => {
    for (const key of ['hoverProvider', 'documentSymbolProvider', 'codeActionProvider', 'codeLensProvider', 'inlayHintProvider',
      'completionProvider', 'documentFormattingProvider', 'documentRangeFormattingProvider', 'foldingRangeProvider']) {
      assert.ok(capabilities[key], key);
    }
    assert.equal(capabilities.textDocumentSync.change, 2, 'incremental sync');
  });

  test('didOpen: a clean report gets no diagnostics, a seed its real faults with code, link and data', async () => {
    const cleanDiagnostics = client.diagnostics(CLEAN);
    const status = client.next('tally/status', (p: any) => p.uri === CLEAN);
    await client.open(CLEAN, clean);
    assert.deepEqual((await cleanDiagnostics).diagnostics, []);
    assert.deepEqual(await status, { uri: CLEAN, version: 1, template: 'gov-annual-2021', isReport: true, errors: 0, warnings: 0, infos: 0,
      state: 'holds', problems: 0, statusText: '✓ 49 处勾稽关系成立', year: 2022, templateName: '政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）' });

    const seedDiagnostics = client.diagnostics(SEED);
    await client.open(SEED, seed);
    const { diagnostics } = await seedDiagnostics;
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`), ['97 row-shape', '105 section-title', '113 missing-section', '113 section-title']);
    const shape = diagnostics[0];
    assert.equal(shape.severity, 1);
    assert.equal(shape.source, 'tally');
    assert.match(shape.codeDescription.href, /^file:.*docs\/checks\/row-shape\.md$/);
    assert.match(shape.message, /2\.重复申请/);
    assert.deepEqual(shape.data.subject, { line: 96 });
  });

  test('didChange: a wrong total is found in the new version, and its quick fix removes it and changes nothing else', async () => {
    const row = lineOf(clean, '| 一、本年新收');
    const line = clean.split('\n')[row];
    const at = line.lastIndexOf('153');
    const published = client.diagnostics(CLEAN, 2);
    await client.change(CLEAN, 2, [{ range: { start: { line: row, character: at }, end: { line: row, character: at + 3 } }, text: '154' }]);
    const all = (await published).diagnostics;
    // The total no longer adds up. The text's 153 differs from it too, but a table figure that breaks its own
    // totals is reported once, there (prose-mismatch stands down).
    assert.deepEqual(all.map((d) => d.code).sort(), ['total-mismatch']);
    const diagnostics = all.filter((d) => d.code === 'total-mismatch');
    const edited = setCell(clean, '| 一、本年新收', 7, '154');

    const actions = await client.request<any[]>('textDocument/codeAction', {
      textDocument: { uri: CLEAN }, range: diagnostics[0].range, context: { diagnostics, only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.isPreferred) ?? actions[0];
    assert.ok(fix, 'a quick fix is offered');
    const fixed = applyEdits(edited, fix.edit.changes[CLEAN]);
    assert.equal(fixed, clean, 'the fix restores exactly the original text');

    const after = client.diagnostics(CLEAN, 3);
    await client.change(CLEAN, 3, [{ text: fixed }]);
    assert.deepEqual((await after).diagnostics, []);
  });

  test('codeAction: insert the missing section 六; the finding goes and nothing else changes', async () => {
    const { diagnostics } = { diagnostics: analyze(seed).findings };
    void diagnostics;
    const published = client.received.filter((r) => r.method === 'textDocument/publishDiagnostics' && r.params.uri === SEED).pop()!.params;
    const missing = published.diagnostics.find((d: any) => d.code === 'missing-section');
    const actions = await client.request<any[]>('textDocument/codeAction', {
      textDocument: { uri: SEED }, range: missing.range, context: { diagnostics: [missing], only: ['quickfix'] },
    });
    const insert = actions.find((a) => a.edit.changes[SEED].some((e: any) => e.newText.includes('六、其他需要报告的事项')));
    assert.ok(insert, 'an action inserts the section');
    const edits = insert.edit.changes[SEED];
    const fixed = applyEdits(seed, edits);
    assert.ok(!analyze(fixed).findings.some((f) => f.code === 'missing-section'));
    const e = edits[0];
    const startLine = e.range.start.line;
    assert.deepEqual(fixed.split('\n').slice(0, startLine), seed.split('\n').slice(0, startLine), 'text before the insertion unchanged');
  });

  test('source.fixAll.tally applies the safe fixes', async () => {
    const broken = setCell(setCell(clean, '| 3 | 1 | 1 | 1 | 6 |', 4, '7'), '| 行政许可', 1, '５８６２');
    const uri = 'file:///reports/fixall.md';
    const published = client.diagnostics(uri);
    await client.open(uri, broken);
    await published;
    const actions = await client.request<any[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.tally'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.tally');
    assert.equal(applyEdits(broken, actions[0].edit.changes[uri]), clean);
  });

  test('source.fixAll.tally: a fix that would add findings is withheld; nested totals settle in one action', async () => {
    const fixAllOf = (uri: string) => client.request<any[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    // Two raised parts of （六）其他处理: three totals would follow them and break the reconciliation.
    const raised = editLine(sample('clean-2019.md'), '| | （六）其他处理', (l) => l.replace('| 0 | 0 | 0 | 4 |', '| 2 | 7 | 0 | 4 |'));
    const uri = 'file:///reports/raised-2019.md';
    const published = client.diagnostics(uri);
    await client.open(uri, raised);
    const { diagnostics } = await published;
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`), ['83 total-mismatch', '84 total-mismatch', '84 total-mismatch']);
    assert.deepEqual(await fixAllOf(uri), [], 'nothing safe to apply');
    const quick = await client.request<any[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]], only: ['quickfix'] },
    });
    assert.ok(quick.some((a) => a.isPreferred), 'each fix stays offered as a quick fix');

    const nested = '# 表\n\n| 项目 | 数量 |\n|---|---|\n| 甲 | 1 |\n| 乙 | 3 |\n| 小计 | 3 |\n| 丙 | 4 |\n| 小计 | 4 |\n| 合计 | 7 |\n';
    const nestedUri = 'file:///reports/nested.md';
    // Not a report: the server publishes its status, and keeps its diagnostics to itself.
    const opened = client.next('tally/status', (p: any) => p.uri === nestedUri);
    await client.open(nestedUri, nested);
    await opened;
    const [action] = await fixAllOf(nestedUri);
    assert.equal(action.kind, 'source.fixAll.tally');
    const fixed = applyEdits(nested, action.edit.changes[nestedUri]);
    assert.equal(fixed, nested.replace('| 小计 | 3 |', '| 小计 | 4 |').replace('| 合计 | 7 |', '| 合计 | 8 |'));
    const again = client.next('tally/status', (p: any) => p.uri === nestedUri && p.version === 2);
    await client.change(nestedUri, 2, [{ text: fixed }]);
    assert.equal((await again).errors, 0);
    assert.deepEqual(await fixAllOf(nestedUri), [], 'a second fix-all changes nothing');
  });

  test('documentSymbol: the template sections in order, a placeholder for the missing 六, tables with status', async () => {
    const uri = 'file:///reports/seed-report.md';
    const published = client.diagnostics(uri);
    await client.open(uri, seed, 'tally-report');
    await published;
    const symbols = await client.request<any[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const names = symbols.map((s) => s.name);
    assert.deepEqual(names.filter((n) => /^[一二三四五六]、/.test(n)).map((n) => n.slice(0, 2)), ['一、', '二、', '三、', '四、', '五、', '六、']);
    assert.ok(names.some((n) => n.startsWith('六、其他需要报告的事项') && n.includes('缺失')), names.join(' | '));
    // The 三 table is named by its section's heading: its state is there, not in a child of the same name.
    const three = symbols.find((s) => s.name.startsWith('三、'));
    assert.ok(!three.children.some((c: any) => c.name === '收到和处理政府信息公开申请情况'), 'the 三 table is named once');
    assert.match(three.detail, /✓ \d+ 处勾稽关系成立/);
    const plain = await client.request<any[]>('textDocument/documentSymbol', { textDocument: { uri: SEED } });
    assert.deepEqual(plain, [], 'plain Markdown keeps VS Code\'s own outline');
  });

  test('hover on a figure writes out its relations with names, values and ✓', async () => {
    const row = lineOf(clean, '| （一）予以公开');
    const character = clean.split('\n')[row].indexOf('| 52 |') + 2;
    const result = await client.request<any>('textDocument/hover', { textDocument: { uri: CLEAN }, position: { line: row, character } });
    assert.match(result.contents.value, /R1（“（一）予以公开”行）: 总计 = 自然人 52 \+ 商业企业 6 \+ 科研机构 1 \+ 社会公益组织 1 \+ 法律服务机构 2 \+ 其他 1 = 63 ✓/);
    assert.match(result.contents.value, /R3（“自然人”列）: （七）总计 = .* = 130 ✓/);
  });

  test('hover on a figure in the text shows the table figure it names; go to definition jumps there', async () => {
    const line = lineOf(clean, '进一步规范申请接收');
    const character = clean.split('\n')[line].indexOf('153件') + 1;
    const result = await client.request<any>('textDocument/hover', { textDocument: { uri: CLEAN }, position: { line, character } });
    assert.match(result.contents.value, /正文“153件”对应表格“收到和处理政府信息公开申请情况”.*153 ✓/);
    const locations = await client.request<any[]>('textDocument/definition', { textDocument: { uri: CLEAN }, position: { line, character } });
    assert.deepEqual(locations.map((l) => l.range.start.line), [lineOf(clean, '| 一、本年新收')]);
  });

  test('hover on a section heading says what the template requires', async () => {
    const result = await client.request<any>('textDocument/hover', { textDocument: { uri: CLEAN }, position: { line: lineOf(clean, '## 三、'), character: 4 } });
    assert.match(result.contents.value, /三、收到和处理政府信息公开申请情况.*必需/);
  });

  test('codeLens above each template table; inlay hint after a wrong total', async () => {
    const lenses = await client.request<any[]>('textDocument/codeLens', { textDocument: { uri: SEED } });
    assert.ok(lenses.length >= 2);
    assert.ok(lenses.every((l) => l.command.command === 'tally.showRelations'));
    assert.ok(lenses.some((l) => /勾稽关系 ✓/.test(l.command.title)));
    const uri = 'file:///reports/hint.md';
    const broken = setCell(clean, '| 3 | 1 | 1 | 1 | 6 |', 4, '7');
    const published = client.diagnostics(uri);
    await client.open(uri, broken);
    await published;
    const hints = await client.request<any[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 300, character: 0 } } });
    assert.deepEqual(hints.map((h) => h.label), ['= 6']);
  });

  test('completion offers the missing section heading and missing rows', async () => {
    const lines = seed.split('\n');
    const uri = 'file:///reports/complete.md';
    const text = `${seed.trimEnd()}\n\n## \n`;
    const published = client.diagnostics(uri);
    await client.open(uri, text);
    await published;
    const items = await client.request<any[]>('textDocument/completion', { textDocument: { uri }, position: { line: lines.length + 1, character: 3 } });
    assert.ok(items.some((i) => i.label === '六、其他需要报告的事项' && i.textEdit.newText === '## 六、其他需要报告的事项'), JSON.stringify(items.map((i) => i.label)));
  });

  test('formatting aligns tables and changes only whitespace', async () => {
    const edits = await client.request<any[]>('textDocument/formatting', { textDocument: { uri: SEED }, options: { tabSize: 2, insertSpaces: true } });
    assert.ok(edits.length > 0);
    const formatted = applyEdits(seed, edits);
    const squash = (t: string) => t.replace(/\s+/g, '').replace(/-+/g, '-');
    assert.equal(squash(formatted), squash(seed));
  });

  test('folding ranges for sections and tables of a report', async () => {
    const ranges = await client.request<any[]>('textDocument/foldingRange', { textDocument: { uri: 'file:///reports/seed-report.md' } });
    const table = lineOf(seed, '| (本列数据');
    assert.ok(ranges.some((r) => r.startLine === table && r.kind === 'region'));
    assert.ok(ranges.some((r) => r.startLine === lineOf(seed, '## 三、')));
  });

  test('tally/skeleton writes a whole report that binds to its template', async () => {
    const { text } = await client.request<{ text: string }>('tally/skeleton', { template: 'gov-annual-2021', year: 2025 });
    const result = analyze(text);
    assert.equal(result.template, 'gov-annual-2021');
    assert.ok(!result.findings.some((f) => ['missing-section', 'missing-table', 'missing-row'].includes(f.code)));
  });

  test('didClose clears the diagnostics', async () => {
    const cleared = client.diagnostics(SEED);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: SEED } });
    assert.deepEqual((await cleared).diagnostics, []);
  });
});

describe('language server messages in English', () => {
  test('initializationOptions.locale en gives English messages', async () => {
    const client = new LspClient();
    try {
      await client.initialize({ locale: 'en', debounceMs: 0 });
      const published = client.diagnostics(SEED);
      await client.open(SEED, seed);
      const { diagnostics } = await published;
      assert.match(diagnostics.find((d) => d.code === 'missing-section')!.message, /^Missing section/);
    } finally {
      await client.close();
    }
  });
});

describe('language server across the workspace', () => {
  test('a report is checked against last year\'s report on disk, and the outline names it', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const dir = mkdtempSync(join(tmpdir(), 'tally-ws-'));
    writeFileSync(join(dir, 'pair-2021.md'), sample('pair-2021.md'));
    writeFileSync(join(dir, 'pair-2022.md'), sample('pair-2022.md'));
    // The folder is the workspace: the 2021 report, never opened, is read from disk.
    const second = new LspClient();
    try {
      await second.initializeFolder(dir, { locale: 'zh-CN', debounceMs: 0 });
      const uri = pathToFileURL(join(dir, 'pair-2022.md')).href;
      const withCarryOver = second.next<any>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.some((d: any) => d.code === 'carry-over'));
      await second.connection.sendNotification('initialized', {});
      await second.open(uri, sample('pair-2022.md'), 'tally-report');
      const published = await withCarryOver;
      const carry = published.diagnostics.find((d: any) => d.code === 'carry-over');
      assert.match(carry.message, /pair-2021\.md/);
      assert.ok(carry.relatedInformation.some((r: any) => r.location.uri.endsWith('pair-2021.md')));
      const symbols = await second.request<any[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(symbols.some((s) => s.name.startsWith('上一年度报告') && s.name.includes('pair-2021.md')));
    } finally {
      await second.close();
    }
  });
});

describe('the first scan of the workspace', () => {
  const { mkdtempSync, writeFileSync, rmSync } = fs;
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tally-scan-'));
    // Enough reports that reading them takes longer than analysing the one the editor opens.
    for (let i = 0; i < 150; i++) {
      writeFileSync(path.join(dir, `body-${i}-2021.md`), sample('pair-2021.md').replaceAll('白沙县', `白沙${i}县`));
      writeFileSync(path.join(dir, `body-${i}-2022.md`), sample('pair-2022.md').replaceAll('白沙县', `白沙${i}县`));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A client in the folder, recording the scan's progress and the open report's publications in order. */
  async function start(capabilities: object) {
    const client = new LspClient();
    const events: Array<{ kind: string; value: any; published: number }> = [];
    const created: string[] = [];
    client.connection.onRequest('window/workDoneProgress/create', (p: { token: string }) => { created.push(p.token); return null; });
    const uri = pathToFileURL(path.join(dir, 'body-7-2022.md')).href;
    // Messages are handled in the order they arrive: the open report's publications so far, at each progress.
    const published = () => client.received.filter((r) => r.method === 'textDocument/publishDiagnostics' && r.params.uri === uri).length;
    client.connection.onNotification('$/progress', (p: { token: string; value: any }) => events.push({ kind: `progress:${p.value.kind}`, value: p.value, published: published() }));
    await client.initialize({ locale: 'en', debounceMs: 0 }, capabilities, pathToFileURL(dir).href);
    await client.open(uri, sample('pair-2022.md').replaceAll('白沙县', '白沙7县'), 'tally-report');
    return { client, events, created, uri, published };
  }

  const until = async (check: () => boolean, what: string) => {
    for (let i = 0; i < 1200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(check(), what);
  };

  test('shows its progress, "n / total", begun and ended; the open report\'s diagnostics come before the end', async () => {
    const { client, events, created, published } = await start({ window: { workDoneProgress: true } });
    try {
      await until(() => events.some((e) => e.kind === 'progress:end'), 'the progress ends');
      assert.equal(created.length, 1);
      const kinds = events.map((e) => e.kind);
      const begin = kinds.indexOf('progress:begin');
      const end = kinds.indexOf('progress:end');
      assert.ok(begin >= 0 && begin < end, kinds.join(' '));
      assert.equal(events[begin].value.cancellable, true);
      assert.match(events[begin].value.title, /workspace/);
      const reports = events.filter((e) => e.kind === 'progress:report');
      assert.ok(reports.length > 0, 'reports');
      for (const e of [events[begin], ...reports]) {
        // No message while the files are listed, then how many of them were read.
        if (e.value.message !== undefined) assert.match(e.value.message, /^[\d,]+ \/ 300$/);
        assert.ok(e.value.percentage >= 0 && e.value.percentage <= 100);
      }
      assert.equal(reports.at(-1)!.value.message, '300 / 300');
      assert.ok(events[end].published >= 1, 'the first diagnostics before the scan ends');
      // The scan re-checks the open report once it is done.
      await until(() => published() > events[end].published, 'the open report re-checked after the scan');
    } finally {
      await client.close();
    }
  });

  test('a client that asks to cancel ends it, and the server goes on serving', async () => {
    const { client, events, created, uri } = await start({ window: { workDoneProgress: true } });
    try {
      await until(() => events.some((e) => e.kind === 'progress:begin'), 'the progress begins');
      await client.connection.sendNotification('window/workDoneProgress/cancel', { token: created[0] });
      await until(() => events.some((e) => e.kind === 'progress:end'), 'the progress ends');
      const next = client.diagnostics(uri, 2);
      await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
      await next;
    } finally {
      await client.close();
    }
  });

  test('a client that does not advertise window.workDoneProgress is sent no progress', async () => {
    const { client, events, created, published } = await start({});
    try {
      // The scan's end re-checks the open report: a second publication.
      await until(() => published() >= 2, 'the open report re-checked after the scan');
      assert.deepEqual(created, []);
      assert.ok(!events.some((e) => e.kind.startsWith('progress')));
    } finally {
      await client.close();
    }
  });
});
