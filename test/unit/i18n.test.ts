import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzePage } from '../../src/background/view';
import { scopeTextKey } from '../../src/catalog/scopes';
import { scopeCatalog } from '../../src/core/scopes';
import { analyzeLink, analyzeLocalFile, analyzeUrl, BRANDING_CUES, englishText, fillMessage, type PageSignals, type Text } from '../../src/core';
import { describeError } from '../../src/manager/api/errors';
import { grantedScope } from '../../src/manager/model';
import { formatDate, formatNumber, localText, t } from '../../src/platform/i18n';
import { parseManagedPolicy } from '../../src/policy/policy';
import { reportBody } from '../../src/policy/report';
import { loadCorpus } from '../corpus/load';
import { loadMessages, speak } from './browser-language';

const LANGUAGES = readdirSync(new URL('../../public/_locales/', import.meta.url));
const english = loadMessages('en');
const placeholdersUsed = (message: string) => [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((match) => (match[1] ?? '').toLowerCase()).sort();
/** What a message left unfilled would look like on screen. */
const UNFILLED = /\$[A-Za-z0-9_@]+\$|\$[1-9]|[\uE000-\uE008]/;

let quiet: (() => void) | undefined;
afterEach(() => {
  quiet?.();
  quiet = undefined;
});

describe('translations', () => {
  it('every language has exactly the English keys, with the same placeholders, each defined and used', () => {
    expect(LANGUAGES).toContain('en');
    expect(LANGUAGES.length).toBeGreaterThanOrEqual(2);
    for (const language of LANGUAGES) {
      const messages = loadMessages(language);
      expect(Object.keys(messages).sort(), language).toEqual(Object.keys(english).sort());
      for (const [key, entry] of Object.entries(messages)) {
        const where = `${language}:${key}`;
        expect(entry.message.trim(), where).not.toBe('');
        // Browsers refuse to load an extension whose message uses a placeholder it does not define.
        const used = placeholdersUsed(entry.message);
        const defined = Object.keys(entry.placeholders ?? {}).sort();
        expect([...new Set(used)], where).toEqual(defined);
        expect(entry.placeholders ?? {}, where).toEqual(english[key]?.placeholders ?? {});
      }
    }
  });

  it('message names are valid and distinct ignoring case, as browsers read them', () => {
    const names = Object.keys(english);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_@]+$/);
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
  });

  it('the manifest name and description come from the locales', async () => {
    const manifest = (await import('../../manifest.config')).default as unknown as { name: string; description: string; default_locale: string };
    expect(manifest).toMatchObject({ name: '__MSG_extName__', description: '__MSG_extDescription__', default_locale: 'en' });
  });
});

describe('filling messages', () => {
  it('fills named placeholders and $$ the way browsers do', () => {
    const entry = { message: 'Pay $$5 to $WHO$ at $HOST$', placeholders: { who: { content: '$1' }, host: { content: '$2' } } };
    expect(fillMessage(entry, ['Contoso', 'pay.example'])).toBe('Pay $5 to Contoso at pay.example');
  });

  it('shows page-controlled text as typed: a substitution is never read as a placeholder', () => {
    const hostile = 'https://evil.example/$1/$VALUE$/\uE001';
    expect(t('finding_insecure_redirect', hostile)).toContain(`"${hostile}"`);
    quiet = speak('de');
    expect(t('finding_insecure_redirect', hostile)).toContain(`„${hostile}“`);
  });
});

describe('t()', () => {
  it("uses the browser's translation when there is one", () => {
    quiet = speak('de');
    expect(t('goBack')).toBe('Zurück');
    expect(t('blockedTitle', 'Contoso')).toBe('Contoso hat diese Seite blockiert');
    expect(t('finding_microsoft_proxy', 'x.mcas.ms', 'login.microsoftonline.com')).toMatch(
      /^x\.mcas\.ms ist .* login\.microsoftonline\.com für Ihre Organisation/,
    );
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatDate(Date.UTC(2026, 10, 23, 12))).toMatch(/23\.\s?11\.\s?2026/);
  });

  it('falls back to English outside the extension', () => {
    expect(t('goBack')).toBe('Go back');
    expect(t('blockedTitle', 'Contoso')).toBe('Contoso blocked this page');
  });
});

/** Every corpus URL, as it is and as seen on a framed, branded page posting its form elsewhere. */
function everyFinding(): { text: Text; id: string }[] {
  const variants: (PageSignals | undefined)[] = [
    undefined,
    // Every branding cue at once (each has its own sentence), a form asking for the password over http ...
    { isTopFrame: false, forms: [{ action: 'http://collect.example/post', asks: 'credentials' }], asks: 'credentials', brandingCues: [...BRANDING_CUES] },
    // ... and one asking for the approval, posting to another site.
    { isTopFrame: true, forms: [{ action: 'https://collect.example/post', asks: 'consent' }], asks: 'consent', brandingCues: ['brand-title', 'brand-heading'] },
  ];
  const extra = [
    'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&scope=' +
      encodeURIComponent(Array.from({ length: 20 }, (_, index) => `made.up${index}`).join(' ')),
    'https://microsoft.com.login.example/oauth2/authorize?response_type=Assertion&scope=vso.code',
    'https://xn--mcrosoft-c2a.com/common/oauth2/v2.0/authorize?scope=499b84ac-1321-427f-aa17-267ca6975798/.default',
    'https://portal.azure.com/common/oauth2/v2.0/authorize?client_id=x&state=s&scope=499b84ac-1321-427f-aa17-267ca6975798/.default',
    'https://login.microsoftonline.com:8443/common/oauth2/v2.0/authorize?client_id=x&state=s&prompt=consent&scope=openid',
    'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=x&response_type=Assertion&state=s',
  ];
  // A pasted link is judged as the CLI and the link check judge it (what it carries counts too).
  const urls = [...loadCorpus().map((entry) => ({ url: entry.url, link: entry.link === true })), ...extra.map((url) => ({ url, link: false }))];
  const found: { text: Text; id: string }[] = [];
  for (const { url, link } of urls) {
    for (const signals of variants) {
      const result = (link ? analyzeLink : analyzeUrl)(url, signals ? { signals } : {});
      if (result.ok) for (const finding of result.analysis.findings) found.push({ text: finding.text, id: finding.id });
    }
  }
  // A clone opened from a file on this computer (src/core/local-file.ts).
  for (const signals of variants.slice(1)) {
    for (const finding of analyzeLocalFile('file:///C:/Users/ana/Downloads/Remittance.html', signals).findings)
      found.push({ text: finding.text, id: finding.id });
  }
  return found;
}

