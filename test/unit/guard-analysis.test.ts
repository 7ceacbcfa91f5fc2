/**
 * #12 §4 "each document is analysed once per change": the background's own analyses of a page, counted as the
 * real wiring makes them (the consent inventory's own reading of the address is not the guard's and is not counted).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Core from '../../src/core';
import { startBackground } from '../../src/background/index';
import { pageCheck } from '../../src/messaging/page-messages';
import { createFakePlatform, fromPage } from './fake-platform';

const analysed = vi.hoisted(() => [] as string[]);
vi.mock('../../src/core', async (importOriginal) => {
  const actual = await importOriginal<typeof Core>();
  return {
    ...actual,
    analyzeUrl: (...args: Parameters<typeof actual.analyzeUrl>) => {
      if (/src\/background\//.test(new Error().stack ?? '')) analysed.push(args[0]);
      return actual.analyzeUrl(...args);
    },
  };
});

const LOOKALIKE = 'https://app-vssps-visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&scope=vso.code';
const ENTRA_START =
  'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=c&response_type=code&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&scope=499b84ac-1321-427f-aa17-267ca6975798%2Fvso.code_write';
const CONSENT = 'https://login.microsoftonline.com/common/login';

beforeEach(() => void analysed.splice(0));

describe('one analysis per change', () => {
  it("a lookalike page: once at navigation start (the flow), once at commit, once per report of the page's guard, never at DOMContentLoaded", async () => {
    const fake = createFakePlatform();
    const background = startBackground(fake.platform);
    fake.load(LOOKALIKE, { kinds: ['before'] });
    await background.whenIdle();
    expect(analysed).toEqual([LOOKALIKE]);
    fake.load(LOOKALIKE, { kinds: ['committed', 'dom-ready'] });
    await background.whenIdle();
    expect(analysed).toEqual([LOOKALIKE, LOOKALIKE]);
    await fake.send(pageCheck, fromPage(LOOKALIKE), { signals: null });
    await background.whenIdle();
    expect(analysed).toEqual([LOOKALIKE, LOOKALIKE, LOOKALIKE]);
    // The badge, the banner's injection and the stored view all come from those analyses.
    expect(fake.badges.get(5)?.text).toBe('✕');
    expect(fake.injections).toMatchObject([{ frameId: 0, verdict: 'danger', banner: true }]);
  });

  it('the consent screen after the sign-in POST is analysed on its own, then with the tracked flow that explains it', async () => {
    const fake = createFakePlatform();
    const background = startBackground(fake.platform);
    fake.navigation({ kind: 'before', url: ENTRA_START });
    await background.whenIdle();
    analysed.splice(0);
    fake.navigation({ kind: 'committed', url: CONSENT, transitionType: 'form_submit' });
    await background.whenIdle();
    expect(analysed).toEqual([CONSENT, CONSENT]);
    expect(fake.badges.get(5)?.text).toBe('!');
  });
});
