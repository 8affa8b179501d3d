// Fuzzing over the protocol (fast-check): random edit sequences applied by didChange to copies of the samples, and
// for the final text:
//   incremental = fresh   the published diagnostics equal the engine's analysis of the text, and so do those of an
//                         IncrementalAnalyzer that read every version in turn (deterministic, so it shrinks well);
//   CLI = server          the codes, ranges and messages of `tally check -f json`: in process for every case, and the
//                         built CLI spawned once per batch of cases (its file reading, worker threads and output);
//   formatting            idempotent, keeps every table's cells, and never changes a finding (code, lines, message);
//   fix-all               idempotent, and never adds a finding (code, lines, message).
// fuzz.test.ts runs it briefly; `npm run fuzz` at length, a seed printed for replay:
//   npm run fuzz -- [--seed N] [--runs N] [--minutes M] [--hostile]      (or FUZZ_SEED, FUZZ_RUNS, FUZZ_MINUTES)
//   npm run fuzz -- --replay '<counterexample JSON>'                    (one case, every property, the CLI spawned)
// --hostile adds fragments a report never holds: deep nesting, long bracket and emphasis runs, unclosed blocks,
// long lines, a 300-row table.
import { render } from '../messages/render.js';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { analyze, IncrementalAnalyzer, type Analysis, type Edit, type Finding } from '../engine/index.js';
import { LineIndex } from '../engine/source.js';
import { analyzeFile } from '../cli/analyze-files.js';
import { formatJson } from '../cli/report.js';
import { LspClient } from './lsp-client.js';
import { ROOT, applyEdits } from './support.js';

export type Property = 'incremental' | 'cli' | 'cli-process' | 'format' | 'fix-all';

const SAMPLES = readdirSync(new URL('samples/', ROOT)).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()
  .map((name) => ({ name, text: readFileSync(new URL(`samples/${name}`, ROOT), 'utf8') }));

const FRAGMENTS = [
  // table rows and parts of them
  '| 合计 | 1 | 2 | 3 |\n', '| 一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n', '|---|---|---|\n', '| a | b |\n',
  '|', '||', ' | ', '\\|', '| 12 ', '| ０ |',
  // headings
  '# ', '## ', '### ', '\n## 六、其他需要报告的事项\n', '\n### （一）主动公开\n', '三、', '（二）',
  // digits, CJK
  '0', '1', '7', '42', '1,234', '12.5', '３', '一', '二百', '万', '件', '合计', '申请', '政府信息公开', '年度报告', '。', '，', '、',
  // HTML lines
  '<div>\n', '</div>\n', '<!-- 注 -->\n', '<br>\n', '<br>', '<table><tr><td>1</td></tr></table>\n',
  // line breaks, blanks, markup
  '\n', '\n\n', '\r\n', '\r', ' ', '\t', '- ', '1. ', '1.', '> ', '---\n', '```\n', '*', '**',
  // suppression comments (naming codes: one naming none could silence a finding across files in the CLI's batch only)
  '<!-- tally-disable-next-line total-mismatch -->\n', '<!-- tally-disable total-mismatch empty-cell -->\n', '<!-- tally-enable -->\n',
  '<!-- tally-disable-file unit -- 原因 -->\n', '<!-- tally-disable-next-line total-mismach row=合计 -->\n', '<!--\ntally-disable-next-line row-shape\n-->\n', 'tally-disable ',
];

