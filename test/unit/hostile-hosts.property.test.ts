/**
 * Property-based checks of the host classes added for real-world attacks: names a customer can rent under a
 * Microsoft domain are never trusted and an Azure DevOps request there is never milder than danger; Microsoft's
 * own infrastructure is never called a lookalike; Defender's proxy never launders a lookalike.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeUrl, assessHost, toContractJson, TRUSTED_AUTHORIZATION_HOSTS } from '../../src/core';
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
});
