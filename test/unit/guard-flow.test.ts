import { describe, expect, it } from 'vitest';
import { FLOW_TTL_MS, isUserInitiated, reduceFlow, type FlowEvent, type FlowState } from '../../src/background/flow';

const AUTHORIZE =
  'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=c&scope=499b84ac-1321-427f-aa17-267ca6975798%2Fvso.code&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback&state=s';
const T0 = 1_000_000;
const nav = (url: string, time: number, extra: Partial<Extract<FlowEvent, { type: 'navigated' }>> = {}): FlowEvent => ({
  type: 'navigated',
  url,
  time,
  isAuthorizeRequest: false,
  userInitiated: false,
  ...extra,
});

describe('flow reducer', () => {
  const started: FlowState = { startUrl: AUTHORIZE, host: 'login.microsoftonline.com', startedAt: T0 };

  it('starts a flow at an authorize URL, remembering its URL, host and time', () => {
    expect(reduceFlow(null, nav(AUTHORIZE, T0, { isAuthorizeRequest: true }))).toEqual(started);
  });

  it('keeps the flow through the sign-in POST to a URL without scopes', () => {
    expect(reduceFlow(started, nav('https://login.microsoftonline.com/common/login', T0 + 5_000))).toBe(started);
    // Federated sign-in may pass through another host and come back.
    expect(reduceFlow(started, nav('https://adfs.contoso.example/adfs/ls', T0 + 9_000))).toBe(started);
  });

  it('a new authorize URL replaces the old flow', () => {
    const other = AUTHORIZE.replace('client_id=c', 'client_id=d');
    expect(reduceFlow(started, nav(other, T0 + 1, { isAuthorizeRequest: true }))?.startUrl).toBe(other);
  });

  it('ends when the tab closes, at the redirect_uri, on a navigation the user typed, or after the time limit', () => {
    expect(reduceFlow(started, { type: 'tab-closed' })).toBeNull();
    expect(reduceFlow(started, nav('https://app.example/callback?code=x', T0 + 10))).toBeNull();
    expect(reduceFlow(started, nav('https://login.microsoftonline.com/common/login', T0 + 10, { userInitiated: true }))).toBeNull();
    expect(reduceFlow(started, nav('https://login.microsoftonline.com/common/login', T0 + FLOW_TTL_MS + 1))).toBeNull();
    expect(reduceFlow(started, nav('https://login.microsoftonline.com/common/login', T0 - 1))).toBeNull();
  });

  it('without a flow, ordinary navigations stay without one', () => {
    expect(reduceFlow(null, nav('https://login.microsoftonline.com/common/login', T0))).toBeNull();
  });

  it('is pure: it never changes the state it is given', () => {
    const frozen = Object.freeze({ ...started });
    reduceFlow(frozen, nav(AUTHORIZE.replace('=c', '=e'), T0 + 2, { isAuthorizeRequest: true }));
    expect(frozen).toEqual(started);
  });

  it('counts typed addresses and bookmarks as the user leaving, links and form posts as part of the flow', () => {
    expect(isUserInitiated('typed')).toBe(true);
    expect(isUserInitiated('auto_bookmark')).toBe(true);
    expect(isUserInitiated('form_submit')).toBe(false);
    expect(isUserInitiated('link')).toBe(false);
    expect(isUserInitiated(undefined)).toBe(false);
  });
});
