// `tally init`: a configuration file with the defaults and every key explained, in both languages (a team's file is
// read by all its members). It never replaces a configuration file unless told to.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CONFIG_NAMES } from '../shared/config.js';
import { localize, type Locale } from './locale.js';
import { msg, type MessageText } from '../engine/message.js';
import { writeStdout } from './stdout.js';

export interface InitOptions { format: 'jsonc' | 'yaml'; force?: boolean }

const HEADER = [
  'Tally configuration. It applies to the reports in this folder and below it: the nearest configuration file wins',
  '(files are not merged), searched upward to the repository root (the folder holding .git).',
  'Paths and globs are relative to this file. The configuration file wins over the editor\'s settings.',
  'Tally 配置文件，适用于本文件夹及其子文件夹中的报告：离报告最近的配置文件生效（不与上级合并），',
  '向上查找至仓库根目录（含 .git 的文件夹）。路径与 glob 均相对于本文件。本文件的设置优先于编辑器设置。',
];

const KEYS: Array<{ key: string; value: string; yaml: string; lines: string[]; commented?: boolean }> = [
  { key: 'templates', value: '[]', yaml: '[]', lines: [
    'Folders of your own template files (*.json, the format of `tally templates`\' built-in ones).',
    '本团队模板文件（*.json）所在的文件夹。'] },
  { key: 'overrides', value: '[]', yaml: '[]', lines: [
    'Settings for the files a glob matches; later entries win. Keys: files, template, blankCells, prose, checks.',
    'e.g. [{ "files": "reports/2019/**", "template": "gov-annual-2019" }]',
    '按 glob 为部分文件指定设置，后面的条目优先。'] },
  { key: 'checks', value: '{}', yaml: '{}', lines: [
    'Per check code: "off", or the severity "error" | "warning" | "information". e.g. { "copied-text": "off" }',
    '按检查代码设置：“off”关闭，或指定级别。'] },
  { key: 'blankCells', value: '"auto"', yaml: 'auto', lines: [
    'How blank cells read: "auto" (0 where a table leaves 0 blank), "zero", "missing".',
    '空白单元格的读法：auto（表格以空白代替 0 时读作 0）、zero、missing。'] },
  { key: 'prose', value: 'true', yaml: 'true', lines: [
    'Check the figures in the text against the tables.',
    '核对正文中的数字与表格。'] },
  { key: 'locale', value: '"zh-CN"', yaml: 'zh-CN', commented: true, lines: [
    'Language of the messages: "zh-CN", "zh-TW" or "en" (by default the environment\'s or the editor\'s).',
    '提示信息的语言（默认随系统或编辑器）。'] },
  { key: 'format', value: '{ "ambiguousWidth": 1 }', yaml: '{ ambiguousWidth: 1 }', lines: [
    'Table formatting: columns an ambiguous character (“ ” … · —) takes, 1 for a Latin editor font, 2 for a CJK one.',
    'The editor follows its font (editor.fontFamily) unless this is set.',
    '表格格式化：“ ” … · — 等宽度不明确的字符所占列数，西文编辑器字体为 1，中日韩字体为 2；未设置时编辑器依其字体而定。'], commented: true },
  { key: 'ignore', value: '[]', yaml: '[]', lines: [
    'Globs of files not to check, e.g. ["drafts/**"].',
    '不检查的文件的 glob。'] },
];

export function initText(format: 'jsonc' | 'yaml'): string {
  if (format === 'yaml') {
    return [...HEADER.map((l) => `# ${l}`), '',
      ...KEYS.flatMap((k) => [...k.lines.map((l) => `# ${l}`), `${k.commented ? '# ' : ''}${k.key}: ${k.yaml}`, '']),
    ].join('\n').replace(/\n+$/, '\n');
  }
  const body = KEYS.map((k, i) => {
    const comma = KEYS.slice(i + 1).some((n) => !n.commented) ? ',' : '';
    return [...k.lines.map((l) => `  // ${l}`), `  ${k.commented ? '// ' : ''}"${k.key}": ${k.value}${k.commented ? ',' : comma}`].join('\n');
  });
  return [...HEADER.map((l) => `// ${l}`), '{', body.join('\n\n'), '}', ''].join('\n');
}

export async function initCommand(folder: string, options: InitOptions, locale: Locale): Promise<number> {
  const say = (message: MessageText) => process.stderr.write(`tally: ${localize(message, locale)}\n`);
  try {
    if (!(await fs.stat(folder)).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    say(code === 'ENOENT' ? msg('config.folder-missing-plain', { folder }) : msg('config.not-a-folder', { folder }));
    return 2;
  }
  const target = path.join(folder, options.format === 'yaml' ? '.tally.yaml' : '.tally.jsonc');
  const names = await fs.readdir(folder);
  const existing = CONFIG_NAMES.filter((n) => names.includes(n));
  if (existing.length && !options.force) {
    say(msg('init.exists', { file: path.join(folder, existing[0]) }));
    return 2;
  }
  try {
    await fs.writeFile(target, initText(options.format));
    // One configuration file per folder: with --force, the one written replaces the others.
    for (const name of existing) {
      if (path.join(folder, name) === target) continue;
      await fs.rm(path.join(folder, name));
      say(msg('init.replaced', { file: path.join(folder, name), target }));
    }
  } catch (e) {
    say(msg('template-from.cannot-write', { file: target, error: (e as NodeJS.ErrnoException).code ?? 'error' }));
    return 2;
  }
  writeStdout(`${target}\n`);
  return 0;
}
