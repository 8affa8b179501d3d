// `tally import`: published reports (web page, PDF, Word, pasted text) → Markdown in the dialect, beside each
// source or in --out-dir. Never overwrites without --force; writes through a temporary file, so no partial file.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BUILTIN_TEMPLATES, type Template } from '../engine/index.js';
import { importReport } from '../import/index.js';
import { collectFiles, IMPORTABLE } from '../shared/files.js';
import { localize, type Locale } from './locale.js';
import { loadTemplateFile } from '../shared/template-file.js';
import type { LocalText } from '../templates/index.js';

export interface ImportCommandOptions { outDir?: string; output?: string; template?: string; force?: boolean }

export async function importCommand(paths: string[], options: ImportCommandOptions, locale: Locale): Promise<number> {
  const say = (text: LocalText) => process.stderr.write(`tally: ${localize(text, locale)}\n`);
  let template: Template | undefined;
  if (options.template) {
    template = BUILTIN_TEMPLATES.find((t) => t.id === options.template);
    if (!template) {
      const loaded = await loadTemplateFile(options.template);
      if ('error' in loaded) { say(loaded.error); return 2; }
      template = loaded.template;
    }
  }
  const { files, problems } = await collectFiles(paths, IMPORTABLE);
  let failed = problems.length;
  for (const p of problems) {
    say(p.reason === 'missing' ? { zh: `找不到 ${p.path}`, en: `${p.path}: no such file or folder` } : { zh: `无法读取 ${p.path}`, en: `${p.path}: cannot be read` });
  }
  if (options.output && files.length + problems.length > 1) {
    say({ zh: '-o 只能用于一个源文件；多个文件请用 --out-dir', en: '-o takes one source file only; use --out-dir for several' });
    return 2;
  }
  if (files.length === 0 && problems.length === 0) {
    say({ zh: '没有可导入的文件（.html、.htm、.pdf、.docx、.txt）', en: 'no files to import (.html, .htm, .pdf, .docx, .txt)' });
    return 2;
  }
  // Progress and notes go to standard error when the Markdown itself goes to standard output.
  const out = options.output === '-' ? process.stderr : process.stdout;
  for (const file of files) {
    let bytes: Buffer;
    try { bytes = await fs.readFile(file); } catch (e) {
      say({ zh: `无法读取 ${file}（${(e as NodeJS.ErrnoException).code ?? e}）`, en: `${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? e})` });
      failed++;
      continue;
    }
    const imported = await importReport(bytes, file, { template });
    if ('error' in imported) {
      say({ zh: `无法导入 ${file}：${imported.error.zh}`, en: `${file}: cannot be imported: ${imported.error.en}` });
      failed++;
      continue;
    }
    if (options.output === '-') {
      process.stdout.write(imported.markdown);
    } else {
      const target = options.output ?? path.join(options.outDir ?? path.dirname(file), path.basename(file).replace(/\.[^.]*$/, '') + '.md');
      const exists = await fs.stat(target).then(() => true, () => false);
      if (exists && !options.force) {
        say({ zh: `${target} 已存在，未覆盖（用 --force 覆盖）`, en: `${target} exists and was not overwritten (use --force)` });
        failed++;
        continue;
      }
      try {
        await fs.mkdir(path.dirname(target), { recursive: true });
        const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
        await fs.writeFile(temporary, imported.markdown);
        await fs.rename(temporary, target);
      } catch (e) {
        say({ zh: `无法写入 ${target}（${(e as NodeJS.ErrnoException).code ?? e}）`, en: `${target}: cannot be written (${(e as NodeJS.ErrnoException).code ?? e})` });
        failed++;
        continue;
      }
      out.write(localize({
        zh: `${file} → ${target}（${imported.template ?? '未识别模板'}，${imported.notes.length} 条导入提示）`,
        en: `${file} → ${target} (${imported.template ?? 'no template recognised'}, ${imported.notes.length} import note${imported.notes.length === 1 ? '' : 's'})`,
      }, locale) + '\n');
      for (const n of imported.notes) out.write(`${target}:${n.line + 1}:1  import  ${localize(n.message, locale)}\n`);
      continue;
    }
    for (const n of imported.notes) out.write(`-:${n.line + 1}:1  import  ${localize(n.message, locale)}\n`);
  }
  return failed ? 2 : 0;
}
