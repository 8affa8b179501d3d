// The `tally check` command end to end: spawn the compiled CLI and check its output formats, locales,
// exit codes and error reporting against the samples.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = path.join(ROOT, 'out', 'cli.js');
const WULANCHABU = 'samples/002-wulanchabu-2020.md';

interface Run { status: number | null; stdout: string; stderr: string }

const runs = new Map<string, Run>();

/** Runs the CLI from the repo root; LANG=C (Chinese by default) unless `lang` says otherwise.
 * Identical runs are made once (every run is deterministic: temporary files have unique names). */
function tally(args: string[], lang = 'C'): Run {
  const key = JSON.stringify([lang, ...args]);
  let run = runs.get(key);
  if (!run) runs.set(key, run = spawnTally(args, lang));
  return run;
}

function spawnTally(args: string[], lang: string): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: lang, NO_COLOR: '1' };
  // The CLI reads LC_ALL, LC_MESSAGES, LANG, LANGUAGE in that order: only LANG decides here.
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  delete env.LANGUAGE;
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function lines(s: string): string[] {
  return s.split('\n').filter((l) => l.length > 0);
}

/** An error on stderr: exactly one line, starting with "tally", no stack trace. */
function assertOneLineError(r: Run, ...mustContain: string[]): void {
  const errLines = lines(r.stderr);
  assert.equal(errLines.length, 1, `expected one line on stderr, got:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
  assert.doesNotMatch(r.stderr, /internal error/);
  for (const s of mustContain) assert.ok(errLines[0].includes(s), `stderr should mention ${s}: ${errLines[0]}`);
}

interface JsonOutput {
  files: Array<{
    path: string;
    template: string | null;
    diagnostics: Array<{
      code: string;
      severity: string;
      message: string;
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
    }>;
  }>;
}

const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-cli-'));
  tmpDirs.push(dir);
  return dir;
}
after(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

// `path:line:col  severity  code  message`
const TEXT_LINE = /^(\S+):(\d+):(\d+) {2}(\S+) +(\S+) +(.+)$/;

describe('text format', () => {
  test('one line per finding, 1-based positions, then a summary; exit 1', () => {
    const r = tally(['check', WULANCHABU]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    const out = lines(r.stdout);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'NO_COLOR: no escape sequences');
    const findings = out.slice(0, -1).map((l) => {
      const m = TEXT_LINE.exec(l);
      assert.ok(m, `not a finding line: ${l}`);
      return { path: m[1], line: Number(m[2]), col: Number(m[3]), severity: m[4], code: m[5], message: m[6] };
    });
    assert.ok(findings.every((f) => f.path === WULANCHABU));
    const rowShape = findings.find((f) => f.code === 'row-shape');
    assert.ok(rowShape, 'row-shape finding');
    assert.equal(rowShape.line, 97);
    assert.equal(rowShape.col, 1);
    assert.equal(rowShape.severity, '错误');
    assert.match(rowShape.message, /重复申请/);
    const missing = findings.find((f) => f.code === 'missing-section');
    assert.ok(missing, 'missing-section finding');
    assert.equal(missing.line, 113);
    assert.equal(missing.severity, '错误');
    assert.match(missing.message, /六、其他需要报告的事项/);
    // Findings are in document order.
    for (let i = 1; i < findings.length; i++) {
      assert.ok(findings[i - 1].line < findings[i].line
        || (findings[i - 1].line === findings[i].line && findings[i - 1].col <= findings[i].col));
    }
    const errors = findings.filter((f) => f.severity === '错误').length;
    const warnings = findings.filter((f) => f.severity === '警告').length;
    const infos = findings.filter((f) => f.severity === '提示').length;
    assert.equal(out.at(-1),
      `✖ 检查了 1 个文件，发现 ${findings.length} 个问题（${errors} 个错误，${warnings} 个警告，${infos} 条提示）`);
  });

  test('the samples folder has errors: exit 1, findings grouped per file', () => {
    const r = tally(['check', 'samples']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    const out = lines(r.stdout);
    assert.match(out.at(-1)!, /^✖ 检查了 \d+ 个文件，发现 \d+ 个问题（\d+ 个错误，\d+ 个警告，\d+ 条提示）$/);
    for (const l of out.slice(0, -1)) assert.match(l, TEXT_LINE);
    assert.ok(out.some((l) => l.startsWith(`${WULANCHABU}:97:1 `) && l.includes('row-shape')));
    assert.ok(out.some((l) => l.startsWith(`${WULANCHABU}:113:1 `) && l.includes('missing-section')));
    // Groups of one file are separated by a blank line.
    const groups = r.stdout.trimEnd().split('\n\n');
    for (const g of groups.slice(0, -1)) {
      const paths = new Set(lines(g).map((l) => l.split(':')[0]));
      assert.equal(paths.size, 1, `one file per group: ${[...paths].join(', ')}`);
    }
  });

  for (const clean of ['samples/clean-2021.md', 'samples/clean-2019.md']) {
    test(`${clean} is clean: exit 0 and a "no problems" summary`, () => {
      const r = tally(['check', clean]);
      assert.equal(r.status, 0, r.stdout);
      assert.equal(r.stderr, '');
      assert.deepEqual(lines(r.stdout), ['✔ 检查了 1 个文件，未发现问题']);
    });
  }

  test('both clean samples together: exit 0', () => {
    const r = tally(['check', 'samples/clean-2021.md', 'samples/clean-2019.md']);
    assert.equal(r.status, 0);
    assert.deepEqual(lines(r.stdout), ['✔ 检查了 2 个文件，未发现问题']);
  });
});

describe('JSON format', () => {
  test('exactly files[{path, template, diagnostics[{code, severity, message, range}]}], 0-based', () => {
    const r = tally(['check', '--format', 'json', WULANCHABU]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    const json = JSON.parse(r.stdout) as JsonOutput;
    assert.deepEqual(Object.keys(json), ['files']);
    assert.equal(json.files.length, 1);
    const file = json.files[0];
    assert.deepEqual(Object.keys(file).sort(), ['diagnostics', 'path', 'template']);
    assert.equal(file.path, WULANCHABU);
    assert.equal(file.template, 'gov-annual-2019');
    assert.ok(file.diagnostics.length > 0);
    for (const d of file.diagnostics) {
      assert.deepEqual(Object.keys(d).sort(), ['code', 'message', 'range', 'severity']);
      assert.ok(['error', 'warning', 'information'].includes(d.severity), d.severity);
      assert.equal(typeof d.message, 'string');
      assert.deepEqual(Object.keys(d.range).sort(), ['end', 'start']);
      for (const p of [d.range.start, d.range.end]) {
        assert.deepEqual(Object.keys(p).sort(), ['character', 'line']);
        assert.ok(Number.isInteger(p.line) && p.line >= 0);
        assert.ok(Number.isInteger(p.character) && p.character >= 0);
      }
    }
    const rowShape = file.diagnostics.find((d) => d.code === 'row-shape');
    assert.ok(rowShape);
    assert.equal(rowShape.severity, 'error');
    assert.equal(rowShape.range.start.line, 96);
    assert.equal(rowShape.range.start.character, 0);
    const missing = file.diagnostics.find((d) => d.code === 'missing-section');
    assert.ok(missing);
    assert.equal(missing.range.start.line, 112);
  });

  test('a clean file is listed with no diagnostics; exit 0', () => {
    const r = tally(['check', '--format', 'json', 'samples/clean-2021.md']);
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout), {
      files: [{ path: 'samples/clean-2021.md', template: 'gov-annual-2021', diagnostics: [] }],
    });
  });

  test('the text and JSON formats report the same findings', () => {
    const text = lines(tally(['check', WULANCHABU]).stdout).slice(0, -1);
    const json = JSON.parse(tally(['check', '-f', 'json', WULANCHABU]).stdout) as JsonOutput;
    assert.deepEqual(
      text.map((l) => { const m = TEXT_LINE.exec(l)!; return `${m[2]}:${m[3]} ${m[5]} ${m[6]}`; }),
      json.files[0].diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`));
  });
});

