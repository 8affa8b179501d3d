// The configuration file: read the same way by `tally check` (out/cli.js, spawned) and the language server
// (out/server.js, over the protocol) — every key, every bad configuration with its line and column, the search rule.
import { test, describe, before } from 'node:test';
import { render } from '../messages/render.js';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { Ajv } from 'ajv';
import { LspClient } from './lsp-client.js';
import { ALL_CODES } from '../engine/index.js';
import { applyChecks, findConfigFile, loadConfig, resolveFile } from '../shared/config.js';
import { CONFIG_SCHEMA } from '../shared/config-validator.js';
import { initText } from '../cli/init.js';
import { CLI, runTally, tempRepo, type Run } from './cli-run.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLES = path.join(ROOT, 'samples');

const tally = runTally;

interface JsonFile { path: string; template: string | null; diagnostics: Array<{ code: string; severity: string; message: string; range: any }> }
const json = (r: Run): JsonFile[] => (JSON.parse(r.stdout) as { files: JsonFile[] }).files;

const repo = tempRepo;

const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'information' };

/** The server's diagnostics of each file, opened as an editor opens them, in the same shape as the CLI's JSON. */
async function serverDiagnostics(dir: string, files: string[], settings: object = {}): Promise<Map<string, JsonFile['diagnostics']>> {
  const client = new LspClient();
  try {
    await client.initialize({ locale: 'zh-CN', debounceMs: 0, settings }, {}, pathToFileURL(dir).href);
    const out = new Map<string, JsonFile['diagnostics']>();
    for (const file of files) {
      const uri = pathToFileURL(path.join(dir, file)).href;
      const status = client.next('tally/status', (p: any) => p.uri === uri);
      const published = client.diagnostics(uri);
      await client.open(uri, fs.readFileSync(path.join(dir, file), 'utf8'), 'tally-report');
      await status;
      // A file whose findings are hidden publishes nothing: its status says so.
      const diagnostics = await Promise.race([published.then((p) => p.diagnostics), new Promise<null>((r) => setTimeout(() => r(null), 1500))]);
      out.set(file, (diagnostics ?? []).map((d: any) => ({ code: d.code, severity: SEVERITY[d.severity], message: d.message, range: d.range })));
    }
    return out;
  } finally {
    await client.close();
  }
}

describe('the search rule', () => {
  test('the nearest file wins, jsonc before json before yaml; the search stops at the repository root', async () => {
    const outer = repo({ '.tally.yaml': 'prose: false\n', 'a/.tally.json': '{}', 'a/.tally.jsonc': '{}', 'a/b/x.md': '' });
    assert.equal(await findConfigFile(path.join(outer, 'a', 'b')), path.join(outer, 'a', '.tally.jsonc'));
    assert.equal(await findConfigFile(outer), path.join(outer, '.tally.yaml'));
    // A folder holding .git is the root: a configuration above it does not apply.
    const inner = path.join(outer, 'sub');
    fs.mkdirSync(path.join(inner, '.git'), { recursive: true });
    assert.equal(await findConfigFile(inner), undefined);
    // Two in one folder: the winner is used, and warns that the other is not.
    const loaded = await loadConfig(path.join(outer, 'a', '.tally.jsonc'));
    assert.equal(loaded.problems.length, 1);
    assert.equal(loaded.problems[0].severity, 'warning');
    assert.match(render(loaded.problems[0].message, 'en'), /\.tally\.json in the same folder is not used/);
    assert.deepEqual({ ...loaded.config }, {}, 'in use');
  });

  test('the configuration is not merged with the parent\'s: the nearest one alone applies', () => {
    const dir = repo({
      '.tally.json': '{ "checks": { "section-title": "off" } }',
      'sub/.tally.json': '{ "checks": { "missing-section": "warning" } }',
      'sub/002.md': 'samples:002-wulanchabu-2020.md',
    });
    const files = json(tally(['check', '-f', 'json', 'sub'], dir));
    const codes = files[0].diagnostics.map((d) => `${d.code}:${d.severity}`);
    assert.ok(codes.includes('section-title:information'), 'the parent\'s "off" does not apply');
    assert.ok(codes.includes('missing-section:warning'));
  });
});

