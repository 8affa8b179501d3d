// The one renderer of messages, used by the CLI and the language server: a message id and its arguments → text in
// zh-CN, zh-TW or en, from the ICU MessageFormat catalogues beside this file (each message parsed once, on first use).
import { IntlMessageFormat, formatToParts, type Formatters } from 'intl-messageformat';
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

type Ast = ReturnType<IntlMessageFormat['getAst']>;
const parsed = new Map<string, Ast>();

/** A message's syntax tree, parsed on first use. Not `new IntlMessageFormat`: it asks ICU which locales it supports
 * (Intl.NumberFormat.supportedLocalesOf, tens of milliseconds on first call), and the messages need no locale to parse
 * (no date or time skeletons). */
function format(locale: Locale, id: string): Ast {
  const key = `${locale}\u0000${id}`;
  let ast = parsed.get(key);
  if (!ast) {
    const source = CATALOGUES[locale][id];
    if (source === undefined) throw new Error(`no message "${id}" in the ${locale} catalogue`);
    ast = IntlMessageFormat.__parse!(source, { ignoreTag: true });
    parsed.set(key, ast);
  }
  return ast;
}

/** Chinese has one plural category (CLDR: `other`), so Chinese plurals need no Intl.PluralRules, which loads ICU's
 * locale data on first use; number formats and English plurals are made when first asked for. */
const OTHER = { select: () => 'other' } as unknown as Intl.PluralRules;
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();
const formatters: Formatters = {
  getNumberFormat: (locales: string, options?: Intl.NumberFormatOptions) => {
    const key = JSON.stringify([locales, options]);
    let f = numberFormats.get(key);
    if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locales, options)));
    return f;
  },
  getDateTimeFormat: (locales: string, options?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locales, options),
  getPluralRules: (locales: string, options?: Intl.PluralRulesOptions) => {
    if (typeof locales === 'string' && locales.startsWith('zh')) return OTHER;
    const key = JSON.stringify([locales, options]);
    let rules = pluralRules.get(key);
    if (!rules) pluralRules.set(key, (rules = new Intl.PluralRules(locales, options)));
    return rules;
  },
} as unknown as Formatters;

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
  const source = CATALOGUES[locale][message.id];
  const parts = formatToParts(format(locale, message.id), locale, formatters, IntlMessageFormat.formats, values, undefined, source);
  let out = '';
  for (const part of parts) {
    if (typeof part.value !== 'string') throw new Error(`message "${message.id}" did not format to text`);
    out += part.value;
  }
  return out;
}

/** Template wording (section, table and row names) as shown to the reader: Traditional characters for zh-TW. */
export function templateText(value: string, locale: Locale): string {
  return locale === 'zh-TW' ? traditional(value) : value;
}

/** A template's human name in the reader's locale (the zh name in Traditional characters for zh-TW). */
export function templateName(name: { zh: string; en: string }, locale: Locale): string {
  return locale === 'en' ? name.en : templateText(name.zh, locale);
}
