// A message is data: an id in the catalogues (server/src/messages/<locale>.json) and its arguments. The text is
// made only at the edge (CLI, language server), in the reader's locale, by server/src/messages/render.ts.
import type { LocalText } from '../templates/index.js';

export interface Message { id: string; args?: Record<string, Arg> }

/** Wording from a template or the product (Simplified Chinese): shown in Traditional characters for zh-TW. */
export interface Label { label: string }

/** Items rendered one by one and joined by a separator (itself text: "、", " + ", " and "). */
export interface Joined { join: Arg[]; separator: MessageText | string }

/** A message, or a pair of texts not yet in the catalogues (rendered as zh for zh-CN and zh-TW, en for en). */
export type MessageText = Message | LocalText;

/**
 * An argument: a string is quoted from the user's report (a label, a phrase, a figure as written) and is never
 * altered; a number is shown as JavaScript writes it (and chooses plural forms); a Label is template wording.
 */
export type Arg = string | number | Label | MessageText | Joined;

export function msg(id: string, args?: Record<string, Arg>): Message {
  return args ? { id, args } : { id };
}

export function label(text: string): Label {
  return { label: text };
}

export function joined(items: Arg[], separator: MessageText | string): Joined {
  return { join: items, separator };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as Message).id === 'string';
}
