/**
 * Storage faults: corrupted or missing state, a full quota, a service worker stopped mid-flow. The
 * extension must keep protecting and must not lose the user's allow-list or activity log.
 */
import { describe, expect, it } from 'vitest';
import { flowKey, tabKey } from '../../src/background/tab-record';
import { startBackground } from '../../src/background/index';
import { appendEntry, parseActivityLog, type ActivityEntry } from '../../src/policy/activity';
import { parseUserSettings } from '../../src/policy/policy';
import { attack } from '../hostile/attack-log';
import { createFakePlatform, MemoryArea, memoryArea, type FakePlatformOptions } from './fake-platform';

const ADO = 'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb';
const LOOKALIKE = `${ADO.replace('app.vssps.visualstudio.com', 'app-vssps-visualstudio.com')}&scope=vso.code`;
const APP = '8a2b3c4d-0000-4000-8000-000000000001';

class FullArea extends MemoryArea {
  override async set(): Promise<void> {
    throw new Error('QUOTA_BYTES quota exceeded');
  }
}

/** The background as wired, over the in-memory browser; `navigate` resolves when the event's work is done. */
function start(options: FakePlatformOptions = {}, session?: MemoryArea) {
  const fake = createFakePlatform(options);
  const platform = session ? { ...fake.platform, storage: { ...fake.platform.storage, session } } : fake.platform;
  const background = startBackground(platform);
  const navigate = async (url: string, transitionType?: string) => {
    fake.navigation({ kind: 'committed', url, ...(transitionType ? { transitionType } : {}) });
    await background.whenIdle();
  };
  return { fake, navigate };
}

describe('storage faults', () => {
  for (const [name, garbage] of [
    ['a string', 'corrupted'],
    ['a number', 42],
    ['an object of the wrong shape', { view: { verdict: 'ok' }, url: 7, frames: 'x' }],
    ['an array', [1, 2, 3]],
  ] as const) {
    it(`a corrupted stored tab and flow state (${name}) does not stop the danger badge`, async () => {
      await attack('storage', `corrupted per-tab state: ${name}`, async () => {
        const session = new MemoryArea();
        session.data.set(tabKey(5), garbage);
        session.data.set(flowKey(5), garbage);
        const { fake, navigate } = start({}, session);
        await navigate(LOOKALIKE);
        expect(fake.badges.get(5)?.text).toBe('✕');
        await navigate(`${ADO}&scope=vso.profile`);
        expect(fake.badges.get(5)?.text).toBe('OK');
      });
    });
  }

  it('a full storage quota does not stop the badge', async () => {
    await attack('storage', 'storage quota exceeded on every write', async () => {
      const { fake, navigate } = start({}, new FullArea());
      await navigate(LOOKALIKE);
      expect(fake.badges.get(5)?.text).toBe('✕');
    });
  });

  it('a service worker stopped between the authorize URL and the consent page still shows the tracked scopes', async () => {
    await attack('storage', 'service worker killed mid-flow', async () => {
      const authorize =
        'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=c&response_type=code&state=s&scope=499b84ac-1321-427f-aa17-267ca6975798%2Fvso.code_full';
      const first = start();
      await first.navigate(authorize);
      // Everything in memory is gone; only storage.session survives.
      const restarted = start({ storageOf: first.fake });
      await restarted.navigate('https://login.microsoftonline.com/common/login', 'form_submit');
      expect(restarted.fake.badges.get(5)?.text).toBe('!');
    });
  });

  it('one corrupted entry never costs the user their allow-list', async () => {
    await attack('storage', 'corrupted entry in the allow-list', () => {
      expect(parseUserSettings({ trustedClientIds: [APP, { evil: true }] }).trustedClientIds).toEqual([APP]);
    });
  });

  it('one corrupted entry never costs the user their activity log', async () => {
    await attack('storage', 'corrupted entries in the activity log', () => {
      const good: ActivityEntry = {
        id: 'a-1',
        time: 1,
        host: 'app-vssps-visualstudio.com',
        clientId: APP,
        scopes: ['vso.code'],
        verdict: 'danger',
        action: 'banner',
        choice: 'left',
        findings: ['lookalike-glue'],
        forbiddenScopes: [],
      };
      const stored = [good, 'garbage', { id: 3 }, null, { ...good, id: 'a-2' }];
      const log = parseActivityLog(stored);
      expect(log.map((entry) => entry.id)).toEqual(['a-1', 'a-2']);
      expect(appendEntry(log, { ...good, id: 'a-3' }).map((entry) => entry.id)).toEqual(['a-1', 'a-2', 'a-3']);
    });
  });
});

describe('a slow policy store', () => {
  it('does not hold verdicts back, and the policy applies once it arrives', async () => {
    await attack('storage', 'managed policy store answering after seconds', async () => {
      const { createPolicyProvider } = await import('../../src/policy/provider');
      let answer: (value: unknown) => void = () => undefined;
      const managed = new Promise((resolve) => {
        answer = resolve;
      });
      const provider = createPolicyProvider({
        readManaged: () => managed,
        local: memoryArea(),
        isDevelopmentInstall: async () => false,
        managedReadBudgetMs: 20,
      });
      // The managed read never answers here: the provider answering at all shows it gave up waiting.
      expect((await provider.current()).policy).toEqual({});
      answer({ blockDanger: true });
      await managed;
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect((await provider.current()).policy).toEqual({ blockDanger: true });
    });
  });
});