describe('SARIF format', () => {
  test('SARIF 2.1.0 with a rule per code and 1-based regions', () => {
    const r = tally(['check', '--format', 'sarif', WULANCHABU]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(typeof sarif.$schema, 'string');
    assert.match(sarif.$schema, /sarif/i);
    assert.equal(sarif.runs.length, 1);
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'tally');
    const ruleIds: string[] = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    assert.equal(new Set(ruleIds).size, ruleIds.length, 'one rule per code');
    for (const code of ['row-shape', 'missing-section', 'section-title', 'total-mismatch', 'not-a-report']) {
      assert.ok(ruleIds.includes(code), `rule ${code}`);
    }
    for (const rule of run.tool.driver.rules) assert.ok(rule.shortDescription?.text, `description of ${rule.id}`);

    const json = JSON.parse(tally(['check', '--format', 'json', WULANCHABU]).stdout) as JsonOutput;
    const diagnostics = json.files[0].diagnostics;
    assert.equal(run.results.length, diagnostics.length);
    const levels: Record<string, string> = { error: 'error', warning: 'warning', information: 'note' };
    run.results.forEach((res: any, i: number) => {
      const d = diagnostics[i];
      assert.ok(ruleIds.includes(res.ruleId), `result's rule ${res.ruleId} is declared`);
      assert.equal(res.ruleId, d.code);
      assert.equal(res.level, levels[d.severity]);
      assert.equal(res.message.text, d.message);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, WULANCHABU);
      assert.equal(loc.region.startLine, d.range.start.line + 1);
      assert.equal(loc.region.startColumn, d.range.start.character + 1);
    });
    const rowShape = run.results.find((res: any) => res.ruleId === 'row-shape');
    assert.equal(rowShape.level, 'error');
    assert.equal(rowShape.locations[0].physicalLocation.region.startLine, 97);
    const missing = run.results.find((res: any) => res.ruleId === 'missing-section');
    assert.equal(missing.locations[0].physicalLocation.region.startLine, 113);
  });

  test('a clean file gives a run with no results; exit 0', () => {
    const r = tally(['check', '--format', 'sarif', 'samples/clean-2019.md']);
    assert.equal(r.status, 0);
    const sarif = JSON.parse(r.stdout);
    assert.deepEqual(sarif.runs[0].results ?? [], []);
  });
});

