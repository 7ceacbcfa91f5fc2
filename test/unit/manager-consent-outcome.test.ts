/**
 * How an authorization flow ended, from the addresses the tab went through: approved (the app's
 * redirect_uri with a code or token), declined (error=access_denied), abandoned (anything else that ends
 * it), or still going (sign-in pages, MFA, the same request again).
 */
import { describe, expect, it } from 'vitest';
import {
  CONSENT_FLOW_TTL_MS,
  isExpired,
  navigationOutcome,
  reachesRedirect,
  readConsentRequest,
  userChoseDestination,
} from '../../src/manager/consent-outcome';

const CLIENT = '7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11';

function adoRequest(redirect = 'https://deploybot.contoso.example/oauth/callback', state: string | null = 'st-123', scope = 'vso.code_write vso.work') {
  const query = new URLSearchParams({ client_id: CLIENT, response_type: 'Assertion', scope, redirect_uri: redirect });
  if (state !== null) query.set('state', state);
  return `https://app.vssps.visualstudio.com/oauth2/authorize?${query}`;
}

function entraRequest(tenant = 'common', redirect = 'http://127.0.0.1:53682/callback', state = 'st-456') {
  const query = new URLSearchParams({
    client_id: '3B1F2C4D-0000-4C5E-8F9A-112233445566',
    response_type: 'code',
    redirect_uri: redirect,
    scope: '499b84ac-1321-427f-aa17-267ca6975798/.default offline_access',
    state,
  });
  return `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/authorize?${query}`;
}

const request = (url: string) => {
  const read = readConsentRequest(url);
  if (!read) throw new Error(`not a request: ${url}`);
  return read;
};

describe('reading an authorization request', () => {
  it('an Azure DevOps OAuth request: its client, redirect, state and scopes with their risk', () => {
    const read = request(adoRequest());
    expect(read).toMatchObject({
      kind: 'azure-devops-oauth',
      host: 'app.vssps.visualstudio.com',
      clientId: CLIENT,
      redirectUri: 'https://deploybot.contoso.example/oauth/callback',
      state: 'st-123',
    });
    expect(read.scopes).toContainEqual({ id: 'vso.code_write', tier: 'high', highPrivilege: true });
    expect(read.scopes.find((scope) => scope.id === 'vso.work')?.highPrivilege).toBe(false);
  });

  it('a Microsoft Entra ID request: its tenant, a lower-case client id, and .default as full access', () => {
    const read = request(entraRequest('contoso.onmicrosoft.com'));
    expect(read).toMatchObject({
      kind: 'entra',
      host: 'login.microsoftonline.com',
      tenant: 'contoso.onmicrosoft.com',
      clientId: '3b1f2c4d-0000-4c5e-8f9a-112233445566',
    });
    expect(read.scopes.some((scope) => scope.tier === 'critical')).toBe(true);
  });

  it('a lookalike host or an ordinary page is no request (what a clone takes is the password, not a consent)', () => {
    expect(readConsentRequest(adoRequest().replace('app.vssps.visualstudio.com', 'app-vssps-visualstudio.com'))).toBeNull();
    expect(readConsentRequest('https://example.test/')).toBeNull();
    expect(readConsentRequest('not a url')).toBeNull();
  });
});

describe('how a later navigation ends the flow', () => {
  const ado = request(adoRequest());

  it('the redirect_uri with a code: approved, in the query or (response_mode=fragment) the fragment', () => {
    expect(navigationOutcome(ado, 'https://deploybot.contoso.example/oauth/callback?code=abc&state=st-123')).toBe('approved');
    const entra = request(entraRequest());
    expect(navigationOutcome(entra, 'http://127.0.0.1:53682/callback#code=abc&state=st-456')).toBe('approved');
    expect(navigationOutcome(entra, 'http://127.0.0.1:53682/callback#id_token=x.y.z&state=st-456')).toBe('approved');
  });

  it('error=access_denied: declined; any other error or no answer at the redirect: abandoned', () => {
    expect(navigationOutcome(ado, 'https://deploybot.contoso.example/oauth/callback?error=access_denied&state=st-123')).toBe('declined');
    expect(navigationOutcome(ado, 'https://deploybot.contoso.example/oauth/callback?error=server_error&state=st-123')).toBe('abandoned');
    expect(navigationOutcome(ado, 'https://deploybot.contoso.example/oauth/callback')).toBe('abandoned');
  });

  it('an answer carrying another state is not this flow’s answer', () => {
    expect(navigationOutcome(ado, 'https://deploybot.contoso.example/oauth/callback?code=abc&state=someone-else')).toBe('unrelated');
  });

  it('another path or host than the redirect_uri is not the answer; a loopback redirect matches on any port', () => {
    expect(navigationOutcome(ado, 'https://deploybot.contoso.example/other?code=abc&state=st-123')).toBe('unrelated');
    expect(navigationOutcome(ado, 'https://evil.example/oauth/callback?code=abc&state=st-123')).toBe('unrelated');
    expect(reachesRedirect('http://127.0.0.1:53682/callback', new URL('http://127.0.0.1:40001/callback/'))).toBe(true);
    expect(reachesRedirect('https://app.example/cb', new URL('https://app.example:8443/cb'))).toBe(false);
    expect(reachesRedirect('https://app.example/cb', new URL('http://app.example/cb'))).toBe(false);
  });

  it('sign-in pages and the same request again keep it going; a new request of another app ends it as abandoned', () => {
    expect(navigationOutcome(ado, 'https://login.microsoftonline.com/common/login')).toBe('unrelated');
    expect(navigationOutcome(ado, adoRequest())).toBe('unrelated');
    expect(navigationOutcome(ado, entraRequest())).toBe('abandoned');
  });

  it('a destination the user chose (typed, a bookmark) ends it as abandoned; one the page chose does not', () => {
    expect(navigationOutcome(ado, 'https://example.test/', { userInitiated: true })).toBe('abandoned');
    expect(navigationOutcome(ado, 'https://example.test/', { userInitiated: false })).toBe('unrelated');
    expect(userChoseDestination('typed')).toBe(true);
    expect(userChoseDestination('auto_bookmark')).toBe(true);
    expect(userChoseDestination('link')).toBe(false);
    expect(userChoseDestination('form_submit')).toBe(false);
    expect(userChoseDestination(undefined)).toBe(false);
  });

  it('without a redirect_uri, the returned state identifies the answer', () => {
    const bare = request(adoRequest('https://deploybot.contoso.example/oauth/callback').replace(/&redirect_uri=[^&]*/, ''));
    expect(bare.redirectUri).toBeNull();
    expect(navigationOutcome(bare, 'https://anywhere.example/cb?code=abc&state=st-123')).toBe('approved');
    expect(navigationOutcome(bare, 'https://anywhere.example/cb?code=abc')).toBe('unrelated');
  });
});

describe('time', () => {
  it('a flow older than its time, or from the future (a clock set back), is over', () => {
    expect(isExpired(0, CONSENT_FLOW_TTL_MS)).toBe(false);
    expect(isExpired(0, CONSENT_FLOW_TTL_MS + 1)).toBe(true);
    expect(isExpired(1000, 999)).toBe(true);
  });
});
