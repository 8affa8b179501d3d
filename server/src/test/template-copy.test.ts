// A template is complete data: a copy of a built-in template under another id, loaded as a team's template file,
// gives exactly the findings the built-in gives — tables, prose and the checks across years — on every sample and
// every real report, forced or detected, in the engine and in `tally check`.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_TEMPLATES, type Template } from '../engine/index.js';
import { checkWorkspace } from '../engine/workspace/index.js';
import { analyzeFile, type FileOutcome } from '../cli/analyze-files.js';
import { loadTemplateFile } from '../shared/template-file.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = path.join(ROOT, 'out', 'cli.js');
const SAMPLES = fs.readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => path.join(ROOT, 'samples', f));
const REAL_DIR = path.join(ROOT, 'server', 'fixtures', 'real');
const REAL = [
  ...fs.readdirSync(REAL_DIR).filter((f) => /\.(txt|html)$/.test(f)).map((f) => path.join(REAL_DIR, f)),
  ...fs.readdirSync(path.join(REAL_DIR, 'partial')).filter((f) => /\.(txt|html)$/.test(f)).map((f) => path.join(REAL_DIR, 'partial', f)),
];
const FILES = [...SAMPLES, ...REAL];

const copyId = (id: string) => id.replace(/^gov-/, 'team-');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-team-templates-'));
const copies = new Map<string, Template>();

before(async () => {
  // The team's templates folder: each built-in file as it ships, under a new id.
  for (const builtin of BUILTIN_TEMPLATES) {
    const file = path.join(dir, `${copyId(builtin.id)}.json`);
    const source = fs.readFileSync(path.join(ROOT, 'server', 'src', 'templates', `${builtin.id}.json`), 'utf8');
    fs.writeFileSync(file, source.replace(`"id": "${builtin.id}"`, `"id": "${copyId(builtin.id)}"`));
    const loaded = await loadTemplateFile(file);
    assert.ok('template' in loaded, JSON.stringify(loaded));
    copies.set(builtin.id, loaded.template);
  }
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The outcome as JSON with every copy's id read as its built-in's. */
function normalised(value: unknown): string {
  let text = JSON.stringify(value);
  for (const builtin of BUILTIN_TEMPLATES) text = text.replaceAll(copyId(builtin.id), builtin.id);
  return text;
}

function checked(outcome: FileOutcome): Extract<FileOutcome, { findings: unknown }> {
  assert.ok(!('error' in outcome), `${outcome.path}: ${'error' in outcome ? outcome.error : ''}`);
  return outcome;
}

describe('a copy of a built-in template is the built-in', () => {
  test('the copies are loaded with their prose and their relations across periods', () => {
    for (const builtin of BUILTIN_TEMPLATES) {
      const copy = copies.get(builtin.id)!;
      assert.equal(copy.id, copyId(builtin.id));
      assert.deepEqual({ ...copy, id: builtin.id }, builtin);
      assert.ok(copy.prose?.figures.length, builtin.id);
    }
    assert.deepEqual(copies.get('gov-annual-2021')!.acrossPeriods!.map((r) => r.code), ['carry-over', 'in-force-count']);
    assert.deepEqual(copies.get('gov-annual-2019')!.acrossPeriods!.map((r) => r.code), ['carry-over', 'project-count']);
  });

  for (const builtin of BUILTIN_TEMPLATES) {
    test(`forced ${builtin.id}: the same findings and facts on every sample and real report`, async () => {
      let findings = 0;
      for (const file of FILES) {
        const own = checked(await analyzeFile(file, { template: builtin.id }));
        const copy = checked(await analyzeFile(file, { template: copies.get(builtin.id)! }));
        assert.equal(copy.template, copyId(builtin.id));
        assert.equal(normalised(copy), normalised(own), file);
        findings += own.findings.length;
      }
      assert.ok(findings > 0);
    });
  }

  test('detected: with the copies as team templates, each report binds the copy of its built-in, with the same findings', async () => {
    const team = [...copies.values()];
    const seen = new Set<string>();
    for (const file of FILES) {
      const own = checked(await analyzeFile(file, {}));
      const copy = checked(await analyzeFile(file, { templates: team }));
      // A front matter that names the built-in keeps it; detection prefers the team's copy.
      const named = /^---\n(?:.*\n)*?template:/.test(fs.readFileSync(file, 'utf8'));
      assert.equal(copy.template, own.template === null || named ? own.template : copyId(own.template), file);
      assert.equal(normalised(copy), normalised(own), file);
      if (own.template) seen.add(own.template);
    }
    assert.deepEqual([...seen].sort(), BUILTIN_TEMPLATES.map((t) => t.id).sort());
  });

  test('prose: the copies find the text\'s figures that differ from the tables', async () => {
    const file = SAMPLES.find((f) => f.endsWith('005-shanghai-2019.md'))!;
    const copy = checked(await analyzeFile(file, { template: copies.get('gov-annual-2019')! }));
    assert.deepEqual(copy.findings.filter((f) => f.code === 'prose-mismatch' || f.code === 'claim-contradiction').map((f) => f.code),
      ['prose-mismatch', 'prose-mismatch', 'claim-contradiction']);
  });

  test('across years: the sample pair under the copy gives the built-in\'s carry-over', async () => {
    const pair = SAMPLES.filter((f) => /pair-20\d\d\.md$/.test(f));
    const run = async (template: string | Template) => checkWorkspace((await Promise.all(pair.map((f) => analyzeFile(f, { template }))))
      .map((o) => ({ path: o.path, facts: checked(o).facts! })));
    const own = await run('gov-annual-2021');
    const copy = await run(copies.get('gov-annual-2021')!);
    assert.deepEqual([...own.values()].flat().map((f) => f.code), ['carry-over', 'copied-text']);
    assert.equal(normalised([...copy]), normalised([...own]));
  });

  test('tally check --template team-file.json gives the built-in\'s JSON, across years included', () => {
    const pair = SAMPLES.filter((f) => /pair-20\d\d\.md$/.test(f));
    const run = (template: string) => {
      const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--template', template, ...pair], { encoding: 'utf8', timeout: 120_000 });
      assert.equal(r.stderr, '');
      return { status: r.status, json: r.stdout };
    };
    const own = run('gov-annual-2021');
    const copy = run(path.join(dir, 'team-annual-2021.json'));
    assert.equal(own.status, 1);
    assert.equal(copy.status, own.status);
    assert.match(own.json, /carry-over/);
    assert.equal(normalised(JSON.parse(copy.json)), normalised(JSON.parse(own.json)));
  });
});
