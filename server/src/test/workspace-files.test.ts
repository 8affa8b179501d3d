// Protocol tests of the workspace's files on disk: watched-file events (changed, created, deleted), an unsaved
// editor closed, and Tally: Check Workspace (`tally/checkWorkspace`) with its progress and its cancellation.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node.js';
import { LspClient, type Published } from './lsp-client.js';
import { sample } from './support.js';

const CHANGED = 2;
const CREATED = 1;
const DELETED = 3;

const y2021 = sample('pair-2021.md');
const y2022 = sample('pair-2022.md');
/** Last year's report with its carried-over figures equal to this year's: no carry-over finding in 2022. */
const y2021Matching = y2021.replace('| 四、结转下年度继续办理 | 6 | 1 | 0 | 0 | 0 | 0 | 7 |', '| 四、结转下年度继续办理 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |');
assert.notEqual(y2021Matching, y2021);

const hasCarryOver = (p: Published) => p.diagnostics.some((d) => d.code === 'carry-over');
const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 1200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(check(), what);
};

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-files-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A client in `dir` whose first scan has ended (when it shows progress), with `open` opened and first checked. */
async function start(dir: string, open: string[] = [], capabilities: object = { window: { workDoneProgress: true } }) {
  const client = new LspClient();
  client.connection.onRequest('window/workDoneProgress/create', () => null);
  const progress: Array<{ token: string | number; value: any }> = [];
  client.connection.onNotification('$/progress', (p: { token: string | number; value: any }) => progress.push(p));
  await client.initialize({ locale: 'en', debounceMs: 0 }, capabilities, pathToFileURL(dir).href);
  if ((capabilities as { window?: { workDoneProgress?: boolean } }).window?.workDoneProgress) {
    await until(() => progress.some((p) => p.value.kind === 'end'), 'the first scan ends');
  }
  const uris: string[] = [];
  for (const name of open) {
    const uri = pathToFileURL(path.join(dir, name)).href;
    uris.push(uri);
    const first = client.diagnostics(uri, 1);
    await client.open(uri, fs.readFileSync(path.join(dir, name), 'utf8'), 'tally-report');
    await first;
  }
  return { client, uris, progress, uri: (name: string) => pathToFileURL(path.join(dir, name)).href };
}

const changes = (client: LspClient, events: Array<{ uri: string; type: number }>) =>
  client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: events });

