// `tally import`: published reports (web page, PDF, Word, pasted text) → Markdown in the dialect, beside each
// source or in --out-dir. Never overwrites without --force; writes through a temporary file, so no partial file.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BUILTIN_TEMPLATES, type Template } from '../engine/index.js';
import { importReport } from '../import/index.js';
import { collectFiles, IMPORTABLE } from '../shared/files.js';
import { localize, type Locale } from './locale.js';
import { loadTemplateFile } from '../shared/template-file.js';
import type { MessageText } from '../engine/message.js';
import { msg, label } from '../engine/message.js';

export interface ImportCommandOptions { outDir?: string; output?: string; template?: string; force?: boolean }

export async function importCommand(paths: string[], options: ImportCommandOptions, locale: Locale): Promise<number> {
  const say = (text: MessageText) => process.stderr.write(`tally: ${localize(text, locale)}\n`);
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
    say(p.reason === 'missing' ? msg('import.no-such-file-or-folder', { path: p.path }) : msg('import.cannot-be-read', { path: p.path }));
  }
  if (options.output && files.length + problems.length > 1) {
    say(msg('import.o-takes-one-source-file'));
    return 2;
  }
  if (files.length === 0 && problems.length === 0) {
    say(msg('import.no-files-to-import-html'));
    return 2;
  }
  // Progress and notes go to standard error when the Markdown itself goes to standard output.
  const out = options.output === '-' ? process.stderr : process.stdout;
  for (const file of files) {
    let bytes: Buffer;
    try { bytes = await fs.readFile(file); } catch (e) {
      say(msg('import.cannot-be-read-because', { file, arg: (e as NodeJS.ErrnoException).code ?? String(e) }));
      failed++;
      continue;
    }
    const imported = await importReport(bytes, file, { template });
    if ('error' in imported) {
      say(msg('import.cannot-be-imported', { file, error: imported.error }));
      failed++;
      continue;
    }
    if (options.output === '-') {
      process.stdout.write(imported.markdown);
    } else {
      const target = options.output ?? path.join(options.outDir ?? path.dirname(file), path.basename(file).replace(/\.[^.]*$/, '') + '.md');
      const exists = await fs.stat(target).then(() => true, () => false);
      if (exists && !options.force) {
        say(msg('import.exists-and-was-not-overwritten', { target }));
        failed++;
        continue;
      }
      try {
        await fs.mkdir(path.dirname(target), { recursive: true });
        const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
        await fs.writeFile(temporary, imported.markdown);
        await fs.rename(temporary, target);
      } catch (e) {
        say(msg('import.cannot-be-written', { target, arg: (e as NodeJS.ErrnoException).code ?? String(e) }));
        failed++;
        continue;
      }
      out.write(localize(msg('import.import-note', { file, target, template: imported.template ?? 'none', length: imported.notes.length }), locale) + '\n');
      for (const n of imported.notes) out.write(`${target}:${n.line + 1}:1  import  ${localize(n.message, locale)}\n`);
      continue;
    }
    for (const n of imported.notes) out.write(`-:${n.line + 1}:1  import  ${localize(n.message, locale)}\n`);
  }
  return failed ? 2 : 0;
}
