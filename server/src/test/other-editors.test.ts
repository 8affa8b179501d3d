// The language server in editors other than VS Code: the built server over stdio, sent what Neovim (nvim-lspconfig)
// and Helix send — their own initialize capabilities, no initialization options — for a report kept as `markdown`.
// And the VS Code client's option `clientMarkdownOutline`: its own Markdown outline and folding stay alone.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client.js';
import { lineOf as lineNumber, sample, setCell } from './support.js';

const lineOf = (text: string, prefix: string) => lineNumber(text, prefix) - 1;

const SYMBOL_KINDS = { valueSet: Array.from({ length: 26 }, (_, i) => i + 1) };

/** `vim.lsp.protocol.make_client_capabilities()` (what nvim-lspconfig sends), as a Neovim 0.12 development build logs it. */
const NEOVIM = {
  general: { positionEncodings: ['utf-8', 'utf-16', 'utf-32'] },
  textDocument: {
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'] } },
      dataSupport: true, disabledSupport: true, dynamicRegistration: true, honorsChangeAnnotations: true, isPreferredSupport: true,
      resolveSupport: { properties: ['edit', 'command'] },
    },
    codeLens: { dynamicRegistration: false, resolveSupport: { properties: ['command'] } },
    completion: {
      completionItem: { commitCharactersSupport: false, deprecatedSupport: true, documentationFormat: ['markdown', 'plaintext'], preselectSupport: false,
        resolveSupport: { properties: ['additionalTextEdits', 'command'] }, snippetSupport: true, tagSupport: { valueSet: [1] } },
      completionItemKind: { valueSet: Array.from({ length: 25 }, (_, i) => i + 1) },
      completionList: { itemDefaults: ['editRange', 'insertTextFormat', 'insertTextMode', 'data'] }, contextSupport: true, dynamicRegistration: false,
    },
    definition: { dynamicRegistration: true, linkSupport: true },
    diagnostic: { dataSupport: true, dynamicRegistration: false, relatedDocumentSupport: true, relatedInformation: true, tagSupport: { valueSet: [1, 2] } },
    documentSymbol: { dynamicRegistration: false, hierarchicalDocumentSymbolSupport: true, symbolKind: SYMBOL_KINDS, tagSupport: { valueSet: [1] } },
    foldingRange: { dynamicRegistration: false, foldingRange: { collapsedText: true }, foldingRangeKind: { valueSet: ['comment', 'imports', 'region'] }, lineFoldingOnly: true },
    formatting: { dynamicRegistration: true },
    hover: { contentFormat: ['markdown', 'plaintext'], dynamicRegistration: true },
    inlayHint: { dynamicRegistration: true, resolveSupport: { properties: ['textEdits', 'tooltip', 'location', 'command'] } },
    publishDiagnostics: { dataSupport: true, relatedInformation: true, tagSupport: { valueSet: [1, 2] } },
    rangeFormatting: { dynamicRegistration: true, rangesSupport: true },
    semanticTokens: {
      augmentsSyntaxTokens: true, dynamicRegistration: false, formats: ['relative'], multilineTokenSupport: true, overlappingTokenSupport: true,
      requests: { full: { delta: true }, range: false }, serverCancelSupport: false,
      tokenModifiers: ['declaration', 'definition', 'readonly', 'static', 'deprecated', 'abstract', 'async', 'modification', 'documentation', 'defaultLibrary'],
      tokenTypes: ['namespace', 'type', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'parameter', 'variable', 'property', 'enumMember',
        'event', 'function', 'method', 'macro', 'keyword', 'modifier', 'comment', 'string', 'number', 'regexp', 'operator', 'decorator'],
    },
    synchronization: { didSave: true, dynamicRegistration: false, willSave: true, willSaveWaitUntil: true },
  },
  window: { showDocument: { support: true }, showMessage: { messageActionItem: { additionalPropertiesSupport: true } }, workDoneProgress: true },
  workspace: {
    applyEdit: true, configuration: true, diagnostics: { refreshSupport: false }, didChangeConfiguration: { dynamicRegistration: false },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true }, inlayHint: { refreshSupport: true },
    semanticTokens: { refreshSupport: true }, symbol: { dynamicRegistration: false, symbolKind: SYMBOL_KINDS },
    workspaceEdit: { changeAnnotationSupport: { groupsOnLabel: true }, normalizesLineEndings: true, resourceOperations: ['rename', 'create', 'delete'] },
    workspaceFolders: true,
  },
};

