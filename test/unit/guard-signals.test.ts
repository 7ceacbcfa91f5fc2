// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectSignals, detectBranding, formSignals, readClaims } from '../../src/content/signals';
import { weighBranding } from '../../src/core/branding';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../e2e/pages', name), 'utf8');
/** Parses a page as if served from `url` (a <base> element stands in for the document's address). */
function load(html: string, url = 'https://devtools-portal.example/approve'): Document {
  const withoutScripts = html.replace(/<script[\s\S]*?<\/script>/gi, '');
  const base = `<base href="${url}">`;
  const withBase = /<head>/i.test(withoutScripts) ? withoutScripts.replace(/<head>/i, `<head>${base}`) : base + withoutScripts;
  return new DOMParser().parseFromString(withBase, 'text/html');
}

describe('page signals', () => {
  it('recognises a clone of the Azure DevOps approval page and the Entra sign-in page as Microsoft-branded', () => {
    expect(detectBranding(load(fixture('ado-approval.html'))).imitatesMicrosoft).toBe(true);
    expect(detectBranding(load(fixture('entra-signin.html'))).imitatesMicrosoft).toBe(true);
  });

  it('does not call a news article about Microsoft with a sign-in form a clone', () => {
    expect(detectBranding(load(fixture('news.html'))).imitatesMicrosoft).toBe(false);
    expect(detectBranding(load('<title>Microsoft stock rises</title><h1>Microsoft</h1><p>Shares rose.</p><button>Subscribe</button>')).imitatesMicrosoft).toBe(
      false,
    );
  });

  it('reads the app name and publisher the page shows', () => {
    expect(readClaims(load(fixture('ado-approval.html')))).toEqual({ appName: 'Contoso Deploy Bot', publisher: 'Contoso Ltd' });
    expect(readClaims(load(fixture('entra-consent.html')))).toEqual({ appName: 'Fabrikam Release Helper', publisher: 'unverified' });
  });

  it('resolves form targets against the page, including formaction buttons, despite DOM clobbering', () => {
    const doc = load(
      '<form action="/post"><input name="action" value="x"></form><form action="http://collector.example/a"></form><button formaction="https://x.example/b">Go</button>',
      'https://devtools-portal.example/approve',
    );
    expect(formSignals(doc).map((form) => form.action)).toEqual(['https://devtools-portal.example/post', 'http://collector.example/a', 'https://x.example/b']);
  });

  it('collects everything the background needs in one object', () => {
    const signals = collectSignals(load(fixture('ado-approval.html')), window);
    expect(signals).toMatchObject({ isTopFrame: true, appName: 'Contoso Deploy Bot' });
    expect(weighBranding(signals.brandingCues, signals.asks).imitatesMicrosoft).toBe(true);
    expect(signals.forms.map((form) => form.action)).toEqual(['https://devtools-portal.example/oauth2/authorize/approve']);
  });
});
