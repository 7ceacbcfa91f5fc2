import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GUARD_MESSAGE_KEYS } from '../../src/content/message-keys';
import { seedTemplates, t } from '../../src/platform/i18n';

/** The files the guard's banner takes its words from (src/content/message-keys.ts names them). */
const BANNER_SOURCES = ['src/content/banner/Banner.tsx', 'src/ui/ScopeList.tsx', 'src/ui/tiers.ts'];

describe("the banner's message templates delivered with the guard", () => {
  it('cover every message the banner shows by key, so its first paint never waits for the browser', () => {
    const used = new Set<string>();
    for (const file of BANNER_SOURCES) {
      for (const match of readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8').matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(match[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((key) => !GUARD_MESSAGE_KEYS.includes(key as never))).toEqual([]);
  });

  it('are used in place of the browser for those keys; anything else is still asked for', () => {
    const scope = globalThis as { chrome?: unknown };
    const previous = scope.chrome;
    const asked: string[] = [];
    scope.chrome = {
      i18n: {
        getMessage: (key: string) => (asked.push(key), `browser:${key}`),
        getUILanguage: () => 'en',
      },
    };
    try {
      seedTemplates({ leavePage: 'Seite verlassen', trustApp: 42 });
      expect(t('leavePage')).toBe('Seite verlassen');
      expect(t('trustApp')).toBe('browser:trustApp');
      expect(asked).toEqual(['trustApp']);
    } finally {
      scope.chrome = previous;
    }
  });
});
