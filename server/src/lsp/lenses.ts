// Code lenses above each template table (勾稽关系 ✓ / N 处不平) and inlay hints after a wrong total.
import type { CodeLens, InlayHint } from 'vscode-languageserver';
import type { Analysis } from '../engine/index.js';
import { evaluateRelations } from '../engine/relations.js';
import { describeInstance } from './hover.js';
import { text as render, type Language } from './settings.js';
import { msg } from '../engine/message.js';

const WORDS = {
  ok: msg('lenses.ok'),
  failing: (count: number) => msg('lenses.failing', { count }),
  incomplete: (count: number) => msg('lenses.incomplete', { count }),
};

export function codeLenses(analysis: Analysis, uri: string, language: Language): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const table of analysis.binding.tables) {
    const instances = evaluateRelations(table);
    if (instances.length === 0) continue;
    const failing = instances.filter((i) => i.status === 'fail');
    const incomplete = instances.filter((i) => i.status === 'incomplete').length;
    const title = (failing.length ? render(WORDS.failing(failing.length), language) : render(WORDS.ok, language))
      + (incomplete ? render(WORDS.incomplete(incomplete), language) : '');
    const items = (failing.length ? failing : instances).map((i) => {
      const anchor = i.terms.find((t) => t.side === 'left' && t.cell)?.cell ?? i.terms.find((t) => t.cell)?.cell;
      return {
        label: `${i.status === 'ok' ? '✓' : i.status === 'fail' ? '✗' : '□'} ${i.relation.id} ${i.along.label}`,
        detail: describeInstance(i, language),
        range: anchor?.range ?? table.parts[0].table.rows[0].range,
      };
    });
    const range = table.parts[0].table.rows[0].range;
    lenses.push({ range, command: { title, command: 'tally.showRelations', arguments: [uri, items] } });
  }
  return lenses;
}

export function inlayHints(analysis: Analysis): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const f of analysis.findings) {
    if (f.code !== 'total-mismatch') continue;
    const value = f.fixes?.[0]?.edits[0]?.newText;
    if (value === undefined) continue;
    hints.push({ position: f.range.end, label: `= ${value}`, paddingLeft: true });
  }
  return hints;
}
