import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatNumber, t } from '../../src/platform/i18n';

const LOCALES = new URL('../../public/_locales/', import.meta.url);
const load = (lang: string) => JSON.parse(readFileSync(new URL(`${lang}/messages.json`, LOCALES), 'utf8')) as Record<string, { message: string; placeholders?: object }>;

describe('translations', () => {
  it('every language has exactly the English keys, with the same placeholders', () => {
    const english = load('en');
    const languages = readdirSync(LOCALES).filter((lang) => lang !== 'en');
    expect(languages.length).toBeGreaterThanOrEqual(1);
    for (const lang of languages) {
      const other = load(lang);
      expect(Object.keys(other).sort(), lang).toEqual(Object.keys(english).sort());
      for (const [key, entry] of Object.entries(english)) {
        expect(other[key]?.message.includes('$VALUE$'), `${lang}:${key}`).toBe(entry.message.includes('$VALUE$'));
        expect(other[key]?.message.trim(), `${lang}:${key}`).not.toBe('');
      }
    }
  });

  it('the manifest name and description come from the locales', async () => {
    const manifest = (await import('../../manifest.config')).default as unknown as { name: string; description: string; default_locale: string };
    expect(manifest).toMatchObject({ name: '__MSG_extName__', description: '__MSG_extDescription__', default_locale: 'en' });
  });
});

describe('t()', () => {
  const scope = globalThis as { chrome?: unknown };
  afterEach(() => {
    delete scope.chrome;
  });

  it('uses the browser\'s translation when there is one', () => {
    const german = load('de');
    scope.chrome = {
      i18n: {
        getMessage: (key: string, substitutions: string[]) => german[key]?.message.replace('$VALUE$', substitutions[0] ?? '') ?? '',
        getUILanguage: () => 'de',
      },
    };
    expect(t('goBack')).toBe('Zurück');
    expect(t('blockedTitle', 'Contoso')).toBe('Contoso hat diese Seite blockiert');
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatDate(Date.UTC(2026, 10, 23, 12))).toMatch(/23\.\s?11\.\s?2026/);
  });

  it('falls back to English outside the extension', () => {
    expect(t('goBack')).toBe('Go back');
    expect(t('blockedTitle', 'Contoso')).toBe('Contoso blocked this page');
  });
});
