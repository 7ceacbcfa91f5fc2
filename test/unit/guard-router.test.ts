/** The background's router: which message, from whom, with which fields reaches a handler (src/background/router.ts). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRouter, RejectedMessage, type SenderInfo } from '../../src/background/router';
import { PROTOCOL, type Handlers } from '../../src/messaging/protocol';
import { recordAttack } from '../hostile/attack-log';
import { EXTENSION_BASE as BASE, EXTENSION_ID as ID, fromExtensionPage } from './fake-platform';

function setup() {
  const log = vi.fn();
  // Every handler answers with what it was given, so a test sees exactly what reached it.
  const handlers = Object.fromEntries(PROTOCOL.map((spec) => [spec.type, vi.fn((request: unknown, sender: unknown) => ({ request, sender }))]));
  const router = createRouter({ runtimeId: ID, extensionBaseUrl: BASE, handlers: handlers as unknown as Handlers, log });
  const check = handlers['page/check']!;
  return { router, handlers, check, log };
}

const contentScript: SenderInfo = { id: ID, url: 'https://login.microsoftonline.com/common/login', tab: { id: 7 }, frameId: 0 };

describe('background message router', () => {
  afterEach((context) => {
    if (/reject|never|fails closed|keeps working/.test(context.task.name))
      recordAttack('messaging', context.task.name, (context.task.result?.errors ?? []).length === 0);
  });

  it('hands a valid page message to its handler with the tab and URL from the sender', async () => {
    const { router, check } = setup();
    await router.dispatch({ type: 'page/check', signals: null }, contentScript);
    expect(check).toHaveBeenCalledWith({ signals: null }, { kind: 'page', tabId: 7, frameId: 0, url: contentScript.url });
  });

  it('takes page messages from a file opened from this computer (an HTML attachment is judged as a file)', async () => {
    const { router, check } = setup();
    const fromFile = { ...contentScript, url: 'file:///home/user/Downloads/Invoice.html' };
    await router.dispatch({ type: 'page/check', signals: null }, fromFile);
    expect(check).toHaveBeenCalledWith({ signals: null }, { kind: 'page', tabId: 7, frameId: 0, url: fromFile.url });
  });

  it('never takes a tab id from the payload', async () => {
    const { router, check } = setup();
    await expect(router.dispatch({ type: 'page/check', signals: null, tabId: 99 }, contentScript)).rejects.toBeInstanceOf(RejectedMessage);
    expect(check).not.toHaveBeenCalled();
  });

  it.each<[string, SenderInfo]>([
    ['another extension', { ...contentScript, id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' }],
    ['no extension id (a web page)', { url: contentScript.url, tab: { id: 7 } }],
    ['no tab', { id: ID, url: contentScript.url }],
    ['a browser page', { ...contentScript, url: 'chrome://settings/' }],
    ['a view-source page', { ...contentScript, url: 'view-source:https://evil.example/' }],
    ['our own extension page', { id: ID, url: `${BASE}src/popup/index.html`, tab: { id: 7 } }],
  ])('rejects page messages from %s before parsing them', async (_name, sender) => {
    const { router, check, log } = setup();
    await expect(router.dispatch({ type: 'page/check', signals: null }, sender)).rejects.toBeInstanceOf(RejectedMessage);
    expect(check).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('rejected message'));
  });

  it('rejects manager messages from content scripts, and unknown types', async () => {
    const { router } = setup();
    await expect(router.dispatch({ type: 'manager/list' }, contentScript)).rejects.toBeInstanceOf(RejectedMessage);
    await expect(router.dispatch({ type: 'page/exfiltrate' }, contentScript)).rejects.toBeInstanceOf(RejectedMessage);
    await expect(router.dispatch('page/check', contentScript)).rejects.toBeInstanceOf(RejectedMessage);
  });

  it('fails closed on malformed payloads', async () => {
    const { router, check } = setup();
    const bad = [
      { type: 'page/check' },
      { type: 'page/check', signals: { isTopFrame: 'yes' } },
      {
        type: 'page/check',
        signals: {
          isTopFrame: true,
          isSecureContext: true,
          forms: Array(33).fill({ action: 'https://a', asks: 'nothing' }),
          asks: 'nothing',
          brandingCues: [],
          appName: null,
          publisher: null,
        },
      },
      {
        type: 'page/check',
        signals: { isTopFrame: true, isSecureContext: true, forms: [], asks: 'nothing', brandingCues: [], appName: 'x'.repeat(201), publisher: null },
      },
      {
        type: 'page/check',
        signals: { isTopFrame: true, isSecureContext: true, forms: [], asks: 'nothing', brandingCues: ['looks-legit'], appName: null, publisher: null },
      },
      {
        type: 'page/check',
        signals: {
          isTopFrame: true,
          isSecureContext: true,
          forms: [{ action: 'https://a', asks: 'everything' }],
          asks: 'nothing',
          brandingCues: [],
          appName: null,
          publisher: null,
        },
      },
      { type: 'page/dismiss', requestKey: '<img src=x>' },
    ];
    for (const message of bad) await expect(router.dispatch(message, contentScript)).rejects.toBeInstanceOf(RejectedMessage);
    expect(check).not.toHaveBeenCalled();
  });

  it('keeps working after a flood of rejected messages', async () => {
    const { router, check } = setup();
    for (let index = 0; index < 1000; index++) {
      await router.dispatch({ type: 'page/check', signals: null, tabId: index }, contentScript).catch(() => undefined);
      await router.dispatch({ type: 'manager/revoke', ids: ['x'] }, contentScript).catch(() => undefined);
    }
    expect(check).not.toHaveBeenCalled();
    await router.dispatch({ type: 'page/check', signals: null }, contentScript);
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('knows our own pages by their path: each sends only its own messages, the block page only from its tab', async () => {
    const { router, handlers } = setup();
    await expect(router.dispatch({ type: 'options/state' }, fromExtensionPage('options'))).resolves.toMatchObject({ sender: { kind: 'options', tabId: 9 } });
    await expect(router.dispatch({ type: 'popup/tab-verdict', tabId: 3 }, fromExtensionPage('popup'))).resolves.toMatchObject({
      request: { tabId: 3 },
      sender: { kind: 'popup', tabId: null },
    });
    await expect(router.dispatch({ type: 'blocked/get', id: 'b1' }, fromExtensionPage('blocked', 4, '?id=b1'))).resolves.toMatchObject({
      sender: { kind: 'blocked', tabId: 4 },
    });
    // The popup may not clear the activity log, the options page may not revoke, the block page needs its tab.
    await expect(router.dispatch({ type: 'options/clear-activity' }, fromExtensionPage('popup'))).rejects.toBeInstanceOf(RejectedMessage);
    await expect(router.dispatch({ type: 'manager/revoke', targets: [] }, fromExtensionPage('options'))).rejects.toBeInstanceOf(RejectedMessage);
    await expect(router.dispatch({ type: 'blocked/continue', id: 'b1' }, fromExtensionPage('blocked', null))).rejects.toBeInstanceOf(RejectedMessage);
    // Another file of ours (not one of the pages) sends nothing.
    await expect(router.dispatch({ type: 'options/state' }, { id: ID, url: `${BASE}src/options/other.html` })).rejects.toBeInstanceOf(RejectedMessage);
    expect(handlers['options/clear-activity']).not.toHaveBeenCalled();
    expect(handlers['manager/revoke']).not.toHaveBeenCalled();
    expect(handlers['blocked/continue']).not.toHaveBeenCalled();
  });

  it('spells every message type once', () => {
    const types = PROTOCOL.map((spec) => spec.type);
    expect(new Set(types).size).toBe(types.length);
  });
});
