// The width of East Asian Ambiguous characters reaches the formatter from every side: the editor's setting and
// font (language server), the configuration file's `format.ambiguousWidth`, and `tally format --ambiguous-width`.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { LspClient } from './lsp-client.js';
import { applyEdits } from './support.js';
import { runTally, tempRepo } from './cli-run.js';
import { ambiguousWidth, withDefaults } from '../lsp/settings.js';
import { NO_SETTINGS } from '../shared/config.js';
import { formatText, type AmbiguousWidth } from '../engine/format.js';

const TABLE = ['| 项目 | 数量 |', '|---|---|', '| 3.危及“三安全一稳定” | 1 |', '| 其他 | 2 |', ''].join('\n');
const aligned = (width: AmbiguousWidth) => formatText(TABLE, { ambiguousWidth: width });

test('the two widths align the table differently', () => {
  assert.notEqual(aligned(1), aligned(2));
  assert.match(aligned(1), /^\| 其他 {16} \|/m);
  assert.match(aligned(2), /^\| 其他 {18} \|/m);
});

test('settings: tally.format.ambiguousWidth when set, else the editor font\'s, and the configuration file wins', () => {
  const cases: Array<[unknown, unknown, AmbiguousWidth]> = [
    [{}, undefined, 1], [undefined, "'Droid Sans Mono', 'monospace', monospace", 1], [{}, "'Sarasa Mono SC', monospace", 2],
    [{ format: { ambiguousWidth: 'auto' } }, 'NSimSun', 2], [{ format: { ambiguousWidth: 'auto' } }, 'Consolas', 1],
    [{ format: { ambiguousWidth: 1 } }, 'NSimSun', 1], [{ format: { ambiguousWidth: 2 } }, 'Consolas', 2],
    [{ format: { ambiguousWidth: 3 } }, 'Consolas', 1], [{ format: null }, 42, 1],
  ];
  for (const [tally, font, width] of cases) assert.equal(withDefaults(tally, font).ambiguousWidth, width, JSON.stringify([tally, font]));
  const cjk = withDefaults({}, 'MS Gothic');
  assert.equal(ambiguousWidth(cjk), 2);
  assert.equal(ambiguousWidth(cjk, { ...NO_SETTINGS, ambiguousWidth: 1 }), 1);
});

describe('language server: formatting follows the setting and the editor font', () => {
  const URI = 'file:///reports/table.md';
  let client: LspClient;
  let tally: object = {};
  let font = 'Consolas, monospace';
  before(async () => {
    client = new LspClient();
    // An editor that answers workspace/configuration by section, as VS Code does.
    client.connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
      p.items.map((i) => (i.section === 'tally' ? tally : i.section === 'editor.fontFamily' ? font : null)));
    await client.initialize({ locale: 'en', debounceMs: 0 }, { workspace: { configuration: true } });
    await client.open(URI, TABLE);
  });
  after(() => client.close());

  const format = async () => applyEdits(TABLE, await client.request('textDocument/formatting', { textDocument: { uri: URI }, options: { tabSize: 2, insertSpaces: true } }));
  const changed = async () => {
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  };

  test('a Latin font: 1; a CJK font: 2; the setting wins over the font', async () => {
    assert.equal(await format(), aligned(1));
    font = "'Sarasa Mono SC', Consolas";
    await changed();
    assert.equal(await format(), aligned(2));
    tally = { format: { ambiguousWidth: 1 } };
    await changed();
    assert.equal(await format(), aligned(1));
    tally = { format: { ambiguousWidth: 2 } };
    font = 'Consolas';
    await changed();
    assert.equal(await format(), aligned(2));
    tally = {};
    await changed();
  });

  test('tally/skeleton aligns for the editor\'s width and gives the tab stops of the figures', async () => {
    font = 'NSimSun';
    await changed();
    const two = await client.request<{ text: string; stops: number[] }>('tally/skeleton', { template: 'gov-annual-2021', year: 2024, organ: '某市人民政府办公室' });
    assert.equal(formatText(two.text, { ambiguousWidth: 2 }), two.text);
    assert.notEqual(formatText(two.text, { ambiguousWidth: 1 }), two.text);
    assert.match(two.text, /^---\ntemplate: gov-annual-2021\nyear: 2024\norgan: 某市人民政府办公室\n---\n/);
    assert.ok(two.stops.length > 100);
    assert.equal(two.text.slice(two.stops[0] - 2, two.stops[0]), '| ');
    assert.ok(two.text.slice(0, two.stops[0]).split('\n').pop()!.startsWith('| 规章'), 'the first figure: 规章, 本年制发件数');
    // The width asked for wins.
    const one = await client.request<{ text: string }>('tally/skeleton', { template: 'gov-annual-2021', year: 2024, ambiguousWidth: 1 });
    assert.equal(formatText(one.text, { ambiguousWidth: 1 }), one.text);
    font = 'Consolas';
    await changed();
  });

  test('tally/templates gives each template its title in the reader\'s language', async () => {
    const list = await client.request<Array<{ id: string; title: string; name: { en: string } }>>('tally/templates', {});
    const t2021 = list.find((t) => t.id === 'gov-annual-2021')!;
    assert.equal(t2021.title, t2021.name.en);
    assert.doesNotMatch(t2021.title, /gov-annual/);
  });
});

