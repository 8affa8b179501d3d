#!/usr/bin/env node
// `tally check`: the engine for CI and pre-commit hooks. Exit 0: no error; 1: errors found; 2: usage or I/O error.
import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { BUILTIN_TEMPLATES, type Template } from './engine/index.js';
import { analyzeFiles } from './cli/analyze-files.js';
import { checkWorkspace, mergeFindings } from './engine/workspace/index.js';
import { collectFiles, isCheckable } from './shared/files.js';
import { importCommand, type ImportCommandOptions } from './cli/import.js';
import { formatJson, formatSarif, formatText, type FileResult } from './cli/report.js';
import { fileURLToPath } from 'node:url';
import { checkDocUrl, checksDocsFolder } from './shared/docs.js';
import { LOCALES, localeFromEnvironment, localize, parseLocale, type Locale } from './cli/locale.js';
import { loadTemplateFile } from './cli/template-file.js';
import { templateFromCommand, type TemplateFromOptions } from './cli/template-from.js';
import { BLANK_CELLS, type BlankCells } from './engine/blanks.js';
import { msg } from './engine/message.js';

const version: string = createRequire(import.meta.url)('../package.json').version;

interface CheckOptions {
  format: 'text' | 'json' | 'sarif'; template?: string; locale?: string; prose: boolean; saveImported?: string; blankCells: BlankCells;
}

async function check(paths: string[], options: CheckOptions, locale: Locale): Promise<number> {
  let template: string | Template | undefined = options.template;
  if (template && !BUILTIN_TEMPLATES.some((t) => t.id === template)) {
    const loaded = await loadTemplateFile(template);
    if ('error' in loaded) {
      process.stderr.write(`tally: ${localize(loaded.error, locale)}\n`);
      return 2;
    }
    template = loaded.template;
  }
  const { files, problems } = await collectFiles(paths.length ? paths : ['.'], isCheckable);
  for (const p of problems) {
    process.stderr.write(`tally: ${localize(p.reason === 'missing'
      ? msg('cli.no-such-file-or-folder', { path: p.path })
      : msg('cli.cannot-be-read', { path: p.path }), locale)}\n`);
  }
  let unreadable = problems.length;
  const results: FileResult[] = [];
  const outcomes = await analyzeFiles(files, { template, prose: options.prose, saveImported: options.saveImported, blankCells: options.blankCells });
  // The files checked together are one workspace: each report against the same body's report for the year before.
  const across = checkWorkspace(outcomes.flatMap((o) => ('facts' in o && o.facts ? [{ path: o.path, facts: o.facts }] : [])));
  for (const outcome of outcomes) {
    if ('error' in outcome) {
      const file = outcome.path;
      process.stderr.write(`tally: ${localize(outcome.error === 'import' && outcome.message
        ? msg('cli.cannot-be-imported', { file, message: outcome.message })
        : outcome.error === 'not-utf8'
        ? msg('cli.not-utf-8-text-skipped', { file })
        : msg('cli.cannot-be-read-because', { file, error: outcome.error }), locale)}\n`);
      unreadable++;
    } else results.push({ path: outcome.path, template: outcome.template, findings: mergeFindings(outcome.findings, across.get(outcome.path), outcome.facts?.suppressions),
      ...(outcome.suppressed ? { suppressed: outcome.suppressed } : {}), ...(outcome.imported ? { imported: outcome.imported } : {}) });
  }
  const folder = checksDocsFolder(fileURLToPath(import.meta.url));
  const docsUrl = (code: string) => checkDocUrl(folder, code);
  const output = options.format === 'json' ? formatJson(results, locale)
    : options.format === 'sarif' ? formatSarif(results, locale, version, docsUrl)
      : formatText(results, locale, unreadable, process.stdout.isTTY ? docsUrl : undefined);
  process.stdout.write(output);
  if (unreadable) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('tally')
    .description('Checks 政府信息公开工作年度报告 written in Markdown against their official templates.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let exitCode = 0;
  program.command('check')
    .description('check reports (files, or folders searched for *.md respecting .gitignore)')
    .argument('[paths...]', 'files or folders', [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('-t, --template <id-or-file>', `check every file against this template (${BUILTIN_TEMPLATES.map((t) => t.id).join(', ')}, or a template JSON file)`)
    .addOption(new Option('--blank-cells <reading>', 'blank cells: auto (0 where a table leaves 0 blank), zero (always 0), missing (never 0)')
      .choices([...BLANK_CELLS]).default('auto'))
    .option('--no-prose', 'skip the checks of figures in the text against the tables')
    .option('--save-imported <dir>', 'keep the Markdown of files imported for the check (.html, .pdf, .docx, .txt) in this folder')
    .addOption(new Option('-l, --locale <locale>', 'language of messages').choices([...LOCALES, 'zh', 'zh-cn', 'zh-tw']))
    .action(async (paths: string[], options: CheckOptions) => {
      const locale = parseLocale(options.locale) ?? localeFromEnvironment(process.env) ?? 'zh-CN';
      exitCode = await check(paths, options, locale);
    });
  program.command('import')
    .description('import published reports (.html, .htm, .pdf, .docx, .txt, or folders of them) as Markdown in the dialect')
    .argument('<paths...>', 'files or folders')
    .option('--out-dir <dir>', 'write DIR/<name>.md (default: beside each source)')
    .option('-o, --output <file>', 'write this file ("-" for standard output); one source only')
    .option('-t, --template <id-or-file>', 'read the tables by this template (a built-in id or a template JSON file)')
    .option('--force', 'overwrite existing Markdown files')
    .addOption(new Option('-l, --locale <locale>', 'language of messages').choices([...LOCALES, 'zh', 'zh-cn', 'zh-tw']))
    .action(async (paths: string[], options: ImportCommandOptions & { locale?: string }) => {
      const locale = parseLocale(options.locale) ?? localeFromEnvironment(process.env) ?? 'zh-CN';
      exitCode = await importCommand(paths, options, locale);
    });
  program.command('templates')
    .description('list the built-in templates')
    .action(() => {
      for (const t of BUILTIN_TEMPLATES) process.stdout.write(`${t.id}\t${t.name.zh}\n`);
    });
  program.command('template')
    .description('work with templates')
    .command('from')
    .description('draft a template from a report\'s structure (sections, tables, totals its figures satisfy), for a team to edit')
    .argument('<report>', 'a report in Markdown')
    .option('-o, --output <file>', 'write the template to this file (default: standard output)')
    .option('--id <id>', 'the template\'s id (default: from the file name)')
    .option('--force', 'overwrite an existing output file')
    .addOption(new Option('-l, --locale <locale>', 'language of messages').choices([...LOCALES, 'zh', 'zh-cn', 'zh-tw']))
    .action(async (report: string, options: TemplateFromOptions & { locale?: string }) => {
      const locale = parseLocale(options.locale) ?? localeFromEnvironment(process.env) ?? 'zh-CN';
      exitCode = await templateFromCommand(report, options, locale);
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  return exitCode;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`tally: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