describe('locales', () => {
  const CJK = /[\u4e00-\u9fff]/;

  test('--locale en gives English messages and summary', () => {
    const r = tally(['check', '--locale', 'en', WULANCHABU]);
    assert.equal(r.status, 1);
    const out = lines(r.stdout);
    const rowShape = out.find((l) => l.includes('row-shape'))!;
    assert.match(rowShape, /^samples\/002-wulanchabu-2020\.md:97:1 {2}error {2}row-shape +Row "2\.重复申请" has \d+ cells/);
    const missing = out.find((l) => l.includes('missing-section'))!;
    assert.match(missing, /Missing section "六、其他需要报告的事项"/);
    assert.match(out.at(-1)!, /^✖ \d+ problems \(\d+ errors?, \d+ warnings?, \d+ info\) in 1 file$/);
    // The English text itself (outside the quoted report wording) has no Chinese.
    for (const l of out) assert.doesNotMatch(l.replace(/"[^"]*"/g, '').replace(/^\S+/, ''), CJK, l);
  });

  test('--locale en for JSON and SARIF messages', () => {
    const json = JSON.parse(tally(['check', '-f', 'json', '-l', 'en', WULANCHABU]).stdout) as JsonOutput;
    assert.match(json.files[0].diagnostics.find((d) => d.code === 'row-shape')!.message, /^Row "/);
    const sarif = JSON.parse(tally(['check', '-f', 'sarif', '-l', 'en', WULANCHABU]).stdout);
    const rule = sarif.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'row-shape');
    assert.equal(rule.shortDescription.text, 'A row has more or fewer cells than the header');
  });

  test('LANG=en_US.UTF-8 gives English without the flag', () => {
    const r = tally(['check', WULANCHABU], 'en_US.UTF-8');
    assert.deepEqual(r.stdout, tally(['check', '--locale', 'en', WULANCHABU]).stdout);
    assert.match(r.stdout, /Missing section/);
  });

  test('LANG=C gives Chinese', () => {
    const r = tally(['check', WULANCHABU], 'C');
    assert.match(r.stdout, /缺少“六、其他需要报告的事项”部分/);
    assert.match(r.stdout, / 错误 /);
    assert.doesNotMatch(r.stdout, /Missing section/);
  });

  test('--locale overrides LANG', () => {
    const r = tally(['check', '--locale', 'zh-CN', WULANCHABU], 'en_US.UTF-8');
    assert.match(r.stdout, /缺少“六、其他需要报告的事项”部分/);
  });

  test('--locale zh-TW gives Traditional characters', () => {
    const r = tally(['check', '--locale', 'zh-TW', WULANCHABU]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /錯誤/);
    assert.match(r.stdout, /缺少「六、其他需要報告的事項」部分/);
    assert.match(r.stdout, /檢查了 1 個檔案/);
    // what the report says (quoted in 「」) is shown as written; the product's own text is Traditional
    assert.doesNotMatch(r.stdout.replace(/「[^」]*」/g, ''), /[报这个检错误问题]/, 'no Simplified-only characters');
  });

  test('LANG=zh_TW.UTF-8 gives Traditional characters too', () => {
    const r = tally(['check', WULANCHABU], 'zh_TW.UTF-8');
    assert.match(r.stdout, /檢查了 1 個檔案/);
  });
});

describe('errors', () => {
  test('a missing file: one line on stderr naming it, no stack trace, exit 2', () => {
    const r = tally(['check', 'samples/no-such-report.md']);
    assert.equal(r.status, 2);
    assertOneLineError(r, 'samples/no-such-report.md');
  });

  test('a missing file next to a good one: the good one is still checked, exit 2', () => {
    const r = tally(['check', '-f', 'json', 'no-such.md', 'samples/clean-2021.md']);
    assert.equal(r.status, 2);
    assertOneLineError(r, 'no-such.md');
    assert.deepEqual((JSON.parse(r.stdout) as JsonOutput).files.map((f) => f.path), ['samples/clean-2021.md']);
  });

  test('an unknown --format exits 2', () => {
    const r = tally(['check', '--format', 'xml', WULANCHABU]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /xml/);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
    assert.equal(r.stdout, '');
  });

  test('an unknown command or option exits 2', () => {
    assert.equal(tally(['frobnicate']).status, 2);
    assert.equal(tally(['check', '--no-such-option', WULANCHABU]).status, 2);
  });

  test('a non-UTF-8 file: one line naming it, exit 2', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'gbk.md');
    // "政府信息公开" in GBK: not valid UTF-8.
    fs.writeFileSync(file, Buffer.concat([Buffer.from('# '), Buffer.from('d5fef8aed0c5cfa2b9abbfaa', 'hex'), Buffer.from('\n')]));
    const r = tally(['check', file]);
    assert.equal(r.status, 2);
    assertOneLineError(r, file);
  });

  test('a non-UTF-8 file is reported as such (not as unreadable)', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'latin1.md');
    fs.writeFileSync(file, Buffer.from([0x23, 0x20, 0xe9, 0x74, 0xe9, 0x0a]));
    const r = tally(['check', '--locale', 'en', file]);
    assert.equal(r.status, 2);
    assertOneLineError(r, file, 'not UTF-8');
  });

  test('--template with an unknown id that is not a file: one line, exit 2', () => {
    const r = tally(['check', '--template', 'gov-annual-1999', 'samples/clean-2021.md']);
    assert.equal(r.status, 2);
    assertOneLineError(r, 'gov-annual-1999');
    assert.equal(r.stdout, '', 'nothing is checked');
    const en = tally(['check', '--locale', 'en', '--template', 'gov-annual-1999', 'samples/clean-2021.md']);
    assertOneLineError(en, '"gov-annual-1999" is neither a template id nor a file');
  });

  test('--template with a file that violates the schema: exit 2 naming the problem', () => {
    const dir = tmpDir();
    const builtin = JSON.parse(fs.readFileSync(path.join(ROOT, 'server/src/templates/gov-annual-2021.json'), 'utf8'));
    delete builtin.$schema;
    const bad = { ...builtin, id: 'team-2021', format: 'newest' };
    delete bad.sections;
    const file = path.join(dir, 'team.json');
    fs.writeFileSync(file, JSON.stringify(bad));
    const r = tally(['check', '--locale', 'en', '--template', file, 'samples/clean-2021.md']);
    assert.equal(r.status, 2);
    assertOneLineError(r, file, 'does not follow the template schema', 'sections', '/format');
    assert.equal(r.stdout, '');
  });

  test('--template with a file that is not JSON: exit 2, one line', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, '{ "id": ');
    const r = tally(['check', '--template', file, 'samples/clean-2021.md']);
    assert.equal(r.status, 2);
    assertOneLineError(r, file);
  });
});

