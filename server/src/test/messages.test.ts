// The message catalogues: every id in every locale with the same arguments, every id the code uses present, every
// finding of every sample and fixture rendered in zh-CN, zh-TW and en, zh-TW written in Traditional characters with
// Taiwan's words, the language server speaking zh-TW, and a documentation page for every code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import * as OpenCC from 'opencc-js/cn2t';
import { CATALOGUES, LOCALES, render, type Locale } from '../messages/render.js';
import { ALL_CODES, CODES, type Finding } from '../engine/findings.js';
import { analyzeFiles } from '../cli/analyze-files.js';
import { checkWorkspace, mergeFindings } from '../engine/workspace/index.js';
import type { MessageText } from '../engine/message.js';
import { LspClient } from './lsp-client.js';
import { ROOT, sample } from './support.js';

const root = fileURLToPath(ROOT);

/** The argument names a message uses, from its parsed ICU AST (select and plural branches included). */
function argumentsOf(source: string, locale: Locale): string[] {
  const names = new Set<string>();
  const walk = (elements: ReturnType<IntlMessageFormat['getAst']>) => {
    for (const e of elements as Array<{ type: number; value?: string; options?: Record<string, { value: typeof elements }> }>) {
      if (e.type !== 0 && e.type !== 7 && typeof e.value === 'string') names.add(e.value); // not literals, not #
      for (const option of Object.values(e.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(source, locale, undefined, { ignoreTag: true }).getAst());
  return [...names].sort();
}

// Arguments a language leaves out: Chinese writes the unit after a figure and needs no plural count; English
// quotes with straight quotes only and does not say "之和" for one term.
const LEFT_OUT: Record<string, { en?: string[]; zh?: string[] }> = {
  'breakdown-sum.differs': { en: ['unit'] },
  'breakdown-sum.exceeds': { en: ['unit'] },
  'describe.sum-across': { en: ['count'] },
  'prose-mismatch.quoted': { en: ['quotes'] },
  'relations.exceeds-which-is-normally-impossible': { en: ['terms'] },
  'missing-column.table-lacks-the-column': { zh: ['count'] },
  'row-shape.no-cell': { zh: ['count'] },
  'year-mismatch.not-calendar': { zh: ['first'] },
  'part-count.count-differs': { zh: ['claimed'], en: ['written'] },
  'part-count.other-parts': { zh: ['claimed'], en: ['written'] },
  'part-count.missing': { zh: ['count'] },
  'part-count.unlisted': { zh: ['count'] },
  // English says "gives 37 plus …": the running figure's name is in the sentence already.
  'across.previous-sum': { en: ['name'] },
  'suppress.unused-codes': { zh: ['count'] },
  'suppress.unused-rows': { zh: ['count'] },
  'relations.fix-change-totals': { zh: ['count'] },
  'status.why.tables-not-checked': { zh: ['count'] },
};

describe('catalogues', () => {
  const ids = Object.keys(CATALOGUES['zh-CN']).sort();

  test('every locale has the same ids', () => {
    for (const locale of LOCALES) assert.deepEqual(Object.keys(CATALOGUES[locale]).sort(), ids, locale);
  });

  test('every message parses, and every locale uses the same argument names', () => {
    for (const id of ids) {
      const cn = argumentsOf(CATALOGUES['zh-CN'][id], 'zh-CN');
      const tw = argumentsOf(CATALOGUES['zh-TW'][id], 'zh-TW');
      const en = argumentsOf(CATALOGUES.en[id], 'en');
      assert.deepEqual(tw, cn, `${id}: zh-TW and zh-CN`);
      const all = [...new Set([...cn, ...en])].sort();
      assert.deepEqual([...new Set([...en, ...(LEFT_OUT[id]?.en ?? [])])].sort(), all, `${id}: en`);
      assert.deepEqual([...new Set([...cn, ...(LEFT_OUT[id]?.zh ?? [])])].sort(), all, `${id}: zh`);
    }
  });

  test('every message id the code names is in the catalogues', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) { if (name !== 'test') walk(file); continue; }
        if (!name.endsWith('.ts')) continue;
        for (const m of readFileSync(file, 'utf8').matchAll(/\bmsg\(\s*'([^']+)'/g)) used.add(m[1]);
      }
    };
    walk(path.join(root, 'server/src'));
    assert.ok(used.size > 150, `only ${used.size} ids found`);
    // the codes' descriptions, named from their codes
    for (const info of Object.values(CODES)) used.add(info.title.id);
    for (const id of used) for (const locale of LOCALES) assert.ok(CATALOGUES[locale][id] !== undefined, `${id} is not in ${locale}`);
  });

  test('English plurals: 1 file, 2 files', () => {
    assert.equal(render({ id: 'report.clean', args: { files: 1 } }, 'en'), '✔ 1 file checked, no problems');
    assert.equal(render({ id: 'report.clean', args: { files: 2 } }, 'en'), '✔ 2 files checked, no problems');
    assert.equal(render({ id: 'report.clean', args: { files: 2 } }, 'zh-TW'), '✔ 檢查了 2 個檔案，未發現問題');
  });

  test('a missing id or an unfilled argument is an error, not a silent blank', () => {
    assert.throws(() => render({ id: 'no.such.message' }, 'en'), /no message "no.such.message"/);
    assert.throws(() => render({ id: 'report.clean' }, 'en'));
  });

  test('template wording is shown in Traditional characters for zh-TW; text quoted from the report never changes', () => {
    const m = { id: 'not-a-number.not-a-number', args: { where: { id: 'describe.quoted', args: { text: { label: '总计' } } }, text: '无数据', none: 'no' } };
    assert.equal(render(m, 'zh-CN'), '“总计”应为数字，此处为“无数据”');
    assert.equal(render(m, 'zh-TW'), '「總計」應為數字，此處為「无数据」');
  });

  test('zh-TW texts are Traditional: converting them to Traditional again changes nothing', () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    for (const [id, text] of Object.entries(CATALOGUES['zh-TW'])) assert.equal(toTraditional(text), text, id);
  });

  test('zh-TW uses Taiwan\'s words: 列 for a row, 欄 for a column, 儲存格, 檔案, 範本', () => {
    const tw = CATALOGUES['zh-TW'];
    assert.match(tw['row-shape.fewer'], /此列有 \{n\} 個儲存格/);
    assert.match(tw['row-shape.no-cell'], /」欄沒有對應的儲存格/);
    assert.match(tw['missing-row.table-lacks-the-row'], /一列/);
    assert.match(tw['hover.column'], /欄）$/);
    assert.match(tw['report.clean'], /個檔案/);
    assert.match(tw['title.missing-table'], /範本/);
    // a line of text stays 行
    assert.match(tw['describe.line'], /^第 \{line\} 行$/);
    for (const [id, text] of Object.entries(tw)) {
      assert.doesNotMatch(text, /單元格|模板|文件頭|“|”/, id);
    }
  });
});

function reportFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(md|html?|pdf|docx|txt)$/.test(f) && !/README\.md$/.test(f))
    .map((f) => path.join(dir, f)).sort();
}

function texts(f: Finding): MessageText[] {
  return [f.message, ...(f.related ?? []).map((r) => r.message), ...(f.fixes ?? []).map((x) => x.title)];
}

test('every finding of every sample and fixture renders in all three locales', { timeout: 600_000 }, async () => {
  const files = [...reportFiles(path.join(root, 'samples')), ...reportFiles(path.join(root, 'server/fixtures'))];
  const outcomes = await analyzeFiles(files, {});
  const across = checkWorkspace(outcomes.flatMap((o) => ('facts' in o && o.facts ? [{ path: o.path, facts: o.facts }] : [])));
  const codes = new Set<string>();
  let rendered = 0;
  for (const o of outcomes) {
    const all: MessageText[] = 'error' in o ? (o.message ? [o.message] : []) : mergeFindings(o.findings, across.get(o.path)).flatMap((f) => {
      codes.add(f.code);
      return texts(f);
    });
    for (const m of all) {
      for (const locale of LOCALES) {
        const out = render(m, locale);
        assert.ok(out.length > 0, `${o.path}: an empty message`);
        rendered++;
      }
    }
  }
  assert.ok(rendered > 1000, `only ${rendered} texts`);
  assert.ok(codes.size >= 15, `only ${codes.size} codes`);
});

test('a zh-TW rendering of a sample: Traditional product text with 列 and 欄', async () => {
  const [outcome] = await analyzeFiles([path.join(root, 'samples/002-wulanchabu-2020.md')], {});
  assert.ok(!('error' in outcome));
  const shape = outcome.findings.find((f) => f.code === 'row-shape')!;
  const text = render(shape.message, 'zh-TW');
  assert.equal(text, '「2.重复申请」此列有 9 個儲存格，比表頭少 1 個，「总计」欄沒有對應的儲存格');
  // the row and column labels are the report's own (its header cell 总计), so they stay as written
  const section = render(outcome.findings.find((f) => f.code === 'missing-section')!.message, 'zh-TW');
  // template wording in Traditional characters, the report's own heading as written
  assert.equal(section, '缺少「六、其他需要報告的事項」部分，應在「五、存在问题及改进措施」之後');
});

