// Code lenses above each template table (勾稽关系 ✓ / N 处不平 / 未核对) and inlay hints after a wrong total.
// The table's state is engine/status.ts's: no ✓ where no relation was verified.
import type { CodeLens, InlayHint } from 'vscode-languageserver';
import type { Analysis } from '../engine/index.js';
import { reportStatus, type Status } from '../engine/status.js';
import { describeInstance } from './hover.js';
import { reasonText } from '../messages/status-text.js';
import { text as render, type Language } from './settings.js';
import { msg } from '../engine/message.js';

const WORDS = {
  ok: msg('lenses.ok'),
  failing: (count: number) => msg('lenses.failing', { count }),
  incomplete: (count: number) => msg('lenses.incomplete', { count }),
};

function lensTitle(status: Status, incomplete: number, language: Language): string {
  if (status.state === 'not-checked') return render(msg('lenses.not-checked', { why: reasonText(status.reason) }), language);
  const head = status.state === 'fails' ? render(WORDS.failing(status.count), language) : render(WORDS.ok, language);
  return head + (incomplete ? render(WORDS.incomplete(incomplete), language) : '');
}

export function codeLenses(analysis: Analysis, uri: string, language: Language): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const { bound: table, instances, status } of reportStatus(analysis).sections.flatMap((s) => s.tables)) {
    if (!table || instances.length === 0) continue;
    const failing = instances.filter((i) => i.status === 'fail');
    const incomplete = instances.filter((i) => i.status === 'incomplete').length;
    const title = lensTitle(status, incomplete, language);
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
    // The value this cell should hold: the fix that changes the finding's own cell (another may come first).
    const own = f.fixes?.find((x) => x.edits.length === 1 && samePosition(x.edits[0].range.start, f.range.start));
    const value = own?.edits[0].newText;
    if (value === undefined) continue;
    hints.push({ position: f.range.end, label: `= ${value}`, paddingLeft: true });
  }
  return hints;
}

function samePosition(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line === b.line && a.character === b.character;
}
