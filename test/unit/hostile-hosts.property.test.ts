/**
 * Property-based checks of the host classes added for real-world attacks: names a customer can rent under a
 * Microsoft domain are never trusted and an Azure DevOps request there is never milder than danger; Microsoft's
 * own infrastructure is never called a lookalike; Defender's proxy never launders a lookalike.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeLink, analyzeUrl, assessHost, toContractJson, TRUSTED_AUTHORIZATION_HOSTS } from '../../src/core';
import { CUSTOMER_LABELLED_DOMAINS, DEFENDER_PROXY_SUFFIXES, MICROSOFT_INFRASTRUCTURE_DOMAINS } from '../../src/core/microsoft-domains';

const ADO_REQUEST =
  '/common/oauth2/v2.0/authorize?client_id=8a2b3c4d-0000-4000-8000-000000000002&response_type=code&state=s&scope=499b84ac-1321-427f-aa17-267ca6975798%2Fvso.code';
const TRUSTED = TRUSTED_AUTHORIZATION_HOSTS.map((entry) => entry.host);
const RUNS = { numRuns: 300 };

/** A DNS label a customer might pick: letters, digits and inner hyphens, sometimes a trusted name glued in. */
const label = fc.oneof(
  fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/),
  fc.constantFrom(...TRUSTED).map((host) => host.replace(/\./g, '-')),
  fc.tuple(fc.constantFrom(...TRUSTED), fc.stringMatching(/^[a-z0-9]{1,8}$/)).map(([host, extra]) => `${host.split('.')[1] ?? host}${extra}`),
);
const customerDomain = fc.constantFrom(...CUSTOMER_LABELLED_DOMAINS.filter((entry) => !entry.microsoftLabels).map((entry) => entry.suffix));