/** Text no report holds, in moderate sizes (a property run must stay well under a second). */
const HOSTILE = [
  `${'>'.repeat(40)} 深\n`, `${'- '.repeat(40)}x\n`, Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- 项\n`).join(''),
  '['.repeat(300), '[a]'.repeat(200), '*'.repeat(200), '_a'.repeat(200), '`'.repeat(40), '<!--', '-->', '```\n', '~~~~\n',
  '<pre>\n', '<script>\n', '<?', '<![CDATA[', 'x'.repeat(5000), '合'.repeat(3000), '|'.repeat(500), '\\'.repeat(100),
  '\r', '\r\r', '\uFEFF', '\u200B', '\u0301', '𠀀', '\u2028', '\0',
  `| 项目 | 数量 |\n|---|---|\n${Array.from({ length: 300 }, (_, i) => `| 第${i}项 | ${i} |\n`).join('')}`,
  '---\ntemplate: gov-annual-2021\nyear: 2022\n---\n', '---\nyear: [\n---\n',
];

/** Cross-year checks: the spawned CLI checks its batch as one workspace, the server each untitled document alone. */
const ACROSS_FILES = new Set(['carry-over', 'in-force-count', 'project-count', 'copied-text']);

/** `digit`: `at` counts the digits in table rows instead (an edit there is what fix-all and the checks act on). */
interface RandomEdit { at: number; remove: number; text: string; digit?: true }
export interface FuzzCase { sample: number; edits: RandomEdit[] }

function caseOf(fragments: string[]): fc.Arbitrary<FuzzCase> {
  const text = fc.oneof(
    fc.constantFrom(...fragments),
    fc.array(fc.constantFrom(...fragments), { minLength: 2, maxLength: 5 }).map((a) => a.join('')),
  );
  const edit = fc.oneof(
    fc.record({ at: fc.nat(), remove: fc.constant(0), text }),                                         // insertion
    fc.record({ at: fc.nat(), remove: fc.integer({ min: 1, max: 80 }), text: fc.constant('') }),      // deletion
    fc.record({ at: fc.nat(), remove: fc.integer({ min: 1, max: 20 }), text }),                       // replacement
    fc.record({ at: fc.nat(), remove: fc.constant(1), text: fc.constantFrom('0', '1', '5', '9', '10', ''), digit: fc.constant(true as const) }), // a figure
  );
  return fc.record({ sample: fc.nat({ max: SAMPLES.length - 1 }), edits: fc.array(edit, { minLength: 1, maxLength: 8 }) });
}

/** An offset moved off the middle of a CRLF or a surrogate pair (an editor never puts a cursor there). */
function settle(text: string, at: number): number {
  const c = text.charCodeAt(at);
  const before = text.charCodeAt(at - 1);
  if (at > 0 && at < text.length && ((before === 13 && c === 10) || (before >= 0xd800 && before <= 0xdbff && c >= 0xdc00 && c <= 0xdfff))) return at + 1;
  return at;
}

/** The edits as didChange changes (positions in the text before each edit), and every version of the text. */
function changesOf(text: string, edits: RandomEdit[]): { changes: object[]; versions: string[] } {
  const changes: object[] = [];
  const versions = [text];
  for (const e of edits) {
    const digits = e.digit ? tableDigits(text) : [];
    const start = e.digit ? (digits.length ? digits[e.at % digits.length] : text.length) : settle(text, e.at % (text.length + 1));
    const end = settle(text, Math.min(text.length, start + e.remove));
    const lines = new LineIndex(text);
    changes.push({ range: { start: lines.position(start), end: lines.position(end) }, text: e.text });
    text = text.slice(0, start) + e.text + text.slice(end);
    versions.push(text);
  }
  return { changes, versions };
}

/** Offsets of the ASCII digits in lines that start with a pipe. */
function tableDigits(text: string): number[] {
  const out: number[] = [];
  for (const row of text.matchAll(/^\|[^\r\n]*/gm)) for (const d of row[0].matchAll(/[0-9]/g)) out.push(row.index + d.index);
  return out;
}

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
const key = (code: unknown, r: Range, message = '') =>
  `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${code} ${message}`;
const keyOf = (f: Finding) => key(f.code, f.range, render(f.message, 'zh-CN'));
/** A finding's identity across an edit that moves no line: code, lines and message. */
const lineKey = (f: Finding) => `${f.range.start.line}-${f.range.end.line} ${f.code} ${render(f.message, 'zh-CN')}`;
/** The same, digits written either way (fix-all writes full-width digits in ASCII, and a message may quote a cell). */
const fixKey = (f: Finding) => lineKey(f).normalize('NFKC');

function tableCells(analysis: Analysis): string[][][] {
  return analysis.model.tables.map((t) => t.rows.map((r) => r.cells.map((c) => c.text)));
}

/** What `after` has more of than `before`, as a multiset. */
function added(before: string[], after: string[]): string[] {
  const left = new Map<string, number>();
  for (const k of before) left.set(k, (left.get(k) ?? 0) + 1);
  return after.filter((k) => {
    const n = left.get(k) ?? 0;
    left.set(k, n - 1);
    return n <= 0;
  });
}

/** The sample and the final text of a case (to read a counterexample). */
export function finalText(c: FuzzCase): { sample: string; text: string } {
  return { sample: SAMPLES[c.sample].name, text: changesOf(SAMPLES[c.sample].text, c.edits).versions.at(-1)! };
}

/**
 * Counterexamples found before, as texts (the versions an editor goes through): seed 2 — an HTML block opened
 * above a heading swallows it; the editor's chunks were cut at the heading, so the section was not reported missing.
 */
export function htmlBlockOverHeadings(): string[] {
  const t0 = SAMPLES.find((s) => s.name === '000-panzhihua-2021.md')!.text;
  const paragraphEnd = '公開水平,讓權力在陽光下運行。\n';
  assert.ok(t0.includes(`全面提升政務${paragraphEnd}\n## 六、`));
  const t1 = t0.replace(paragraphEnd, '| 合计 | 1 | 2 | 3 |\n<table><tr><td>1</td></tr></table>\n## ');
  return [t0, t1, `| 合计 | 1 | 2 | 3 |\n| 合计 | 1 | 2 | 3 |\n${t1}`];
}

