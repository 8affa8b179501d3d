// `tally format`: the editor's Format Document for Markdown files — table pipes aligned by display width, East Asian
// Ambiguous characters (“ ” … · —) as wide as `--ambiguous-width`, else the configuration's `format.ambiguousWidth`,
// else 1. Only blanks, delimiter dashes and missing outer pipes change (engine/format.ts); a file is written in one
// step, byte-order mark kept. `--check` writes nothing and lists the files that are not formatted.
import nodePath from 'node:path';
import { readFile } from 'node:fs/promises';
import { formatText, type AmbiguousWidth } from '../engine/format.js';
import { msg, type MessageText } from '../engine/message.js';
import { collectFiles, MARKDOWN } from '../shared/files.js';
import type { ConfigResolver } from '../shared/config.js';
import { writeFixed } from './fix.js';
import { localize, type Locale } from './locale.js';
import { writeStdout } from './stdout.js';

export interface FormatCommandOptions { check?: boolean; ambiguousWidth?: string }

/** Exit 0: done (with --check: every file formatted); 1: with --check, a file is not; 2: a file or configuration problem. */
export async function formatCommand(paths: string[], options: FormatCommandOptions, locale: Locale, resolver: ConfigResolver): Promise<number> {
  const say = (text: MessageText) => process.stderr.write(`tally: ${localize(text, locale)}\n`);
  const given = options.ambiguousWidth === undefined ? undefined : Number(options.ambiguousWidth) as AmbiguousWidth;
  const { files, problems } = await collectFiles(paths.length ? paths : ['.'], MARKDOWN);
  for (const p of problems) {
    say(p.reason === 'missing' ? msg('cli.no-such-file-or-folder', { path: p.path }) : msg('cli.cannot-be-read', { path: p.path }));
  }
  let failed = problems.length;
  const named = new Set(paths.map((p) => nodePath.resolve(p)));
  let changed = 0;
  for (const file of files) {
    const { settings } = await resolver.settingsFor(file);
    if (settings.ignored && !named.has(nodePath.resolve(file))) continue;
    let before: string;
    try {
      before = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await readFile(file));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      say(code ? msg('cli.cannot-be-read-because', { file, error: code }) : msg('cli.not-utf-8-text-skipped', { file }));
      failed++;
      continue;
    }
    const bom = before.startsWith('\ufeff') ? '\ufeff' : '';
    const after = bom + formatText(before.slice(bom.length), { ambiguousWidth: given ?? settings.ambiguousWidth ?? 1 });
    if (after === before) continue;
    changed++;
    writeStdout(`${file}\n`);
    if (options.check) continue;
    try { await writeFixed(file, after); } catch (e) {
      say(msg('template-from.cannot-write', { file, error: String((e as NodeJS.ErrnoException).code ?? e) }));
      failed++;
    }
  }
  // A configuration file with errors is not used (its files are formatted with the defaults): say so, once each.
  const configs = await resolver.all();
  for (const p of configs.flatMap((c) => c.problems)) {
    process.stderr.write(`${shortPath(p.file)}:${p.line}:${p.column}  ${p.severity === 'warning' ? localize(msg('config.warning-prefix'), locale) : ''}${localize(p.message, locale)}\n`);
  }
  const bad = configs.filter((c) => !c.config);
  for (const config of bad) say(msg('format.config-has-errors', { file: shortPath(config.file) }));
  failed += bad.length;
  say(options.check ? msg('format.would-format', { count: changed }) : msg('format.formatted', { count: changed }));
  if (failed) return 2;
  return options.check && changed ? 1 : 0;
}

/** A path as the user would type it from here. */
function shortPath(file: string): string {
  const relative = nodePath.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !nodePath.isAbsolute(relative) ? relative : file;
}
