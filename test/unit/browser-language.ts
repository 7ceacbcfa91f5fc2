/**
 * A stand-in for the browser's i18n API in one language, answering the way browsers do: the language's
 * message, else the default locale's (English), filled in with the substitutions.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fillMessage, type MessageEntry } from '../../src/core/message-format';

type Messages = Record<string, MessageEntry>;

export function loadMessages(language: string): Messages {
  // import.meta.dirname, not import.meta.url: under happy-dom the latter is not a file: URL.
  return JSON.parse(readFileSync(path.join(import.meta.dirname, '../../public/_locales', language, 'messages.json'), 'utf8')) as Messages;
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