describe('documentation pages', () => {
  test('every code has docs/checks/<code>.md, listed in docs/checks/README.md', () => {
    const index = readFileSync(path.join(root, 'docs/checks/README.md'), 'utf8');
    for (const code of ALL_CODES) {
      const page = path.join(root, 'docs/checks', `${code}.md`);
      assert.ok(existsSync(page), `${code}.md is missing`);
      const text = readFileSync(page, 'utf8');
      for (const heading of ['## 检查什么', '## 示例', '## 如何屏蔽', '## What it checks', '## How to fix', '## How to silence']) {
        assert.ok(text.includes(heading), `${code}.md lacks ${heading}`);
      }
      // unused-suppression and unknown-code are about comments themselves: only the configuration turns them off.
      assert.ok(text.includes(`tally-disable-next-line ${code}`) || text.includes(`"checks": { "${code}": "off" }`), `${code}.md does not say how to silence it`);
      assert.ok(index.includes(`(${code}.md)`), `the index does not list ${code}`);
    }
  });

  test('the language server with tally.locale zh-TW publishes Traditional messages whose codeDescription is the code\'s page', async () => {
    const client = new LspClient();
    try {
      await client.initialize({ locale: 'zh-CN', debounceMs: 0, settings: { locale: 'zh-TW' } });
      const uri = 'file:///reports/002-wulanchabu-2020.md';
      const published = client.diagnostics(uri);
      await client.open(uri, sample('002-wulanchabu-2020.md'));
      const { diagnostics } = await published;
      const shape = diagnostics.find((d) => d.code === 'row-shape')!;
      assert.match(shape.message, /此列有 9 個儲存格/);
      assert.match(diagnostics.find((d) => d.code === 'missing-section')!.message, /^缺少「六、其他需要報告的事項」部分/);
      for (const d of diagnostics) {
        const href = d.codeDescription?.href as string;
        assert.ok(href?.endsWith(`/docs/checks/${d.code}.md`), `${d.code}: ${href}`);
        assert.ok(existsSync(fileURLToPath(href)), href);
      }
    } finally {
      await client.close();
    }
  });

  test('tally.locale auto follows an editor in zh-tw', async () => {
    const client = new LspClient();
    try {
      await client.initialize({ locale: 'zh-tw', debounceMs: 0 });
      const uri = 'file:///reports/002-wulanchabu-2020.md';
      const published = client.diagnostics(uri);
      await client.open(uri, sample('002-wulanchabu-2020.md'));
      const { diagnostics } = await published;
      assert.match(diagnostics.find((d) => d.code === 'row-shape')!.message, /個儲存格/);
    } finally {
      await client.close();
    }
  });
});

test('the client\'s own strings have zh-TW translations for every key', () => {
  const keys = (file: string) => Object.keys(JSON.parse(readFileSync(path.join(root, file), 'utf8'))).sort();
  assert.deepEqual(keys('package.nls.zh-tw.json'), keys('package.nls.json'));
  assert.deepEqual(keys('client/l10n/bundle.l10n.zh-tw.json'), keys('client/l10n/bundle.l10n.zh-cn.json'));
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  for (const file of ['package.nls.zh-tw.json', 'client/l10n/bundle.l10n.zh-tw.json']) {
    for (const [key, text] of Object.entries(JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, string>)) {
      assert.equal(toTraditional(text), text, `${file}: ${key}`);
    }
  }
});

// `tally check samples --format json` as it was before messages became a catalogue: zh-CN and en stay byte-identical.
test('zh-CN and English messages are byte-identical to the texts before the catalogue', async () => {
  const { execFileSync } = await import('node:child_process');
  for (const locale of ['zh-CN', 'en']) {
    let out: string;
    try {
      out = execFileSync(process.execPath, ['out/cli.js', 'check', 'samples', '--format', 'json', '--locale', locale], { cwd: root, encoding: 'utf8' });
    } catch (e) { out = (e as { stdout: string }).stdout; }
    assert.equal(out, readFileSync(path.join(root, `server/src/test/fixtures/messages/samples.${locale}.json`), 'utf8'), locale);
  }
});

test('a cell that breaks its row sum and its column sum: the two read apart, and zh-TW names the cell in one script', async () => {
  const { analyze } = await import('../engine/index.js');
  const lines = sample('clean-2021.md').split('\n');
  const at = lines.findIndex((l) => l.startsWith('| （七）总计 |'));
  lines[at] = lines[at].replace(/\| 156 \|$/, '| 157 |');
  const fault = analyze(lines.join('\n')).findings.find((f) => f.code === 'total-mismatch')!;
  const cn = render(fault.message, 'zh-CN');
  assert.match(cn, /157 ≠ 同行各列之和 156/);
  assert.match(cn, /157 ≠ 同列各行之和 156/);
  assert.match(render(fault.message, 'en'), /the sum across its row 156.*the sum down its column 156/);
  const tw = render(fault.message, 'zh-TW');
  assert.match(tw, /同列各欄之和/);
  assert.ok(!tw.includes('总计'), tw);
});