describe('every key, read the same way by the CLI and the server', () => {
  let dir: string;
  let cli: Map<string, JsonFile>;
  let server: Map<string, JsonFile['diagnostics']>;
  const team = JSON.parse(fs.readFileSync(path.join(ROOT, 'server/src/templates/gov-annual-2021.json'), 'utf8'));
  team.id = 'team-2021';
  const FILES = ['wulanchabu.md', 'shanghai.md', 'old/shanghai.md', 'xiangtan.md', 'forced/clean-2019.md', 'team/pair-2021.md', 'team/panzhihua.md'];

  before(async () => {
    dir = repo({
      '.tally.jsonc': `// the team's configuration
{
  "templates": ["templates"],
  "checks": { "section-title": "off", "row-shape": "warning", "percentage": "error" },
  "locale": "en",
  "ignore": ["drafts/**"],
  "overrides": [
    { "files": "old/**", "blankCells": "missing" },
    { "files": ["xiangtan.md"], "prose": false },
    { "files": "forced/*.md", "template": "gov-annual-2021" },
    { "files": "team/**", "template": "team-2021", "checks": { "missing-table": "information" } }
  ]
}
`,
      'templates/team-2021.json': JSON.stringify(team),
      'wulanchabu.md': 'samples:002-wulanchabu-2020.md',
      'shanghai.md': 'samples:005-shanghai-2019.md',
      'old/shanghai.md': 'samples:005-shanghai-2019.md',
      'xiangtan.md': 'samples:003-xiangtan-2016.md',
      'forced/clean-2019.md': 'samples:clean-2019.md',
      'team/pair-2021.md': 'samples:pair-2021.md',
      'team/panzhihua.md': 'samples:000-panzhihua-2021.md',
      'drafts/wulanchabu.md': 'samples:002-wulanchabu-2020.md',
    });
    const run = tally(['check', '-f', 'json', '.'], dir);
    assert.equal(run.stderr, '');
    cli = new Map(json(run).map((f) => [f.path, f]));
    server = await serverDiagnostics(dir, [...FILES, 'drafts/wulanchabu.md']);
  });

  test('ignore: the CLI skips the file, the server shows nothing for it', () => {
    assert.deepEqual([...cli.keys()].sort(), [...FILES].sort());
    assert.deepEqual(server.get('drafts/wulanchabu.md'), []);
  });

  test('checks: off drops a code, a severity replaces the default', () => {
    const w = cli.get('wulanchabu.md')!.diagnostics;
    assert.ok(!w.some((d) => d.code === 'section-title'));
    assert.deepEqual(w.filter((d) => d.code === 'row-shape').map((d) => d.severity), ['warning']);
    assert.ok(cli.get('shanghai.md')!.diagnostics.filter((d) => d.code === 'percentage').every((d) => d.severity === 'error'));
  });

  test('locale: messages in English', () => {
    const messages = [...cli.values()].flatMap((f) => f.diagnostics.map((d) => d.message));
    assert.ok(messages.length > 5);
    for (const m of messages) assert.doesNotMatch(m, /[缺少表格应为]/u, m);
  });

  test('blankCells by override: missing reads every blank as a missing figure', () => {
    const codes = (f: string) => cli.get(f)!.diagnostics.map((d) => d.code);
    assert.ok(codes('shanghai.md').includes('blank-as-zero'));
    assert.ok(!codes('old/shanghai.md').includes('blank-as-zero'));
    assert.ok(codes('old/shanghai.md').filter((c) => c === 'empty-cell').length > codes('shanghai.md').filter((c) => c === 'empty-cell').length);
  });

  test('prose by override: no prose checks', () => {
    const codes = cli.get('xiangtan.md')!.diagnostics.map((d) => d.code);
    for (const c of ['prose-mismatch', 'breakdown-sum', 'percentage']) assert.ok(!codes.includes(c), c);
    assert.ok(codes.includes('numbering'));
  });

  test('template by override, and a team template from the templates folder', () => {
    assert.equal(cli.get('forced/clean-2019.md')!.template, 'gov-annual-2021');
    assert.ok(cli.get('forced/clean-2019.md')!.diagnostics.length > 0, 'a 2019 report read as a 2021 one');
    assert.equal(cli.get('team/pair-2021.md')!.template, 'team-2021');
    assert.deepEqual(cli.get('team/pair-2021.md')!.diagnostics, []);
    // The override's checks merge over the file's.
    assert.deepEqual(cli.get('team/panzhihua.md')!.diagnostics.map((d) => `${d.code}:${d.severity}`),
      ['missing-table:information', 'empty-table:error', 'missing-table:information']);
  });

  test('the server gives exactly the CLI\'s findings for every file', () => {
    for (const file of FILES) assert.deepEqual(server.get(file), cli.get(file)!.diagnostics, file);
  });

  test('the configuration file wins over the editor\'s settings where both set a value', async () => {
    // The editor says zh-CN messages, missing blanks, no prose; the file says en, and the overrides above.
    const fromEditor = await serverDiagnostics(dir, ['shanghai.md', 'xiangtan.md'], { locale: 'zh-CN', blankCells: 'zero', prose: true });
    assert.deepEqual(fromEditor.get('xiangtan.md'), cli.get('xiangtan.md')!.diagnostics);
    // Where the file sets nothing (blankCells of shanghai.md), the editor's setting applies.
    const zero = fromEditor.get('shanghai.md')!;
    assert.ok(!zero.some((d) => d.code === 'blank-as-zero'), 'blankCells zero from the editor');
    // The CLI told the same (its option in place of the editor's setting), in the file's locale.
    assert.deepEqual(zero, json(tally(['check', '-f', 'json', '--blank-cells', 'zero', 'shanghai.md'], dir))[0].diagnostics);
  });
});

