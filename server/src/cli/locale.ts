// Which language messages are shown in: --locale, else the environment's, else Chinese.
import * as OpenCC from 'opencc-js/cn2t';
import type { LocalText } from '../templates/index.js';

export type Locale = 'zh-CN' | 'zh-TW' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'zh-TW', 'en'];

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

let toTraditional: ((s: string) => string) | undefined;

export function localize(text: LocalText, locale: Locale): string {
  if (locale === 'en') return text.en;
  if (locale === 'zh-TW') {
    const convert = toTraditional ?? (toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' }));
    return convert(text.zh);
  }
  return text.zh;
}
