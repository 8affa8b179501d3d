// `tally check --fix` and `--fix-dry-run`, markdownlint's scenario way: on every sample and on broken copies,
// the files written are the engine's fixAll (never a second implementation); re-checking the fixed text finds none
// of the fixed findings; a fix changes only its range; a second --fix changes nothing; the exit code says what remains.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { applyPatch } from 'diff';
import { fixAll } from '../engine/edits/index.js';
import type { Finding } from '../engine/index.js';
import { applyEdits, sample, setCell } from './support.js';
import { LspClient } from './lsp-client.js';
import { render } from '../messages/render.js';
import { runTally, tempRepo, type Run } from './cli-run.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const tally = runTally;

const repo = tempRepo;

const nested = ['# 表', '', '| 项目 | 数量 |', '|---|---|',
  '| 甲 | 1 |', '| 乙 | 3 |', '| 小计 | 3 |', '| 丙 | 4 |', '| 丁 | 5 |', '| 小计 | 9 |', '| 合计 | 12 |', ''].join('\n');
const clean2019 = sample('clean-2019.md');
const clean2021 = sample('clean-2021.md');

const SCENARIOS: Array<{ name: string; text: string; fixes: boolean }> = [
  ...fs.readdirSync(path.join(ROOT, 'samples')).filter((n) => n.endsWith('.md') && n !== 'README.md').sort()
    .map((name) => ({ name, text: sample(name), fixes: false })),
  { name: 'clean-2021, a wrong total', text: setCell(clean2021, '| 一、本年新收', 7, '154'), fixes: true },
  { name: 'clean-2021, full-width digits and a wrong total', text: setCell(setCell(clean2021, '| 3 | 1 | 1 | 1 | 6 |', 4, '7'), '| 行政许可', 1, '５８６２'), fixes: true },
  { name: 'clean-2019, full-width digits', text: setCell(clean2019, '| | （六）其他处理', 5, '４'), fixes: true },
  { name: 'a 小计 inside a 合计', text: nested, fixes: true },
  { name: 'wulanchabu, a wrong total besides its real faults', text: setCell(sample('002-wulanchabu-2020.md'), '| 一、本年新收', 7, '999'), fixes: true },
  // A byte-order mark stays where it was: written back, and no hunk of the diff touches it.
  { name: 'a byte-order mark and a wrong total', text: `\ufeff${setCell(clean2021, '| 一、本年新收', 7, '154')}`, fixes: true },
];

const key = (f: { code: string; range: { start: { line: number } }; message: string }) => `${f.code}|${f.range.start.line}|${f.message}`;
type JsonDiagnostic = { code: string; severity: string; message: string; range: Finding['range'] };
const diagnosticsOf = (r: Run): JsonDiagnostic[] => (JSON.parse(r.stdout) as { files: Array<{ diagnostics: JsonDiagnostic[] }> }).files[0].diagnostics;

