// A team's own template, given to `tally check --template file.json`: validated against the shipped schema.
import { readFile } from 'node:fs/promises';
import type { LocalText, Template } from '../templates/index.js';
import { validateTemplate } from '../templates/validate.js';

export async function loadTemplateFile(file: string): Promise<{ template: Template } | { error: LocalText }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: { zh: `没有名为“${file}”的模板，也没有这个文件`, en: `"${file}" is neither a template id nor a file` } };
    if (code) return { error: { zh: `无法读取模板文件 ${file}（${code}）`, en: `cannot read template file ${file} (${code})` } };
    return { error: { zh: `模板文件 ${file} 不是有效的 JSON：${(e as Error).message}`, en: `template file ${file} is not valid JSON: ${(e as Error).message}` } };
  }
  const problems = validateTemplate(json);
  if (problems.length) {
    const list = problems.join('; ');
    return { error: { zh: `模板文件 ${file} 不符合模板格式：${list}`, en: `template file ${file} does not follow the template schema: ${list}` } };
  }
  return { template: json as Template };
}
