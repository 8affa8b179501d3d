// The figures of a text, as a multiset: what import must carry over unchanged ("import never changes a figure").
// A figure is a run of digits (ASCII or full-width) with its decimal point and thousands separators.

const FIGURE = /[0-9０-９]+(?:[.,，．][0-9０-９]+)*/g;

/** Each figure with how often it occurs; full-width digits count as their ASCII form, separators are kept. */
export function figureCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(FIGURE)) {
    const figure = m[0].replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[，]/g, ',').replace(/[．]/g, '.');
    counts.set(figure, (counts.get(figure) ?? 0) + 1);
  }
  return counts;
}

/** The differences between two multisets of figures: what `after` lacks and what it adds. */
export function figureDifference(before: string, after: string): { lost: string[]; added: string[] } {
  const a = figureCounts(before);
  const b = figureCounts(after);
  const lost: string[] = [];
  const added: string[] = [];
  for (const [f, n] of a) for (let i = (b.get(f) ?? 0); i < n; i++) lost.push(f);
  for (const [f, n] of b) for (let i = (a.get(f) ?? 0); i < n; i++) added.push(f);
  return { lost, added };
}
