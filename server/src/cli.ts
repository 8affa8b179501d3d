#!/usr/bin/env node
// `tally check`, `tally format`, `tally import`, `tally init`: the engine for CI and pre-commit hooks. Exit 0: no error; 1: errors found;
// 2: usage or I/O error, or a configuration file with errors.
import { createRequire } from 'node:module';
import nodePath from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { BUILTIN_TEMPLATES, type Template } from './engine/index.js';
import { msg, type MessageText } from './engine/message.js';
import { fileURLToPath } from 'node:url';
import { checkDocUrl, checksDocsFolder } from './shared/docs.js';
import type { TemplateFromOptions } from './cli/template-from.js';
import { forEachOutcome, type FileOptions } from './cli/analyze-files.js';
import { ResultStore } from './cli/results.js';
import { comparisonsAcross, displayPath, findingsAcross, indexReports, mergeFindings } from './engine/workspace/index.js';
import { collectFiles, isCheckable, MARKDOWN } from './shared/files.js';
import { applyChecks, ConfigResolver, offCodes, type FileSettings } from './shared/config.js';
// what a plain check does not need is loaded when asked for: --fix, --format sarif, init, import, template from
import type { InitOptions } from './cli/init.js';
import type { ImportCommandOptions } from './cli/import.js';
import type { FormatCommandOptions } from './cli/format.js';
import { jsonEnd, jsonFile, jsonStart, TextReport, useColors, type FileResult } from './cli/report.js';
import { loadColors, stdoutIsTerminal, writeStdout } from './cli/stdout.js';
import { LOCALES, localeFromEnvironment, localize, parseLocale, type Locale } from './cli/locale.js';
import { loadTemplateFile } from './shared/template-file.js';
import { BLANK_CELLS, type BlankCells } from './engine/blanks.js';

const version: string = createRequire(import.meta.url)('../package.json').version;

interface CheckOptions {
  format: 'text' | 'json' | 'sarif' | 'html'; template?: string; locale?: string; prose: boolean; saveImported?: string; blankCells?: BlankCells;
  fix?: boolean; fixDryRun?: boolean;
}

/** The command line wins over the configuration file, which wins over the defaults. */
interface Given { template?: string | Template; prose?: boolean; blankCells?: BlankCells }

