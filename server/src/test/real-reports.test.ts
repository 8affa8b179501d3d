// Real published reports (server/fixtures/real), checked the way `tally check` checks a pasted .txt:
// every fault verified by hand in expected.json must be found, and a report marked clean gets no error.
// Cases that fail today are marked `todo` with the reason, so the gap stays visible without failing the suite.
import { render } from '../messages/render.js';
import type { MessageText } from '../engine/message.js';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { analyzeFile } from '../cli/analyze-files.js';
import { importReport } from '../import/index.js';

const DIR = fileURLToPath(new URL('../../server/fixtures/real/', import.meta.url));

interface Fault { code: string; row: string; column: string; note: string; match?: string; severity?: string }
interface Expectation {
  template: string | null;
  clean: boolean;
  truncated?: boolean;
  truncationCodes?: string[];
  faults: Fault[];
  notFalse?: string[];
}

const expected = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, Expectation | string>;

/** Known gaps: `file#fault index` (or `file#clean`, `file#notFalse`) → why Tally misses it today. */
const TODO: Record<string, string> = {
};

const outcomes = new Map<string, ReturnType<typeof analyzeFile>>();

async function check(file: string) {
  if (!outcomes.has(file)) outcomes.set(file, analyzeFile(path.join(DIR, file), {}));
  const outcome = await outcomes.get(file)!;
  assert.ok(!('error' in outcome), `${file} could not be checked: ${'error' in outcome ? outcome.error : ''}`);
  return outcome as Extract<typeof outcome, { findings: unknown }>;
}

function messageOf(f: { message: MessageText | string }): string {
  return typeof f.message === 'string' ? f.message : `${render(f.message, 'zh-CN')} ${render(f.message, 'en')}`;
}

for (const [file, spec] of Object.entries(expected)) {
  if (typeof spec === 'string') continue;
  describe(`real report ${file}`, () => {
    test('is read with its template', async () => {
      const outcome = await check(file);
      assert.equal(outcome.template, spec.template);
    });
    spec.faults.forEach((fault, i) => {
      const key = `${file}#${i}`;
      test(`finds ${fault.code} on ${fault.row}${fault.column ? ` / ${fault.column}` : ''}`, TODO[key] ? { todo: TODO[key] } : {}, async () => {
        const outcome = await check(file);
        const hits = outcome.findings.filter((f) => f.code === fault.code && (!fault.match || messageOf(f).includes(fault.match))
          && (!fault.severity || f.severity === fault.severity));
        assert.ok(hits.length > 0, `${fault.code} not found (${fault.note}); found: ${outcome.findings.map((f) => f.code).join(', ')}`);
      });
    });
    if (spec.clean) {
      test('raises no error on a clean report', TODO[`${file}#clean`] ? { todo: TODO[`${file}#clean`] } : {}, async () => {
        const outcome = await check(file);
        const ignored = new Set(spec.truncated ? spec.truncationCodes ?? [] : []);
        const errors = outcome.findings.filter((f) => f.severity === 'error' && !ignored.has(f.code));
        assert.deepEqual(errors.map((f) => `${f.range.start.line + 1} ${f.code} ${messageOf(f)}`), []);
      });
    }
    if (spec.notFalse?.length) {
      test(`raises none of ${spec.notFalse.join(', ')}`, TODO[`${file}#notFalse`] ? { todo: TODO[`${file}#notFalse`] } : {}, async () => {
        const outcome = await check(file);
        const wrong = outcome.findings.filter((f) => spec.notFalse!.includes(f.code));
        assert.deepEqual(wrong.map((f) => `${f.range.start.line + 1} ${f.code}`), []);
      });
    }
  });
}

describe('real reports: what the importer must not guess', () => {
  test('xiongxian: tables printed as labels only are empty tables, their labels never headings', async () => {
    const outcome = await check('partial/xiongxian-township-2019.txt');
    const codes = outcome.findings.map((f) => f.code);
    assert.ok(!codes.includes('missing-table'), codes.join(', '));
    assert.ok(!codes.includes('duplicate-section') && !codes.includes('numbering'), codes.join(', '));
    assert.equal(outcome.findings.filter((f) => f.code === 'empty-table' && /收到和处理政府信息公开申请情况|行政复议/.test(messageOf(f))).length, 2);
  });

  test('taiping: header words wrapped over paragraphs of their own still make the header; every row keeps its 7 figures', async () => {
    const outcome = await check('partial/taiping-township-2022.txt');
    const codes = outcome.findings.map((f) => f.code);
    assert.ok(!codes.includes('empty-table') && !codes.includes('import') && !codes.includes('empty-cell'), codes.join(', '));
    const imported = await importReport(readFileSync(path.join(DIR, 'partial/taiping-township-2022.txt')), 'taiping-township-2022.txt');
    assert.ok(!('error' in imported));
    const rows = imported.markdown.split('\n').filter((l) => /^\| .*(申请数量|予以公开|部分公开|国家秘密|禁止公开|三安全一稳定)/.test(l));
    assert.equal(rows.length, 7, rows.join('\n'));
    for (const row of rows) assert.match(row, /( 0 \|){7}$/, row);
    assert.ok(imported.markdown.includes('| 商业企业 | 科研机构 |'));
  });

  test('yueyang: figures whose columns were lost are not placed in columns; the rows stay short and the note lists them', async () => {
    const outcome = await check('partial/yueyang-nanhu-bureau-2019.txt');
    const shape = outcome.findings.filter((f) => f.code === 'row-shape').map((f) => f.range.start.line);
    assert.ok(shape.length >= 2);
    for (const line of shape) {
      const note = outcome.findings.find((f) => f.code === 'import' && f.range.start.line === line);
      assert.ok(note, `an import note on the row at line ${line + 1}`);
      assert.match(messageOf(note), /收到和处理政府信息公开申请情况.*无法确定/);
    }
    assert.ok(outcome.findings.some((f) => f.code === 'import' && /一、本年新收政府信息公开申请数量.*3、3/.test(messageOf(f))));
    // No consequence of a guessed placement (总计 column blank) and no empty table: the figures exist.
    assert.deepEqual(outcome.findings.filter((f) => f.code === 'empty-table' || (f.code === 'empty-cell' && /总计/.test(messageOf(f)))).map((f) => messageOf(f)), []);
  });
});

test('shanghai-gov-office-2019.txt: the prose figures that hold (859, 805, 18, 72, 35, 158, 13, 60) are not flagged', async () => {
  const outcome = await check('shanghai-gov-office-2019.txt');
  const prose = outcome.findings.filter((f) => f.code === 'prose-mismatch').map((f) => messageOf(f));
  assert.equal(prose.length, 2, prose.join('\n'));
  assert.ok(prose[0].includes('予以公开及部分公开258件') && prose[0].includes('275'));
  assert.ok(prose[1].includes('无法提供265件') && prose[1].includes('337'));
  const claims = outcome.findings.filter((f) => f.code === 'claim-contradiction');
  assert.equal(claims.length, 1);
  assert.match(messageOf(claims[0]), /尚未审结”为 2.*尚未审结”为 1/);
});
