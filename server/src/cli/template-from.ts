// `tally template from REPORT.md [-o file] [--id ID]`: a template drafted from a report, validated against the
// schema before it is written (to the file, or to standard output).
import { readFile, writeFile, rename } from 'node:fs/promises';
import nodePath from 'node:path';
import { draftTemplate } from '../engine/draft-template.js';
import { validateTemplate } from '../templates/validate.js';
import { localize, type Locale } from './locale.js';

export interface TemplateFromOptions { output?: string; id?: string; force?: boolean }

const ID = /^[a-z0-9][a-z0-9-]*$/;

/** Exit code: 0 written, 2 a usage, read or write error. */
export async function templateFromCommand(report: string, options: TemplateFromOptions, locale: Locale): Promise<number> {
  const fail = (zh: string, en: string) => { process.stderr.write(`tally: ${localize({ zh, en }, locale)}\n`); return 2; };
  const id = options.id ?? idFrom(report);
  if (!ID.test(id)) return fail(`模板 id“${id}”无效：只能用小写字母、数字和连字符`, `template id "${id}" is invalid: use lowercase letters, digits and hyphens`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(report)).replace(/^\ufeff/, '');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code ? fail(`无法读取 ${report}（${code}）`, `${report}: cannot be read (${code})`) : fail(`${report} 不是 UTF-8 文本`, `${report}: not UTF-8 text`);
  }
  const draft = draftTemplate(text, { id, source: nodePath.basename(report) });
  const problems = validateTemplate(draft);
  if (problems.length) return fail(`起草的模板不符合模板格式：${problems.slice(0, 5).join('；')}`, `the drafted template does not follow the template schema: ${problems.slice(0, 5).join('; ')}`);
  const json = `${JSON.stringify(draft, null, 2)}\n`;
  if (!options.output || options.output === '-') {
    process.stdout.write(json);
    return 0;
  }
  try {
    if (!options.force) {
      const exists = await readFile(options.output).then(() => true, () => false);
      if (exists) return fail(`${options.output} 已存在（用 --force 覆盖）`, `${options.output} exists (--force overwrites it)`);
    }
    const temporary = `${options.output}.${process.pid}.tmp`;
    await writeFile(temporary, json);
    await rename(temporary, options.output);
  } catch (e) {
    return fail(`无法写入 ${options.output}（${(e as NodeJS.ErrnoException).code ?? 'error'}）`, `${options.output}: cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const tables = draft.tables.length;
  const relations = draft.tables.reduce((n, t) => n + t.relations.length, 0);
  process.stderr.write(`${localize({
    zh: `已写入 ${options.output}：${draft.sections.length} 个部分、${tables} 个表格、${relations} 个求和关系（请审阅后使用）`,
    en: `wrote ${options.output}: ${draft.sections.length} sections, ${tables} tables, ${relations} sum relations (review it before use)`,
  }, locale)}\n`);
  return 0;
}

/** `reports/Clean-2021.md` → `clean-2021`; `draft` when the name has no letters or digits to keep. */
function idFrom(file: string): string {
  const base = nodePath.basename(file).replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return ID.test(base) ? base : 'draft';
}