async function check(paths: string[], options: CheckOptions, given: Given, locale: Locale, resolver: ConfigResolver): Promise<number> {
  const say = (text: MessageText) => process.stderr.write(`tally: ${localize(text, locale)}\n`);
  if (typeof given.template === 'string' && !BUILTIN_TEMPLATES.some((t) => t.id === given.template)) {
    const loaded = await loadTemplateFile(given.template);
    if ('error' in loaded) {
      say(loaded.error);
      return 2;
    }
    given = { ...given, template: loaded.template };
  }
  const { files: found, problems } = await collectFiles(paths.length ? paths : ['.'], isCheckable);
  for (const p of problems) {
    say(p.reason === 'missing'
      ? msg('cli.no-such-file-or-folder', { path: p.path })
      : msg('cli.cannot-be-read', { path: p.path }));
  }
  let unreadable = problems.length;

  // Each file's settings from its configuration file; files are analysed in groups of equal options.
  const named = new Set(paths.map((p) => nodePath.resolve(p)));
  const settings = new Map<string, FileSettings>();
  const files: string[] = [];
  for (const file of found) {
    const resolved = (await resolver.settingsFor(file)).settings;
    // `ignore` keeps files out of a folder's check; a file named on the command line is checked all the same.
    if (resolved.ignored && !named.has(nodePath.resolve(file))) continue;
    settings.set(file, resolved);
    files.push(file);
  }
  const configs = await resolver.all();
  for (const p of configs.flatMap((c) => c.problems)) {
    process.stderr.write(`${shortPath(p.file)}:${p.line}:${p.column}  ${p.severity === 'warning' ? localize(msg('config.warning-prefix'), locale) : ''}${localize(p.message, locale)}\n`);
  }
  const badConfigs = configs.filter((c) => !c.config);
  for (const config of badConfigs) {
    say(msg('config.has-errors', { file: shortPath(config.file) }));
  }
  const optionsOf = (file: string): FileOptions => {
    const s = settings.get(file)!;
    const template = given.template ?? s.template;
    const prose = given.prose ?? s.prose;
    const blankCells = given.blankCells ?? s.blankCells;
    return {
      ...(template !== undefined ? { template } : {}), ...(prose !== undefined ? { prose } : {}),
      ...(blankCells !== undefined ? { blankCells } : {}), ...(s.templates.length ? { templates: s.templates } : {}),
    };
  };

  const texts: Record<string, string> = {};
  if (options.fix || options.fixDryRun) {
    const { fixFile, unifiedDiff, writeFixed } = await import('./cli/fix.js');
    let changed = 0;
    for (const file of files) {
      if (!MARKDOWN.test(file)) {
        say(msg('fix.imported-not-rewritten', { file }));
        continue;
      }
      const outcome = await fixFile(file, { ...optionsOf(file), skip: offCodes(settings.get(file)!.checks) });
      if ('error' in outcome || !outcome.changed) continue;
      changed++;
      if (options.fixDryRun) {
        writeStdout(unifiedDiff(file, outcome.before, outcome.after));
        texts[file] = outcome.after;
      } else {
        try { await writeFixed(file, outcome.after); } catch (e) {
          say(msg('template-from.cannot-write', { file, error: String((e as NodeJS.ErrnoException).code ?? e) }));
          unreadable++;
        }
      }
    }
    say(options.fixDryRun
      ? msg('fix.would-fix', { count: changed })
      : msg('fix.fixed', { count: changed }));
  }

  const groups = new Map<string, string[]>();
  for (const file of files) {
    const key = JSON.stringify(optionsOf(file));
    const group = groups.get(key);
    if (group) group.push(file); else groups.set(key, [file]);
  }
  // Each file's outcome is put aside as it comes (facts packed, findings in a temporary file): the output waits for
  // every file's facts, since the checks across years may pair any two.
  const store = await ResultStore.open(files);
  const indexOf = new Map(files.map((f, i) => [f, i]));
  try {
    await forEachOutcome([...groups.values()].map((group) => ({ paths: group, options: { ...optionsOf(group[0]),
      saveImported: options.saveImported, ...(Object.keys(texts).length ? { texts } : {}) } })),
    (_, __, outcome) => store.add(indexOf.get(outcome.path)!, outcome));
    // The files checked together are one workspace: each report against the same body's report for the year before.
    const workspace = indexReports(store.reports());
    /** The results of the files read, in order, each read back and completed with its findings across years. */
    const results = function* (): Generator<FileResult> {
      for (let i = 0; i < files.length; i++) {
        const outcome = store.read(i);
        if ('error' in outcome) continue;
        const report = store.factsOf(i);
        const across = report ? findingsAcross(workspace, report) : [];
        yield { path: outcome.path, template: outcome.template,
          findings: applyChecks(mergeFindings(outcome.findings, across, report?.facts.suppressions), settings.get(outcome.path)!.checks),
          ...(outcome.suppressed ? { suppressed: outcome.suppressed } : {}), ...(outcome.imported ? { imported: outcome.imported } : {}) };
      }
    };
    const failed = store.errors();
    for (const outcome of failed) {
      const file = outcome.path;
      say(outcome.error === 'import' && outcome.message
        ? msg('cli.cannot-be-imported', { file, message: outcome.message })
        : outcome.error === 'not-utf8'
        ? msg('cli.not-utf-8-text-skipped', { file })
        : msg('cli.cannot-be-read-because', { file, error: outcome.error }));
      unreadable++;
    }
    let errors = false;
    let checked = 0;
    const out = new Output();
    if (options.fixDryRun || options.format === 'text') {
      const folder = checksDocsFolder(fileURLToPath(import.meta.url));
      useColors(await loadColors());
      const text = new TextReport(locale, stdoutIsTerminal() ? (code: string) => checkDocUrl(folder, code) : undefined);
      for (const file of results()) {
        text.measure(file.findings);
        errors ||= file.findings.some((f) => f.severity === 'error');
        checked++;
      }
      if (!options.fixDryRun) {
        for (const file of results()) out.write(text.file(file));
        out.write(text.end(checked, unreadable));
      }
    } else if (options.format === 'json') {
      out.write(jsonStart(files.length > failed.length));
      for (const file of results()) {
        out.write(jsonFile(file, locale, checked === 0));
        errors ||= file.findings.some((f) => f.severity === 'error');
        checked++;
      }
      out.write(jsonEnd(checked > 0));
    } else if (options.format === 'html') {
      // A page for a reviewer: each report's tables, sections and findings, written a file at a time.
      const html = new (await import('./cli/html.js')).HtmlReport(locale);
      out.write(html.start());
      for (const file of results()) {
        errors ||= file.findings.some((f) => f.severity === 'error');
        const report = store.factsOf(indexOf.get(file.path)!);
        const across = report && comparisonsAcross(workspace, report);
        out.write(await html.file(file, optionsOf(file.path), across && { ...across, previous: displayPath(file.path, across.previous) }));
      }
      out.write(html.end(unreadable));
    } else {
      const folder = checksDocsFolder(fileURLToPath(import.meta.url));
      const all = function* (): Generator<FileResult> {
        for (const file of results()) {
          errors ||= file.findings.some((f) => f.severity === 'error');
          yield file;
        }
      };
      out.write((await import('./cli/sarif.js')).formatSarif(all(), locale, version, (code) => checkDocUrl(folder, code)));
    }
    out.flush();
    if (unreadable || badConfigs.length) return 2;
    return errors ? 1 : 0;
  } finally {
    store.close();
  }
}

/** Standard output in pieces of about 64 KB. */
class Output {
  private pending: string[] = [];
  private length = 0;
  write(text: string): void {
    this.pending.push(text);
    this.length += text.length;
    if (this.length > 65_536) this.flush();
  }
  flush(): void {
    if (this.pending.length) writeStdout(this.pending.join(''));
    this.pending = [];
    this.length = 0;
  }
}

