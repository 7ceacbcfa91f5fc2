import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRouter, RejectedMessage, type SenderInfo } from '../../src/background/router';
import { recordAttack } from '../hostile/attack-log';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;

function setup() {
  const log = vi.fn();
  const router = createRouter(() => ({ runtimeId: ID, extensionBaseUrl: BASE, log }));
  const check = vi.fn((_request: unknown, context: unknown) => ({ handled: context }));
  router.registerHandler('page/check', check);
  return { router, check, log };
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
    expect(check).toHaveBeenCalledWith({ type: 'page/check', signals: null }, { from: 'page', tabId: 7, frameId: 0, url: contentScript.url });
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
    ['a non-web frame', { ...contentScript, url: 'file:///etc/passwd' }],
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
    router.registerHandler('page/dismiss', () => ({ dismissed: true }));
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

  it('refuses a second handler for the same type', () => {
    const { router } = setup();
    expect(() => router.registerHandler('page/check', () => null)).toThrow(/already registered/);
  });
});
