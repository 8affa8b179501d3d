// Fuzzing over the protocol (fast-check): random edit sequences applied by didChange to copies of the samples, and
// for the final text: incremental = fresh (the published diagnostics equal the engine's analysis of the text), CLI =
// server (the codes and ranges of `tally check -f json`), formatting is idempotent and keeps every table's cells,
// fix-all is idempotent and never adds a finding. fuzz.test.ts runs it briefly; `npm run fuzz` at length:
//   npm run fuzz -- [--seed N] [--runs N] [--minutes M] [--avoid-known]      (or FUZZ_SEED, FUZZ_RUNS, FUZZ_MINUTES)
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { analyze, type Edit } from '../engine/index.js';
import { LineIndex } from '../engine/source.js';
import { analyzeFile } from '../cli/analyze-files.js';
import { formatJson } from '../cli/report.js';
import { LspClient } from './lsp-client.js';
import { ROOT, applyEdits } from './support.js';

export type Property = 'incremental' | 'cli' | 'format' | 'fix-all';

/**
 * Defects known and being fixed: the brief run's generators leave out their fragments, and a property a final text
 * triggers is not asserted for it. Empty this list as they are fixed; `npm run fuzz` ignores it unless --avoid-known.
 */
export const KNOWN_OPEN_DEFECTS: Array<{ id: string; what: string; properties: Property[]; fragments: string[]; triggeredBy: RegExp | ((text: string) => boolean) }> = [
  { id: 'format-numbered-first-cell', what: 'formatting changes a table whose first cell reads like a list item (1.) in a row without a leading pipe',
    properties: ['format'], fragments: ['1. ', '1.'], triggeredBy: /^[ \t]*\d+[.)][^\n]*\|/m },
  { id: 'br-above-heading', what: 'the editor and the CLI differ after a <br> line above a heading',
    properties: ['incremental', 'cli'], fragments: ['<br>\n', '<br>'], triggeredBy: /<br/i },
  { id: 'fix-all-total-quoted-in-prose', what: 'fix-all corrects a wrong total that the text quotes: the text no longer agrees (prose-mismatch added)',
    properties: ['fix-all'], fragments: [],
    triggeredBy: (text) => analyze(text).findings.some((f) => f.code === 'total-mismatch' && f.fixes?.some((x) => x.safe)) },
  { id: 'cr-front-matter', what: 'CR-only line endings break the front matter',
    properties: ['incremental', 'cli', 'format', 'fix-all'], fragments: ['\r'], triggeredBy: /\r(?!\n)/ },
];

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
];

interface RandomEdit { at: number; remove: number; text: string }
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

/** The edits as didChange changes (positions in the text before each edit), and the final text. */
function changesOf(text: string, edits: RandomEdit[]): { changes: object[]; text: string } {
  const changes: object[] = [];
  for (const e of edits) {
    const start = settle(text, e.at % (text.length + 1));
    const end = settle(text, Math.min(text.length, start + e.remove));
    const lines = new LineIndex(text);
    changes.push({ range: { start: lines.position(start), end: lines.position(end) }, text: e.text });
    text = text.slice(0, start) + e.text + text.slice(end);
  }
  return { changes, text };
}

