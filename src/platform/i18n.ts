/**
 * User-facing strings through the browser's i18n (_locales/<lang>/messages.json). Reads the API from the
 * global object rather than the polyfill so components stay testable outside an extension; there, and
 * for a key the browser does not know, the English text bundled from _locales/en is used.
 */
import english from '../../public/_locales/en/messages.json' with { type: 'json' };

export type MessageKey = keyof typeof english;

interface I18nApi {
  getMessage(key: string, substitutions?: string | string[]): string;
  getUILanguage(): string;
}

function api(): I18nApi | undefined {
  const scope = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  return scope.browser?.i18n ?? scope.chrome?.i18n;
}

export function t(key: MessageKey, ...substitutions: string[]): string {
  const localized = api()?.getMessage(key, substitutions);
  if (localized) return localized;
  return english[key].message.replace(/\$VALUE\$/g, substitutions[0] ?? '');
}

/** The browser's UI language (e.g. "de"), for Intl date and number formats. */
export function uiLanguage(): string | undefined {
  try {
    return api()?.getUILanguage() || undefined;
  } catch {
    return undefined;
  }
}

export function formatDate(value: Date | number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium' }).format(value);
}

export function formatDateTime(value: Date | number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(value);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(uiLanguage()).format(value);
}

export function formatTime(value: Date | number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { timeStyle: 'medium' }).format(value);
}
