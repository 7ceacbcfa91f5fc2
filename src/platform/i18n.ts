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

/**
 * Message templates per i18n API, looked up once per key: the popup renders hundreds of rows, and each
 * getMessage call crosses into the browser. The template is fetched with a private-use sentinel as the
 * substitution, which the browser inserts verbatim, and filled in here.
 */
const SENTINEL = '\uE000';
const templates = new WeakMap<object, Map<string, string>>();
const FALLBACK_KEY = {};

function template(key: MessageKey): string {
  const i18n = api();
  const owner = i18n ?? FALLBACK_KEY;
  let cache = templates.get(owner);
  if (!cache) templates.set(owner, (cache = new Map()));
  let found = cache.get(key);
  if (found === undefined) {
    found = i18n?.getMessage(key, [SENTINEL]) || english[key].message.replace(/\$VALUE\$/g, SENTINEL);
    cache.set(key, found);
  }
  return found;
}

export function t(key: MessageKey, ...substitutions: string[]): string {
  const text = template(key);
  return text.includes(SENTINEL) ? text.split(SENTINEL).join(substitutions[0] ?? '') : text;
}

/** The browser's UI language (e.g. "de"), for Intl date and number formats. */
const languages = new WeakMap<object, string | undefined>();
export function uiLanguage(): string | undefined {
  const i18n = api();
  if (!i18n) return undefined;
  if (!languages.has(i18n)) {
    let language: string | undefined;
    try {
      language = i18n.getUILanguage() || undefined;
    } catch {
      language = undefined;
    }
    languages.set(i18n, language);
  }
  return languages.get(i18n);
}

/** Intl formatters are costly to create: one per language and style. */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(kind: string, create: (language: string | undefined) => T): T {
  const language = uiLanguage();
  const key = `${kind}|${language ?? ''}`;
  let found = formatters.get(key) as T | undefined;
  if (!found) formatters.set(key, (found = create(language)));
  return found;
}

export function formatDate(value: Date | number): string {
  return formatter('date', (language) => new Intl.DateTimeFormat(language, { dateStyle: 'medium' })).format(value);
}

export function formatDateTime(value: Date | number): string {
  return formatter('date-time', (language) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' })).format(value);
}

export function formatNumber(value: number): string {
  return formatter('number', (language) => new Intl.NumberFormat(language)).format(value);
}

export function formatTime(value: Date | number): string {
  return formatter('time', (language) => new Intl.DateTimeFormat(language, { timeStyle: 'medium' })).format(value);
}