describe('--template', () => {
  test('--template gov-annual-2021 on clean-2021.md exits 0', () => {
    const r = tally(['check', '--template', 'gov-annual-2021', 'samples/clean-2021.md']);
    assert.equal(r.status, 0, r.stdout);
    assert.equal(r.stderr, '');
  });

  test('--template forces the template even when another would be detected', () => {
    const r = tally(['check', '-f', 'json', '--template', 'gov-annual-2019', 'samples/clean-2021.md']);
    const json = JSON.parse(r.stdout) as JsonOutput;
    assert.equal(json.files[0].template, 'gov-annual-2019');
    assert.equal(r.status, 1);
  });

  test('--template with a valid template file is used', () => {
    const dir = tmpDir();
    const builtin = JSON.parse(fs.readFileSync(path.join(ROOT, 'server/src/templates/gov-annual-2021.json'), 'utf8'));
    delete builtin.$schema;
    const file = path.join(dir, 'team.json');
    fs.writeFileSync(file, JSON.stringify({ ...builtin, id: 'team-2021' }));
    const r = tally(['check', '-f', 'json', '--template', file, 'samples/clean-2021.md']);
    assert.equal(r.stderr, '');
    assert.equal((JSON.parse(r.stdout) as JsonOutput).files[0].template, 'team-2021');
    assert.equal(r.status, 0);
  });

  test('tally templates lists the built-in templates', () => {
    const r = tally(['templates']);
    assert.equal(r.status, 0);
    const ids = lines(r.stdout).map((l) => l.split('\t')[0]);
    assert.deepEqual(ids.sort(), ['gov-annual-2019', 'gov-annual-2021', 'gov-annual-legacy']);
    assert.match(r.stdout, /gov-annual-2021\t.*国办公开办函〔2021〕30号/);
  });

  test('tally templates in a folder whose configuration names template folders lists the team\'s templates first', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'out', 'cli.js'), 'templates', '-l', 'en'], { cwd: path.join(ROOT, 'samples', 'quarterly'), encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.deepEqual(lines(r.stdout).map((l) => l.split('\t')[0]), ['dept-quarterly-stats', 'gov-annual-2021', 'gov-annual-2019', 'gov-annual-legacy']);
    assert.match(r.stdout, /quarterly statistics/);
  });
});

