/**
 * User-facing strings through the browser's i18n (_locales/<lang>/messages.json). Reads the API from the
 * global object rather than the polyfill so components stay testable outside an extension; there (unit
 * tests), the messages given to useFallbackMessages are used. Bundles carry no copy of any language.
 */
import { fillMessage, type MessageEntry } from '../core/message-format';
import type { TextArg, TextKey } from '../core/text';
import { lookUpApi } from './api-lookup';

export type MessageKey = TextKey;

interface I18nApi {
  getMessage(key: string, substitutions?: string | string[]): string;
  getUILanguage(): string;
}

/** The browser's i18n API, where the page has not put something of its own in its place (src/platform/api-lookup.ts). */
function api(): I18nApi | undefined {
  return lookUpApi<I18nApi>('i18n', 'getMessage');
}

/**
 * Message templates per i18n API, looked up once per key: the popup renders hundreds of rows, and each
 * getMessage call crosses into the browser. The template is fetched with private-use sentinels as the
 * substitutions, which the browser inserts verbatim, and filled in here.
 */
const SENTINELS = Array.from({ length: 9 }, (_, index) => String.fromCharCode(0xe000 + index));
const SENTINEL_PATTERN = /[\uE000-\uE008]/g;
let templates = new WeakMap<object, Map<string, string>>();
let fallbackMessages: Readonly<Record<string, MessageEntry>> = {};
const FALLBACK_OWNER = {};

/** Where no browser i18n API exists (unit tests): answer from these messages, normally _locales/en. */
export function useFallbackMessages(messages: Readonly<Record<string, MessageEntry>>): void {
  fallbackMessages = messages;
  templates = new WeakMap();
}

function template(key: MessageKey): string {
  const i18n = api();
  const owner = i18n ?? FALLBACK_OWNER;
  let cache = templates.get(owner);
  if (!cache) templates.set(owner, (cache = new Map()));
  let found = cache.get(key);
  if (found === undefined) {
    const fallback = fallbackMessages[key];
    // An unknown key shows as itself: visible in review, never a blank warning.
    found = i18n?.getMessage(key, SENTINELS) || (fallback ? fillMessage(fallback, SENTINELS) : key);
    cache.set(key, found);
  }
  return found;
}

export function t(key: MessageKey, ...substitutions: string[]): string {
  const found = template(key);
  return found.replace(SENTINEL_PATTERN, (sentinel) => substitutions[sentinel.charCodeAt(0) - 0xe000] ?? '');
}

/** A sentence from the pure core (a finding, a note) in the user's language. */
export function localText(value: TextArg): string {
  return typeof value === 'string' ? value : t(value.key, ...value.args.map(localText));
}

/**
 * An extension page in the language of its messages: `lang` picks the screen reader's voice and the quotation
 * marks, the title names the tab. The HTML files say English for the moment before this runs.
 */
export function localizeDocument(doc: Document, titleKey?: MessageKey): void {
  doc.documentElement.lang = t('messagesLanguage');
  if (titleKey) doc.title = t(titleKey);
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

/** The templates of these keys in the user's language (the background's, for a guard it starts: seedTemplates). */
export function templatesOf(keys: readonly MessageKey[]): Record<string, string> {
  return Object.fromEntries(keys.map((key) => [key, template(key)]));
}

/**
 * Templates handed over by the background, used instead of asking the browser: a content script's first
 * getMessage loads the whole message bundle with a synchronous round trip to the browser (tens of ms on a busy
 * machine), which would hold up the banner. Keys not given here are still asked for.
 */
export function seedTemplates(given: unknown): void {
  if (given === null || typeof given !== 'object') return;
  // A guard left without the browser API by the page (src/platform/bare-runtime.ts) has only these.
  const owner = api() ?? FALLBACK_OWNER;
  let cache = templates.get(owner);
  if (!cache) templates.set(owner, (cache = new Map()));
  for (const [key, value] of Object.entries(given)) if (typeof value === 'string' && value !== '' && !cache.has(key)) cache.set(key, value);
}