describe('hosts an attacker can rent, and Microsoft infrastructure (property-based)', () => {
  it('a customer-labelled host is never trusted, and an Azure DevOps request on it is danger', () => {
    fc.assert(
      fc.property(label, customerDomain, (customer, suffix) => {
        const host = `${customer}.${suffix}`;
        const result = analyzeUrl(`https://${host}${ADO_REQUEST}`);
        if (!result.ok) return;
        const json = toContractJson(result.analysis);
        expect(json.host.trusted, host).toBe(false);
        expect(json.verdict, host).toBe('danger');
      }),
      RUNS,
    );
  });

  it('Microsoft infrastructure is never called a lookalike', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MICROSOFT_INFRASTRUCTURE_DOMAINS.map((entry) => entry.domain)), fc.stringMatching(/^[a-z0-9]{1,12}$/), (domain, sub) => {
        const base = domain.replace(/^\*\./, '');
        for (const host of [base, `${sub}.${base}`]) expect(assessHost(host).kind, host).not.toBe('lookalike');
      }),
      RUNS,
    );
  });

  it("Defender's proxy never turns a lookalike into something milder", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DEFENDER_PROXY_SUFFIXES),
        fc.constantFrom('app-vssps-visualstudio.com', 'login-microsoftonline.com', 'login.microsoftonIine.com', 'app.vssps.visualstudio.com.evil.example'),
        (suffix, lookalike) => {
          const proxied = `${lookalike}.${suffix}`;
          expect(assessHost(lookalike).kind, lookalike).toBe('lookalike');
          expect(assessHost(proxied).kind, proxied).toBe('lookalike');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a trusted host through any Defender proxy suffix is the proxy, never a lookalike', () => {
    for (const suffix of DEFENDER_PROXY_SUFFIXES) for (const host of TRUSTED) expect(assessHost(`${host}.${suffix}`).kind, `${host}.${suffix}`).toBe('proxy');
  });

  it("a customer label made of a trusted host's words (any order, hyphens, extra words) is a lookalike of it", () => {
    // Under a Microsoft domain the suffix is Microsoft's already: `login-live`, `live-login`, `secure-login-live`.
    const words = fc.constantFrom(...TRUSTED).map((host) => host.split('.').slice(0, -1));
    const extra = fc.constantFrom('', 'secure', 'auth', 'portal', 'eu', '365');
    fc.assert(
      fc.property(words, fc.boolean(), extra, extra, customerDomain, (parts, reversed, before, after, suffix) => {
        const ordered = reversed ? [...parts].reverse() : parts;
        const customer = [before, ...ordered, after].filter((word) => word !== '').join('-');
        const host = `${customer}.${suffix}`;
        const assessed = assessHost(host);
        expect(assessed.kind, host).toBe('lookalike');
      }),
      RUNS,
    );
  });

  it("an open redirect on Microsoft's own sign-in hosts never launders a lookalike: the link is danger", () => {
    const lookalike = fc.constantFrom(
      'https://login-microsoftonline.com/common/login',
      'https://app-vssps-visualstudio.com/',
      'https://login.microsoftonIine.com/',
      'https://login-live.azurewebsites.net/',
      'https://app.vssps.visualstudio.com.evil.example/cb',
    );
    const step = fc.constantFrom(
      (target: string) => `https://login.microsoftonline.com/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(target)}`,
      (target: string) => `https://login.live.com/logout.srf?ru=${encodeURIComponent(target)}`,
      (target: string) => `https://login.microsoftonline.com/common/wsfederation?wa=wsignout1.0&wreply=${encodeURIComponent(target)}`,
      (target: string) => `https://aex.dev.azure.com/signin?realm=aex.dev.azure.com&reply_to=${encodeURIComponent(encodeURIComponent(target))}`,
      (target: string) =>
        `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&scope=openid&state=s&redirect_uri=${encodeURIComponent(target)}`,
    );
    fc.assert(
      fc.property(lookalike, step, (target, wrap) => {
        const result = analyzeUrl(wrap(target));
        expect(result.ok && result.analysis.verdict, wrap(target)).toBe('danger');
      }),
      { numRuns: 100 },
    );
  });

  it("a wrapper never makes a verdict milder or harsher: the wrapped link gets the inner URL's verdict", () => {
    const inner = fc.constantFrom(
      'https://app-vssps-visualstudio.com/oauth2/authorize?response_type=Assertion&scope=vso.code_full&state=s',
      'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&scope=vso.work',
      `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=c&state=s&response_type=code&scope=${encodeURIComponent('499b84ac-1321-427f-aa17-267ca6975798/vso.code_full')}`,
      'https://www.contoso.com/news?id=7',
      'https://login-live.azurewebsites.net/',
    );
    const enc = encodeURIComponent;
    const wrapper = fc.constantFrom(
      (url: string) => `https://nam02.safelinks.protection.outlook.com/?url=${enc(url)}&data=x&reserved=0`,
      (url: string) => `https://urldefense.proofpoint.com/v1/url?u=${enc(url)}&k=x`,
      (url: string) => `https://secure-web.cisco.com/1AbC/${enc(url)}`,
      (url: string) => `https://linkprotect.cudasvc.com/url?a=${enc(url)}&c=E,1,x`,
      (url: string) => `https://www.google.com/url?q=${enc(url)}&sa=D`,
      (url: string) => `https://www.bing.com/ck/a?!&&p=x&u=a1${Buffer.from(url).toString('base64url')}&ntb=1`,
      (url: string) => `https://clicktime.symantec.com/15s?u=${enc(url)}`,
      (url: string) => `https://eu-central-1.protection.sophos.com/?d=x&u=${Buffer.from(url).toString('base64')}&h=y`,
    );
    fc.assert(
      fc.property(inner, fc.array(wrapper, { minLength: 1, maxLength: 3 }), (url, wrappers) => {
        const wrapped = wrappers.reduce<string>((link, wrap) => wrap(link), url);
        const direct = analyzeUrl(url);
        const unwrapped = analyzeLink(wrapped);
        expect(unwrapped.ok && unwrapped.link.wrappers.length, wrapped).toBe(wrappers.length);
        expect(unwrapped.ok && unwrapped.analysis.verdict, wrapped).toBe(direct.ok && direct.analysis.verdict);
      }),
      { numRuns: 200 },
    );
  });
});
