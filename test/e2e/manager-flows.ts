/**
 * Authorization flows end to end, for the consent inventory: consent pages on the real Microsoft hosts
 * (Azure DevOps OAuth and Microsoft Entra ID) whose Accept and Deny buttons post the decision, and the
 * server's answer, as the real services do, a 302 to the app's `redirect_uri` on loopback: with a
 * `code` when approved, with `error=access_denied` when declined. Mounted with `server.use(flowRoutes(...))`.
 */
import type { BrowserContext, Worker } from '@playwright/test';
import type { FixtureRequest, Route, RouteResult } from './harness/fixture-server';

export interface FlowApp {
  readonly name: string;
  readonly publisher: string;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const html = (body: string): RouteResult => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body });

function hidden(request: FixtureRequest): string {
  return ['redirect_uri', 'state', 'response_mode']
    .map((name) => [name, request.query.get(name)] as const)
    .filter(([, value]) => value !== null)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value ?? '')}">`)
    .join('');
}

function adoConsentPage(request: FixtureRequest, app: FlowApp): RouteResult {
  return html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorize application - Azure DevOps</title></head>
<body><header>Azure DevOps</header><main>
<h1><span id="appName">${escapeHtml(app.name)}</span> is requesting permission to access your Azure DevOps account</h1>
<p class="publisher">Publisher: ${escapeHtml(app.publisher)}</p>
<p>If you accept, this app will be able to act on your behalf.</p>
<form method="post" action="/oauth2/authorize/decision">${hidden(request)}
<button type="submit" name="decision" value="accept">Accept</button> <button type="submit" name="decision" value="deny">Deny</button>
</form></main></body></html>`);
}

function entraConsentPage(request: FixtureRequest, app: FlowApp, tenant: string): RouteResult {
  return html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Permissions requested</title></head>
<body><div role="heading" aria-level="1">Permissions requested</div>
<div class="app-name">${escapeHtml(app.name)}</div><div>App publisher: ${escapeHtml(app.publisher)}</div>
<div>This app would like to maintain access to data you have given it access to.</div>
<form method="post" action="/${escapeHtml(tenant)}/Consent/Set">${hidden(request)}
<button type="submit" name="decision" value="deny">Cancel</button> <button type="submit" name="decision" value="accept">Accept</button>
</form></body></html>`);
}

/** The server's answer to a decision: back to the app, as a 302 (the query, or the fragment for response_mode=fragment). */
function decide(request: FixtureRequest): RouteResult {
  const form = new URLSearchParams(request.body);
  const redirect = form.get('redirect_uri');
  if (!redirect) return { status: 400, body: 'no redirect_uri' };
  const answer = new URLSearchParams(
    form.get('decision') === 'accept'
      ? { code: 'fake-authorization-code-123' }
      : { error: 'access_denied', error_description: 'AADSTS65004: User declined to consent to access the app.' },
  );
  const state = form.get('state');
  if (state !== null) answer.set('state', state);
  const target = new URL(redirect);
  if (form.get('response_mode') === 'fragment') target.hash = answer.toString();
  else target.search = answer.toString();
  return { status: 302, headers: { location: target.href }, body: '' };
}

/** `apps` by client id: what each consent page shows. */
export function flowRoutes(apps: Readonly<Record<string, FlowApp>>): Route {
  const appOf = (request: FixtureRequest): FlowApp =>
    apps[(request.query.get('client_id') ?? '').toLowerCase()] ?? { name: 'Unknown app', publisher: 'unverified' };
  return (request) => {
    if (request.host === 'app.vssps.visualstudio.com' && request.secure) {
      if (request.method === 'GET' && request.pathname === '/oauth2/authorize') return adoConsentPage(request, appOf(request));
      if (request.method === 'POST' && request.pathname === '/oauth2/authorize/decision') return decide(request);
    }
    if (request.host === 'login.microsoftonline.com' && request.secure) {
      const authorize = /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/.exec(request.pathname);
      if (request.method === 'GET' && authorize) return entraConsentPage(request, appOf(request), authorize[1] ?? 'common');
      if (request.method === 'POST' && /^\/[^/]+\/Consent\/Set$/.test(request.pathname)) return decide(request);
    }
    // The app's redirect_uri on loopback, as a native app or a local dev server listens.
    if (request.host === '127.0.0.1' && request.pathname === '/callback')
      return html(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed in</title></head><body><p>You can close this tab.</p></body></html>',
      );
    return undefined;
  };
}

export function adoAuthorize(clientId: string, scopes: string, redirectUri: string, state: string): string {
  const query = new URLSearchParams({ client_id: clientId, response_type: 'Assertion', state, scope: scopes, redirect_uri: redirectUri });
  return `https://app.vssps.visualstudio.com/oauth2/authorize?${query}`;
}

export function entraAuthorize(clientId: string, tenant: string, scopes: string, redirectUri: string, state: string): string {
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: scopes,
    state,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  });
  return `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/authorize?${query}`;
}

interface StoredRecord {
  readonly outcome: string;
  readonly clientId: string | null;
  readonly appName: string | null;
}

/** The inventory's records as the background stored them (storage.local), newest first. */
export async function storedConsents(worker: Worker): Promise<StoredRecord[]> {
  return worker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome;
    const records = (await chrome.storage.local.get('consents.records'))['consents.records'];
    return Array.isArray(records) ? (records as StoredRecord[]) : [];
  });
}

/** Consent records written straight into storage.local, for tests of how the popup shows them. */
export async function seedConsents(context: BrowserContext, records: readonly object[]): Promise<void> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(async (list) => {
    const chrome = (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome;
    await chrome.storage.local.set({ 'consents.records': list });
  }, records);
}