describe('folders', () => {
  test('a folder of published reports: web pages, PDFs, Word files and report-like .txt files are checked too', () => {
    const dir = tmpDir();
    const copy = (from: string, to: string) => fs.copyFileSync(path.join(ROOT, from), path.join(dir, to));
    copy('server/fixtures/import/html/built-2021-trs-gb18030-nocharset.html', 'a.html');
    copy('server/fixtures/import/html/built-2021-trs-gb18030-nocharset.html', 'b.HTM');
    copy('server/src/test/fixtures/pdf/clean-2021.pdf', 'c.pdf');
    copy('server/fixtures/import/docx/libreoffice-clean-2021.docx', 'd.docx');
    copy('server/fixtures/real/partial/xuwen-bureau-2021format.txt', 'e.txt');
    copy('samples/clean-2021.md', 'f.md');
    // A work summary downloaded with the reports: titled as disclosure work, so checked and said to be no report.
    copy('server/fixtures/import/text/seed-004_3d0e3754e0282e9d.txt', 'i.txt');
    fs.writeFileSync(path.join(dir, 'README.txt'), '这些是2022年的年度报告。\n一、总体情况见各文件。这一行是说明，不是报告。\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), '二、主动公开政府信息情况\n');
    fs.writeFileSync(path.join(dir, 'g.doc'), 'legacy');
    fs.writeFileSync(path.join(dir, 'h.json'), '{}');
    const r = tally(['check', '--format', 'json', '--no-prose', dir]);
    assert.equal(r.stderr, '');
    const json = JSON.parse(r.stdout) as JsonOutput;
    const listed = json.files.map((f) => path.relative(dir, f.path).split(path.sep).join('/')).sort();
    assert.deepEqual(listed, ['a.html', 'b.HTM', 'c.pdf', 'd.docx', 'e.txt', 'f.md', 'i.txt']);
    assert.deepEqual(json.files.find((f) => f.path.endsWith('i.txt'))!.diagnostics.map((d) => d.code), ['not-a-report']);
    // The clean sample's published forms are clean.
    for (const f of json.files.filter((x) => /\.(html?|HTM|pdf|docx)$/.test(x.path))) assert.deepEqual(f.diagnostics.map((d) => d.code), [], f.path);
  });

  test('a folder: reports only (a .txt that is not a report is left out), .gitignore respected', () => {
    const dir = tmpDir();
    const report = fs.readFileSync(path.join(ROOT, 'samples/clean-2021.md'));
    fs.writeFileSync(path.join(dir, '.gitignore'), 'ignored/\n*.draft.md\n');
    fs.writeFileSync(path.join(dir, 'a.md'), report);
    fs.mkdirSync(path.join(dir, 'ignored'));
    fs.writeFileSync(path.join(dir, 'ignored', 'b.md'), report);
    fs.writeFileSync(path.join(dir, 'c.draft.md'), report);
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'd.md'), report);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a report\n');
    const r = tally(['check', '--format', 'json', dir]);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    const json = JSON.parse(r.stdout) as JsonOutput;
    const listed = json.files.map((f) => path.relative(dir, f.path).split(path.sep).join('/')).sort();
    assert.deepEqual(listed, ['a.md', 'sub/d.md']);
  });

  test('a nested .gitignore applies below its folder', () => {
    const dir = tmpDir();
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', '.gitignore'), 'skip.md\n');
    fs.writeFileSync(path.join(dir, 'skip.md'), '# 说明\n');
    fs.writeFileSync(path.join(dir, 'sub', 'skip.md'), '# 说明\n');
    fs.writeFileSync(path.join(dir, 'sub', 'keep.md'), '# 说明\n');
    const r = tally(['check', '--format', 'json', dir]);
    const json = JSON.parse(r.stdout) as JsonOutput;
    const listed = json.files.map((f) => path.relative(dir, f.path).split(path.sep).join('/')).sort();
    assert.deepEqual(listed, ['skip.md', 'sub/keep.md']);
  });
});

