// Normalisation that label matching and numbering rest on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as OpenCC from 'opencc-js/t2cn';
import fc from 'fast-check';
import { chineseNumeral, leadingEnumerator, labelKey, labelsMatch, toChineseNumeral, canonical, toSimplified, toSimplifiedPhrases, scriptMayChange, trimToWords, knownWordUnit, organKey } from '../engine/text.js';
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

test('a label is read with Taiwan phrasing only when it is written in Traditional script', () => {
  // Traditional with Taiwan phrasing: 資訊 is read as 信息 too
  assert.ok(labelsMatch(labelKey('三、收到和處理政府資訊公開申請情況'), labelKey('三、收到和处理政府信息公开申请情况')));
  assert.equal(labelKey('收到和處理政府資訊公開申請情況').phrased?.full, '收到和处理政府信息公开申请情况');
  // Simplified: no second reading (规范性文件 read as Taiwan phrasing would be 规范性文档, which nobody writes)
  assert.equal(labelKey('行政规范性文件').phrased, undefined);
  assert.equal(labelKey('主动公开规范性文件数').phrased, undefined);
  assert.ok(!labelsMatch(labelKey('行政规范性文件'), labelKey('行政规范性文档')));
  // the same words in Traditional still match the Simplified label
  assert.ok(labelsMatch(labelKey('行政規範性文件'), labelKey('行政规范性文件')));
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
    // published reports, Traditional (seed 000) and Simplified, line by line and whole
    ...realTexts().flatMap((text) => [text, ...text.split('\n')]),
    '⿰木木林', '⿱⿰木木木森', '𠀀資訊𠀁', '', 'abc',
    // the first and the last keys of a dictionary, and code points around them (the dictionaries are read by
    // binary search on first code points)
    ...words.flatMap((w) => { const cp = w.codePointAt(0)!; return [String.fromCodePoint(cp - 1) + w, String.fromCodePoint(cp + 1) + w.slice(1)]; }),
  ];
  // random mixtures of keys' characters and plain text, so that keys meet in places no list above puts them
  const chars = Array.from('的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞0123456789（）、，。|- ');
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pool = [...new Set(words.flatMap((w) => Array.from(w)))];
  for (let n = 0; n < 3000; n++) {
    let text = '';
    for (let len = 1 + Math.floor(next() * 24); len > 0; len--) {
      const r = next();
      text += r < 0.3 ? words[Math.floor(next() * words.length)] : r < 0.65 ? pool[Math.floor(next() * pool.length)] : chars[Math.floor(next() * chars.length)];
    }
    texts.push(text);
  }
  const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const twp = OpenCC.Converter({ from: 'twp', to: 'cn' });
  for (const text of texts) {
    assert.equal(toSimplified(text), tw(text), text);
    assert.equal(toSimplifiedPhrases(text), twp(text), text);
  }
});

test("OpenCC's dictionaries are sorted by their keys' first code points (the converter reads them by binary search)", () => {
  const configs = OpenCC.Locale.configs as unknown as Record<string, { normalizationChain?: unknown[][]; segmentation?: unknown[]; conversionChain: unknown[][] }>;
  let dictionaries = 0;
  for (const name of ['tw2s', 'tw2sp']) {
    const c = configs[name];
    for (const dict of [...(c.normalizationChain ?? []).flat(), ...(c.segmentation ?? []), ...c.conversionChain.flat()]) {
      assert.equal(typeof dict, 'string', `${name}: a dictionary of pairs`);
      const firsts = (dict as string).split('|').map((line) => line.codePointAt(0)!);
      for (let i = 1; i < firsts.length; i++) assert.ok(firsts[i - 1] <= firsts[i], `${name}: entry ${i} out of order`);
      dictionaries++;
    }
  }
  assert.ok(dictionaries >= 8);
});

test("the conversions' triggers are those derived from the installed dictionaries (scripts/opencc-triggers.mjs)", async () => {
  const script = new URL('../../scripts/opencc-triggers.mjs', import.meta.url).href;
  const { generated } = await import(script) as { generated(): string };
  const committed = readFileSync(new URL('../../server/src/engine/script-triggers.ts', import.meta.url), 'utf8');
  assert.ok(generated() === committed, 'server/src/engine/script-triggers.ts is stale: run `node scripts/opencc-triggers.mjs`');
});

test('a Simplified report needs no conversion, a Traditional one does', () => {
  // the point of the triggers: the dictionaries are not built for most Simplified labels
  const labels = ['本年新收政府信息公开申请数量', '（一）予以公开', '三、收到和处理政府信息公开申请情况', '自然人', '办理结果'];
  for (const label of labels) assert.ok(!scriptMayChange(label), label);
  for (const label of ['三、收到和處理政府資訊公開申請情況', '行政規範性文件', '資訊']) assert.ok(scriptMayChange(label), label);
  // a Simplified text that Taiwan phrasing reads otherwise (文件 → 文档) is converted
  assert.ok(scriptMayChange('行政规范性文件'));
  assert.equal(toSimplifiedPhrases('行政规范性文件'), OpenCC.Converter({ from: 'twp', to: 'cn' })('行政规范性文件'));
  assert.equal(toSimplified('三、收到和處理政府資訊公開申請情況'), '三、收到和处理政府资讯公开申请情况');
  assert.equal(toSimplifiedPhrases('三、收到和處理政府資訊公開申請情況'), '三、收到和处理政府信息公开申请情况');
});