/** A path as the user would type it from here. */
function shortPath(file: string): string {
  const relative = nodePath.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !nodePath.isAbsolute(relative) ? relative : file;
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
    .addOption(new Option('-f, --format <format>', 'output format (html: one self-contained page for a browser)').choices(['text', 'json', 'sarif', 'html']).default('text'))
    .option('-t, --template <id-or-file>', `check every file against this template (${BUILTIN_TEMPLATES.map((t) => t.id).join(', ')}, or a template JSON file)`)
    .addOption(new Option('--blank-cells <reading>', 'blank cells: auto (0 where a table leaves 0 blank), zero (always 0), missing (never 0); default auto')
      .choices([...BLANK_CELLS]))
    .option('--prose', 'check the figures in the text against the tables (the default; overrides a configuration\'s "prose": false)')
    .option('--no-prose', 'skip the checks of figures in the text against the tables')
    .option('--save-imported <dir>', 'keep the Markdown of files imported for the check (.html, .pdf, .docx, .txt) in this folder')
    .addOption(new Option('--fix', 'apply the safe fixes (those of the editor\'s Fix All) to the Markdown files and write them; report what remains').conflicts('fixDryRun'))
    .option('--fix-dry-run', 'print the safe fixes as a unified diff and write nothing; the exit code says what would remain')
    .addOption(new Option('-l, --locale <locale>', 'language of messages').choices([...LOCALES, 'zh', 'zh-cn', 'zh-tw']))
    .action(async (paths: string[], options: CheckOptions, command: Command) => {
      const resolver = new ConfigResolver();
      // Messages are in one language: the configuration that applies in the current folder may choose it.
      const here = await resolver.configIn(process.cwd());
      const locale = parseLocale(options.locale) ?? here?.config?.locale ?? localeFromEnvironment(process.env) ?? 'zh-CN';
      const given: Given = {
        ...(options.template ? { template: options.template } : {}),
        ...(command.getOptionValueSource('prose') === 'cli' ? { prose: options.prose } : {}),
        ...(options.blankCells ? { blankCells: options.blankCells } : {}),
      };
      exitCode = await check(paths, options, given, locale, resolver);
    });
  program.command('format')
    .description('align the pipes of the tables in Markdown files by display width, as the editor\'s Format Document does (files, or folders searched for *.md)')
    .argument('[paths...]', 'files or folders', [])
    .option('--check', 'write nothing; list the files that are not formatted (exit 1 when there is one)')
    .addOption(new Option('--ambiguous-width <columns>', 'columns an East Asian Ambiguous character (“ ” … · —) takes: 1 for a Latin editor font, 2 for a CJK one; default: the configuration\'s format.ambiguousWidth, else 1')
      .choices(['1', '2']))
    .addOption(new Option('-l, --locale <locale>', 'language of messages').choices([...LOCALES, 'zh', 'zh-cn', 'zh-tw']))
    .action(async (paths: string[], options: FormatCommandOptions & { locale?: string }) => {
      const resolver = new ConfigResolver();
      const here = await resolver.configIn(process.cwd());
      const locale = parseLocale(options.locale) ?? here?.config?.locale ?? localeFromEnvironment(process.env) ?? 'zh-CN';
      exitCode = await (await import('./cli/format.js')).formatCommand(paths, options, locale, resolver);
    });
  program.command('init')
    .description('write a configuration file with the defaults, each key explained (.tally.jsonc, or .tally.yaml)')
    .argument('[folder]', 'where to write it', '.')
    .addOption(new Option('--format <format>', 'file format').choices(['jsonc', 'yaml']).default('jsonc'))
    .option('--force', 'overwrite an existing configuration file')
    .addOption(new Option('-l, --locale <locale>', 'language of messages').choices([...LOCALES, 'zh', 'zh-cn', 'zh-tw']))
    .action(async (folder: string, options: InitOptions & { locale?: string }) => {
      const locale = parseLocale(options.locale) ?? localeFromEnvironment(process.env) ?? 'zh-CN';
      exitCode = await (await import('./cli/init.js')).initCommand(folder, options, locale);
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
      exitCode = await (await import('./cli/import.js')).importCommand(paths, options, locale);
    });
  program.command('templates')
    .description('list the templates: the team\'s (from the configuration that applies in this folder) and the built-in ones')
    .addOption(new Option('-l, --locale <locale>', 'language of the names').choices([...LOCALES, 'zh', 'zh-cn', 'zh-tw']))
    .action(async (options: { locale?: string }) => {
      const locale = parseLocale(options.locale) ?? localeFromEnvironment(process.env) ?? 'zh-CN';
      const { settings } = await new ConfigResolver().settingsFor(nodePath.join(process.cwd(), 'report.md'));
      const team = new Set(settings.templates.map((t) => t.id));
      for (const t of [...settings.templates, ...BUILTIN_TEMPLATES.filter((b) => !team.has(b.id))]) {
        writeStdout(`${t.id}\t${localize(t.name, locale)}\n`);
      }
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
      exitCode = await (await import('./cli/template-from.js')).templateFromCommand(report, options, locale);
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
