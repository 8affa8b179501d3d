// Front matter of plain `key: value` lines is read without the YAML parser (model/report.ts, simplePairs): where it
// answers, its pairs are the YAML parser's (keys, typed values, value ranges), for random front matter made of
// lines that YAML reads in many ways. TALLY_FUZZ_RUNS sets the number of documents (default 300).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument, isMap, isScalar, type Node as YamlNode } from 'yaml';
import { simplePairs } from '../engine/model/report.js';
import { analyze } from '../engine/index.js';

const RUNS = Number(process.env.TALLY_FUZZ_RUNS ?? 300);

/** The pairs as the YAML parser gives them, or undefined when it finds an error or no mapping. */
function yamlPairs(value: string): unknown {
  const yaml = parseDocument(value, { prettyErrors: false });
  if (yaml.errors.length > 0 || !isMap(yaml.contents)) return undefined;
  return yaml.contents.items.filter((pair) => isScalar(pair.key)).map((pair) => {
    const node = pair.value as YamlNode | null;
    return { key: String((pair.key as { value: unknown }).value), scalar: isScalar(node) ? node.value : undefined,
      range: node?.range ? [node.range[0], node.range[1]] : undefined };
  });
}

const KEYS = ['template', 'year', 'organ', 'source', 'period', 'a-b', 'x_1', 'k'];
const ODD_KEYS = ['null', 'True', '1', '"q"', 'a b', '-k', 'k:'];
const VALUES = [
  'gov-annual-2021', '2022', '2016', '青岚区人民政府办公室', '某某局 （2022）', '"seed-003.txt"', "'单引号'", '""', '2025-Q3', 'a:b',
  'a,b', 'a]b', 'seed-004.txt', 'x  ', 'a"b', "a'b", 'yes', 'no', 'Off', 'a  b', '<<', '=', 'a-',
];
const ODD_VALUES = [
  '0', '007', '2022.5', '1e3', '0x10', '0o17', '-1', '+1', '.5', '.inf', '~', 'null', 'Null', 'true', 'FALSE', '"a \\" b"',
  '"含\t"', "'it''s'", '"未闭合', "'", 'a: b', 'a #b', 'a#b', 'a:', '2025-03', '1_000', '12e', '- item', '[1, 2]', '{a: 1}',
  '&anchor x', '*alias', '!tag x', '|', '>', '%x', '@x', '`x`', '?', 'x\t', '', ' ', '1234567890', '2022 ', '"x" y', "'x' ",
];
const weighted = <T>(usual: T[], odd: T[]) => fc.oneof({ arbitrary: fc.constantFrom(...usual), weight: 6 }, { arbitrary: fc.constantFrom(...odd), weight: 1 });
const LINES = fc.oneof(
  { arbitrary: fc.tuple(weighted(KEYS, ODD_KEYS), weighted([': ', ':  '], [':', ':\t', ' :']), weighted(VALUES, ODD_VALUES)).map(([k, c, v]) => k + c + v), weight: 12 },
  { arbitrary: fc.constantFrom('', ' ', '# comment', '  nested: 1', '---', '...', '- a', 'key', '\tyear: 1'), weight: 1 },
);

test(`front matter read without the YAML parser gives the YAML parser's pairs (${RUNS} runs)`, () => {
  let fast = 0;
  fc.assert(fc.property(fc.array(LINES, { minLength: 1, maxLength: 5 }), fc.boolean(), (lines, crlf) => {
    const value = lines.join(crlf ? '\r\n' : '\n');
    const pairs = simplePairs(value);
    if (pairs === undefined) return;
    fast++;
    assert.deepEqual(pairs.map((p) => ({ ...p, range: [...p.range!] })), yamlPairs(value), JSON.stringify(value));
  }), { numRuns: RUNS });
  assert.ok(fast > RUNS / 20, `${fast} of ${RUNS} read without the YAML parser`);
});

test('the usual front matter is read without the YAML parser, and reads as before', () => {
  const value = 'template: gov-annual-2021\nyear: 2022\norgan: 青岚区人民政府办公室\nsource: "seed-003.txt"\nperiod: 2025-Q3';
  assert.deepEqual(simplePairs(value), yamlPairs(value));
  assert.equal(simplePairs('template: x\ntemplate: y'), undefined);
  const report = analyze(`---\n${value}\n---\n\n# 青岚区2022年政府信息公开工作年度报告\n`);
  assert.equal(report.model.frontMatter?.template?.value, 'gov-annual-2021');
  assert.equal(report.model.frontMatter?.year?.value, 2022);
  assert.deepEqual(report.model.frontMatter?.source?.range, { start: { line: 4, character: 8 }, end: { line: 4, character: 22 } });
});
