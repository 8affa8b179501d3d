// The `tally.*` settings as the server sees them, and the language of its messages.
import { parseLocale, render, type Locale } from '../messages/render.js';
export { templateName, templateText } from '../messages/render.js';
import type { MessageText } from '../engine/message.js';
import type { BlankCells } from '../engine/blanks.js';
import type { AnalyzeOptions } from '../engine/index.js';
import { NO_SETTINGS, type FileSettings } from '../shared/config.js';
import { ambiguousWidthOfFont, type AmbiguousWidth } from '../engine/format.js';

export interface Settings {
  enable: boolean;
  locale: 'auto' | 'zh-CN' | 'zh-TW' | 'en';
  run: 'onType' | 'onSave';
  scope: 'reports' | 'all';
  inlayHints: boolean;
  /** How blank cells read: auto (0 where a table leaves 0 blank), zero, missing. */
  blankCells: BlankCells;
  /** Check the figures in the text against the tables. */
  prose: boolean;
  /** The template every report is checked against (an id); empty: chosen by front matter or detection. */
  template: string;
  /**
   * Columns an East Asian Ambiguous character takes in aligned tables: `tally.format.ambiguousWidth`, or when it is
   * "auto" (the default) the editor font's (`editor.fontFamily`, `ambiguousWidthOfFont`).
   */
  ambiguousWidth: AmbiguousWidth;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, locale: 'auto', run: 'onType', scope: 'reports', inlayHints: true, blankCells: 'auto', prose: true, template: '', ambiguousWidth: 1 };

/** The locale of the server's messages: zh-CN, zh-TW or en. */
export type Language = Locale;

/** `auto` follows the editor's display language (zh-tw, zh-hk, zh-hant → zh-TW); Chinese unless it is another language. */
export function messageLanguage(settings: Settings, editorLocale: string | undefined): Language {
  if (settings.locale !== 'auto') return settings.locale;
  if (!editorLocale) return 'zh-CN';
  return parseLocale(editorLocale) ?? 'en';
}

export function text(value: MessageText, language: Language): string {
  return render(value, language);
}

/** The `tally` section as the client sends it, completed; `fontFamily` is the editor's (`editor.fontFamily`). */
export function withDefaults(value: unknown, fontFamily?: unknown): Settings {
  const v = (value ?? {}) as Partial<Omit<Settings, 'ambiguousWidth'>> & { format?: { ambiguousWidth?: unknown } };
  const width = v.format?.ambiguousWidth;
  return {
    enable: typeof v.enable === 'boolean' ? v.enable : DEFAULT_SETTINGS.enable,
    locale: v.locale === 'zh-CN' || v.locale === 'zh-TW' || v.locale === 'en' ? v.locale : 'auto',
    run: v.run === 'onSave' ? 'onSave' : 'onType',
    scope: v.scope === 'all' ? 'all' : 'reports',
    inlayHints: typeof v.inlayHints === 'boolean' ? v.inlayHints : DEFAULT_SETTINGS.inlayHints,
    blankCells: v.blankCells === 'zero' || v.blankCells === 'missing' ? v.blankCells : 'auto',
    prose: typeof v.prose === 'boolean' ? v.prose : DEFAULT_SETTINGS.prose,
    template: typeof v.template === 'string' ? v.template.trim() : '',
    ambiguousWidth: width === 1 || width === 2 ? width : ambiguousWidthOfFont(typeof fontFamily === 'string' ? fontFamily : undefined),
  };
}

/** The width of ambiguous characters for a document: the configuration file's, else the editor's. */
export function ambiguousWidth(settings: Settings, file: FileSettings = NO_SETTINGS): AmbiguousWidth {
  return file.ambiguousWidth ?? settings.ambiguousWidth;
}

/** The engine options the settings choose; the configuration file's (`file`) win where it sets a value, as in markdownlint. */
export function analyzeOptions(settings: Settings, file: FileSettings = NO_SETTINGS): AnalyzeOptions {
  const template = file.template ?? (settings.template || undefined);
  const prose = file.prose ?? settings.prose;
  return {
    blankCells: file.blankCells ?? settings.blankCells,
    ...(prose ? {} : { prose: false }),
    ...(template ? { template } : {}),
    ...(file.templates.length ? { templates: file.templates } : {}),
  };
}

/** The settings with the configuration file's locale, where it sets one. */
export function withConfig(settings: Settings, file: FileSettings): Settings {
  return file.locale ? { ...settings, locale: file.locale } : settings;
}