const key = (code: unknown, r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${code}`;

function tableCells(text: string): string[][][] {
  return analyze(text).model.tables.map((t) => t.rows.map((r) => r.cells.map((c) => c.text)));
}

function countByCode(codes: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of codes) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
}

/** The sample and the final text of a case (to read a counterexample). */
export function finalText(c: FuzzCase): { sample: string; text: string } {
  return { sample: SAMPLES[c.sample].name, text: changesOf(SAMPLES[c.sample].text, c.edits).text };
}

export interface FuzzOptions { seed: number; runs: number; minutes?: number; avoidKnown: boolean; verbose?: boolean }

/** Runs the properties against one server; throws fast-check's report (seed, counterexample) on a failure. */
export async function fuzz(options: FuzzOptions): Promise<{ runs: number; skipped: Record<string, number> }> {
  const avoided = options.avoidKnown ? KNOWN_OPEN_DEFECTS : [];
  const fragments = FRAGMENTS.filter((f) => !avoided.some((d) => d.fragments.includes(f)));
  const client = new LspClient();
  await client.initialize({ locale: 'zh-CN', debounceMs: 0, settings: { scope: 'all' } });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tally-fuzz-'));
  const skipped: Record<string, number> = {};
  let n = 0;
  const timeout = <T>(p: Promise<T>, what: string) => Promise.race([p, new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no answer within 30 s: ${what}`)), 30_000).unref())]);

  const property = fc.asyncProperty(caseOf(fragments), async (c) => {
    const uri = `untitled:fuzz-${++n}.md`;
    const original = SAMPLES[c.sample].text;
    const { changes, text } = changesOf(original, c.edits);
    const known = (p: Property) => {
      const hit = avoided.find((d) => d.properties.includes(p) && (typeof d.triggeredBy === 'function' ? d.triggeredBy(text) : d.triggeredBy.test(text)));
      if (hit) skipped[hit.id] = (skipped[hit.id] ?? 0) + 1;
      return hit !== undefined;
    };
    let version = 1;
    const opened = client.diagnostics(uri, 1);
    await client.open(uri, original);
    await timeout(opened, 'didOpen');
    for (const change of changes) await client.change(uri, ++version, [change]);
    const published = await timeout(client.diagnostics(uri, version), 'diagnostics of the final version');
    // The server's document is the text the test computed.
    try {
      const fresh = analyze(text).findings;
      const server = published.diagnostics.map((d) => key(d.code, d.range)).sort();
      if (!known('incremental')) {
        assert.deepEqual(server, fresh.map((f) => key(f.code, f.range)).sort(), 'incremental = fresh');
        assert.deepEqual(published.diagnostics.map((d) => d.message).sort(), fresh.map((f) => f.message.zh).sort(), 'incremental = fresh (messages)');
      }

      if (!known('cli')) {
        const file = path.join(dir, `${n}.md`);
        writeFileSync(file, text);
        const outcome = await analyzeFile(file, { prose: true });
        const json = JSON.parse(formatJson('findings' in outcome ? [{ path: file, template: outcome.template, findings: outcome.findings }] : [], 'zh-CN'));
        rmSync(file);
        const cli = (json.files[0]?.diagnostics ?? []).map((d: { code: string; range: any }) => key(d.code, d.range)).sort();
        assert.deepEqual(server, cli, 'CLI = server');
      }

      if (!known('fix-all')) {
        const fixAll = async (t: string): Promise<Edit[]> => {
          const actions = await client.request<any[]>('textDocument/codeAction', {
            textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            context: { diagnostics: [], only: ['source.fixAll.tally'] },
          });
          void t;
          return actions[0]?.edit?.changes?.[uri] ?? [];
        };
        const fixed = applyEdits(text, await fixAll(text));
        if (fixed !== text) {
          const before = countByCode(analyze(text).findings.map((f) => f.code));
          const after = analyze(fixed).findings.map((f) => f.code);
          for (const [code, count] of countByCode(after)) {
            assert.ok(count <= (before.get(code) ?? 0), `fix-all adds a finding: ${code} ${before.get(code) ?? 0} → ${count}`);
          }
          const next = client.diagnostics(uri, ++version);
          await client.change(uri, version, [{ text: fixed }]);
          await timeout(next, 'diagnostics after fix-all');
          assert.equal(applyEdits(fixed, await fixAll(fixed)), fixed, 'fix-all is idempotent');
          const back = client.diagnostics(uri, ++version);
          await client.change(uri, version, [{ text }]);
          await timeout(back, 'diagnostics after undo');
        }
      }

      if (!known('format')) {
        const format = async () => client.request<Edit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
        const once = applyEdits(text, await format());
        assert.deepEqual(tableCells(once), tableCells(text), 'formatting keeps every table\'s cells');
        await client.change(uri, ++version, [{ text: once }]);
        assert.equal(applyEdits(once, await format()), once, 'formatting is idempotent');
      }
    } finally {
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
  });

  const started = Date.now();
  try {
    await fc.assert(property, {
      seed: options.seed, numRuns: options.runs, verbose: options.verbose ? 1 : 0,
      ...(options.minutes ? { interruptAfterTimeLimit: options.minutes * 60_000, markInterruptAsFailure: false } : {}),
    });
  } finally {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
  void started;
  return { runs: n, skipped };
}

/** `npm run fuzz -- --seed N --runs N --minutes M --avoid-known` */
async function main(argv: string[]): Promise<number> {
  const arg = (name: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
  const seed = Number(arg('seed') ?? process.env.FUZZ_SEED ?? (Date.now() % 2 ** 31));
  const minutes = Number(arg('minutes') ?? process.env.FUZZ_MINUTES ?? 5);
  const runs = Number(arg('runs') ?? process.env.FUZZ_RUNS ?? 1_000_000);
  const avoidKnown = argv.includes('--avoid-known');
  console.log(`fuzz: seed ${seed}, up to ${runs} runs or ${minutes} min${avoidKnown ? ', known defects avoided' : ''} (replay: npm run fuzz -- --seed ${seed})`);
  const start = Date.now();
  try {
    const { runs: done, skipped } = await fuzz({ seed, runs, minutes, avoidKnown });
    console.log(`fuzz: ${done} sequences in ${((Date.now() - start) / 1000).toFixed(0)} s, no failure (seed ${seed})${
      Object.keys(skipped).length ? `; properties skipped for known defects: ${JSON.stringify(skipped)}` : ''}`);
    return 0;
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? `\nCause: ${e.cause.message.slice(0, 2000)}` : '';
    console.log(`fuzz: FAILED (seed ${seed})\n${e instanceof Error ? e.message : String(e)}${cause}`);
    return 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