describe('report files changed on disk', () => {
  const dirs: string[] = [];
  after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

  test('the server watches report files when the client registers watchers dynamically', async () => {
    const dir = folder({});
    dirs.push(dir);
    const client = new LspClient();
    const registrations: any[] = [];
    client.connection.onRequest('client/registerCapability', (p: { registrations: any[] }) => { registrations.push(...p.registrations); return null; });
    try {
      await client.initialize({ locale: 'en', debounceMs: 0 }, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }, pathToFileURL(dir).href);
      await until(() => registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'a registration');
      const watchers = registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles').registerOptions.watchers;
      assert.ok(watchers.some((w: { globPattern: string }) => w.globPattern === '**/*.md'), JSON.stringify(watchers));
    } finally {
      await client.close();
    }
  });

  test('last year\'s report changed on disk: the open report\'s findings across years follow', async () => {
    const dir = folder({ 'pair-2021.md': y2021, 'pair-2022.md': y2022 });
    dirs.push(dir);
    const { client, uri } = await start(dir, ['pair-2022.md']);
    try {
      assert.ok(hasCarryOver(client.received.filter((r) => r.method === 'textDocument/publishDiagnostics' && r.params.uri === uri('pair-2022.md')).at(-1)!.params));
      fs.writeFileSync(path.join(dir, 'pair-2021.md'), y2021Matching);
      const fixed = client.diagnostics(uri('pair-2022.md'));
      await changes(client, [{ uri: uri('pair-2021.md'), type: CHANGED }]);
      assert.ok(!hasCarryOver(await fixed), 'the carried-over figures agree now');
      // Back as it was: the finding returns.
      fs.writeFileSync(path.join(dir, 'pair-2021.md'), y2021);
      const broken = client.diagnostics(uri('pair-2022.md'));
      await changes(client, [{ uri: uri('pair-2021.md'), type: CHANGED }]);
      assert.ok(hasCarryOver(await broken));
    } finally {
      await client.close();
    }
  });

  test('last year\'s report created, then deleted', async () => {
    const dir = folder({ 'a/pair-2022.md': y2022 });
    dirs.push(dir);
    const { client, uri } = await start(dir, ['a/pair-2022.md']);
    try {
      fs.mkdirSync(path.join(dir, 'b'));
      fs.writeFileSync(path.join(dir, 'b/pair-2021.md'), y2021);
      const created = client.diagnostics(uri('a/pair-2022.md'));
      await changes(client, [{ uri: uri('b/pair-2021.md'), type: CREATED }]);
      const withPair = await created;
      assert.ok(hasCarryOver(withPair));
      assert.match(withPair.diagnostics.find((d) => d.code === 'carry-over')!.message, /pair-2021\.md/);
      // The folder deleted: one event for it, none for the file in it.
      fs.rmSync(path.join(dir, 'b'), { recursive: true });
      const deleted = client.diagnostics(uri('a/pair-2022.md'));
      await changes(client, [{ uri: pathToFileURL(path.join(dir, 'b')).href, type: DELETED }]);
      assert.ok(!hasCarryOver(await deleted));
    } finally {
      await client.close();
    }
  });

  test('a file that .gitignore leaves out, or that is no Markdown, is not read', async () => {
    const dir = folder({ 'pair-2022.md': y2022, '.gitignore': 'old/\n' });
    dirs.push(dir);
    const { client, uri } = await start(dir, ['pair-2022.md']);
    try {
      fs.mkdirSync(path.join(dir, 'old'));
      fs.writeFileSync(path.join(dir, 'old/pair-2021.md'), y2021);
      fs.writeFileSync(path.join(dir, 'pair-2021.txt'), y2021);
      const before = client.received.length;
      await changes(client, [{ uri: uri('old/pair-2021.md'), type: CREATED }, { uri: uri('pair-2021.txt'), type: CREATED }]);
      // A request answered after the notification: the server has handled it; nothing was re-published.
      await client.request('textDocument/documentSymbol', { textDocument: { uri: uri('pair-2022.md') } });
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(client.received.slice(before).filter((r) => r.method === 'textDocument/publishDiagnostics'), []);
      // The same file where .gitignore does not reach is read.
      fs.writeFileSync(path.join(dir, 'pair-2021.md'), y2021);
      const created = client.diagnostics(uri('pair-2022.md'));
      await changes(client, [{ uri: uri('pair-2021.md'), type: CREATED }]);
      assert.ok(hasCarryOver(await created));
    } finally {
      await client.close();
    }
  });

  test('an unsaved editor closed: the file on disk counts again', async () => {
    const dir = folder({ 'pair-2021.md': y2021, 'pair-2022.md': y2022 });
    dirs.push(dir);
    const { client, uri } = await start(dir, ['pair-2021.md', 'pair-2022.md']);
    try {
      // Last year's carried-over figure corrected in the editor, not saved: this year's finding goes.
      const line = y2021.split('\n').findIndex((l) => l.startsWith('| 四、结转下年度继续办理'));
      const fixed = client.diagnostics(uri('pair-2022.md'));
      await client.change(uri('pair-2021.md'), 2, [{
        range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } },
        text: '| 四、结转下年度继续办理 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |\n',
      }]);
      assert.ok(!hasCarryOver(await fixed));
      // Closed without saving: the disk's figure, 6, is last year's again.
      const reverted = client.diagnostics(uri('pair-2022.md'));
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri('pair-2021.md') } });
      assert.ok(hasCarryOver(await reverted));
    } finally {
      await client.close();
    }
  });
});

