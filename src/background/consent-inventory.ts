/**
 * Wires the consent inventory (src/manager/consent-inventory.ts) to the browser: every top-frame
 * navigation (an authorization request starts a flow, the redirect to the app ends it), the guard's
 * per-tab view in storage.session (the app name and publisher the consent page showed, the verdict), and
 * closed tabs. Registered by one import in index.ts; it changes nothing the guard does.
 */
import { CONSENT_KEYS, createConsentInventory } from '../manager/consent-inventory';
import { userChoseDestination } from '../manager/consent-outcome';
import { storageArea } from '../platform/manager-platform';
import { reportingRecordedConsents } from '../policy/consent-events';
import { onSessionChanges } from '../platform/session-changes';
import { onNavigation, onTabRemoved } from '../platform/tabs';
import { registerHandler } from './router';
import { tabRecordKey, type TabRecord } from './tab-record';

// Each recorded outcome also goes to the webhook when the policy asks for every consent (reportAllConsents).
const local = reportingRecordedConsents(storageArea('local'), CONSENT_KEYS.records);
const inventory = createConsentInventory({ session: storageArea('session'), local, now: () => Date.now() });
const log = (error: unknown) => console.warn(`consent-guard: consent inventory: ${String(error)}`);

onNavigation((event) => {
  // A flow is the top frame's: the redirect to the app replaces the whole page.
  if (event.frameId !== 0 || (event.kind !== 'before' && event.kind !== 'committed')) return;
  void inventory.navigation(event.tabId, event.url, userChoseDestination(event.transitionType)).catch(log);
});

onTabRemoved((tabId) => {
  void inventory.tabClosed(tabId).catch(log);
});

const TAB_KEY = /^tab:(\d+)$/;
onSessionChanges((changes) => {
  for (const [key, value] of Object.entries(changes)) {
    const match = TAB_KEY.exec(key);
    if (!match || key !== tabRecordKey(Number(match[1]))) continue;
    const view = (value as Partial<TabRecord> | undefined)?.view;
    if (!view || typeof view !== 'object' || typeof view.url !== 'string') continue;
    const verdict = ['ok', 'warn', 'danger', 'none'].includes(view.verdict) ? view.verdict : 'none';
    const claims = view.pageClaims && typeof view.pageClaims === 'object' ? view.pageClaims : { appName: null, publisher: null };
    void inventory.pageView(Number(match[1]), { url: view.url, verdict, appName: claims.appName ?? null, publisher: claims.publisher ?? null }).catch(log);
  }
});

registerHandler('manager/consents', async () => ({ records: await inventory.records() }));
registerHandler('manager/consents/forget', async () => {
  await inventory.forget();
  return { ok: true };
});