/** Bad configurations: where each problem is (1-based), and what it says. */
const BAD: Array<{ name: string; files: Record<string, string>; at: string; says: RegExp }> = [
  { name: 'unknown key', files: { '.tally.json': '{\n  "prose": true,\n  "colour": "red"\n}\n' }, at: '.tally.json:3:3', says: /unknown key "colour"/ },
  { name: 'wrong type', files: { '.tally.json': '{\n  "prose": "yes"\n}\n' }, at: '.tally.json:2:12', says: /prose must be true or false/ },
  { name: 'wrong value', files: { '.tally.jsonc': '{\n  // severities\n  "checks": { "total-mismatch": "fatal" }\n}\n' }, at: '.tally.jsonc:3:33', says: /checks\.total-mismatch must be one of "off", "error", "warning", "information"/ },
  { name: 'unknown code in checks', files: { '.tally.jsonc': '{\n  "checks": {\n    "total-mismatch": "off",\n    "totals": "off"\n  }\n}\n' }, at: '.tally.jsonc:4:5', says: /unknown check code "totals"/ },
  { name: 'unparsable JSON', files: { '.tally.json': '{\n  "prose": true\n  "locale": "en"\n}\n' }, at: '.tally.json:3:3', says: /cannot be parsed: a comma is missing here/ },
  { name: 'an unknown key after comments (JSONC)', files: { '.tally.jsonc': '// team settings\n{ "prse": false }\n' }, at: '.tally.jsonc:2:3', says: /unknown key "prse"/ },
  { name: 'unparsable YAML', files: { '.tally.yaml': 'prose: true\nlocale: "en\n' }, at: '.tally.yaml:3:1', says: /cannot be parsed/ },
  { name: 'wrong type in YAML', files: { '.tally.yaml': 'locale: en\nignore: drafts/**\n' }, at: '.tally.yaml:2:9', says: /ignore must be a list/ },
  { name: 'unknown key in an override (YAML)', files: { '.tally.yml': 'overrides:\n  - files: "*.md"\n    templat: gov-annual-2019\n' }, at: '.tally.yml:3:5', says: /unknown key "templat"/ },
  { name: 'an override without files', files: { '.tally.json': '{ "overrides": [ { "prose": false } ] }' }, at: '.tally.json:1:18', says: /overrides\.0 lacks "files"/ },
  { name: 'a glob that matches nothing', files: { '.tally.json': '{\n  "overrides": [{ "files": "reports/2019/**", "prose": false }]\n}\n' }, at: '.tally.json:2:28', says: /the glob "reports\/2019\/\*\*" matches no file/ },
  { name: 'an ignore glob that matches nothing', files: { '.tally.yaml': 'ignore:\n  - drafts/**\n' }, at: '.tally.yaml:2:5', says: /the glob "drafts\/\*\*" matches no file/ },
  { name: 'a template folder that does not exist', files: { '.tally.json': '{ "templates": ["tpl"] }' }, at: '.tally.json:1:17', says: /template folder tpl does not exist/ },
  { name: 'a template file that fails its schema', files: { '.tally.json': '{ "templates": ["tpl"] }', 'tpl/mine.json': '{\n  "id": "mine",\n  "name": 3\n}\n' }, at: 'tpl/mine.json:3:11', says: /does not follow the template schema/ },
  { name: 'a template file that is not JSON', files: { '.tally.json': '{ "templates": ["tpl"] }', 'tpl/mine.json': '{\n  "id": "mine",\n}\n' }, at: 'tpl/mine.json:3:1', says: /is not valid JSON/ },
  { name: 'an unknown template id', files: { '.tally.json': '{ "overrides": [{ "files": "*.md", "template": "gov-annual-2031" }] }' }, at: '.tally.json:1:48', says: /no template has the id "gov-annual-2031"/ },
];

