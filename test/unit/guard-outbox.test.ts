/**
 * A guard left without the browser API by the page (a frame named `chrome` existed when its world was made):
 * its messages wait in its outbox, the background collects them, answers through the router, and stops once
 * the document is gone. The e2e side is test/e2e/guard-next.spec.ts ("names a frame").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createGuardOutbox } from '../../src/background/guard-outbox';
import type { SenderInfo } from '../../src/background/router';
import { openOutboxIfNoRuntime, sendMessage, type GuardOutbox } from '../../src/platform/bare-runtime';

const OUTBOX = Symbol.for('consent-guard.outbox');
const world = globalThis as unknown as Record<symbol, unknown> & { chrome?: unknown };
const target = { tabId: 7, frameId: 0, documentId: 'doc-1' };

afterEach(() => {
  delete world[OUTBOX];
  delete world.chrome;
});

describe("the guard's outbox, in a world without a runtime", () => {
  it('holds a message until the background answers it, and the guard gets that answer', async () => {
    openOutboxIfNoRuntime();
    const box = world[OUTBOX] as GuardOutbox;
    const reply = sendMessage({ type: 'page/check', signals: null });
    const taken = JSON.parse(box.take()) as [number, unknown][];
    expect(taken).toEqual([[1, { type: 'page/check', signals: null }]]);
    // Taken once: the next collection does not see it again.
    expect(JSON.parse(box.take())).toEqual([]);
    box.answer(JSON.stringify([[1, { verdict: 'danger' }]]));
    await expect(reply).resolves.toEqual({ verdict: 'danger' });
  });

  it('is not made where the runtime is there: messages go to the browser as usual', async () => {
    const sent: unknown[] = [];
    world.chrome = { runtime: { sendMessage: async (message: unknown) => (sent.push(message), 'answered') } };
    openOutboxIfNoRuntime();
    expect(world[OUTBOX]).toBeUndefined();
    await expect(sendMessage({ type: 'page/leave' })).resolves.toBe('answered');
    expect(sent).toEqual([{ type: 'page/leave' }]);
  });

  it('is not confused by a page element or frame where the runtime would be', () => {
    // What named access puts on the window: never a function, so never taken for the runtime.
    world.chrome = { runtime: { sendMessage: 'not a function' } };
    openOutboxIfNoRuntime();
    expect(world[OUTBOX]).toBeDefined();
  });
});

describe('the background collecting a runtime-less guard', () => {
  function courier(collections: ({ messages: string; url: string; origin?: string; frameId: number } | null | Error)[]) {
    const dispatched: { message: unknown; sender: SenderInfo }[] = [];
    const answered: string[] = [];
    let collected = 0;
    const outbox = createGuardOutbox({
      runtimeId: 'our-id',
      collect: async () => {
        const next = collections[collected++] ?? null;
        if (next instanceof Error) throw next;
        return next;
      },
      answer: async (_target, replies) => void answered.push(replies),
      reply: async (message, sender) => (dispatched.push({ message, sender }), { answeredTo: (message as { type: string }).type }),
      wait: async () => undefined,
    });
    return { outbox, dispatched, answered, collections: () => collected };
  }

  it('looks once at a guard with a runtime, and not again', async () => {
    const { outbox, collections, dispatched } = courier([null]);
    await outbox.guardStarted(target);
    expect(collections()).toBe(1);
    expect(dispatched).toEqual([]);
  });

  it('routes each message as the guard in that tab and frame, and hands the replies back', async () => {
    const messages = JSON.stringify([
      [1, { type: 'page/check', signals: null }],
      [2, { type: 'page/leave' }],
    ]);
    const { outbox, dispatched, answered } = courier([
      { messages, url: 'https://clone.example.test/', origin: 'https://clone.example.test', frameId: 0 },
      { messages: '[]', url: 'https://clone.example.test/', frameId: 0 },
      new Error('No document with id doc-1'),
    ]);
    await outbox.guardStarted(target);
    expect(dispatched.map((entry) => entry.message)).toEqual([{ type: 'page/check', signals: null }, { type: 'page/leave' }]);
    // The sender is the background's own knowledge (the injection's tab, the world's location), never a field of the message.
    expect(dispatched[0]?.sender).toEqual({
      id: 'our-id',
      url: 'https://clone.example.test/',
      origin: 'https://clone.example.test',
      tab: { id: 7 },
      frameId: 0,
    });
    expect(answered.map((text) => JSON.parse(text))).toEqual([
      [
        [1, { answeredTo: 'page/check' }],
        [2, { answeredTo: 'page/leave' }],
      ],
    ]);
  });

  it('never lets a page-made id or entry through as something else, and stops on an outbox that is not JSON', async () => {
    const { outbox, dispatched, collections } = courier([
      { messages: JSON.stringify([['1', {}], 'x', [3, { type: 'page/leave' }]]), url: 'https://a.test/', frameId: 0 },
      { messages: 'not json', url: 'https://a.test/', frameId: 0 },
    ]);
    await outbox.guardStarted(target);
    expect(dispatched.map((entry) => entry.message)).toEqual([{ type: 'page/leave' }]);
    expect(collections()).toBe(2);
  });

  it('collects one document once, however often the guard is started there', async () => {
    const { outbox, collections } = courier([{ messages: '[]', url: 'https://a.test/', frameId: 0 }, null]);
    await Promise.all([outbox.guardStarted(target), outbox.guardStarted(target)]);
    expect(collections()).toBe(2);
  });
});