describe('Tally: Check Workspace', () => {
  let dir: string;
  before(() => {
    dir = folder({
      'pair-2021.md': y2021, 'pair-2022.md': y2022,
      'sub/002-wulanchabu-2020.md': sample('002-wulanchabu-2020.md'), 'clean-2021.md': sample('clean-2021.md'),
      'notes.md': '# Notes\n\nNot a report.\n',
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const lastOf = (client: LspClient, uri: string) =>
    client.received.filter((r) => r.method === 'textDocument/publishDiagnostics' && r.params.uri === uri).at(-1)?.params as Published | undefined;

  test('every report is checked with progress on the request\'s token; Problems lists the closed ones; closing keeps them', async () => {
    const { client, uri, progress } = await start(dir, ['clean-2021.md']);
    try {
      assert.equal(lastOf(client, uri('sub/002-wulanchabu-2020.md')), undefined, 'a closed report has no diagnostics before the check');
      const result = await client.request<any>('tally/checkWorkspace', { workDoneToken: 'check-1' });
      assert.deepEqual(result, { files: 5, read: 5, cancelled: false });
      const mine = progress.filter((p) => p.token === 'check-1').map((p) => p.value);
      assert.equal(mine[0].kind, 'begin');
      assert.equal(mine[0].cancellable, true);
      assert.match(mine[0].title, /checking the workspace/);
      assert.equal(mine.at(-1).kind, 'end');
      assert.equal(mine.filter((v) => v.kind === 'report').at(-1).message, '5 / 5');
      // The closed reports: their own findings, and those across years.
      const seed = lastOf(client, uri('sub/002-wulanchabu-2020.md'));
      assert.ok(seed && seed.diagnostics.length > 0, 'the unopened report is listed');
      assert.equal(seed.version, undefined);
      assert.ok(hasCarryOver(lastOf(client, uri('pair-2022.md'))!));
      assert.equal(lastOf(client, uri('notes.md')), undefined, 'what is no report is not listed');

      // A report opened and closed again: its problems are not cleared, the disk's replace the editor's.
      const seedUri = uri('sub/002-wulanchabu-2020.md');
      const opened = client.diagnostics(seedUri, 1);
      await client.open(seedUri, sample('002-wulanchabu-2020.md') + '\n', 'tally-report');
      await opened;
      const mark = client.received.length;
      const again = client.next<Published>('textDocument/publishDiagnostics', (p) => p.uri === seedUri);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: seedUri } });
      const closed = await again;
      assert.equal(closed.version, undefined);
      assert.deepEqual(closed.diagnostics.map((d) => d.code), seed.diagnostics.map((d) => d.code));
      assert.ok(!client.received.slice(mark).some((r) => r.method === 'textDocument/publishDiagnostics' && r.params.uri === seedUri && r.params.diagnostics.length === 0));

      // A keystroke in an open report re-publishes the closed neighbour whose findings across years it changes.
      const y21 = uri('pair-2021.md');
      await client.open(y21, y2021, 'tally-report');
      const line = y2021.split('\n').findIndex((l) => l.startsWith('| 四、结转下年度继续办理'));
      const neighbour = client.next<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri('pair-2022.md') && !hasCarryOver(p));
      await client.change(y21, 2, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '| 四、结转下年度继续办理 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |\n' }]);
      await neighbour;
      // A closed report changed on disk: re-published; deleted: cleared.
      const cleanUri = uri('clean-2021.md');
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: cleanUri } });
      fs.writeFileSync(path.join(dir, 'clean-2021.md'), sample('clean-2021.md').split('\n').map((l) => (l.startsWith('| （七）总计 |') ? l.replace(/\| 156 \|$/, '| 157 |') : l)).join('\n'));
      const changedOnDisk = client.next<Published>('textDocument/publishDiagnostics', (p) => p.uri === cleanUri && p.diagnostics.length > 0);
      await changes(client, [{ uri: cleanUri, type: CHANGED }]);
      await changedOnDisk;
      fs.rmSync(path.join(dir, 'clean-2021.md'));
      const cleared = client.next<Published>('textDocument/publishDiagnostics', (p) => p.uri === cleanUri && p.diagnostics.length === 0);
      await changes(client, [{ uri: cleanUri, type: DELETED }]);
      await cleared;
    } finally {
      await client.close();
      fs.writeFileSync(path.join(dir, 'clean-2021.md'), sample('clean-2021.md'));
    }
  });

  test('without a token of the request, the progress is the server\'s own; without progress support, none', async () => {
    const { client, progress } = await start(dir, []);
    try {
      const before = progress.length;
      await client.request('tally/checkWorkspace', {});
      await until(() => progress.slice(before).some((p) => p.value.kind === 'end'), 'the progress ends');
      const begins = progress.slice(before).filter((p) => p.value.kind === 'begin');
      assert.equal(begins.length, 1);
      assert.match(begins[0].value.title, /checking the workspace/);
    } finally {
      await client.close();
    }
    const quiet = await start(dir, [], {});
    try {
      const result = await quiet.client.request<any>('tally/checkWorkspace', {});
      assert.equal(result.cancelled, false);
      assert.ok(!quiet.progress.some((p) => p.value.kind === 'begin' && /checking/.test(p.value.title)));
    } finally {
      await quiet.client.close();
    }
  });
});

