/**
 * runtime.sendMessage without the polyfill, for the scripts the extension puts into pages: the thorough mode's
 * scan (src/content/page-scan.ts), which runs on every page while the mode is on and must stay a few hundred
 * bytes, and the guard (src/messaging/page-send.ts), which must be cheap to evaluate so the banner goes up
 * sooner. Both browsers this supports return a promise from runtime.sendMessage (Chromium's `chrome` in MV3,
 * Firefox's `browser`), which is all the polyfill would add here.
 */
import { lookUpApi } from './api-lookup';

interface RuntimeLike {
  sendMessage(message: unknown): Promise<unknown> | undefined;
}

/** The extension's runtime, which the page must not be able to replace (src/platform/api-lookup.ts); where there is none, the outbox below. */
function runtime(): RuntimeLike | undefined {
  return lookUpApi<RuntimeLike>('runtime', 'sendMessage');
}

export function sendAndForget(message: unknown): void {
  try {
    runtime()
      ?.sendMessage(message)
      ?.catch(() => undefined);
  } catch {
    // Extension context invalidated (updated or disabled): nothing to do on this page.
  }
}

/**
 * Where the guard's messages wait when its world has no runtime. Chromium makes a world's `chrome` from what
 * `chrome` already names on the page's window: a frame named `chrome` (or `browser`) that exists when the
 * world is made leaves the world without the browser API for good. The background then collects the messages
 * itself with scripting.executeScript, whose results the page cannot touch (src/platform/scripting.ts,
 * src/background/guard-outbox.ts). Kept under a symbol, which named access cannot reach. JSON text both ways,
 * like the background's pushes (src/messaging/checked.ts).
 */
const OUTBOX = Symbol.for('consent-guard.outbox');

export interface GuardOutbox {
  /** The messages posted since the last call, as JSON text of `[id, message][]`. */
  take(): string;
  /** The background's replies, as JSON text of `[id, reply][]`. */
  answer(replies: string): void;
}

function createOutbox(): GuardOutbox {
  let nextId = 1;
  let waiting: [number, unknown][] = [];
  const replies = new Map<number, (reply: unknown) => void>();
  const box: GuardOutbox & { post(message: unknown): Promise<unknown> } = {
    post: (message) =>
      new Promise((resolve) => {
        const id = nextId++;
        waiting.push([id, message]);
        replies.set(id, resolve);
      }),
    take: () => {
      const taken = JSON.stringify(waiting);
      waiting = [];
      return taken;
    },
    answer: (text) => {
      for (const [id, reply] of JSON.parse(text) as [number, unknown][]) {
        replies.get(id)?.(reply);
        replies.delete(id);
      }
    },
  };
  return box;
}

/** The guard calls this as it starts: a world without a runtime gets its outbox before the background first looks for one. */
export function openOutboxIfNoRuntime(): void {
  const world = globalThis as unknown as Record<symbol, unknown>;
  if (runtime() === undefined && world[OUTBOX] === undefined) world[OUTBOX] = createOutbox();
}

/**
 * Sends a message and resolves with the answer; rejects when there is no extension to answer (invalidated, or no
 * listener). In a world without a runtime the message waits in the outbox for the background to collect.
 */
export async function sendMessage(message: unknown): Promise<unknown> {
  const box = (globalThis as unknown as Record<symbol, { post?(message: unknown): Promise<unknown> } | undefined>)[OUTBOX];
  if (typeof box?.post === 'function') return box.post(message);
  const sending = runtime()?.sendMessage(message);
  if (!sending) throw new Error('runtime.sendMessage is not available');
  return sending;
}