describe('a bad configuration', () => {
  for (const bad of BAD) {
    test(`${bad.name}: located in the CLI (exit 2, the other files checked with the defaults) and in the editor`, async () => {
      const dir = repo({ ...bad.files, 'report.md': 'samples:002-wulanchabu-2020.md' });
      const run = tally(['check', '-l', 'en', '-f', 'json', '.'], dir);
      assert.equal(run.status, 2);
      const errors = run.stderr.split('\n').filter(Boolean);
      const first = errors.find((l) => !l.startsWith('tally:'));
      assert.ok(first?.startsWith(`${bad.at}  `), `${bad.at} in:\n${run.stderr}`);
      assert.match(first!, bad.says);
      assert.match(run.stderr, /has errors: the files it covers were checked with the defaults/);
      // The report is still checked, with the defaults.
      const defaults = json(tally(['check', '-l', 'en', '-f', 'json', path.join(SAMPLES, '002-wulanchabu-2020.md')], ROOT))[0].diagnostics;
      assert.deepEqual(json(run)[0].diagnostics, defaults);

      // The editor: a diagnostic at the same place in the file it names.
      const [file, line, column] = bad.at.split(':');
      const client = new LspClient();
      try {
        await client.initialize({ locale: 'en', debounceMs: 0, settings: { locale: 'en' } }, {}, pathToFileURL(dir).href);
        const uri = pathToFileURL(path.join(dir, file)).href;
        const published = await client.next('textDocument/publishDiagnostics', (p: any) => p.uri === uri && p.diagnostics.length > 0);
        const d = published.diagnostics.find((x: any) => bad.says.test(x.message));
        assert.ok(d, JSON.stringify(published.diagnostics));
        assert.deepEqual(d.range.start, { line: Number(line) - 1, character: Number(column) - 1 });
        assert.equal(d.severity, 1);
        // The report under it is checked with the defaults.
        const report = pathToFileURL(path.join(dir, 'report.md')).href;
        const reportDiagnostics = client.diagnostics(report);
        await client.open(report, fs.readFileSync(path.join(dir, 'report.md'), 'utf8'), 'tally-report');
        assert.deepEqual((await reportDiagnostics).diagnostics.map((x: any) => x.code), defaults.map((x) => x.code));
      } finally {
        await client.close();
      }
    });
  }
});

