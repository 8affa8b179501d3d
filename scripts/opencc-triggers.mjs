// Which texts OpenCC's Taiwan → mainland conversions (tw2s, tw2sp: server/src/engine/text.ts) can change, derived
// from their dictionaries, so that a text that none of it can change is left as it is without building them.
//
// A conversion is a chain of stages (the normalisation, then the conversion chain's groups), each replacing the
// longest key at each place. If no key of two or more code points matches in any stage's input, every stage maps
// code point by code point, and the chain maps each code point c to f(c), the composition of the stages' one-code-point
// entries. So a text is left as it is when
//   (1) each of its code points c has f(c) = c, and every intermediate image of c is one code point;
//   (2) no longer key K of stage k matches: the code points of the text that stage k sees at a place of K's j-th
//       code point are those whose image before stage k is that code point (its preimages); K can match only where
//       the text holds, at each position, one of the preimages. Every longer key counts, those mapping to themselves
//       too, since they keep a one-code-point entry from applying.
// The trigger is then: a code point failing (1) (or an ideographic description character, which OpenCC skips with
// its operands), or a run of preimages of some longer key that holds only code points meeting (1). A text that
// does not trigger is converted to itself, exactly; one that does is converted as before.
//
// `node scripts/opencc-triggers.mjs` writes server/src/engine/script-triggers.ts; a test derives it again from the
// installed opencc-js and compares.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js/t2cn';

const cps = (s) => Array.from(s);

/** A group of dictionaries as text.ts's Lexicon reads it: the first dictionary wins, in one the last entry. */
function lexicon(group) {
  const words = new Map();
  for (let d = group.length - 1; d >= 0; d--) {
    const dict = group[d];
    if (typeof dict === 'string') {
      for (const line of dict.split('|')) {
        const [key, value] = line.split(' ');
        if (key) words.set(key, value);
      }
    } else for (const [key, value] of dict) if (key) words.set(key, value);
  }
  return words;
}

/** The stages of a configuration in the order they apply (segmentation only splits: it changes nothing). */
function stagesOf(config) {
  return [...(config.normalizationChain ?? []), ...config.conversionChain].map(lexicon);
}

/** The trigger of one configuration: the code points failing (1), and the longer keys' runs of preimages. */
export function triggerOf(config) {
  const stages = stagesOf(config);
  const relevant = new Set();
  for (const words of stages) for (const [key, value] of words) { for (const c of cps(key)) relevant.add(c); for (const c of cps(value)) relevant.add(c); }
  const unsafe = new Set();
  // images[k]: code point → its image before stage k (one code point), for every relevant code point
  const images = stages.map(() => new Map());
  for (const c of relevant) {
    let x = c;
    for (let k = 0; k < stages.length; k++) {
      if (cps(x).length !== 1) { unsafe.add(c); break; }
      images[k].set(c, x);
      x = stages[k].get(x) ?? x;
    }
    if (x !== c) unsafe.add(c);
  }
  const preimages = images.map((image) => {
    const pre = new Map();
    for (const [c, x] of image) if (!unsafe.has(c)) (pre.get(x) ?? pre.set(x, new Set()).get(x)).add(c);
    return pre;
  });
  // each run: for each position of the key, the safe code points that stage k sees there
  const runs = new Map();
  stages.forEach((words, k) => {
    for (const key of words.keys()) {
      const at = cps(key);
      if (at.length < 2) continue;
      const classes = at.map((c) => [...(preimages[k].get(c) ?? [])].sort());
      // a position no safe code point becomes: the key can match only in a text that triggers already
      if (classes.some((cls) => cls.length === 0)) continue;
      runs.set(classes.map((cls) => cls.join('')).join('\u0000'), classes);
    }
  });
  return { unsafe: [...unsafe].map((c) => c.codePointAt(0)).sort((a, b) => a - b), runs: [...runs.values()] };
}

/** A set of code points of the Basic Multilingual Plane as a bitmap (bit c & 7 of byte c >> 3), in base64. */
function bitmap(points) {
  const bytes = new Uint8Array(0x10000 / 8);
  for (const p of points) if (p <= 0xffff) bytes[p >> 3] |= 1 << (p & 7);
  return Buffer.from(bytes).toString('base64');
}

/**
 * One configuration's trigger as text.ts reads it: the unsafe code points (a bitmap, and those beyond the BMP as a
 * string, with the ideographic description characters, which OpenCC skips with their operands), and the first two
 * code points of every run, over its first two positions' preimages (a text holding none of those pairs holds no
 * run; one holding a pair is converted, which is never wrong).
 */
export function triggerData(config) {
  const { unsafe, runs } = triggerOf(config);
  const ids = [];
  for (let p = 0x2ff0; p <= 0x2fff; p++) ids.push(p);
  const points = [...new Set([...unsafe, ...ids])].sort((a, b) => a - b);
  const pairs = new Set();
  for (const [a, b] of runs) for (const x of a) for (const y of b) pairs.add(x + y);
  const sorted = [...pairs].sort();
  return {
    unsafe: bitmap(points),
    unsafeAstral: String.fromCodePoint(...points.filter((p) => p > 0xffff)),
    pairFirsts: bitmap(sorted.map((pair) => pair.codePointAt(0))),
    pairs: sorted.join('|'),
  };
}

export function generated() {
  const { tw2s, tw2sp } = OpenCC.Locale.configs;
  const data = (config) => JSON.stringify(triggerData(config), null, 2);
  return `// Generated by scripts/opencc-triggers.mjs from opencc-js's dictionaries: do not edit.
// What OpenCC's tw2s (characters) and tw2sp (phrases) conversions can change: a text holding none of these code
// points and pairs is converted to itself (the derivation is in the script).
export interface TriggerData { unsafe: string; unsafeAstral: string; pairFirsts: string; pairs: string }
export const CHARACTERS: TriggerData = ${data(tw2s)};
export const PHRASES: TriggerData = ${data(tw2sp)};
`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = fileURLToPath(new URL('../server/src/engine/script-triggers.ts', import.meta.url));
  fs.writeFileSync(target, generated());
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
