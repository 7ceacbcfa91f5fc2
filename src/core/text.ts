/**
 * User-facing sentences as a message key plus substitutions, so every shell can say them in the user's
 * language: the extension renders them through the browser's i18n, the CLI in English. The English text
 * lives in the extension's own `_locales/en/messages.json`, the one place every language is kept.
 */
import english from '../../public/_locales/en/messages.json' with { type: 'json' };
import { fillMessage } from './message-format';

export type TextKey = keyof typeof english;

/** A sentence to show; an argument may itself be a sentence (a list "and 3 more", a host "(really …)"). */
export interface Text {
  readonly key: TextKey;
  readonly args: readonly TextArg[];
}
export type TextArg = string | Text;

export function text(key: TextKey, ...args: TextArg[]): Text {
  return { key, args };
}

/** The English rendering, for the CLI, its JSON contract and anything that has no browser. */
export function englishText(value: TextArg): string {
  if (typeof value === 'string') return value;
  return fillMessage(english[value.key], value.args.map(englishText));
}
