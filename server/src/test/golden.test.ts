// One golden test per sample: the codes and lines Tally reports, reviewed by hand against DOMAIN.md and the
// seeds' README. The seeds keep their real defects, and these expectations keep them found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../engine/index.js';
import { sample, summary } from './support.js';

const GOLDEN: Record<string, { template: string | null; findings: string[] }> = {
  // 2021, Traditional script: 二 and 四 have no table, the 三 table lost every number.
  '000-panzhihua-2021.md': {
    template: 'gov-annual-2021',
    findings: ['20 missing-table', '24 empty-table', '54 missing-table', '56 section-title'],
  },
  // Legacy, nine parts: the 附表 is promised but says 无. The 主动公开 categories sum to 64,917, not 64,585;
  // 4 of 64,585 is 0.01% (0.0062%), not 0.06%; 42,385 is 65.63%, not 65.29% (its share of 64,917).
  '001-nanjiang-2018.md': {
    template: 'gov-annual-legacy',
    findings: ['26 breakdown-sum', '26 percentage', '26 percentage', '72 missing-table'],
  },
  // 2019 format: 2.重复申请 lost its 总计 cell; section 六 is missing; two variant titles.
  '002-wulanchabu-2020.md': {
    template: 'gov-annual-2019',
    findings: ['97 row-shape', '105 section-title', '113 missing-section', '113 section-title'],
  },
  // Legacy with 附表: 1、2、3、3、5、6 under （三）; the categories sum to 343,134, not the 344,266 stated before
  // them, and 3.41% is truncated (information); three shares of the 687 applications are truncated too
  // (0.14%, 25.61%, 45.26%); the text says 同意部分公开 41件 where the 附表 says 43; 申请答复数 687 exceeds
  // 申请办结数 655 (L11).
  '003-xiangtan-2016.md': {
    template: 'gov-annual-legacy',
    findings: ['38 numbering', '140 breakdown-sum', '140 percentage', '148 percentage', '148 percentage', '148 percentage',
      '152 prose-mismatch', '203 bound'],
  },
  // A work summary, not an annual report: one finding, not six missing sections.
  '004-gaoping-2022.md': { template: null, findings: ['1 not-a-report'] },
  // 2019 format, a real report that leaves every 0 blank (server/fixtures/real/FINDINGS.md): the 三 and 四 tables read
  // their blanks as 0 (one blank-as-zero each); 11 rows of 三 leave out a 总计 whose parts are not 0 (one empty-cell for
  // the column); 258 + 35 + 265 + 158 + 0 = 716, not 805; 33.9% fits no figure, 4.34% is truncated; 采购总金额
  // “251000元” carries a unit; a variant title for 五.
  '005-shanghai-2019.md': {
    template: 'gov-annual-2019',
    findings: ['33 prose-mismatch', '33 breakdown-sum', '33 percentage', '33 percentage', '33 prose-mismatch', '33 claim-contradiction',
      '92 unit', '96 blank-as-zero', '102 empty-cell', '126 blank-as-zero', '132 section-title'],
  },
  'clean-2021.md': { template: 'gov-annual-2021', findings: [] },
  'clean-2019.md': { template: 'gov-annual-2019', findings: [] },
};

for (const [name, expected] of Object.entries(GOLDEN)) {
  test(`golden: ${name}`, () => {
    const result = analyze(sample(name));
    assert.equal(result.template, expected.template);
    assert.deepEqual(summary(result.findings), expected.findings);
  });
}

test('golden: the clean reports bind every template table', () => {
  assert.deepEqual(analyze(sample('clean-2021.md')).binding.tables.map((t) => t.spec.id),
    ['item-1', 'item-5', 'item-6', 'item-8', 'requests', 'appeals']);
  assert.deepEqual(analyze(sample('clean-2019.md')).binding.tables.map((t) => t.spec.id),
    ['item-1', 'item-5', 'item-6', 'item-8', 'item-9', 'requests', 'appeals']);
});

test('golden: seed 003 附表 relations L1–L10 hold, so only the soft L11 bound is reported', () => {
  const result = analyze(sample('003-xiangtan-2016.md'));
  const appendix = result.binding.tables.find((t) => t.spec.id === 'appendix');
  assert.ok(appendix, 'the 附表 is bound');
  assert.ok(appendix.rows.size >= 60, `most 附表 rows are recognised (${appendix.rows.size})`);
});

test('golden: CRLF line endings and a byte-order mark give the same findings at the same places', () => {
  for (const name of Object.keys(GOLDEN)) {
    const text = sample(name);
    const expected = JSON.stringify(analyze(text).findings.map((f) => [f.code, f.range]));
    assert.equal(JSON.stringify(analyze(text.replace(/\n/g, '\r\n')).findings.map((f) => [f.code, f.range])), expected, name);
    assert.equal(JSON.stringify(analyze(`\ufeff${text}`).findings.map((f) => [f.code, f.range])), expected, name);
  }
});
