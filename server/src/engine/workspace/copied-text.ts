// copied-text: paragraphs identical to last year's report (evaluators punish 内容雷同). One finding per paragraph,
// or, when more than half the report is copied, one finding on the title.
import { finding } from '../checks/check.js';
import type { Finding } from '../findings.js';
import { MIN_PARAGRAPH, type ParagraphFact } from './facts.js';
import { displayPath } from './match.js';
import { where, type CrossYearCheck } from './check.js';

export const copiedText: CrossYearCheck = (current, previous) => {
  const earlier = new Map<string, ParagraphFact>();
  for (const p of previous.facts.paragraphs) if (!earlier.has(p.hash)) earlier.set(p.hash, p);
  const copied = current.facts.paragraphs.map((p) => ({ p, there: earlier.get(p.hash) })).filter((c) => c.there);
  if (copied.length === 0) return [];
  const total = current.facts.paragraphs.length;
  const name = displayPath(current.path, previous.path);
  if (copied.length * 2 > total) {
    return [finding('copied-text', current.facts.titleRange, {
      zh: `本报告 ${total} 个段落（${MIN_PARAGRAPH} 字以上）中有 ${copied.length} 个与上年报告 ${name} 完全相同`,
      en: `${copied.length} of the report's ${total} paragraphs (of ${MIN_PARAGRAPH} characters or more) are identical to last year's report ${name}`,
    }, { related: [{ uri: previous.path, range: previous.facts.titleRange, message: { zh: `上年报告 ${name}`, en: `Last year's report ${name}` } }] })];
  }
  const out: Finding[] = [];
  for (const { p, there } of copied) {
    const place = where(current.path, previous.path, there!.range);
    out.push(finding('copied-text', p.range, {
      zh: `本段与上年报告（${place}）的一段完全相同`,
      en: `This paragraph is identical to one in last year's report (${place})`,
    }, { related: [{ uri: previous.path, range: there!.range, message: { zh: `上年报告 ${place} 的同一段`, en: `The same paragraph in last year's report ${place}` } }] }));
  }
  return out;
};