describe('the language server follows the configuration file', () => {
  test('a changed configuration file re-checks the open reports and its own diagnostics follow', { timeout: 120_000 }, async () => {
    const dir = repo({ '.tally.json': '{}', 'report.md': 'samples:002-wulanchabu-2020.md' });
    const client = new LspClient();
    try {
      const registered = new Promise<any>((resolve) => client.connection.onRequest('client/registerCapability', (p) => { resolve(p); return null; }));
      await client.initialize({ locale: 'en', debounceMs: 0 }, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }, pathToFileURL(dir).href);
      const registration = (await registered).registrations.find((r: any) => r.method === 'workspace/didChangeWatchedFiles');
      assert.deepEqual(registration.registerOptions.watchers, [{ globPattern: '**/.tally.{jsonc,json,yaml,yml}' }, { globPattern: '**/*.json' }, { globPattern: '**/*.md' }]);
      const report = pathToFileURL(path.join(dir, 'report.md')).href;
      const config = pathToFileURL(path.join(dir, '.tally.json')).href;
      let published = client.diagnostics(report);
      await client.open(report, fs.readFileSync(path.join(dir, 'report.md'), 'utf8'), 'tally-report');
      assert.ok((await published).diagnostics.some((d: any) => d.code === 'section-title'));

      // Another publication of the report may come first (the first scan of the workspace ends): wait for the
      // configuration's; the test's timeout fails it if none comes.
      const withTitle = (p: any) => p.diagnostics.some((d: any) => d.code === 'section-title');
      fs.writeFileSync(path.join(dir, '.tally.json'), '{ "checks": { "section-title": "off" } }');
      published = client.next('textDocument/publishDiagnostics', (p: any) => p.uri === report && !withTitle(p));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
      await published;

      const configProblems = client.next('textDocument/publishDiagnostics', (p: any) => p.uri === config && p.diagnostics.length > 0);
      fs.writeFileSync(path.join(dir, '.tally.json'), '{ "checks": { "section-titles": "off" } }');
      published = client.next('textDocument/publishDiagnostics', (p: any) => p.uri === report && withTitle(p));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
      assert.match((await configProblems).diagnostics[0].message, /unknown check code "section-titles"/);
      await published; // the defaults again

      const cleared = client.next('textDocument/publishDiagnostics', (p: any) => p.uri === config && p.diagnostics.length === 0);
      fs.rmSync(path.join(dir, '.tally.json'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 3 }] });
      await cleared;
    } finally {
      await client.close();
    }
  });
});

describe('the editor settings tally.template and tally.prose', () => {
  test('apply where no configuration file sets a value; an override\'s template wins over tally.template', async () => {
    const dir = repo({
      '.tally.json': '{ "overrides": [{ "files": "forced/**", "template": "gov-annual-2021" }] }',
      'forced/clean-2021.md': 'samples:clean-2021.md', 'shanghai.md': 'samples:005-shanghai-2019.md', 'free/clean-2021.md': 'samples:clean-2021.md',
    });
    const client = new LspClient();
    try {
      await client.initialize({ locale: 'en', debounceMs: 0, settings: { template: 'gov-annual-2019', prose: false } }, {}, pathToFileURL(dir).href);
      const open = async (file: string) => {
        const uri = pathToFileURL(path.join(dir, file)).href;
        const status = client.next('tally/status', (p: any) => p.uri === uri);
        const published = client.diagnostics(uri);
        await client.open(uri, fs.readFileSync(path.join(dir, file), 'utf8'), 'tally-report');
        return { status: await status, codes: (await published).diagnostics.map((d: any) => d.code) };
      };
      assert.equal((await open('forced/clean-2021.md')).status.template, 'gov-annual-2021', 'the file wins');
      assert.equal((await open('free/clean-2021.md')).status.template, 'gov-annual-2019', 'the setting applies');
      const shanghai = await open('shanghai.md');
      assert.ok(shanghai.codes.length > 0);
      for (const code of ['prose-mismatch', 'breakdown-sum', 'percentage', 'claim-contradiction']) assert.ok(!shanghai.codes.includes(code), code);
    } finally {
      await client.close();
    }
  });
});

