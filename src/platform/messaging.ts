/** Runtime messaging through the platform module (content scripts, background and popup). */
import { browser, type Runtime } from './browser';

export type MessageSender = Runtime.MessageSender;

export function runtimeId(): string {
  return browser.runtime.id;
}

/** The extension's own origin URL (`chrome-extension://<id>/`). */
export function extensionBaseUrl(): string {
  return browser.runtime.getURL('');
}

export function sendToBackground<T>(message: unknown): Promise<T> {
  return browser.runtime.sendMessage(message) as Promise<T>;
}

export function sendToFrame(tabId: number, frameId: number, message: unknown): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, message, { frameId });
}

/**
 * Listens for runtime messages. The listener returns a promise for a reply, or undefined to leave the
 * message to another listener.
 */
export function onRuntimeMessage(listener: (message: unknown, sender: MessageSender) => Promise<unknown> | undefined): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: MessageSender) => listener(message, sender));
}
