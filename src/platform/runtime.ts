/**
 * runtime: the extension's own identity and pages, and raw messages between its parts. Only the protocol
 * (src/messaging/send.ts and src/background/router.ts) sends and receives messages; everything else talks
 * through it.
 */
import { browser } from './browser';

/** The part of runtime.MessageSender the background's router reads. */
export interface MessageSenderInfo {
  readonly id?: string;
  readonly url?: string;
  /** The sending document's origin (Chromium); for about:blank and srcdoc frames, their creator's. */
  readonly origin?: string;
  readonly tab?: { readonly id?: number };
  readonly frameId?: number;
}

export function runtimeId(): string {
  return browser.runtime.id;
}

/** The extension's own origin URL (`chrome-extension://<id>/`). */
export function extensionBaseUrl(): string {
  return browser.runtime.getURL('');
}

/** An extension page's URL (`chrome-extension://<id>/<path>`). */
export function extensionPageUrl(path: string): string {
  return browser.runtime.getURL(path);
}

export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}

/** Firefox's extension pages live under moz-extension://; its cookie-authenticated writes may be refused. */
export function browserFamily(): 'chromium' | 'firefox' {
  return browser.runtime.getURL('/').startsWith('moz-extension:') ? 'firefox' : 'chromium';
}

/** Sends a message to the background. Use src/messaging/send.ts, which types it and checks the reply. */
export function sendRuntimeMessage(message: unknown): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

/**
 * Listens for runtime messages. The listener returns a promise for a reply, or undefined to leave the
 * message to another listener. Only the background's router listens.
 */
export function onRuntimeMessage(listener: (message: unknown, sender: MessageSenderInfo) => Promise<unknown> | undefined): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: MessageSenderInfo) => listener(message, sender));
}

/** The network came back (the worker's `online` event): a good moment to deliver what waits in an outbox. */
export function onBackOnline(listener: () => void): void {
  globalThis.addEventListener?.('online', listener);
}