describe('the language server follows the template files', () => {
  test('a template file fixed in its folder: its diagnostic goes, and the team template is used', async () => {
    const team = JSON.parse(fs.readFileSync(path.join(ROOT, 'server/src/templates/gov-annual-2021.json'), 'utf8'));
    team.id = 'team-2021';
    const dir = repo({
      '.tally.json': '{ "templates": ["tpl"], "overrides": [{ "files": "*.md", "template": "team-2021" }] }',
      'tpl/team.json': JSON.stringify({ ...team, name: 3 }, null, 2),
      'report.md': 'samples:clean-2021.md',
    });
    const client = new LspClient();
    try {
      const templateUri = pathToFileURL(path.join(dir, 'tpl', 'team.json')).href;
      const broken = client.next('textDocument/publishDiagnostics', (p: any) => p.uri === templateUri && p.diagnostics.length > 0);
      await client.initialize({ locale: 'en', debounceMs: 0 }, {}, pathToFileURL(dir).href);
      await broken;
      const report = pathToFileURL(path.join(dir, 'report.md')).href;
      let status = client.next('tally/status', (p: any) => p.uri === report);
      await client.open(report, fs.readFileSync(path.join(dir, 'report.md'), 'utf8'), 'tally-report');
      assert.equal((await status).template, 'gov-annual-2021', 'the defaults while the configuration has errors');

      fs.writeFileSync(path.join(dir, 'tpl', 'team.json'), JSON.stringify(team, null, 2));
      const cleared = client.next('textDocument/publishDiagnostics', (p: any) => p.uri === templateUri && p.diagnostics.length === 0);
      // A re-check the workspace scan scheduled may still report the old reading: wait for the new one (or fail).
      status = client.next('tally/status', (p: any) => p.uri === report && p.template === 'team-2021');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: templateUri, type: 2 }] });
      await cleared;
      const after = await Promise.race([status, new Promise((r) => setTimeout(() => r('no status with the team template within 10 s'), 10_000))]);
      assert.deepEqual(after, { uri: report, version: 1, template: 'team-2021', isReport: true, errors: 0, warnings: 0, infos: 0,
        state: 'holds', problems: 0, statusText: '✓ 49 relations hold', year: 2022, templateName: team.name.en });
    } finally {
      await client.close();
    }
  });
});

describe('the schema, tally init', () => {
  test('the schema lists exactly the engine\'s check codes (node scripts/config-schema.mjs regenerates it)', () => {
    const checks = (CONFIG_SCHEMA as { $defs: { checks: { properties: object } } }).$defs.checks.properties;
    assert.deepEqual(Object.keys(checks).sort(), [...ALL_CODES].sort());
  });

  test('package.json validates .tally.json and .tally.jsonc with the shipped schema', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const entry = manifest.contributes.jsonValidation.find((v: any) => v.url === './out/tally-config.schema.json');
    assert.deepEqual(entry.fileMatch, ['.tally.json', '.tally.jsonc']);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(ROOT, 'out', 'tally-config.schema.json'), 'utf8')), CONFIG_SCHEMA);
    for (const key of ['tally.prose', 'tally.template', 'tally.blankCells']) assert.ok(manifest.contributes.configuration.properties[key], key);
  });

  for (const format of ['jsonc', 'yaml'] as const) {
    test(`init --format ${format}: the defaults, commented, valid; never overwritten without --force`, async () => {
      const validate = new Ajv({ allErrors: true, strictTypes: false }).compile(CONFIG_SCHEMA);
      const text = initText(format);
      const value = format === 'yaml' ? parseYaml(text) : parseJsonc(text);
      assert.ok(validate(value), JSON.stringify(validate.errors));
      assert.deepEqual(value, { templates: [], overrides: [], checks: {}, blankCells: 'auto', prose: true, ignore: [] });
      assert.match(text, format === 'yaml' ? /^# .*locale/m : /^ {2}\/\/ "locale"/m);

      const dir = repo({ 'report.md': 'samples:clean-2021.md' });
      const name = format === 'yaml' ? '.tally.yaml' : '.tally.jsonc';
      const first = tally(['init', '--format', format], dir);
      assert.equal(first.status, 0, first.stderr);
      assert.equal(fs.readFileSync(path.join(dir, name), 'utf8'), text);
      const loaded = await loadConfig(path.join(dir, name));
      assert.deepEqual(loaded.problems, []);
      // The written file checks a clean report cleanly.
      assert.equal(tally(['check', '.'], dir).status, 0);

      fs.writeFileSync(path.join(dir, name), '{}');
      const again = tally(['init', '--format', format, '-l', 'en'], dir);
      assert.equal(again.status, 2);
      assert.match(again.stderr, /exists; nothing written \(--force replaces it\)/);
      assert.equal(fs.readFileSync(path.join(dir, name), 'utf8'), '{}');
      // Another configuration file in the folder blocks too: one per folder.
      const other = tally(['init', '--format', format === 'yaml' ? 'jsonc' : 'yaml'], dir);
      assert.equal(other.status, 2);
      const forced = tally(['init', '--format', format, '--force'], dir);
      assert.equal(forced.status, 0);
      assert.equal(fs.readFileSync(path.join(dir, name), 'utf8'), text);
    });
  }
});

