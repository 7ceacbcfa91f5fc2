import { describe, expect, it, vi } from 'vitest';
import { createGuard, type NavigationInput } from '../../src/background/guard';
import { createInjector } from '../../src/background/injector';
import { createRouter, RejectedMessage } from '../../src/background/router';
import { fakeGuardDependencies } from './guard-fakes';

const ADO = 'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb';

function setup() {
  const fake = fakeGuardDependencies();
  const guard = createGuard(fake.deps);
  const log = vi.fn();
  const injector = createInjector({ store: fake.store, inject: fake.inject, log });
  /** What index.ts does with every top-frame navigation event: the guard first, then the injector. */
  const navigate = async (url: string, kinds: NavigationInput['kind'][] = ['before', 'committed', 'dom-ready']) => {
    const started: boolean[] = [];
    for (const kind of kinds) {
      const event = { kind, tabId: 5, url };
      await guard.navigation(event);
      started.push(await injector.navigation(event));
    }
    return started;
  };
  return { fake, guard, injector, navigate, log };
}

describe('background: when the full guard is injected', () => {
  it('into a typo-squatted lookalike the navigation alone rates danger, at DOMContentLoaded, into the top frame only', async () => {
    const { fake, navigate } = setup();
    // Nothing in this URL or a plain title trips the pre-check; the background's analysis does.
    expect(await navigate('https://app.vsspz.visualstudlo.com/')).toEqual([false, false, true]);
    expect(fake.injections).toEqual([{ tabId: 5, frameId: 0 }]);
    expect(fake.badges.get(5)?.text).toBe('✕');
    // A reload is a new document: started again.
    await navigate('https://app.vsspz.visualstudlo.com/');
    expect(fake.injections).toHaveLength(2);
  });

  it('into a genuine page whose request deserves a warning, but not one that is ok or dismissed', async () => {
    const { fake, guard, navigate } = setup();
    const warnUrl = `${ADO}&scope=vso.code_write`;
    await navigate(warnUrl);
    expect(fake.injections).toEqual([{ tabId: 5, frameId: 0 }]);
    // Dismissed for this request: the badge still warns after a reload, but there is no banner to show.
    const view = await guard.check({ type: 'page/check', signals: null }, { tabId: 5, frameId: 0, url: warnUrl });
    expect(await guard.dismiss({ type: 'page/dismiss', requestKey: view!.requestKey }, { tabId: 5, frameId: 0 })).toEqual({ dismissed: true });
    await navigate(warnUrl);
    expect(fake.badges.get(5)?.text).toBe('!');
    expect(fake.injections).toHaveLength(1);
    await navigate(`${ADO}&scope=vso.profile`);
    expect(fake.badges.get(5)?.text).toBe('OK');
    expect(fake.injections).toHaveLength(1);
  });

  it('never into an ordinary page, nor for a DOMContentLoaded of a document the tab has already left', async () => {
    const { fake, navigate } = setup();
    expect(await navigate('https://example.test/')).toEqual([false, false, false]);
    expect(await navigate('https://news.example.test/article?id=1')).toEqual([false, false, false]);
    expect(fake.injections).toEqual([]);
    // The lookalike committed, then a late DOMContentLoaded of another document arrives.
    await navigate('https://app.vsspz.visualstudlo.com/', ['before', 'committed']);
    expect(await navigate('https://example.test/', ['dom-ready'])).toEqual([false]);
    expect(fake.injections).toEqual([]);
  });

  it('into the frame whose pre-check matched, with the tab and frame taken from the sender, never from the payload', async () => {
    const { fake, injector } = setup();
    const router = createRouter(() => ({ runtimeId: 'id', extensionBaseUrl: 'chrome-extension://id/' }));
    router.registerHandler('page/precheck-hit', (_request, context) => (context.from === 'page' ? injector.precheckHit(context) : { started: false }));
    const sender = { id: 'id', url: 'https://evil.example/approve', tab: { id: 7 }, frameId: 3 };
    expect(await router.dispatch({ type: 'page/precheck-hit' }, sender)).toEqual({ started: true });
    expect(fake.injections).toEqual([{ tabId: 7, frameId: 3 }]);
    await expect(router.dispatch({ type: 'page/precheck-hit', tabId: 1, frameId: 0 }, sender)).rejects.toBeInstanceOf(RejectedMessage);
    await expect(router.dispatch({ type: 'page/precheck-hit' }, { ...sender, url: 'chrome-extension://id/src/popup/index.html' })).rejects.toBeInstanceOf(RejectedMessage);
    await expect(router.dispatch({ type: 'page/precheck-hit' }, { ...sender, id: 'another-extension' })).rejects.toBeInstanceOf(RejectedMessage);
    expect(fake.injections).toHaveLength(1);
  });

  it('a frame that cannot be scripted is logged and reported, not thrown', async () => {
    const { fake } = setup();
    const log = vi.fn();
    const injector = createInjector({ store: fake.store, inject: () => Promise.reject(new Error('Frame with ID 3 was removed.')), log });
    await expect(injector.precheckHit({ tabId: 7, frameId: 3 })).resolves.toEqual({ started: false });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Frame with ID 3 was removed'));
  });
});
