// percentage (R20): "a条，占x%" in a breakdown — x must be a ÷ whole × 100 at the precision x is written to.
// Rounded (half up): fine. Truncated: information, since reports often truncate. Otherwise a warning with the
// right value. The share is computed against the stated whole, even when the parts do not add up to it
// (breakdown-sum reports that); the message then says what the parts' sum would give, when that is x.
import Big from 'big.js';
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { formatDecimal, isZero, sum, type Decimal } from '../numbers.js';
import { percentMatch, proseAnalysis } from '../prose/index.js';
import { writtenLike } from '../prose/describe.js';
import { msg } from '../message.js';

/** part ÷ whole × 100 with enough decimals to show what it is (at least two significant digits). */
function shown(exact: Decimal, decimals: number): string {
  let places = decimals + 2;
  if (exact.gt(0) && exact.lt(1)) {
    const lead = -Math.floor(Math.log10(Number(exact)));
    places = Math.max(places, lead + 1);
  }
  return formatDecimal(new Big(exact.toFixed(places)));
}

export const percentage: Check = {
  codes: ['percentage'],
  run({ model, binding }) {
    if (!binding.template) return [];
    const out: Finding[] = [];
    for (const b of proseAnalysis(model).breakdowns) {
      const whole = b.whole.value;
      if (b.whole.approx || isZero(whole)) continue;
      const partsSum = sum(b.parts.map((p) => p.quantity.value));
      for (const part of b.parts) {
        const pct = part.percent;
        if (!pct || part.quantity.approx) continue;
        const match = percentMatch(part.quantity.value, whole, pct);
        if (match === 'round') continue;
        const d = pct.decimals;
        const exact = part.quantity.value.times(100).div(whole);
        const rounded = exact.round(d, Big.roundHalfUp).toFixed(d);
        const stated = formatDecimal(pct.value);
        const a = formatDecimal(part.quantity.value);
        const w = formatDecimal(whole);
        const range = model.doc.lines.range(pct.start, pct.end);
        const fix = {
          title: msg('percentage.fix-change-to', { rounded }), safe: false,
          edits: [{ range: model.doc.lines.range(pct.numberStart, pct.numberEnd), newText: writtenLike(model, pct, new Big(rounded), d) }],
        };
        const related = [{ range: model.doc.lines.range(b.whole.start, b.whole.end), message: msg('percentage.the-whole', { text: b.whole.text }) }];
        if (match === 'truncate') {
          out.push(finding('percentage', range, msg('percentage.is-truncated-which-rounds-to', { stated, a, w, arg: shown(exact, d), rounded }), { severity: 'information', related, fixes: [fix] }));
          continue;
        }
        const bySum = !partsSum.eq(whole) && percentMatch(part.quantity.value, partsSum, pct) !== 'no'
          ? msg('percentage.is-its-share-of-the', { partsSum: formatDecimal(partsSum), stated })
          : msg('percentage.nothing');
        out.push(finding('percentage', range, msg('percentage.the-share-should-be-not', { rounded, stated, a, w, arg: shown(exact, d), bySum }), { related, fixes: [fix] }));
      }
    }
    return out;
  },
};
