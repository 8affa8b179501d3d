// `tally template from REPORT.md [-o file] [--id ID]`: a template drafted from a report, validated against the
// schema before it is written (to the file, or to standard output).
import { readFile, writeFile, rename } from 'node:fs/promises';
import nodePath from 'node:path';
import { draftTemplate } from '../engine/draft-template.js';
import { validateTemplate } from '../templates/validate.js';
import { localize, type Locale } from './locale.js';
import { joined, msg, type Message } from '../engine/message.js';
import { writeStdout } from './stdout.js';

export interface TemplateFromOptions { output?: string; id?: string; force?: boolean }

const ID = /^[a-z0-9][a-z0-9-]*$/;

/** Exit code: 0 written, 2 a usage, read or write error. */
export async function templateFromCommand(report: string, options: TemplateFromOptions, locale: Locale): Promise<number> {
  const fail = (message: Message) => { process.stderr.write(`tally: ${localize(message, locale)}\n`); return 2; };
  const id = options.id ?? idFrom(report);
  if (!ID.test(id)) return fail(msg('template-from.bad-id', { id }));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(report)).replace(/^\ufeff/, '');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code ? fail(msg('cli.cannot-be-read-because', { file: report, error: code })) : fail(msg('template-from.not-utf8', { file: report }));
  }
  const draft = draftTemplate(text, { id, source: nodePath.basename(report) });
  const problems = validateTemplate(draft);
  if (problems.length) return fail(msg('template-from.invalid', { problems: joined(problems.slice(0, 5), msg('sep.clause')) }));
  const json = `${JSON.stringify(draft, null, 2)}\n`;
  if (!options.output || options.output === '-') {
    writeStdout(json);
    return 0;
  }
  try {
    if (!options.force) {
      const exists = await readFile(options.output).then(() => true, () => false);
      if (exists) return fail(msg('template-from.exists', { file: options.output }));
    }
    const temporary = `${options.output}.${process.pid}.tmp`;
    await writeFile(temporary, json);
    await rename(temporary, options.output);
  } catch (e) {
    return fail(msg('template-from.cannot-write', { file: options.output, error: (e as NodeJS.ErrnoException).code ?? 'error' }));
  }
  const tables = draft.tables.length;
  const relations = draft.tables.reduce((n, t) => n + t.relations.length, 0);
  process.stderr.write(`${localize(msg('template-from.written', { file: options.output, sections: draft.sections.length, tables, relations }), locale)}\n`);
  return 0;
}

/** `reports/Clean-2021.md` → `clean-2021`; `draft` when the name has no letters or digits to keep. */
function idFrom(file: string): string {
  const base = nodePath.basename(file).replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return ID.test(base) ? base : 'draft';
}
