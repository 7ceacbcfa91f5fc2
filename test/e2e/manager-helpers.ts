/** Shared by the authorization manager e2e tests: a clean extension, the fake DelegatedAuth API, the popup. */
import type { BrowserContext, Page } from '@playwright/test';
import type { FixtureServer } from './harness/fixture-server';
import { createFakeAdoApi, type FakeAdoApi, type FakeAdoApiOptions } from './harness/fake-ado-api';

export const SESSION_COOKIE = { name: 'UserAuthentication', value: 'fake-session-7f3a' };
export const PAT = 'fakepat0123456789abcdefghijklmnopqrstuvwxyz0123456789';
export const LIST_PATH = '/_apis/DelegatedAuth/Authorizations';

export async function resetExtension(context: BrowserContext, signedIn: boolean) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(async () => {
    type Area = { clear(): Promise<void>; get(key: string): Promise<Record<string, { finishedAt?: number | null } | undefined>> };
    const api = (globalThis as unknown as { chrome: { storage: { session: Area; local: Area } } }).chrome;
    // A revoke left running by an earlier test must not spill into this one.
    for (let waited = 0; waited < 20_000; waited += 100) {
      const job = (await api.storage.session.get('manager.revokeJob'))['manager.revokeJob'];
      if (!job || job.finishedAt !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await api.storage.session.clear();
    await api.storage.local.clear();
  });
  await context.clearCookies();
  if (signedIn) {
    await context.addCookies([
      { ...SESSION_COOKIE, domain: 'app.vssps.visualstudio.com', path: '/', secure: true, httpOnly: true, sameSite: 'None' },
      { ...SESSION_COOKIE, domain: 'vssps.dev.azure.com', path: '/', secure: true, httpOnly: true, sameSite: 'None' },
    ]);
  }
}

export async function setup(context: BrowserContext, server: FixtureServer, options: FakeAdoApiOptions & { signedIn?: boolean } = {}): Promise<FakeAdoApi> {
  const api = createFakeAdoApi({ sessionCookie: `${SESSION_COOKIE.name}=${SESSION_COOKIE.value}`, pat: PAT, ...options });
  server.use(api.route);
  await resetExtension(context, options.signedIn ?? true);
  return api;
}

export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
  return popup;
}

export const rows = (popup: Page) => popup.locator('li[data-authorization-id]');
/** Chromium's own sign-in probes (accounts.google.com) also reach the fixture server; they are not the extension's. */
export const BROWSER_OWN_TRAFFIC = /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com)$/;
export const writes = (server: FixtureServer) => server.requests.filter((request) => request.method !== 'GET' && !BROWSER_OWN_TRAFFIC.test(request.host));