/** The client capabilities helix-lsp declares (25.01, written out from its source, not a log): no folding, no hierarchical symbols. */
const HELIX = {
  general: { positionEncodings: ['utf-8', 'utf-32', 'utf-16'] },
  textDocument: {
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'] } },
      dataSupport: true, disabledSupport: true, isPreferredSupport: true, resolveSupport: { properties: ['edit', 'command'] },
    },
    completion: {
      completionItem: { snippetSupport: true, insertReplaceSupport: true, deprecatedSupport: true, tagSupport: { valueSet: [1] },
        resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] } },
      completionItemKind: {},
    },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: true },
    formatting: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown'] },
    inlayHint: { dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, tagSupport: { valueSet: [1, 2] } },
    rename: { dynamicRegistration: false, prepareSupport: true, prepareSupportDefaultBehavior: 1, honorsChangeAnnotations: false },
    signatureHelp: { signatureInformation: { documentationFormat: ['markdown'], parameterInformation: { labelOffsetSupport: true }, activeParameterSupport: true } },
  },
  window: { workDoneProgress: true },
  workspace: {
    applyEdit: true, configuration: true, didChangeConfiguration: { dynamicRegistration: false },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: false }, diagnostic: { refreshSupport: true },
    executeCommand: { dynamicRegistration: false }, fileOperations: { willRename: true, didRename: true }, inlayHint: { refreshSupport: false },
    symbol: { dynamicRegistration: false }, workspaceFolders: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], failureHandling: 'abort', normalizesLineEndings: false },
  },
};

/** `initialize` as the editor sends it (a workspace folder, its capabilities, its own initializationOptions), then `initialized`. */
async function start(client: LspClient, editor: { name: string; version: string }, capabilities: object, folder: string, initializationOptions?: object) {
  const uri = pathToFileURL(folder).href;
  const result = await client.request<any>('initialize', {
    processId: process.pid, clientInfo: editor, rootPath: folder, rootUri: uri, trace: 'off',
    workspaceFolders: [{ uri, name: folder }], capabilities, ...(initializationOptions ? { initializationOptions } : {}),
  });
  await client.connection.sendNotification('initialized', {});
  // Neovim sends its `settings` (empty unless configured) once initialised; Helix its `config`.
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  return result.capabilities;
}

const report = sample('002-wulanchabu-2020.md');
const clean = sample('clean-2021.md');
const brokenRow = lineOf(clean, '| 一、本年新收');
const broken = setCell(clean, '| 一、本年新收', 7, '154');

