// What one document may report, whatever its size: at most FINDINGS_PER_CODE findings of each code (one
// "and N more" finding in place of the rest), messages of at most MESSAGE_CHARS characters, lists in messages of
// at most LISTED_ITEMS items, and at most RELATED_PER_FINDING related locations per finding.
import { CODES, type Code, type Finding, type Severity } from './findings.js';
import { isMessage, joined, msg, type Arg, type Message, type MessageText } from './message.js';

export const FINDINGS_PER_CODE = 100;
export const MESSAGE_CHARS = 2000;
export const LISTED_ITEMS = 20;
export const RELATED_PER_FINDING = 20;

const RANK: Record<Severity, number> = { information: 0, warning: 1, error: 2 };

/** Findings in document order, within the budget; the "and N more" finding sits where the first left out was. */
export function withinBudget(findings: readonly Finding[]): Finding[] {
  const kept = new Map<Code, number>();
  const left = new Map<Code, { first: Finding; count: number; severity: Severity }>();
  const out: Array<Finding | Code> = [];
  for (const f of findings) {
    const n = kept.get(f.code) ?? 0;
    if (n < FINDINGS_PER_CODE) {
      kept.set(f.code, n + 1);
      out.push(bounded(f));
      continue;
    }
    const more = left.get(f.code);
    if (!more) { left.set(f.code, { first: f, count: 1, severity: f.severity }); out.push(f.code); continue; }
    more.count++;
    if (RANK[f.severity] > RANK[more.severity]) more.severity = f.severity;
  }
  if (left.size === 0) return out as Finding[];
  return out.map((f) => {
    if (typeof f !== 'string') return f;
    const { first, count, severity } = left.get(f)!;
    const title = CODES[f].title;
    return {
      code: f, severity, range: first.range,
      message: msg('budget.more-findings-of-this-kind', { count, title, FINDINGS_PER_CODE }),
    };
  });
}

function bounded(f: Finding): Finding {
  const m = f.message;
  // a message's own words are short and its lists are `listed`: only what it quotes can be long
  const long = isMessage(m) ? Object.values(m.args ?? {}).some((a) => typeof a === 'string' && a.length > MESSAGE_CHARS)
    : m.zh.length > MESSAGE_CHARS || m.en.length > MESSAGE_CHARS;
  const many = (f.related?.length ?? 0) > RELATED_PER_FINDING;
  if (!long && !many) return f;
  return {
    ...f,
    ...(long ? { message: isMessage(m) ? clipArgs(m) : { zh: clip(m.zh), en: clip(m.en) } } : {}),
    ...(many ? { related: f.related!.slice(0, RELATED_PER_FINDING) } : {}),
  };
}

function clipArgs(m: Message): Message {
  return { ...m, args: Object.fromEntries(Object.entries(m.args ?? {}).map(([k, a]) => [k, typeof a === 'string' ? clip(a) : a])) };
}

/** At most MESSAGE_CHARS characters, ending in "…" when cut (never inside a surrogate pair). */
export function clip(text: string): string {
  if (text.length <= MESSAGE_CHARS) return text;
  let end = MESSAGE_CHARS - 1;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** `items` joined by `separator`; past LISTED_ITEMS, the first ones, "…" and how many there are. */
export function listedArgs(items: readonly Arg[], separator: MessageText | string): Arg {
  if (items.length <= LISTED_ITEMS) return joined([...items], separator);
  return msg('budget.listed', { head: joined(items.slice(0, LISTED_ITEMS), separator), separator, count: items.length });
}

/** `listedArgs` for text still built per language (a LocalText pair). */
export function listed(items: readonly string[], separator: string, lang: 'zh' | 'en'): string {
  if (items.length <= LISTED_ITEMS) return items.join(separator);
  const head = items.slice(0, LISTED_ITEMS).join(separator);
  return lang === 'zh' ? `${head}${separator}…（共 ${items.length} 项）` : `${head}${separator}… (${items.length} in all)`;
}
