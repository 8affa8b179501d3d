// breakdown-sum (R19): "共N…，其中：A a，B b，……其他 c" — a complete breakdown (its last part is 其他 / 其余, or
// it says 分别为) must add up to its whole; a partial one (其中 …) must not exceed it. Exact arithmetic; a
// breakdown with an approximate whole or part (4.13万余条, 30多篇) is not judged, nor one that holds when a part's own
// breakdown written after it (行政复议7件，结果维持6件，尚未审结1件) is read as that.
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { formatDecimal, sum } from '../numbers.js';
import { proseAnalysis } from '../prose/index.js';
import { excerpt, lineAt } from '../prose/describe.js';
import { listedArgs } from '../budget.js';
import { msg } from '../message.js';

export const breakdownSum: Check = {
  codes: ['breakdown-sum'],
  run({ model, binding }) {
    if (!binding.template) return [];
    const out: Finding[] = [];
    for (const b of proseAnalysis(model).breakdowns) {
      if (b.whole.approx || b.parts.some((p) => p.quantity.approx)) continue;
      if (b.exhaustive && b.parts.length < 2) continue;
      const total = sum(b.parts.map((p) => p.quantity.value));
      const whole = b.whole.value;
      if (b.exhaustive ? total.eq(whole) : total.lte(whole)) continue;
      // read with its parts' own breakdowns taken out, the list holds: the words say no more than that
      if (b.nested) {
        const nested = sum(b.nested.map((p) => p.quantity.value));
        if (b.exhaustive ? nested.eq(whole) : nested.lte(whole)) continue;
      }
      const terms = b.parts.map((p) => formatDecimal(p.quantity.value));
      const formula = listedArgs(terms, ' + ');
      const w = formatDecimal(whole);
      const s = formatDecimal(total);
      const unit = b.whole.unit;
      const at = b.sameSentence ? '' : msg('breakdown-sum.whole-at', { line: lineAt(model, b.whole.start), whole: excerpt(model, b.whole) });
      const message = b.exhaustive
        ? msg('breakdown-sum.differs', { sum: s, unit, formula, whole: w, at, off: formatDecimal(total.minus(whole).abs()) })
        : msg('breakdown-sum.exceeds', { sum: s, unit, formula, whole: w, at });
      out.push(finding('breakdown-sum', model.doc.lines.range(b.start, b.end), message, {
        related: [{ range: model.doc.lines.range(b.whole.start, b.whole.end), message: msg('breakdown-sum.the-whole', { whole: b.whole.text }) }],
      }));
    }
    return out;
  },
};