test('the README shows exactly what `tally check samples` prints', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /`tally check samples` prints:\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];
  const run = spawnSync(process.execPath, [CLI, 'check', 'samples'], {
    cwd: ROOT, env: { ...process.env, NO_COLOR: '1', LANG: 'C', LC_ALL: '', LC_MESSAGES: '' }, encoding: 'utf8',
  });
  assert.equal(run.stdout, block);
});

describe('hostile files', () => {
  const FAILING_CHECK = path.join(ROOT, 'out', 'test', 'failing-check.js');
  const clean = fs.readFileSync(path.join(ROOT, 'samples/clean-2021.md'), 'utf8');
  const defective = fs.readFileSync(path.join(ROOT, WULANCHABU), 'utf8');

  /** The CLI with the test check that fails on documents carrying a marker (see failing-check.ts). */
  function tallyFailing(args: string[]): Run {
    // out/cli-modules.js: the CLI over out/'s modules, where the hook's check is seen (out/cli.js is a bundle)
    const r = spawnSync(process.execPath, ['--import', FAILING_CHECK, path.join(ROOT, 'out', 'cli-modules.js'), ...args], {
      cwd: ROOT, env: { ...process.env, LANG: 'C', NO_COLOR: '1', LC_ALL: '', LC_MESSAGES: '' }, encoding: 'utf8', timeout: 120_000,
    });
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  function json(r: Run): JsonOutput['files'] {
    return (JSON.parse(r.stdout) as JsonOutput).files;
  }

  test('deeply nested files in a batch: each named with one too-complex finding, the good file still checked', () => {
    const dir = tmpDir();
    const hostile = {
      'quotes.md': `${'>'.repeat(4000)}\n`,
      'list-inline.md': `${'- '.repeat(4000)}项\n`,
      'list-indented.md': Array.from({ length: 4000 }, (_, i) => `${' '.repeat(2 * i)}- 第${i}层`).join('\n'),
      'brackets.md': `${'[a]'.repeat(20_000)}\n\n${'a* '.repeat(20_000)}\n`,
    };
    for (const [name, text] of Object.entries(hostile)) fs.writeFileSync(path.join(dir, name), `# 报告\n\n${text}\n\n后文。\n`);
    fs.writeFileSync(path.join(dir, 'good.md'), defective);
    const r = tally(['check', '--format', 'json', '--locale', 'en', dir]);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
    const files = new Map(json(r).map((f) => [path.basename(f.path), f.diagnostics]));
    assert.deepEqual([...files.keys()].sort(), ['brackets.md', 'good.md', 'list-indented.md', 'list-inline.md', 'quotes.md']);
    const good = files.get('good.md')!;
    assert.ok(good.some((d) => d.code === 'row-shape' && d.range.start.line === 96), 'the good file keeps its findings');
    for (const name of ['quotes.md', 'list-inline.md', 'list-indented.md']) {
      const deep = files.get(name)!.filter((d) => d.code === 'too-complex');
      assert.equal(deep.length, 1, name);
      // The first line nested 33 deep: line 3 on one line, the 33rd item of the indented list.
      assert.equal(deep[0].range.start.line, name === 'list-indented.md' ? 2 + 32 : 2, name);
      assert.match(deep[0].message, /levels deep \(at most 32\)/);
    }
    assert.deepEqual(files.get('brackets.md')!.map((d) => d.code), []);
  });

  test('a file the engine fails on gets one internal finding naming the error, not the text; the others are checked', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'a-good.md'), defective);
    fs.writeFileSync(path.join(dir, 'b-bad.md'), `${clean}\n<!-- tally-test: throw -->\n`);
    const r = tallyFailing(['check', '--locale', 'en', dir]);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1, 'an internal finding is an error finding');
    const out = lines(r.stdout);
    const bad = out.filter((l) => l.includes('b-bad.md'));
    assert.equal(bad.length, 1, r.stdout);
    assert.match(bad[0], /b-bad\.md:1:1 {2}error +internal +The document could not be fully checked because of an internal error \(TypeError\); please report it$/);
    assert.doesNotMatch(r.stdout, /机密/);
    assert.ok(out.some((l) => l.includes('a-good.md:97:1') && l.includes('row-shape')), 'the good file keeps its findings');
  });

  /**
   * `tally check --format json` (with the failing test check) on 60 clean reports, some of them replaced by
   * `special`: each file's codes by its name.
   */
  function checkSixty(special: Record<string, string>): Map<string, string[]> {
    const dir = tmpDir();
    // Enough files for worker threads (where the machine has two cores or more).
    for (let i = 0; i < 60; i++) fs.writeFileSync(path.join(dir, `r${String(i).padStart(2, '0')}.md`), clean);
    for (const [name, text] of Object.entries(special)) fs.writeFileSync(path.join(dir, name), text);
    const r = tallyFailing(['check', '--format', 'json', dir]);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
    const files = json(r);
    assert.equal(files.length, 60);
    return new Map(files.map((f) => [path.basename(f.path), f.diagnostics.map((d) => d.code)]));
  }

  test('a worker thread that dies costs only the file it was on', () => {
    const byName = checkSixty({ 'r07.md': `${clean}\n<!-- tally-test: exit -->\n`, 'r31.md': defective });
    assert.deepEqual(byName.get('r07.md'), ['internal']);
    assert.ok(byName.get('r31.md')!.includes('row-shape'));
    for (const [name, codes] of byName) if (name !== 'r07.md' && name !== 'r31.md') assert.deepEqual(codes, [], name);
  });

  test('a file too large for a worker thread\'s heap is checked on the main thread, with its findings', () => {
    const byName = checkSixty({ 'r12.md': `${defective}\n<!-- tally-test: grow -->\n` });
    const grown = byName.get('r12.md')!;
    assert.ok(!grown.includes('internal') && grown.includes('row-shape'), grown.join(' '));
    for (const [name, codes] of byName) if (name !== 'r12.md') assert.deepEqual(codes, [], name);
  });

  test('at most 100 findings of a code, then one "more" finding; messages stay short', () => {
    const dir = tmpDir();
    const groups = Array.from({ length: 300 }, (_, i) => `| 项${i} | 1 | 2 |\n| 合计 | 9 | 9 |`).join('\n');
    fs.writeFileSync(path.join(dir, 'many.md'), `# 报告\n\n| 项目 | 甲 | 乙 |\n| --- | --- | --- |\n${groups}\n`);
    let total = 0;
    const rows = Array.from({ length: 2500 }, (_, i) => { total += (i % 9) + 1; return `| 第${i}项 | ${(i % 9) + 1} |`; });
    fs.writeFileSync(path.join(dir, 'long.md'), `# 报告\n\n| 项目 | 数量 |\n| --- | --- |\n${rows.join('\n')}\n| 合计 | ${total + 1} |\n`);
    const r = tally(['check', '--format', 'json', '--locale', 'en', dir]);
    assert.equal(r.status, 1);
    const files = new Map(json(r).map((f) => [path.basename(f.path), f.diagnostics]));
    const many = files.get('many.md')!.filter((d) => d.code === 'total-mismatch');
    assert.equal(many.length, 101);
    assert.match(many[100].message, /^500 more findings of this kind \(A total differs from the sum of its parts\) are not listed/);
    const long = files.get('long.md')!;
    assert.equal(long.length, 1);
    assert.ok(long[0].message.length < 2000, `message of ${long[0].message.length} characters`);
    assert.match(long[0].message, /… \(2500 in all\)/);
  });

  test('--template with a file that is not JSON: its location, never its content', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'passwd');
    fs.writeFileSync(file, 'root:x:0:0:secret-line:/root:/bin/bash\n');
    const r = tally(['check', '--locale', 'en', '--template', file, 'samples/clean-2021.md']);
    assert.equal(r.status, 2);
    assertOneLineError(r, file, 'line 1, column 1');
    assert.doesNotMatch(r.stderr, /root|secret/);
    const nested = path.join(dir, 'broken.json');
    fs.writeFileSync(nested, '{"id": "x",\n  "sections": [1, 2,, "secret"]}');
    const s = tally(['check', '--locale', 'en', '--template', nested, 'samples/clean-2021.md']);
    assertOneLineError(s, 'line 2, column 21');
    assert.doesNotMatch(s.stderr, /secret/);
  });
});