describe('resolution (pure)', () => {
  test('overrides apply in order, checks merge, a file outside the folder gets nothing', () => {
    const loaded = { file: '/r/.tally.json', dir: '/r', templates: [], templateFolders: [], problems: [], config: {
      checks: { 'section-title': 'off' as const }, prose: false,
      overrides: [
        { files: 'a/**', template: 'gov-annual-2019', checks: { bound: 'error' as const } },
        { files: ['a/b/*.md'], template: 'gov-annual-2021', prose: true },
      ],
      ignore: ['drafts'],
    } };
    assert.deepEqual(resolveFile(loaded, '/r/a/b/x.md'), {
      ignored: false, templates: [], template: 'gov-annual-2021', prose: true, checks: { 'section-title': 'off', bound: 'error' } });
    assert.equal(resolveFile(loaded, '/r/a/y.md').template, 'gov-annual-2019');
    assert.equal(resolveFile(loaded, '/r/drafts/z.md').ignored, true, 'a glob naming a folder covers its files');
    assert.deepEqual(resolveFile(loaded, '/elsewhere/x.md'), { ignored: false, templates: [], checks: {} });
  });

  test('applyChecks drops what is off and sets severities, leaving the rest as it was', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const findings = [
      { code: 'bound', severity: 'warning', message: { zh: '', en: '' }, range },
      { code: 'unit', severity: 'warning', message: { zh: '', en: '' }, range },
      { code: 'numbering', severity: 'warning', message: { zh: '', en: '' }, range },
    ] as any;
    assert.deepEqual(applyChecks(findings, { bound: 'off', unit: 'error' }).map((f) => `${f.code}:${f.severity}`), ['unit:error', 'numbering:warning']);
    assert.equal(applyChecks(findings, {}), findings);
  });
});

test('an empty configuration file, or one of only comments, is the defaults in every format (no parse error)', async () => {
  for (const [name, text] of [['.tally.json', ''], ['.tally.jsonc', '// nothing yet\n/* later */\n'], ['.tally.yaml', '# nothing yet\n']]) {
    const dir = repo({ [name]: text, 'r.md': 'samples:clean-2021.md' });
    const loaded = await loadConfig(path.join(dir, name));
    assert.deepEqual(loaded.problems, [], name);
    assert.ok(loaded.config, `${name} is used`);
  }
});

test('tally check --fix and --fix-dry-run together is a usage error, and a file named on the command line is checked though ignore covers it', () => {
  const dir = repo({ '.tally.json': '{ "ignore": ["r*.md"] }', 'r.md': 'samples:000-panzhihua-2021.md', 'other.md': 'samples:clean-2021.md' });
  const both = spawnSync(process.execPath, [CLI, 'check', '--fix', '--fix-dry-run', 'r.md'], { cwd: dir, encoding: 'utf8' });
  assert.equal(both.status, 2);
  assert.equal(fs.readFileSync(path.join(dir, 'r.md'), 'utf8'), fs.readFileSync(path.join(SAMPLES, '000-panzhihua-2021.md'), 'utf8'));
  const folder = spawnSync(process.execPath, [CLI, 'check', '-l', 'en', '.'], { cwd: dir, encoding: 'utf8' });
  assert.match(folder.stdout, /1 file checked/);
  const named = spawnSync(process.execPath, [CLI, 'check', '-l', 'en', '-f', 'json', 'r.md'], { cwd: dir, encoding: 'utf8' });
  assert.equal(named.status, 1);
  assert.ok(JSON.parse(named.stdout).files[0].diagnostics.some((d: { code: string }) => d.code === 'missing-table'));
});
