// The one renderer of messages, used by the CLI and the language server: a message id and its arguments → text in
// zh-CN, zh-TW or en, from the ICU MessageFormat catalogues beside this file (each message parsed once, on first use).
import { IntlMessageFormat } from 'intl-messageformat';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import zhCN from './zh-CN.json' with { type: 'json' };
import zhTW from './zh-TW.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import { isMessage, type Arg, type Message, type MessageText } from '../engine/message.js';

export type Locale = 'zh-CN' | 'zh-TW' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'zh-TW', 'en'];

export const CATALOGUES: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

/** A locale name as an environment, an editor or a user writes it (zh_TW.UTF-8, zh-hant, en-US …). */
export function parseLocale(value: string | undefined): Locale | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase().replace('_', '-');
  if (/^zh-(tw|hk|mo|hant)/.test(v)) return 'zh-TW';
  if (v.startsWith('zh')) return 'zh-CN';
  if (v.startsWith('en')) return 'en';
  return undefined;
}

export function localeFromEnvironment(env: NodeJS.ProcessEnv): Locale | undefined {
  for (const key of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) {
    const value = env[key];
    if (value) return parseLocale(value.split(':')[0]);
  }
  return undefined;
}

const parsed = new Map<string, IntlMessageFormat>();

function format(locale: Locale, id: string): IntlMessageFormat {
  const key = `${locale}\u0000${id}`;
  let f = parsed.get(key);
  if (!f) {
    const source = CATALOGUES[locale][id];
    if (source === undefined) throw new Error(`no message "${id}" in the ${locale} catalogue`);
    f = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
    parsed.set(key, f);
  }
  return f;
}

/**
 * OpenCC's Simplified → Traditional converter, loaded on first use (its dictionaries are about 1 MB of source, which
 * only zh-TW needs): out/opencc-cn2t.cjs beside a bundle (scripts/bundle.mjs copies it there), else the package.
 */
function loadCn2t(): typeof import('opencc-js/cn2t') {
  const require = createRequire(import.meta.url);
  const beside = fileURLToPath(new URL('./opencc-cn2t.cjs', import.meta.url));
  // a computed name, so that esbuild leaves this require to run time
  return require(existsSync(beside) ? beside : ['opencc-js', 'cn2t'].join('/')) as typeof import('opencc-js/cn2t');
}

let toTraditional: ((s: string) => string) | undefined;
/** Template wording in Traditional characters: the characters only, the official words kept. */
export function traditional(text: string): string {
  return (toTraditional ??= loadCn2t().Converter({ from: 'cn', to: 'tw' }))(text);
}

function arg(value: Arg, locale: Locale): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('label' in value) return locale === 'zh-TW' ? traditional(value.label) : value.label;
  if ('join' in value) return value.join.map((v) => String(arg(v, locale))).join(typeof value.separator === 'string' ? value.separator : render(value.separator, locale));
  return render(value, locale);
}

/** The text of a message (or of a LocalText pair not yet in the catalogues) in a locale. */
export function render(text: MessageText, locale: Locale): string {
  if (!isMessage(text)) return locale === 'en' ? text.en : locale === 'zh-TW' ? traditional(text.zh) : text.zh;
  return renderMessage(text, locale);
}

function renderMessage(message: Message, locale: Locale): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.args ?? {})) values[name] = arg(value, locale);
  const out = format(locale, message.id).format(values);
  if (typeof out !== 'string') throw new Error(`message "${message.id}" did not format to text`);
  return out;
}
