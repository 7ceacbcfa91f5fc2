/**
 * The background's one message entry point. Order matters and fails closed:
 *   1. which message: its `type` must name a message of the protocol (src/messaging/protocol.ts);
 *   2. who sent it: our own extension, and one of the senders that message allows: the guard in a web
 *      document of a tab, or one of our own pages, each known by its path;
 *   3. what it says: its fields must pass the message's schema (strict: nothing else rides along);
 *   4. the handler (src/background/handlers.ts) gets the parsed fields and the narrowed sender.
 * The tab and frame always come from the browser's `sender`, never from the payload.
 */
import { EXTENSION_PAGE_PATHS, type ExtensionPage, type MessageSpec, type SenderKind } from '../messaging/define';
import { PROTOCOL, type Handlers } from '../messaging/protocol';
import { safeParse } from 'zod/mini';

/** The part of runtime.MessageSender the router reads. */
export interface SenderInfo {
  readonly id?: string;
  readonly url?: string;
  /** The sending document's origin (Chromium); for about:blank and srcdoc frames, their creator's. */
  readonly origin?: string;
  readonly tab?: { readonly id?: number };
  readonly frameId?: number;
}

export interface RouterOptions {
  /** runtime.id */
  readonly runtimeId: string;
  /** runtime.getURL('') */
  readonly extensionBaseUrl: string;
  readonly handlers: Handlers;
  readonly log?: (message: string) => void;
}

export class RejectedMessage extends Error {}

/**
 * A document a page can show: http(s), the documents whose content a page makes itself (about:blank and srcdoc
 * frames, blob: URLs of an http(s) or an opaque origin, data: documents), judged by their creator's origin, and
 * files opened from this computer (judged as files).
 */
function isWebDocument(url: string): boolean {
  return (
    /^https?:\/\//i.test(url) ||
    /^blob:(?:https?:\/\/|null\/)/i.test(url) ||
    /^about:(blank|srcdoc)(?:[?#]|$)/i.test(url) ||
    /^data:/i.test(url) ||
    /^file:/i.test(url)
  );
}

const BY_TYPE: ReadonlyMap<string, MessageSpec> = new Map(PROTOCOL.map((spec) => [spec.type, spec]));
const PAGES = Object.entries(EXTENSION_PAGE_PATHS) as [ExtensionPage, string][];

export interface Router {
  /** Resolves with the handler's reply; rejects with RejectedMessage when the message or its sender is refused. */
  dispatch(message: unknown, sender: SenderInfo): Promise<unknown>;
}

export function createRouter(options: RouterOptions): Router {
  const reject = (reason: string): never => {
    options.log?.(`consent-guard: rejected message: ${reason}`);
    throw new RejectedMessage(reason);
  };

  /** The sender as the message's handler sees it, or the reason it may not send this message. */
  const narrow = (type: string, allowed: readonly SenderKind[], sender: SenderInfo): object => {
    const url = sender.url ?? '';
    if (url.startsWith(options.extensionBaseUrl)) {
      const path = url.slice(options.extensionBaseUrl.length).split(/[?#]/)[0];
      const page = PAGES.find(([kind, pagePath]) => pagePath === path && allowed.includes(kind))?.[0];
      if (page === undefined) return reject(`${type} not from ${allowed.join(' or ')}`);
      const tabId = typeof sender.tab?.id === 'number' && sender.tab.id >= 0 ? sender.tab.id : null;
      if (page === 'blocked' && tabId === null) return reject(`${type} not from a tab`);
      return { kind: page, url, tabId };
    }
    if (!allowed.includes('page')) return reject(`${type} not from an extension page`);
    const tabId = sender.tab?.id;
    if (typeof tabId !== 'number' || tabId < 0) return reject(`${type} not from a tab`);
    if (!isWebDocument(url)) return reject(`${type} not from a web page`);
    const origin = typeof sender.origin === 'string' && /^https?:\/\//i.test(sender.origin) ? sender.origin : undefined;
    return { kind: 'page', tabId, frameId: typeof sender.frameId === 'number' ? sender.frameId : 0, url, ...(origin ? { origin } : {}) };
  };

  return {
    async dispatch(message, sender) {
      if (typeof sender !== 'object' || sender === null || sender.id !== options.runtimeId) return reject('sender is not this extension');
      if (typeof message !== 'object' || message === null) return reject('message is not an object');
      // Read only the type before deciding whether this sender may send it; nothing else is trusted yet.
      const { type, ...fields } = message as { type?: unknown };
      if (typeof type !== 'string') return reject('message has no type');
      const spec = BY_TYPE.get(type);
      if (!spec) return reject(`unknown message type ${JSON.stringify(type.slice(0, 80))}`);
      const from = narrow(type, spec.from, sender);
      const parsed = safeParse(spec.request, fields);
      if (!parsed.success) return reject(`${type} does not match the protocol`);
      const handler = options.handlers[type as keyof Handlers] as (request: unknown, sender: object) => unknown;
      return handler(parsed.data, from);
    },
  };
}

/** The reply a sender gets: the handler's, or `{ error: 'rejected' }` (the sender learns only that it failed, never why). */
export function replyTo(router: Router, log?: (message: string) => void): (message: unknown, sender: SenderInfo) => Promise<unknown> {
  return (message, sender) =>
    router.dispatch(message, sender).catch((error: unknown) => {
      if (!(error instanceof RejectedMessage)) log?.(`consent-guard: handler failed: ${String(error)}`);
      return { error: 'rejected' };
    });
}

/** Binds the router to the runtime. `listen` is platform's onRuntimeMessage. */
export function startRouter(
  router: Router,
  listen: (listener: (message: unknown, sender: SenderInfo) => Promise<unknown> | undefined) => void,
  log?: (message: string) => void,
): void {
  listen(replyTo(router, log));
}