describe('tally format', () => {
  test('--check lists what is not formatted and writes nothing; then formats, once', () => {
    const dir = tempRepo({ 'a.md': TABLE, 'b.md': aligned(1), 'notes.txt': TABLE });
    const check = runTally(['format', '-l', 'en', '--check', '.'], dir);
    assert.equal(check.status, 1, check.stderr);
    assert.deepEqual(check.stdout.trim().split('\n').map((f) => path.basename(f)), ['a.md']);
    assert.match(check.stderr, /1 file is not formatted \(nothing written\)/);
    assert.equal(fs.readFileSync(path.join(dir, 'a.md'), 'utf8'), TABLE);
    const run = runTally(['format', '-l', 'en'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /1 file formatted/);
    assert.equal(fs.readFileSync(path.join(dir, 'a.md'), 'utf8'), aligned(1));
    assert.equal(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8'), TABLE, 'only Markdown files');
    const again = runTally(['format', '--check'], dir);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout, '');
  });

  test('the width: --ambiguous-width, else the configuration\'s format.ambiguousWidth, else 1; the byte-order mark kept', () => {
    const dir = tempRepo({ 'r.md': `\ufeff${TABLE}`, 'sub/r.md': TABLE, 'sub/.tally.json': '{ "format": { "ambiguousWidth": 2 } }' });
    assert.equal(runTally(['format', '.'], dir).status, 0);
    assert.equal(fs.readFileSync(path.join(dir, 'r.md'), 'utf8'), `\ufeff${aligned(1)}`);
    assert.equal(fs.readFileSync(path.join(dir, 'sub/r.md'), 'utf8'), aligned(2));
    const flag = runTally(['format', '--ambiguous-width', '2', 'r.md'], dir);
    assert.equal(flag.status, 0, flag.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'r.md'), 'utf8'), `\ufeff${aligned(2)}`);
    assert.equal(runTally(['format', '--ambiguous-width', '3'], dir).status, 2);
  });

  test('a wrong format.ambiguousWidth is a located configuration error', () => {
    const dir = tempRepo({ 'r.md': TABLE, '.tally.json': '{\n  "format": { "ambiguousWidth": 3 }\n}\n' });
    const run = runTally(['format', '-l', 'en', '.'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^\.tally\.json:2:\d+ /m);
    assert.match(run.stderr, /\.tally\.json has errors: the files it covers were formatted with the defaults/);
    assert.equal(fs.readFileSync(path.join(dir, 'r.md'), 'utf8'), aligned(1));
  });
});