describe('the server in other editors (a report stays markdown)', () => {
  let folder: string;
  before(() => { folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-editors-')); });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  for (const [name, editor, capabilities] of [
    ['Neovim', { name: 'Neovim', version: '0.12.0-dev' }, NEOVIM],
    ['Helix', { name: 'helix', version: '25.1' }, HELIX],
  ] as const) {
    test(`${name}: diagnostics, the report's outline, folding and its total rows for a markdown document`, async () => {
      const client = new LspClient();
      try {
        const caps = await start(client, editor, capabilities, folder);
        for (const key of ['documentSymbolProvider', 'foldingRangeProvider', 'hoverProvider', 'codeActionProvider']) assert.ok(caps[key], key);
        assert.deepEqual(caps.semanticTokensProvider.legend.tokenTypes, ['tallyTotal']);
        assert.equal(caps.positionEncoding ?? 'utf-16', 'utf-16', 'positions in UTF-16, which both editors accept');

        const uri = pathToFileURL(path.join(folder, '002-wulanchabu-2020.md')).href;
        const published = client.diagnostics(uri);
        await client.open(uri, report, 'markdown', 0);
        const { diagnostics } = await published;
        assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`), ['97 row-shape', '105 section-title', '113 missing-section', '113 section-title']);

        const symbols = await client.request<any[]>('textDocument/documentSymbol', { textDocument: { uri } });
        const names = symbols.map((s) => s.name);
        assert.deepEqual(names.filter((n) => /^[一二三四五六]、/.test(n)).map((n) => n.slice(0, 2)), ['一、', '二、', '三、', '四、', '五、', '六、']);
        assert.ok(names.some((n) => n.startsWith('六、') && n.includes('缺失')), 'the missing 六 as a placeholder');
        const three = symbols.find((s) => s.name.startsWith('三、'));
        // The 三 heading names its one table: the table is named once, on the heading, with the table's state.
        assert.ok(!three.children.some((c: any) => c.name === '收到和处理政府信息公开申请情况'), 'the 三 table is named once');
        assert.match(three.detail, /^[✓✗○]/);

        const folds = await client.request<any[]>('textDocument/foldingRange', { textDocument: { uri } });
        assert.ok(folds.some((r) => r.startLine === lineOf(report, '## 三、')), 'a section folds');
        assert.ok(folds.some((r) => r.startLine === lineOf(report, '| (本列数据') && r.kind === 'region'), 'a table folds');

        const otherUri = pathToFileURL(path.join(folder, 'clean-2021.md')).href;
        const found = client.diagnostics(otherUri);
        await client.open(otherUri, broken, 'markdown', 0);
        assert.deepEqual((await found).diagnostics.map((d) => [d.code, d.range.start.line]), [['total-mismatch', brokenRow]]);
        const tokens = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: otherUri } });
        const lines = tokenLines(tokens.data);
        const totals = broken.split('\n').flatMap((l, i) => (/^\|[^|]*(（[一二三四五六七]）)?总计/.test(l) ? [i] : []));
        assert.ok(totals.length > 0);
        for (const line of totals) assert.ok(lines.includes(line), `the 总计 row at line ${line + 1} is a token`);
      } finally {
        await client.close();
      }
    });
  }

  test('plain Markdown gets no total tokens; VS Code (clientMarkdownOutline) keeps its own outline and folding', async () => {
    const client = new LspClient();
    try {
      await start(client, { name: 'Visual Studio Code', version: '1.100.3' }, NEOVIM, folder, { clientMarkdownOutline: true, debounceMs: 0 });
      const plain = pathToFileURL(path.join(folder, 'notes.md')).href;
      const text = '# 笔记\n\n| 项目 | 数量 |\n|---|---|\n| 甲 | 1 |\n| 合计 | 2 |\n';
      const status = client.next('tally/status', (p: any) => p.uri === plain);
      await client.open(plain, text, 'markdown');
      assert.equal((await status).isReport, false);
      assert.deepEqual((await client.request<any>('textDocument/semanticTokens/full', { textDocument: { uri: plain } })).data, [], 'not a report: no highlight');

      const uri = pathToFileURL(path.join(folder, 'report.md')).href;
      const published = client.diagnostics(uri);
      await client.open(uri, report, 'markdown');
      await published;
      assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), [], 'VS Code shows its Markdown outline');
      assert.deepEqual(await client.request('textDocument/foldingRange', { textDocument: { uri } }), [], 'and its Markdown folding');
      const outline = await client.request<any[]>('tally/outline', { uri });
      assert.ok(outline.some((s) => s.name.startsWith('六、') && s.name.includes('缺失')), 'the report outline for the client\'s own view');

      const legacy = pathToFileURL(path.join(folder, 'legacy.md')).href;
      const legacyPublished = client.diagnostics(legacy);
      await client.open(legacy, report, 'tally-report');
      await legacyPublished;
      assert.ok((await client.request<any[]>('textDocument/documentSymbol', { textDocument: { uri: legacy } })).length > 0, 'the report language keeps Tally\'s outline');
    } finally {
      await client.close();
    }
  });

  test('under tally.scope "all" the total rows of any Markdown table are tokens too', async () => {
    const client = new LspClient();
    try {
      await start(client, { name: 'Neovim', version: '0.12.0-dev' }, { ...NEOVIM, workspace: { ...NEOVIM.workspace, configuration: false } }, folder,
        { settings: { scope: 'all' } });
      const uri = pathToFileURL(path.join(folder, 'tables.md')).href;
      const text = '# 笔记\n\n| 项目 | 数量 |\n|---|---|\n| 甲 | 1 |\n| 合计 | 2 |\n';
      const status = client.next('tally/status', (p: any) => p.uri === uri);
      await client.open(uri, text, 'markdown');
      assert.equal((await status).isReport, false);
      const tokens = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
      assert.deepEqual(tokenLines(tokens.data), [5]);
    } finally {
      await client.close();
    }
  });
});

/** The lines of LSP semantic tokens (relative encoding, 5 numbers a token). */
function tokenLines(data: number[]): number[] {
  const lines: number[] = [];
  let line = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    lines.push(line);
  }
  return lines;
}
