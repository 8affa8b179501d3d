// breakdown-sum (R19): "共N…，其中：A a，B b，……其他 c" — a complete breakdown (its last part is 其他 / 其余, or
// it says 分别为) must add up to its whole; a partial one (其中 …) must not exceed it. Exact arithmetic; a
// breakdown with an approximate whole or part (4.13万余条, 30多篇) is not judged.
import { finding, type Check } from './check.js';
import type { Finding } from '../findings.js';
import { formatDecimal, sum } from '../numbers.js';
import { proseAnalysis } from '../prose/index.js';
import { excerpt, lineAt } from '../prose/describe.js';
import { listed } from '../budget.js';

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
      const terms = b.parts.map((p) => formatDecimal(p.quantity.value));
      const formula = { zh: listed(terms, ' + ', 'zh'), en: listed(terms, ' + ', 'en') };
      const w = formatDecimal(whole);
      const s = formatDecimal(total);
      const unit = b.whole.unit;
      const at = b.sameSentence ? { zh: '', en: '' }
        : { zh: `（第 ${lineAt(model, b.whole.start)} 行“${excerpt(model, b.whole)}”）`, en: ` (line ${lineAt(model, b.whole.start)}: "${excerpt(model, b.whole)}")` };
      const message = b.exhaustive
        ? {
          zh: `所列各项之和为 ${s}${unit}（${formula.zh}），与总数 ${w}${unit}${at.zh}不符，相差 ${formatDecimal(total.minus(whole).abs())}`,
          en: `The parts listed add up to ${s} (${formula.en}), not to the whole of ${w}${at.en}; off by ${formatDecimal(total.minus(whole).abs())}`,
        }
        : {
          zh: `“其中”所列各项之和 ${s}${unit}（${formula.zh}）超过了总数 ${w}${unit}${at.zh}`,
          en: `The parts listed after 其中 add up to ${s} (${formula.en}), more than the whole of ${w}${at.en}`,
        };
      out.push(finding('breakdown-sum', model.doc.lines.range(b.start, b.end), message, {
        related: [{ range: model.doc.lines.range(b.whole.start, b.whole.end), message: { zh: `总数：${b.whole.text}`, en: `The whole: ${b.whole.text}` } }],
      }));
    }
    return out;
  },
};
