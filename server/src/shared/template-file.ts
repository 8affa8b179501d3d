// A team's own template (`tally check --template file.json`, or a folder named by the configuration's `templates`):
// validated against the shipped schema. Shared by the CLI and the language server.
import { readFile } from 'node:fs/promises';
import type { Template } from '../templates/index.js';
import type { MessageText } from '../engine/message.js';
import { msg } from '../engine/message.js';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';

/** Where a template file fails (1-based), when it can be told: the first syntax error, or the first schema violation. */
export interface TemplateFileError { error: MessageText; at?: { line: number; column: number } }

export async function loadTemplateFile(file: string): Promise<{ template: Template } | TemplateFileError> {
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
    return { error: msg('template-file.invalid-json', { file, where }), ...(at ? { at } : {}) };
  }
  // ajv is loaded only when a team's own template is
  const { validateTemplate } = await import('../templates/validate.js');
  const problems = validateTemplate(json);
  if (problems.length) {
    const shown = problems.slice(0, 5).map((p) => (p.length > 120 ? `${p.slice(0, 119)}…` : p));
    const list = shown.join('; ') + (problems.length > shown.length ? `; … (${problems.length})` : '');
    // The deepest place a problem names: a wrong value rather than the missing keys of the whole file.
    const deepest = problems.map((p) => p.split(' ')[0]).reduce((a, b) => (b.split('/').filter(Boolean).length > a.split('/').filter(Boolean).length ? b : a));
    const at = schemaErrorPosition(text ?? '', deepest);
    return { error: msg('template-file.invalid', { file, list }), ...(at ? { at } : {}) };
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

/** Line and column (1-based) of the value at a JSON pointer (`/tables/0/rows`), or of its nearest existing parent. */
function schemaErrorPosition(text: string, pointer: string): { line: number; column: number } | undefined {
  const root = parseTree(text);
  if (!root) return undefined;
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let n = segments.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, segments.slice(0, n));
    if (!node) continue;
    const before = text.slice(0, node.offset);
    return { line: before.split('\n').length, column: node.offset - (before.lastIndexOf('\n') + 1) + 1 };
  }
  return undefined;
}
