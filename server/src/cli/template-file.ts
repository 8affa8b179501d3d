// A team's own template, given to `tally check --template file.json`: validated against the shipped schema.
import { readFile } from 'node:fs/promises';
import type { Template } from '../templates/index.js';
import type { MessageText } from '../engine/message.js';
import { validateTemplate } from '../templates/validate.js';
import { msg } from '../engine/message.js';

export async function loadTemplateFile(file: string): Promise<{ template: Template } | { error: MessageText }> {
  let json: unknown;
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
    json = JSON.parse(text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: msg('template-file.unknown', { file }) };
    if (code) return { error: msg('template-file.unreadable', { file, code }) };
    // Where, never what: the parser's message quotes the file, which may be anything (`--template /etc/passwd`).
    const at = text === undefined ? undefined : jsonErrorPosition(text);
    const where = at ? msg('template-file.line-column', { line: at.line, column: at.column }) : msg('template-file.nowhere');
    return { error: msg('template-file.invalid-json', { file, where }) };
  }
  const problems = validateTemplate(json);
  if (problems.length) {
    const shown = problems.slice(0, 5).map((p) => (p.length > 120 ? `${p.slice(0, 119)}…` : p));
    const list = shown.join('; ') + (problems.length > shown.length ? `; … (${problems.length})` : '');
    return { error: msg('template-file.invalid', { file, list }) };
  }
  return { template: json as Template };
}

const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/** Line and column (1-based) of the first character where `text` stops being JSON; iterative, as files nest at will. */
export function jsonErrorPosition(text: string): { line: number; column: number } | undefined {
  let i = 0;
  const closers: string[] = [];
  const skip = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const match = (re: RegExp) => {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
    return true;
  };
  let state: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    skip();
    if (state === 'value') {
      const c = text[i];
      if (c === '{' || c === '[') {
        i++;
        skip();
        if (text[i] === (c === '{' ? '}' : ']')) { i++; state = 'after'; continue; }
        closers.push(c === '{' ? '}' : ']');
        state = c === '{' ? 'key' : 'value';
        continue;
      }
      if (match(STRING) || match(NUMBER) || match(LITERAL)) { state = 'after'; continue; }
      break;
    }
    if (state === 'key') {
      if (!match(STRING)) break;
      skip();
      if (text[i] !== ':') break;
      i++;
      state = 'value';
      continue;
    }
    const close = closers[closers.length - 1];
    if (close === undefined) {
      if (i === text.length) return undefined;
      break;
    }
    if (text[i] === ',') { i++; state = close === '}' ? 'key' : 'value'; continue; }
    if (text[i] !== close) break;
    i++;
    closers.pop();
  }
  const before = text.slice(0, i);
  const line = before.split('\n').length;
  return { line, column: i - (before.lastIndexOf('\n') + 1) + 1 };
}
