// @vitest-environment happy-dom
/**
 * Text as a person reads it (src/core/reading.ts): what a clone writes to dodge word matching (look-alike letters
 * of other scripts, zero-width characters, full width, accents) reads as the words it imitates, and the page
 * signals and the background's title triage match on that reading.
 */
import { describe, expect, it } from 'vitest';
import { titleLooksRelevant } from '../../src/background/triage';
import { detectBranding } from '../../src/content/signals';
import { asRead } from '../../src/core/reading';

/** Ways to write "Microsoft" that read as Microsoft. */
const MICROSOFT_AS_WRITTEN = [
  'Micr\u043Esoft', // Cyrillic о
  '\u041Cicrosoft', // Cyrillic М
  'Micr\u03BFs\u03BFft', // Greek ο twice
  'Micro\u200Bsoft', // zero-width space
  'Mi\u00ADcro\u2060soft', // soft hyphen, word joiner
  'Micro\u200Dso\uFEFFft', // zero-width joiner, BOM
  '\uFF2D\uFF49\uFF43\uFF52\uFF4F\uFF53\uFF4F\uFF46\uFF54', // full width
  'Micr\u00F3soft', // precomposed ó
  'Micro\u0301soft', // combining acute
  '\u{1D40C}icrosoft', // mathematical bold M
  '\u216Ficrosoft', // Roman numeral one thousand
  'M\u0456crosoft', // Cyrillic і
  'Micros\u043Eft\u202E', // a bidirectional override after it
];

describe('asRead', () => {
  it.each(MICROSOFT_AS_WRITTEN)('reads %j as Microsoft', (written) => {
    expect(asRead(written).toLowerCase()).toBe('microsoft');
  });

  it('leaves ASCII alone (the table would read | as l) and other scripts as they are', () => {
    for (const plain of ['Sign in | Contoso', 'a|b', 'I1l0O', 'https://login.microsoftonline.com/']) expect(asRead(plain)).toBe(plain);
    expect(asRead('日本語のページ')).toBe('日本語のページ');
    expect(asRead('Anmelden bei Microsoft – Konto')).toBe('Anmelden bei Microsoft – Konto');
  });

  it('reads a drawn address written in look-alikes as the address', () => {
    expect(asRead('l\u043Egin.micr\u043Es\u043Eft\u043Enline.c\u043Em')).toBe('login.microsoftonline.com');
    expect(asRead('\uFF4C\uFF4F\uFF47\uFF49\uFF4E\uFF0Emicrosoftonline.com')).toBe('login.microsoftonline.com');
  });
});

const page = (title: string, body: string) =>
  new DOMParser().parseFromString(
    `<!doctype html><html><head><base href="https://files-share.example/"><title>${title}</title></head><body>${body}</body></html>`,
    'text/html',
  );

describe('a clone that writes its brand in look-alikes', () => {
  it.each(MICROSOFT_AS_WRITTEN)('is a clone when "Microsoft" is written %j in its title, heading and logo', (brand) => {
    const doc = page(
      `Sign in to your ${brand} account`,
      `<img alt="${brand}" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><h1>Sign in to your ${brand} account</h1><input type="password"><button>Sign in</button>`,
    );
    const branding = detectBranding(doc);
    expect(branding.cues).toEqual(expect.arrayContaining(['brand-title', 'brand-logo', 'brand-heading']));
    expect(branding.imitatesMicrosoft).toBe(true);
  });

  it('starts the guard from a title whose brand is written in look-alikes', () => {
    for (const brand of MICROSOFT_AS_WRITTEN) expect(titleLooksRelevant(`Sign in to your ${brand} account`), brand).toBe(true);
    expect(titleLooksRelevant('S\u0456gn \u0456n to your \u0430cc\u043Eunt')).toBe(true);
  });

  it('is a browser-in-the-browser window when its address bar is written in look-alikes', () => {
    const address = '🔒 https://l\u043Egin.micr\u043Es\u043Eftonline.com/common/oauth2/v2.0/authorize';
    const doc = page(
      'Shared files',
      `<h1>Shared files</h1><div style="position:fixed;left:20%;top:10%;width:480px"><div>Sign in <button>✕</button></div><div>${address}</div><div><h2>Sign in</h2><input type="email"><input type="password"><button>Next</button></div></div>`,
    );
    expect(detectBranding(doc).cues).toContain('sign-in-address-bar');
  });

  it('stays silent on ordinary pages in other languages and scripts', () => {
    expect(
      detectBranding(page('日本語のニュース', '<h1>今日のニュース</h1><p>マイクロソフトの株価が上がりました。</p><input type="password">')).imitatesMicrosoft,
    ).toBe(false);
    expect(detectBranding(page('Новости', '<h1>Новости дня</h1><p>Акции выросли.</p><input type="password"><button>Войти</button>')).imitatesMicrosoft).toBe(
      false,
    );
    expect(titleLooksRelevant('Новости дня')).toBe(false);
    expect(titleLooksRelevant('Ελληνικά νέα')).toBe(false);
  });
});
