// The `tally.*` settings as the server sees them, and the language of its messages.
import type { LocalText } from '../templates/index.js';

export interface Settings {
  enable: boolean;
  locale: 'auto' | 'zh-CN' | 'zh-TW' | 'en';
  run: 'onType' | 'onSave';
  scope: 'reports' | 'all';
  inlayHints: boolean;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, locale: 'auto', run: 'onType', scope: 'reports', inlayHints: true };

export type Language = 'zh' | 'en';

/** `auto` follows the editor's display language; Chinese unless it is another language. */
export function messageLanguage(settings: Settings, editorLocale: string | undefined): Language {
  const locale = settings.locale === 'auto' ? editorLocale ?? 'zh-CN' : settings.locale;
  return /^zh/i.test(locale) || locale === '' ? 'zh' : 'en';
}

export function text(value: LocalText, language: Language): string {
  return value[language];
}

export function withDefaults(value: unknown): Settings {
  const v = (value ?? {}) as Partial<Settings>;
  return {
    enable: typeof v.enable === 'boolean' ? v.enable : DEFAULT_SETTINGS.enable,
    locale: v.locale === 'zh-CN' || v.locale === 'zh-TW' || v.locale === 'en' ? v.locale : 'auto',
    run: v.run === 'onSave' ? 'onSave' : 'onType',
    scope: v.scope === 'all' ? 'all' : 'reports',
    inlayHints: typeof v.inlayHints === 'boolean' ? v.inlayHints : DEFAULT_SETTINGS.inlayHints,
  };
}
