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
  readonly tab?: { readonly id?: number };
  readonly frameId?: number;
}

export type MessageContext =
  | { readonly from: 'page'; readonly tabId: number; readonly frameId: number; readonly url: string }
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
        if (!/^https?:\/\//i.test(url)) return reject(`${type} not from an http(s) page`);
        if (url.startsWith(env.extensionBaseUrl)) return reject(`${type} from an extension page`);
        context = { from: 'page', tabId, frameId: typeof sender.frameId === 'number' ? sender.frameId : 0, url };
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
      return handler(parsed.data as never, context);
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
export function startRouter(
  env: RouterEnvironment,
  listen: (listener: (message: unknown, sender: SenderInfo) => Promise<unknown> | undefined) => void,
): void {
  environment = env;
  listen((message, sender) =>
    router.dispatch(message, sender).catch((error: unknown) => {
      if (!(error instanceof RejectedMessage)) env.log?.(`consent-guard: handler failed: ${String(error)}`);
      // The sender learns only that it failed, never why.
      return { error: 'rejected' };
    }),
  );
}
