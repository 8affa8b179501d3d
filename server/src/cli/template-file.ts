// A team's own template, given to `tally check --template file.json`: validated against the shipped schema.
import { readFile } from 'node:fs/promises';
import type { LocalText, Template } from '../templates/index.js';
import { validateTemplate } from '../templates/validate.js';

export async function loadTemplateFile(file: string): Promise<{ template: Template } | { error: LocalText }> {
  let json: unknown;
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
    json = JSON.parse(text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: { zh: `没有名为“${file}”的模板，也没有这个文件`, en: `"${file}" is neither a template id nor a file` } };
    if (code) return { error: { zh: `无法读取模板文件 ${file}（${code}）`, en: `cannot read template file ${file} (${code})` } };
    // Where, never what: the parser's message quotes the file, which may be anything (`--template /etc/passwd`).
    const at = text === undefined ? undefined : jsonErrorPosition(text);
    const where = at ? { zh: `（第 ${at.line} 行第 ${at.column} 列）`, en: ` (line ${at.line}, column ${at.column})` } : { zh: '', en: '' };
    return { error: { zh: `模板文件 ${file} 不是有效的 JSON${where.zh}`, en: `template file ${file} is not valid JSON${where.en}` } };
  }
  const problems = validateTemplate(json);
  if (problems.length) {
    const shown = problems.slice(0, 5).map((p) => (p.length > 120 ? `${p.slice(0, 119)}…` : p));
    const list = shown.join('; ') + (problems.length > shown.length ? `; … (${problems.length})` : '');
    return { error: { zh: `模板文件 ${file} 不符合模板格式：${list}`, en: `template file ${file} does not follow the template schema: ${list}` } };
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