function keysOf(value: Text): string[] {
  return [value.key, ...value.args.flatMap((arg) => (typeof arg === 'string' ? [] : keysOf(arg)))];
}

describe('what the analyzer says, in every language', () => {
  const findings = everyFinding();

  it('the corpus exercises every finding sentence', () => {
    const used = new Set(findings.flatMap((finding) => keysOf(finding.text)));
    const sentences = Object.keys(english).filter((key) => key.startsWith('finding'));
    expect(sentences.filter((key) => !used.has(key))).toEqual([]);
  });

  for (const language of LANGUAGES.filter((lang) => lang !== 'en')) {
    it(`every finding reads completely in ${language}, with the page's own values kept`, () => {
      quiet = speak(language);
      for (const { text, id } of findings) {
        const said = localText(text);
        expect(said, id).not.toMatch(UNFILLED);
        expect(said, id).not.toBe(englishText(text));
        for (const arg of text.args) if (typeof arg === 'string' && arg !== '') expect(said, id).toContain(arg);
      }
    });

    it(`every scope is explained in ${language}`, () => {
      const messages = loadMessages(language);
      for (const entry of scopeCatalog) {
        expect(messages[scopeTextKey(entry.id, 'name')]?.message, `${entry.id} name`).toMatch(/\S/);
        for (const part of ['can', 'misuse'] as const) {
          const translated = messages[scopeTextKey(entry.id, part)]?.message;
          expect(translated, `${entry.id} ${part}`).toMatch(/\S/);
          expect(translated, `${entry.id} ${part}`).not.toBe(part === 'can' ? entry.canDo : entry.attackerUse);
        }
      }
    });
  }

  it('the English the CLI prints is the English file, filled in', () => {
    const [first] = findings;
    expect(findings.length).toBeGreaterThan(0);
    if (first) expect(englishText(first.text)).toBe(fillMessage(english[first.text.key]!, first.text.args.map(englishText)));
    expect(scopeCatalog.find((entry) => entry.id === 'vso.code_full')?.canDo).toBe(english.scope_vso_code_full_can?.message);
  });
});

describe('the extension speaks the browser language end to end', () => {
  const phishing = 'https://app-vssps-visualstudio.com/oauth2/authorize?client_id=x&response_type=Assertion&scope=vso.code_full';

  it('the banner view: findings, scope explanations and the badge title', async () => {
    quiet = speak('de');
    const view = analyzePage({ url: phishing, frameId: 0, flowStartUrl: null, signals: null, dismissedKeys: [] });
    expect(view?.findings[0]?.message).toMatch(/^Diese Website, app-vssps-visualstudio\.com, verbindet .* app\.vssps\.visualstudio\.com nach/);
    expect(view?.scopes[0]?.canDo).toMatch(/Repositorys/);
    const { badgeFor } = await import('../../src/background/view');
    expect(badgeFor(view).title).toMatch(/^Consent Guard: wahrscheinlich Phishing\. Diese Website/);
  });

  it('the authorization manager: errors and scope rows', () => {
    quiet = speak('de');
    expect(describeError({ kind: 'throttled', retryAfterSeconds: 1200 })).toBe(
      'Azure DevOps hat uns gebeten, langsamer zu machen. Versuchen Sie es in 1.200 s erneut.',
    );
    expect(describeError({ kind: 'rejected', status: 400, message: 'AccessDenied $1' })).toBe('Azure DevOps hat die Anfrage abgelehnt (400): AccessDenied $1');
    expect(grantedScope('vso.tokens').attackerUse).not.toBe(english.scope_vso_tokens_misuse?.message);
    expect(grantedScope('made.up').name).toBe('Unbekannte Berechtigung');
  });

  it('the options page: policy problems say what was expected', () => {
    quiet = speak('de');
    const { problems } = parseManagedPolicy({ blockDanger: 'yes', toString: true });
    expect(problems).toEqual([
      { key: 'blockDanger', message: 'erwartet: true oder false; ignoriert, es gilt der Standardwert' },
      { key: 'toString', message: 'keine Richtlinieneinstellung von Consent Guard; ignoriert' },
    ]);
  });

  it('the report to the admin keeps raw values searchable', () => {
    quiet = speak('de');
    const body = reportBody({
      host: 'evil.example',
      clientId: null,
      redirectHost: null,
      scopes: ['vso.code'],
      verdict: 'danger',
      findings: [],
      forbiddenScopes: [],
      time: 0,
    });
    expect(body).toContain('Client-ID: (keiner)');
    expect(body).toContain('Einstufung: danger');
    expect(body).toContain('Zeit: 1970-01-01T00:00:00.000Z');
  });
});
