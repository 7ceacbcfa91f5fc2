/**
 * Starting the guard in one document with scripting.executeScript ("scripting" + host access), and the
 * thorough mode's registered content script.
 */
/// <reference types="@crxjs/vite-plugin/client" />
import { encodePush } from '../messaging/checked';
import { guardShow } from '../messaging/page-messages';
import type { PageView } from '../messaging/page-view';
// The thorough mode's scan, built by crx as a self-contained classic script; the import gives its file name.
// Imported from the background (not a content script), so it is not made web-accessible.
import pageScanFile from '../content/page-scan.ts?script&iife';
import { GUARD_MESSAGE_KEYS } from '../content/message-keys';
import { browser } from './browser';
import { templatesOf } from './i18n';

/**
 * The guard as a standalone classic script. crx builds it from src/content/guard-main.ts
 * (contentScripts.standaloneFiles in vite.config.ts) at this path, because the manifest also declares
 * it on Microsoft's sign-in hosts; no web_accessible_resources are involved.
 */
export const GUARD_SCRIPT_FILE = 'src/content/guard-main.js';
/** The thorough mode's page scan (src/content/page-scan.ts), registered only while `scanEveryPage` is on. */
export const PAGE_SCAN_FILE = pageScanFile;
const PAGE_SCAN_ID = 'consent-guard-page-scan';

export interface InjectionTarget {
  readonly tabId: number;
  readonly frameId: number;
  /** Chromium: exactly this document (a navigation's new document, never the one it replaces). */
  readonly documentId?: string | undefined;
}

/**
 * Runs in the page's isolated world (serialized by the browser: it must not use anything outside itself).
 * Hands the view to a guard already running in this document, or leaves it for the guard about to start.
 * Returns true when a guard was already there, so the file need not be injected again.
 */
function deliverView(view: string, messages: string): boolean {
  const scope = globalThis as unknown as Record<symbol, unknown>;
  const receive = scope[Symbol.for('consent-guard.receive')];
  if (typeof receive === 'function') {
    (receive as (value: string) => void)(view);
    return true;
  }
  scope[Symbol.for('consent-guard.view')] = view;
  if (messages !== '') scope[Symbol.for('consent-guard.messages')] = messages;
  return false;
}

function targetOf(target: InjectionTarget) {
  return target.documentId ? { tabId: target.tabId, documentIds: [target.documentId] } : { tabId: target.tabId, frameIds: [target.frameId] };
}

/**
 * Carries the background's view into the document and starts the guard there (once per document).
 * `guardRunning`: the background already started the guard in this very document, so the view alone is sent
 * (and the file only if the guard turns out not to be there). Otherwise the view and the file are sent at
 * once, without waiting for one round trip before the other: whichever runs first, the guard ends up with the
 * view (deliverView leaves it for the guard, or hands it to the running guard). Resolves true when the guard's
 * file was sent (a guard may have just started), false when the view went to a guard already running.
 */
export async function injectGuard(target: InjectionTarget, view: PageView | null, guardRunning = false): Promise<boolean> {
  const where = targetOf(target);
  // The banner's message templates go along only where the guard is about to start (src/content/seed-messages.ts).
  const messages = guardRunning ? '' : JSON.stringify(templatesOf(GUARD_MESSAGE_KEYS));
  const delivery = browser.scripting.executeScript({
    target: where,
    func: deliverView,
    args: [encodePush(guardShow, view), messages],
    injectImmediately: true,
  });
  const injectFile = () => browser.scripting.executeScript({ target: where, files: [GUARD_SCRIPT_FILE], injectImmediately: true });
  if (!guardRunning) {
    await Promise.all([delivery, injectFile()]);
    return true;
  }
  const [delivered] = await delivery;
  if ((delivered as { result?: unknown } | undefined)?.result === true) return false;
  await injectFile();
  return true;
}

/** What a guard without a runtime posted (src/platform/bare-runtime.ts), and where from. */
export interface OutboxContents {
  /** JSON text of `[id, message][]`. */
  readonly messages: string;
  /** The document's address and origin, read in the extension's world (the page cannot forge `location`). */
  readonly url: string;
  readonly origin?: string;
  readonly frameId: number;
}

/** Runs in the page's isolated world: takes what the guard's outbox holds; null when this world has none. */
function takeOutbox(): { messages: string; url: string; origin?: string } | null {
  const box = (globalThis as unknown as Record<symbol, { take?: () => string } | undefined>)[Symbol.for('consent-guard.outbox')];
  if (typeof box?.take !== 'function') return null;
  // A named element or frame is never a string, so `origin` is either the document's or left out.
  const documentOrigin: unknown = globalThis.origin;
  return { messages: box.take(), url: location.href, ...(typeof documentOrigin === 'string' ? { origin: documentOrigin } : {}) };
}

/** Runs in the page's isolated world: hands the background's replies to the guard's outbox. */
function answerOutbox(replies: string): void {
  const box = (globalThis as unknown as Record<symbol, { answer?: (replies: string) => void } | undefined>)[Symbol.for('consent-guard.outbox')];
  box?.answer?.(replies);
}

/** The guard's outbox in this document, or null when the guard there has a runtime (or is gone). Rejects when the document is gone. */
export async function collectOutbox(target: InjectionTarget): Promise<OutboxContents | null> {
  const [taken] = await browser.scripting.executeScript({ target: targetOf(target), func: takeOutbox, injectImmediately: true });
  const result = (taken as { result?: ReturnType<typeof takeOutbox> } | undefined)?.result;
  if (!result || typeof result.messages !== 'string' || typeof result.url !== 'string') return null;
  return { ...result, frameId: taken?.frameId ?? target.frameId };
}

export async function answerGuardOutbox(target: InjectionTarget, replies: string): Promise<void> {
  await browser.scripting.executeScript({ target: targetOf(target), func: answerOutbox, args: [replies], injectImmediately: true });
}

/** Registers (or removes) the thorough mode's scan of every page. Registration survives restarts of the worker. */
export async function setPageScan(enabled: boolean): Promise<void> {
  const scripting = browser.scripting as unknown as {
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string }[]>;
    registerContentScripts(scripts: Record<string, unknown>[]): Promise<void>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
  };
  const registered = (await scripting.getRegisteredContentScripts({ ids: [PAGE_SCAN_ID] })).length > 0;
  if (registered === enabled) return;
  if (!enabled) {
    await scripting.unregisterContentScripts({ ids: [PAGE_SCAN_ID] });
    return;
  }
  const script = {
    id: PAGE_SCAN_ID,
    js: [PAGE_SCAN_FILE],
    matches: ['http://*/*', 'https://*/*'],
    // Before the page has an element: see src/content/page-scan.ts.
    runAt: 'document_start',
    allFrames: true,
    persistAcrossSessions: true,
  };
  try {
    // about:blank, srcdoc and blob: frames take their creator's origin (Chromium 119+, Firefox 128+).
    await scripting.registerContentScripts([{ ...script, matchOriginAsFallback: true }]);
  } catch {
    await scripting.registerContentScripts([script]);
  }
}
