/**
 * The courier for a guard whose world has no runtime (a frame named `chrome` or `browser` was in the page when
 * the world was made: src/platform/bare-runtime.ts). Once the guard has started in a document, its outbox is
 * looked for once; where there is one, it is collected every POLL_MS while the document lives, each message
 * goes through the router as if the guard had sent it (the sender made from what the browser's injection
 * result and the extension's own world say, never from the page), and the replies go back the same way.
 * A guard with a runtime costs one look, and nothing after it.
 */
import type { OutboxContents } from '../platform/scripting';
import type { InjectionTarget } from './injector';
import type { SenderInfo } from './router';

/** How often a runtime-less guard is collected: its reports reach the background up to this much later. */
export const POLL_MS = 150;

export interface GuardOutboxDependencies {
  readonly runtimeId: string;
  collect(target: InjectionTarget): Promise<OutboxContents | null>;
  answer(target: InjectionTarget, replies: string): Promise<void>;
  /** The router's reply to a message (router.ts replyTo). */
  reply(message: unknown, sender: SenderInfo): Promise<unknown>;
  wait(ms: number): Promise<void>;
}

export function createGuardOutbox(deps: GuardOutboxDependencies) {
  /** The documents being collected, by tab, frame and document. */
  const collecting = new Set<string>();
  const keyOf = (target: InjectionTarget) => `${target.tabId}:${target.frameId}:${target.documentId ?? ''}`;

  /** Collects once; false when there is nothing to keep collecting (the guard has a runtime, or the document is gone). */
  const collectOnce = async (target: InjectionTarget): Promise<boolean> => {
    const contents = await deps.collect(target).catch(() => null);
    if (contents === null) return false;
    let messages: unknown;
    try {
      messages = JSON.parse(contents.messages);
    } catch {
      return false;
    }
    if (!Array.isArray(messages) || messages.length === 0) return true;
    const sender: SenderInfo = {
      id: deps.runtimeId,
      url: contents.url,
      ...(contents.origin === undefined ? {} : { origin: contents.origin }),
      tab: { id: target.tabId },
      frameId: contents.frameId,
    };
    const replies: [number, unknown][] = [];
    for (const entry of messages as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'number') continue;
      replies.push([entry[0], await deps.reply(entry[1], sender)]);
    }
    await deps.answer(target, JSON.stringify(replies)).catch(() => undefined);
    return true;
  };

  return {
    /** The guard was just started in this document: look for its outbox, and keep collecting while there is one. */
    async guardStarted(target: InjectionTarget): Promise<void> {
      const key = keyOf(target);
      if (collecting.has(key)) return;
      collecting.add(key);
      try {
        while (await collectOnce(target)) await deps.wait(POLL_MS);
      } finally {
        collecting.delete(key);
      }
    },
  };
}

export type GuardOutbox = ReturnType<typeof createGuardOutbox>;
