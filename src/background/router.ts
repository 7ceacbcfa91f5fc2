/**
 * The background's one message entry point. Order matters and fails closed:
 *   1. who sent it: our own extension id; page messages only from a content script in an http(s) frame
 *      of a tab, manager messages only from our own extension pages;
 *   2. what it is: zod-parse with the one protocol schema;
 *   3. which handler: registered per message type (the authorization manager registers its own).
 * The tab and frame always come from `sender`, never from the payload.
 */
import { MANAGER_REQUEST_TYPES, PAGE_REQUEST_TYPES, requestSchema, type Request, type RequestType } from '../messaging/protocol';

/** The part of runtime.MessageSender the router reads. */
export interface SenderInfo {
  readonly id?: string;
  readonly url?: string;
  /** The sending document's origin (Chromium); for about:blank and srcdoc frames, their creator's. */
  readonly origin?: string;
  readonly tab?: { readonly id?: number };
  readonly frameId?: number;
}

export type MessageContext =
  | { readonly from: 'page'; readonly tabId: number; readonly frameId: number; readonly url: string; readonly origin?: string | undefined }
  | { readonly from: 'extension'; readonly url: string; readonly tabId: number | null };

export type Handler<T extends RequestType> = (request: Extract<Request, { type: T }>, context: MessageContext) => Promise<unknown> | unknown;

export interface RouterEnvironment {
  /** runtime.id */
  readonly runtimeId: string;
  /** runtime.getURL('') */
  readonly extensionBaseUrl: string;
  readonly log?: (message: string) => void;
}

export class RejectedMessage extends Error {}

/**
 * A document a page can show: http(s), and the documents whose content a page makes itself (about:blank and
 * srcdoc frames, blob: URLs of an http(s) origin, data: documents). They are judged by their creator's origin.
 */
function isWebDocument(url: string): boolean {
  return /^https?:\/\//i.test(url) || /^blob:https?:\/\//i.test(url) || /^about:(blank|srcdoc)(?:[?#]|$)/i.test(url) || /^data:/i.test(url);
}

export interface Router {
  registerHandler<T extends RequestType>(type: T, handler: Handler<T>): void;
  /** Resolves with the handler's reply; rejects with RejectedMessage when the sender or message is refused. */
  dispatch(message: unknown, sender: SenderInfo): Promise<unknown>;
}

export function createRouter(environment: () => RouterEnvironment): Router {
  const handlers = new Map<string, Handler<RequestType>>();
  const reject = (reason: string): never => {
    environment().log?.(`consent-guard: rejected message: ${reason}`);
    throw new RejectedMessage(reason);
  };

  return {
    registerHandler(type, handler) {
      if (handlers.has(type)) throw new Error(`a handler for ${type} is already registered`);
      handlers.set(type, handler as unknown as Handler<RequestType>);
    },
    async dispatch(message, sender) {
      const env = environment();
      if (typeof sender !== 'object' || sender === null || sender.id !== env.runtimeId) return reject('sender is not this extension');
      // Read only the type before deciding whether this sender may send it; nothing else is trusted yet.
      const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
      if (typeof type !== 'string') return reject('message has no type');

      let context: MessageContext;
      if (PAGE_REQUEST_TYPES.has(type)) {
        const tabId = sender.tab?.id;
        const url = sender.url ?? '';
        if (typeof tabId !== 'number' || tabId < 0) return reject(`${type} not from a tab`);
        if (!isWebDocument(url)) return reject(`${type} not from a web page`);
        if (url.startsWith(env.extensionBaseUrl)) return reject(`${type} from an extension page`);
        const origin = typeof sender.origin === 'string' && /^https?:\/\//i.test(sender.origin) ? sender.origin : undefined;
        context = { from: 'page', tabId, frameId: typeof sender.frameId === 'number' ? sender.frameId : 0, url, ...(origin ? { origin } : {}) };
      } else if (MANAGER_REQUEST_TYPES.has(type)) {
        const url = sender.url ?? '';
        if (!url.startsWith(env.extensionBaseUrl)) return reject(`${type} not from an extension page`);
        context = { from: 'extension', url, tabId: sender.tab?.id ?? null };
      } else {
        return reject(`unknown message type ${JSON.stringify(type.slice(0, 80))}`);
      }

      const parsed = requestSchema.safeParse(message);
      if (!parsed.success) return reject(`${type} does not match the protocol`);
      const handler = handlers.get(parsed.data.type);
      if (!handler) return reject(`no handler for ${type}`);
      return handler(parsed.data, context);
    },
  };
}

let environment: RouterEnvironment | null = null;
const router = createRouter(() => {
  if (!environment) throw new Error('router not started');
  return environment;
});

/** Registers the handler for one message type (each type once). Other background modules call this at import time. */
export const registerHandler: Router['registerHandler'] = (type, handler) => router.registerHandler(type, handler);

/** Binds the router to the runtime. `listen` is platform's onRuntimeMessage. */
export function startRouter(env: RouterEnvironment, listen: (listener: (message: unknown, sender: SenderInfo) => Promise<unknown> | undefined) => void): void {
  environment = env;
  listen((message, sender) =>
    router.dispatch(message, sender).catch((error: unknown) => {
      if (!(error instanceof RejectedMessage)) env.log?.(`consent-guard: handler failed: ${String(error)}`);
      // The sender learns only that it failed, never why.
      return { error: 'rejected' };
    }),
  );
}
