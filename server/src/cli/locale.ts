// Which language messages are shown in: --locale, else the environment's, else Chinese. The renderer is shared
// with the language server (server/src/messages/render.ts).
export { LOCALES, localeFromEnvironment, parseLocale, render as localize, type Locale } from '../messages/render.js';