export interface FuzzOptions {
  seed: number; runs: number; minutes?: number; verbose?: boolean;
  /** Add the hostile fragments. */
  hostile?: boolean;
  /** Spawn the built CLI once per this many cases (and once at the end); 0: never. */
  cliBatch?: number;
  /** Kept up to date with the number of cases run. */
  progress?: { cases: number };
  /** Runs of texts an editor goes through (counterexamples found before), checked first on the same server. */
  before?: string[][];
}

/** How often each property was put to the test (a formatting or fix-all that changed nothing proves little). */
export interface Exercised { cases: number; incremental: number; cli: number; cliProcess: number; format: number; fixAll: number }

const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));
const run = promisify(execFile);
const timeout = <T>(p: Promise<T>, what: string) => Promise.race([p, new Promise<never>((_, reject) =>
  setTimeout(() => reject(new Error(`no answer within 30 s: ${what}`)), 30_000).unref())]);

/** One server, and the cases checked against it. */
class Session {
  readonly client = new LspClient();
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'tally-fuzz-'));
  readonly exercised: Exercised = { cases: 0, incremental: 0, cli: 0, cliProcess: 0, format: 0, fixAll: 0 };
  /** Files waiting for the spawned CLI: their case and the findings the server published. */
  private batch: Array<{ file: string; c: FuzzCase | string; expected: string[] }> = [];
  /** Cases the spawned CLI disagreed on (they are outside fast-check's shrinking: replay each with --replay). */
  readonly cliFailures: string[] = [];

  async start(): Promise<void> {
    await this.client.initialize({ locale: 'zh-CN', debounceMs: 0, settings: { scope: 'all' } });
  }

  check(c: FuzzCase, cliBatch: number): Promise<void> {
    const { changes, versions } = changesOf(SAMPLES[c.sample].text, c.edits);
    return this.checkVersions(versions, changes, cliBatch, c);
  }

  /** `changes` take `versions[0]` to each version in turn (one change each). */
  async checkVersions(versions: string[], changes: object[], cliBatch: number, c?: FuzzCase): Promise<void> {
    const n = ++this.exercised.cases;
    const uri = `untitled:fuzz-${n}.md`;
    const { client } = this;
    const text = versions.at(-1)!;
    let version = 1;
    const opened = client.diagnostics(uri, 1);
    await client.open(uri, versions[0]);
    await timeout(opened, 'didOpen');
    for (const change of changes) await client.change(uri, ++version, [change]);
    const published = await timeout(client.diagnostics(uri, version), 'diagnostics of the final version');
    try {
      const analysis = analyze(text);
      const fresh = analysis.findings.map(keyOf).sort();
      const server = published.diagnostics.map((d) => key(d.code, d.range, d.message)).sort();
      assert.deepEqual(server, fresh, 'incremental = fresh (the server)');
      const incremental = new IncrementalAnalyzer();
      let last = analysis;
      for (const v of versions) last = incremental.analyze(v);
      assert.deepEqual(last.findings.map(keyOf).sort(), fresh, 'incremental = fresh (IncrementalAnalyzer, every version read)');
      this.exercised.incremental++;

      const file = path.join(this.dir, `${n}.md`);
      writeFileSync(file, text);
      const outcome = await analyzeFile(file, { prose: true });
      const json = JSON.parse(formatJson('findings' in outcome ? [{ path: file, template: outcome.template, findings: outcome.findings }] : [], 'zh-CN'));
      const cli = (json.files[0]?.diagnostics ?? []).map((d: { code: string; range: Range; message: string }) => key(d.code, d.range, d.message)).sort();
      assert.deepEqual(cli, server, 'CLI = server');
      this.exercised.cli++;
      if (cliBatch > 0) {
        this.batch.push({ file, c: c ?? `the texts ${JSON.stringify(versions.map((v) => v.length))} long`, expected: server });
        if (this.batch.length >= cliBatch) await this.flush();
      } else rmSync(file);

      const fixAll = async (): Promise<Edit[]> => {
        const actions = await client.request<any[]>('textDocument/codeAction', {
          textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only: ['source.fixAll.tally'] },
        });
        return actions[0]?.edit?.changes?.[uri] ?? [];
      };
      const fixed = applyEdits(text, await fixAll());
      if (fixed !== text) {
        const more = added(analysis.findings.map(fixKey), analyze(fixed).findings.map(fixKey));
        assert.deepEqual(more, [], 'fix-all adds no finding');
        const next = client.diagnostics(uri, ++version);
        await client.change(uri, version, [{ text: fixed }]);
        await timeout(next, 'diagnostics after fix-all');
        assert.equal(applyEdits(fixed, await fixAll()), fixed, 'fix-all is idempotent');
        const back = client.diagnostics(uri, ++version);
        await client.change(uri, version, [{ text }]);
        await timeout(back, 'diagnostics after undo');
        this.exercised.fixAll++;
      }

      const format = async () => client.request<Edit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      const once = applyEdits(text, await format());
      if (once !== text) {
        const reformatted = analyze(once);
        assert.deepEqual(tableCells(reformatted), tableCells(analysis), 'formatting keeps every table\'s cells');
        const formatted = reformatted.findings.map(lineKey).sort();
        assert.deepEqual(formatted, analysis.findings.map(lineKey).sort(), 'formatting changes no finding (code, lines, message)');
        await client.change(uri, ++version, [{ text: once }]);
        assert.equal(applyEdits(once, await format()), once, 'formatting is idempotent');
        this.exercised.format++;
      }
    } finally {
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
  }

  /** The built CLI on the files waiting: what it reports for each is what the server published. */
  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return;
    let stdout: string;
    try {
      ({ stdout } = await run(process.execPath, [CLI, 'check', '-f', 'json', '-l', 'zh-CN', ...batch.map((b) => b.file)], { maxBuffer: 1 << 30 }));
    } catch (e) {
      const failed = e as { code?: number; stdout?: string; stderr?: string };
      if (failed.code !== 1 || !failed.stdout) {
        this.cliFailures.push(`the CLI exited with ${failed.code}: ${String(failed.stderr ?? e).slice(0, 500)}; cases ${batch.map((b) => JSON.stringify(b.c)).join(' ')}`);
        for (const b of batch) rmSync(b.file, { force: true });
        return;
      }
      stdout = failed.stdout;
    }
    const files = new Map<string, Array<{ code: string; range: Range; message: string }>>(
      JSON.parse(stdout).files.map((f: { path: string; diagnostics: [] }) => [path.resolve(f.path), f.diagnostics]));
    for (const b of batch) {
      const got = (files.get(path.resolve(b.file)) ?? []).filter((d) => !ACROSS_FILES.has(d.code)).map((d) => key(d.code, d.range, d.message)).sort();
      if (JSON.stringify(got) !== JSON.stringify(b.expected)) {
        this.cliFailures.push(`CLI (spawned) ≠ server for ${JSON.stringify(b.c)}: only the CLI ${JSON.stringify(added(b.expected, got))}, only the server ${JSON.stringify(added(got, b.expected))}`);
      }
      this.exercised.cliProcess++;
      rmSync(b.file, { force: true });
    }
  }

  async close(): Promise<void> {
    await this.client.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs the properties against one server; throws fast-check's report (seed, counterexample) on a failure. */
export async function fuzz(options: FuzzOptions): Promise<Exercised> {
  const fragments = options.hostile ? [...FRAGMENTS, ...HOSTILE] : FRAGMENTS;
  const cliBatch = options.cliBatch ?? 100;
  const session = new Session();
  await session.start();
  for (const versions of options.before ?? []) {
    try {
      await session.checkVersions(versions, changesBetween(versions), cliBatch);
    } catch (e) {
      await session.close();
      throw e;
    }
  }
  const property = fc.asyncProperty(caseOf(fragments), async (c) => {
    await session.check(c, cliBatch);
    if (options.progress) options.progress.cases = session.exercised.cases;
  });
  try {
    await fc.assert(property, {
      seed: options.seed, numRuns: options.runs, verbose: options.verbose ? 1 : 0,
      ...(options.minutes ? { interruptAfterTimeLimit: options.minutes * 60_000, markInterruptAsFailure: false } : {}),
    });
    await session.flush();
    if (session.cliFailures.length) throw new Error(`CLI (spawned) ≠ server:\n${session.cliFailures.join('\n')}`);
  } finally {
    await session.close();
  }
  return session.exercised;
}

/** One case, every property, the CLI spawned on it; throws the first failure. */
export async function replay(c: FuzzCase): Promise<void> {
  const session = new Session();
  await session.start();
  try {
    await session.check(c, 1);
    if (session.cliFailures.length) throw new Error(session.cliFailures.join('\n'));
  } finally {
    await session.close();
  }
}

/** Each version as one change of the version before (the common prefix and suffix left out). */
function changesBetween(versions: string[]): object[] {
  // Never cutting a CRLF or a surrogate pair.
  const splits = (t: string, i: number) => i > 0 && i < t.length && settle(t, i) !== i;
  return versions.slice(1).map((text, i) => {
    const before = versions[i];
    let start = 0;
    while (start < before.length && start < text.length && before[start] === text[start]) start++;
    while (splits(before, start) || splits(text, start)) start--;
    let end = 0;
    while (end < before.length - start && end < text.length - start && before[before.length - 1 - end] === text[text.length - 1 - end]) end++;
    while (end > 0 && (splits(before, before.length - end) || splits(text, text.length - end))) end--;
    const lines = new LineIndex(before);
    return { range: { start: lines.position(start), end: lines.position(before.length - end) }, text: text.slice(start, text.length - end) };
  });
}

/** Every property for a run of texts an editor goes through, each sent as one change from the one before. */
export async function replayTexts(versions: string[]): Promise<void> {
  const session = new Session();
  await session.start();
  try {
    await session.checkVersions(versions, changesBetween(versions), 1);
    if (session.cliFailures.length) throw new Error(session.cliFailures.join('\n'));
  } finally {
    await session.close();
  }
}

/** `npm run fuzz -- --seed N --runs N --minutes M --hostile`, or `--replay JSON` */
async function main(argv: string[]): Promise<number> {
  const arg = (name: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
  const cause = (e: unknown) => `${e instanceof Error ? e.message : String(e)}${
    e instanceof Error && e.cause instanceof Error ? `\nCause: ${e.cause.message.slice(0, 4000)}` : ''}`;
  const replayed = arg('replay');
  if (replayed) {
    try {
      await replay(JSON.parse(replayed));
      console.log('fuzz: the case passes every property');
      return 0;
    } catch (e) {
      console.log(`fuzz: FAILED\n${cause(e)}`);
      return 1;
    }
  }
  const seed = Number(arg('seed') ?? process.env.FUZZ_SEED ?? (Date.now() % 2 ** 31));
  const minutes = Number(arg('minutes') ?? process.env.FUZZ_MINUTES ?? 5);
  const runs = Number(arg('runs') ?? process.env.FUZZ_RUNS ?? 1_000_000);
  const hostile = argv.includes('--hostile');
  const flags = hostile ? ' --hostile' : '';
  console.log(`fuzz: seed ${seed}, up to ${runs} runs or ${minutes} min${flags} (replay: npm run fuzz -- --seed ${seed}${flags})`);
  const start = Date.now();
  const progress = { cases: 0 };
  const ticker = setInterval(() => console.log(`fuzz: ${progress.cases} sequences, ${((Date.now() - start) / 60_000).toFixed(0)} min`), 60_000).unref();
  try {
    const exercised = await fuzz({ seed, runs, minutes, hostile, progress });
    console.log(`fuzz: ${exercised.cases} sequences in ${((Date.now() - start) / 1000).toFixed(0)} s, no failure (seed ${seed}${flags}); `
      + `CLI spawned on ${exercised.cliProcess}, fix-all changed ${exercised.fixAll}, formatting changed ${exercised.format}`);
    return 0;
  } catch (e) {
    console.log(`fuzz: FAILED (seed ${seed}${flags}) after ${progress.cases} sequences\n${cause(e)}`);
    return 1;
  } finally {
    clearInterval(ticker);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
