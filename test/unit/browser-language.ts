/**
 * A stand-in for the browser's i18n API in one language, answering the way browsers do: the language's
 * message, else the default locale's (English), filled in with the substitutions.
 */
import { readFileSync } from 'node:fs';
import { fillMessage, type MessageEntry } from '../../src/core/message-format';

type Messages = Record<string, MessageEntry>;

export function loadMessages(language: string): Messages {
  return JSON.parse(readFileSync(new URL(`../../public/_locales/${language}/messages.json`, import.meta.url), 'utf8')) as Messages;
}

/** Installs `chrome.i18n` speaking `language`; returns the function that removes it again. */
export function speak(language: string): () => void {
  const own = loadMessages(language);
  const english = loadMessages('en');
  const scope = globalThis as { chrome?: unknown };
  const previous = scope.chrome;
  scope.chrome = {
    i18n: {
      getMessage: (key: string, substitutions?: string | string[]) => {
        const entry = own[key] ?? english[key];
        if (!entry) return '';
        return fillMessage(entry, typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []));
      },
      getUILanguage: () => language,
    },
  };
  return () => {
    scope.chrome = previous;
  };
}