describe('tally check --fix', () => {
  for (const scenario of SCENARIOS) {
    test(scenario.name, () => {
      const dir = repo({ 'report.md': scenario.text });
      const file = path.join(dir, 'report.md');
      const bom = scenario.text.startsWith('\ufeff') ? '\ufeff' : '';
      const fixedByEngine = fixAll(scenario.text.slice(bom.length));
      const engine = { ...fixedByEngine, text: bom + fixedByEngine.text };
      const before = diagnosticsOf(tally(['check', '-l', 'en', '-f', 'json', 'report.md'], dir));

      // --fix-dry-run: a unified diff that makes the fixed text, nothing written.
      const dry = tally(['check', '-l', 'en', '--fix-dry-run', 'report.md'], dir);
      assert.equal(fs.readFileSync(file, 'utf8'), scenario.text, 'nothing written');
      if (engine.text === scenario.text) assert.equal(dry.stdout, '');
      else assert.equal(applyPatch(scenario.text, dry.stdout), engine.text);

      const fixed = tally(['check', '-l', 'en', '-f', 'json', '--fix', 'report.md'], dir);
      const written = fs.readFileSync(file, 'utf8');
      assert.equal(written, engine.text, 'the engine\'s fixAll, written');
      assert.equal(written !== scenario.text, scenario.fixes, 'fixed, or nothing to fix');
      assert.match(fixed.stderr, new RegExp(`tally: ${written === scenario.text ? 0 : 1} files? fixed`));
      assert.equal(dry.status, fixed.status, 'the dry run\'s exit code says what would remain');

      // Re-checking the fixed text finds none of the fixed findings, and nothing the text did not have.
      const remaining = diagnosticsOf(fixed);
      const fixedKeys = new Set(before.map(key).filter((k) => !remaining.some((r) => key(r) === k)));
      assert.equal(fixedKeys.size > 0, scenario.fixes);
      for (const f of engine.applied) {
        const k = `${f.code}|${f.range.start.line}|${render(f.message, "en")}`;
        assert.ok(!remaining.some((r) => key(r) === k), `still found: ${k}`);
      }
      assert.deepEqual(remaining.filter((r) => !before.some((b) => key(b) === key(r))), [], 'no new finding');

      // A fix changes only its range: outside the edits (no line moves) the text is as it was.
      const a = scenario.text.split('\n');
      const b = written.split('\n');
      assert.equal(b.length, a.length);
      const touched = new Set(engine.edits.flatMap((e) => [e.range.start.line, e.range.end.line]));
      a.forEach((line, i) => { if (!touched.has(i)) assert.equal(b[i], line, `line ${i + 1} outside the edits`); });
      for (const e of engine.edits) {
        assert.equal(e.range.start.line, e.range.end.line);
        const line = e.range.start.line;
        const [start, end] = [e.range.start.character, e.range.end.character];
        const others = engine.edits.filter((x) => x !== e && x.range.start.line === line);
        if (others.length === 0) {
          assert.equal(b[line], a[line].slice(0, start) + e.newText + a[line].slice(end));
        }
      }

      // A second --fix changes nothing; the exit code says what remains.
      const second = tally(['check', '-l', 'en', '-f', 'json', '--fix', 'report.md'], dir);
      assert.equal(fs.readFileSync(file, 'utf8'), written, 'a second --fix changes nothing');
      assert.match(second.stderr, /tally: 0 files fixed/);
      assert.deepEqual(diagnosticsOf(second), remaining);
      assert.equal(fixed.status, remaining.some((r) => r.severity === 'error') ? 1 : 0);
      assert.equal(second.status, fixed.status);
    });
  }

  test('imported forms are not rewritten, and the CLI says so', () => {
    const text = setCell(clean2021, '| 一、本年新收', 7, '154');
    const dir = repo({ 'report.txt': text, 'report.md': text });
    const run = tally(['check', '-l', 'en', '--fix', '.'], dir);
    assert.match(run.stderr, /report\.txt: an imported form is not rewritten; fix the Markdown that tally import makes of it/);
    assert.equal(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8'), text);
    assert.equal(fs.readFileSync(path.join(dir, 'report.md'), 'utf8'), clean2021);
  });

  test('a check turned off is not fixed, by --fix nor by the editor\'s Fix All; the other fixes are', async () => {
    // A wrong total (total-mismatch, turned off) and full-width digits (a normalisation, always applied).
    const text = setCell(setCell(clean2021, '| 一、本年新收', 7, '154'), '| 行政许可', 1, '５８６２');
    const expected = setCell(clean2021, '| 一、本年新收', 7, '154');
    const dir = repo({ 'report.md': text, '.tally.json': '{ "checks": { "total-mismatch": "off" } }' });
    const run = tally(['check', '--fix', 'report.md'], dir);
    assert.equal(fs.readFileSync(path.join(dir, 'report.md'), 'utf8'), expected);
    assert.equal(run.status, 0, 'what remains is off');
    assert.equal(fixAll(text).text, clean2021, 'without the configuration both are fixed');

    const client = new LspClient();
    try {
      await client.initialize({ locale: 'en', debounceMs: 0 }, {}, pathToFileURL(dir).href);
      const uri = pathToFileURL(path.join(dir, 'report.md')).href;
      const published = client.diagnostics(uri);
      await client.open(uri, text, 'tally-report');
      assert.ok(!(await published).diagnostics.some((d: any) => d.code === 'total-mismatch'));
      const actions = await client.request<any[]>('textDocument/codeAction', {
        textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.tally'] },
      });
      assert.equal(applyEdits(text, actions[0].edit.changes[uri]), expected);
    } finally {
      await client.close();
    }
  });

  test('the configuration applies to the fixes: without prose, a total the text corroborates is no longer kept', () => {
    // The text says 被提起行政诉讼6件: with the prose checks the total is right and the part wrong; without them,
    // the total is simply fixed.
    const text = setCell(clean2021, '| 3 | 1 | 1 | 1 | 6 |', 2, '3');
    assert.equal(fixAll(text).text, text);
    const dir = repo({ 'report.md': text, '.tally.json': '{ "prose": false }' });
    const run = tally(['check', '--fix', 'report.md'], dir);
    const written = fs.readFileSync(path.join(dir, 'report.md'), 'utf8');
    assert.equal(written, fixAll(text, { prose: false }).text);
    assert.notEqual(written, text);
    assert.equal(run.status, 0);
  });
});