test('a text trimmed to its letters and digits, as the Unicode expression ^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$ trims it', () => {
  assert.equal(trimToWords('（白沙县人民政府）'), '白沙县人民政府');
  assert.equal(trimToWords('——'), '');
  assert.equal(trimToWords('𠀀县·'), '𠀀县');
  assert.equal(trimToWords('“2021”'), '2021');
  const alphabet = Array.from('白沙县2a（）“”·—-_ 𠀀🙂\ud800\udc00');
  let seed = 5;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 2000; n++) {
    let text = '';
    for (let len = Math.floor(next() * 8); len > 0; len--) text += alphabet[Math.floor(next() * alphabet.length)];
    if (next() < 0.1) text += '\ud800'; // a lone surrogate
    assert.equal(trimToWords(text), text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''), JSON.stringify(text));
  }
});

/** Published reports' text in the repository (server/fixtures: provenance in their READMEs). */
function realTexts(): string[] {
  const dirs = ['../../server/fixtures/import/text/', '../../server/fixtures/real/', '../../server/fixtures/real/partial/'].map((d) => new URL(d, import.meta.url));
  return dirs.flatMap((dir) => readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f) && !/^(README|FINDINGS)/.test(f)).map((f) => readFileSync(new URL(f, dir), 'utf8')));
}

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
  // a 本年增/减 as the 2019 tables write it (a 2020 report of 乌海市工业和信息化局: 其他对外管理服务事项 +2, 行政处罚 -1)
  assert.equal(number('+2'), '2');
  assert.equal(number('＋1,024'), '1024');
  assert.equal(number('−1'), '-1');
  assert.equal(number('+-2'), 'text');
  assert.equal(number('**12**'), '12');
  assert.equal(number(''), 'empty');
  assert.equal(number('   '), 'empty');
  assert.equal(number('—'), 'text');
  assert.equal(number('12件'), 'text');
  assert.equal(number('1,28'), 'text');
  assert.equal(readCell('１２').kind === 'number' && readCell('１２').kind, 'number');
});

test('a cell of signs, digits, separators and spaces is read, never thrown on', () => {
  const cell = fc.array(fc.constantFrom('+', '-', '＋', '−', '－', '0', '7', '１', ',', '.', '．', ' ', '*', '_', '%', 'e', '件'), { maxLength: 10 }).map((a) => a.join(''));
  fc.assert(fc.property(cell, (raw) => {
    const v = readCell(raw);
    // a number is the value written: its signs, spaces and thousands separators read as a person reads them
    if (v.kind === 'number') {
      const written = raw.normalize('NFKC').replace(/[−－]/g, '-').replace(/[\s*_]/g, '').replace(/^\+/, '').replace(/,/g, '');
      assert.ok(v.value.eq(written), `${raw} read as ${v.value.toFixed()}`);
    }
  }), { numRuns: 3000, seed: 11 });
});

test('letters and digits known without Unicode data are those \\p{L}\\p{N} names, for every code unit', () => {
  const WORD = /[\p{L}\p{N}]/u;
  let known = 0;
  for (let c = 0; c <= 0xffff; c++) {
    const k = knownWordUnit(c);
    if (k === -1) continue;
    known++;
    assert.equal(k === 1, WORD.test(String.fromCharCode(c)), `U+${c.toString(16).padStart(4, '0')}`);
  }
  // ASCII, the two ideograph blocks and the punctuation list
  assert.ok(known > 128 + 20_992 + 6_592 + 40, String(known));
});

test('label keys, body names and trimmed names are the \\p{L}\\p{N} reading of any text, known characters or not', () => {
  const pieces = ['规范性文件', '（二）', '(一)', '、', '。', ' ', '\u3000', 'abc', '１２', '〇', '々', '〆', '𠀀', '😀', 'é', 'Ⅷ', '②', '—', '…', '“', '»', '٣', '·', '\u00a0', '市', '人民政府'];
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((a) => a.join(''));
  fc.assert(fc.property(text, (t) => {
    const body = canonical(t);
    assert.equal(organKey(t), body.replace(/[^\p{L}\p{N}]/gu, ''));
    const start = /^[^\p{L}\p{N}]*/u.exec(t)![0].length;
    const rest = t.slice(start);
    assert.equal(trimToWords(t), rest.slice(0, rest.length - /[^\p{L}\p{N}]*$/u.exec(rest)![0].length));
  }), { numRuns: 2000, seed: 4242 });
});
