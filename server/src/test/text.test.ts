// Normalisation that label matching and numbering rest on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as OpenCC from 'opencc-js/t2cn';
import { chineseNumeral, leadingEnumerator, labelKey, labelsMatch, toChineseNumeral, canonical, toSimplified, toSimplifiedPhrases } from '../engine/text.js';
import { readCell } from '../engine/numbers.js';

test('Chinese numerals both ways', () => {
  for (const [text, n] of [['一', 1], ['十', 10], ['十二', 12], ['二十', 20], ['九十九', 99], ['两', 2]] as const) {
    assert.equal(chineseNumeral(text), n);
  }
  assert.equal(chineseNumeral('甲'), undefined);
  for (const n of [1, 9, 10, 11, 20, 35]) assert.equal(chineseNumeral(toChineseNumeral(n)), n);
});

test('enumerators: styles, values and what is not one', () => {
  const cases: Array<[string, string | undefined, number?]> = [
    ['一、总体情况', 'cn', 1], ['六．其他', 'cn', 6], ['二、2016年政务公开要点', 'cn', 2], ['第三部分 申请', 'cn', 3],
    ['（三）不予公开', 'cn-paren', 3], ['(一)予以公开', 'cn-paren', 1], ['3、政务新媒体', 'arabic', 3], ['1．当面', 'arabic', 1],
    ['2.重复申请', 'arabic', 2], ['１２、全角', 'arabic', 12], ['（2）市场监管', 'arabic-paren', 2], ['③第三', 'circled', 3],
    ['1.5万条信息', undefined], ['2016年，我市', undefined], ['一是加强领导', undefined], ['十分重视', undefined],
  ];
  for (const [text, style, value] of cases) {
    const e = leadingEnumerator(text);
    assert.equal(e?.style, style, text);
    if (value !== undefined) assert.equal(e?.value, value, text);
  }
});

test('labels match across script, width, spacing, brackets, quotes and enumerators', () => {
  const same = [
    ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '(二)部分公开(区分处理的,只计这一情形,不计其他情形)'],
    ['部分公开（区分处理的，只计这一情形，不计其他情形）', '部分公开'],
    ['3.危及“三安全一稳定”', '3．危及"三安全一稳定"'],
    ['自然人', '自 然 人'],
    ['1.本机关不掌握相关政府信息', '1.本機關不掌握相關政府資訊'],
    ['8.属于行政查询事项', '8.屬於行政查詢事項'],
    ['其中：主动公开规范性文件数', '主动公开规范性文件数'],
  ];
  for (const [a, b] of same) assert.ok(labelsMatch(labelKey(a), labelKey(b)), `${a} ~ ${b}`);
  assert.ok(!labelsMatch(labelKey('1.属于国家秘密'), labelKey('2.其他法律行政法规禁止公开')));
  assert.equal(canonical('總體情況'), '总体情况');
});

test('Traditional → Simplified converts as OpenCC does itself (tw → cn, twp → cn)', () => {
  const configs = OpenCC.Locale.configs as unknown as Record<string, { normalizationChain?: unknown[][]; segmentation?: unknown[]; conversionChain: unknown[][] }>;
  const keys = new Set<string>();
  for (const name of ['tw2s', 'tw2sp']) {
    const c = configs[name];
    for (const dict of [...(c.normalizationChain ?? []).flat(), ...(c.segmentation ?? []), ...c.conversionChain.flat()]) {
      if (typeof dict === 'string') for (const line of dict.split('|')) keys.add(line.split(' ')[0]);
    }
  }
  const words = [...keys];
  const samples = new URL('../../samples/', import.meta.url);
  const texts = [
    ...words,
    // keys side by side, so that matches overlap and compete
    ...Array.from({ length: Math.ceil(words.length / 7) }, (_, i) => words.slice(i * 7, i * 7 + 7).join('')),
    ...Array.from({ length: Math.ceil(words.length / 5) }, (_, i) => words.slice(i * 5, i * 5 + 5).reverse().join('的')),
    ...readdirSync(samples).filter((f) => f.endsWith('.md')).flatMap((f) => readFileSync(new URL(f, samples), 'utf8').split('\n')),
    '⿰木木林', '⿱⿰木木木森', '𠀀資訊𠀁', '', 'abc',
  ];
  const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const twp = OpenCC.Converter({ from: 'twp', to: 'cn' });
  for (const text of texts) {
    assert.equal(toSimplified(text), tw(text), text);
    assert.equal(toSimplifiedPhrases(text), twp(text), text);
  }
});

test('cells: numbers, blanks and everything else', () => {
  const number = (raw: string) => {
    const v = readCell(raw);
    return v.kind === 'number' ? v.value.toFixed() : v.kind;
  };
  assert.equal(number('1288'), '1288');
  assert.equal(number(' 1,288 '), '1288');
  assert.equal(number('１２８８'), '1288');
  assert.equal(number('2316.48'), '2316.48');
  assert.equal(number('-3'), '-3');
  assert.equal(number('**12**'), '12');
  assert.equal(number(''), 'empty');
  assert.equal(number('   '), 'empty');
  assert.equal(number('—'), 'text');
  assert.equal(number('12件'), 'text');
  assert.equal(number('1,28'), 'text');
  assert.equal(readCell('１２').kind === 'number' && readCell('１２').kind, 'number');
});