describe('Tally: Check Workspace and the configuration file', () => {
  test('a configuration file changed after the check: the closed reports are listed as it says', async () => {
    const dir = folder({ '.tally.json': '{}', 'pair-2021.md': y2021, 'pair-2022.md': y2022 });
    const { client, uri } = await start(dir, []);
    try {
      await client.request('tally/checkWorkspace', {});
      const last = (p: Published | undefined) => p?.diagnostics.map((d) => d.code) ?? [];
      const closed = client.received.filter((r) => r.method === 'textDocument/publishDiagnostics' && r.params.uri === uri('pair-2022.md')).at(-1)?.params;
      assert.ok(last(closed).includes('carry-over'), JSON.stringify(last(closed)));
      fs.writeFileSync(path.join(dir, '.tally.json'), '{ "checks": { "carry-over": "off" } }');
      const off = client.next<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri('pair-2022.md'));
      await changes(client, [{ uri: uri('.tally.json'), type: CHANGED }]);
      const after = await off;
      assert.ok(!last(after).includes('carry-over'), JSON.stringify(last(after)));
      assert.ok(last(after).includes('copied-text'));
    } finally {
      await client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Tally: Check Workspace with Tally turned off', () => {
  test('tally.enable false: nothing is listed', async () => {
    const dir = folder({ 'pair-2021.md': y2021, 'pair-2022.md': y2022, '002-wulanchabu-2020.md': sample('002-wulanchabu-2020.md') });
    const client = new LspClient();
    try {
      await client.initialize({ locale: 'en', debounceMs: 0, settings: { enable: false } }, {}, pathToFileURL(dir).href);
      const result = await client.request<any>('tally/checkWorkspace', {});
      assert.deepEqual(result, { files: 3, read: 3, cancelled: false });
      await client.request('tally/templates', {});
      assert.deepEqual(client.received.filter((r) => r.method === 'textDocument/publishDiagnostics'), []);
    } finally {
      await client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Tally: Check Workspace cancelled', () => {
  let dir: string;
  before(() => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) {
      files[`body-${String(i).padStart(2, '0')}-2021.md`] = y2021.replaceAll('白沙县', `白沙${i}县`);
      files[`body-${String(i).padStart(2, '0')}-2022.md`] = y2022.replaceAll('白沙县', `白沙${i}县`);
    }
    dir = folder(files);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('after the check, a keystroke re-publishes only its own report and the neighbour year it changes', async () => {
    const { client, uri } = await start(dir, ['body-05-2021.md']);
    try {
      const result = await client.request<any>('tally/checkWorkspace', {});
      assert.deepEqual(result, { files: 120, read: 120, cancelled: false });
      const open = uri('body-05-2021.md');
      const pair = uri('body-05-2022.md');
      await until(() => client.received.some((r) => r.method === 'textDocument/publishDiagnostics' && r.params.uri === pair && r.params.diagnostics.some((d: any) => d.code === 'carry-over')), 'the pair listed');
      const mark = client.received.length;
      const line = y2021.split('\n').findIndex((l) => l.startsWith('| 四、结转下年度继续办理'));
      const own = client.diagnostics(open, 2);
      const neighbour = client.next<Published>('textDocument/publishDiagnostics', (p) => p.uri === pair && !hasCarryOver(p));
      await client.change(open, 2, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '| 四、结转下年度继续办理 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |\n' }]);
      await Promise.all([own, neighbour]);
      // A request answered after them: anything else the keystroke caused would have been sent by now.
      await client.request('textDocument/documentSymbol', { textDocument: { uri: open } });
      const touched = new Set(client.received.slice(mark).filter((r) => r.method === 'textDocument/publishDiagnostics').map((r) => r.params.uri));
      assert.deepEqual([...touched].sort(), [open, pair].sort());
    } finally {
      await client.close();
    }
  });

  for (const how of ['the request', 'the progress']) {
    test(`by ${how}: it stops, keeps what it read, and the server goes on serving`, async () => {
      const { client, progress, uri } = await start(dir, ['body-00-2022.md']);
      try {
        const source = new CancellationTokenSource();
        const answer = client.connection.sendRequest<any>('tally/checkWorkspace', how === 'the request' ? { workDoneToken: 'c' } : {}, source.token)
          .then((r) => r, (e: unknown) => ({ error: e }));
        // Once a few reports are read (their problems published), cancel.
        const closedPublished = () => client.received.filter((r) => r.method === 'textDocument/publishDiagnostics' && r.params.version === undefined).length;
        await until(() => closedPublished() >= 3, 'a few reports read');
        if (how === 'the request') source.cancel();
        else {
          const token = progress.find((p) => p.value.kind === 'begin' && /checking/.test(p.value.title))!.token;
          await client.connection.sendNotification('window/workDoneProgress/cancel', { token });
        }
        const result = await answer;
        await until(() => progress.some((p) => p.value.kind === 'end' && progress.some((b) => b.token === p.token && b.value.kind === 'begin' && /checking/.test(b.value.title))), 'the progress ends');
        const read = closedPublished();
        assert.ok(read < 119, `stopped early (${read} published)`);
        if (!('error' in result)) assert.equal(result.cancelled, true);
        const next = client.diagnostics(uri('body-00-2022.md'), 2);
        await client.change(uri('body-00-2022.md'), 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
        await next;
      } finally {
        await client.close();
      }
    });
  }
});
