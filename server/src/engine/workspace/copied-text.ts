// copied-text: paragraphs identical to last year's report (evaluators punish 内容雷同). One finding per paragraph,
// or, when more than half the report is copied, one finding on the title.
import { finding } from '../checks/check.js';
import type { Finding } from '../findings.js';
import { MIN_PARAGRAPH, type ParagraphFact } from './facts.js';
import { displayPath } from './match.js';
import { where, type CrossYearCheck } from './check.js';
import { msg } from '../message.js';

export const copiedText: CrossYearCheck = (current, previous) => {
  const earlier = new Map<string, ParagraphFact>();
  for (const p of previous.facts.paragraphs) if (!earlier.has(p.hash)) earlier.set(p.hash, p);
  const copied = current.facts.paragraphs.map((p) => ({ p, there: earlier.get(p.hash) })).filter((c) => c.there);
  if (copied.length === 0) return [];
  const total = current.facts.paragraphs.length;
  const name = displayPath(current.path, previous.path);
  if (copied.length * 2 > total) {
    return [finding('copied-text', current.facts.titleRange, msg('copied-text.of-the-report-s-paragraphs', { total, MIN_PARAGRAPH, length: copied.length, name }), { related: [{ uri: previous.path, range: previous.facts.titleRange, message: msg('copied-text.last-year-s-report', { name }) }] })];
  }
  const out: Finding[] = [];
  for (const { p, there } of copied) {
    const place = where(current.path, previous.path, there!.range);
    out.push(finding('copied-text', p.range, msg('copied-text.this-paragraph-is-identical-to', { place }), { related: [{ uri: previous.path, range: there!.range, message: msg('copied-text.the-same-paragraph-in-last', { place }) }] }));
  }
  return out;
};
