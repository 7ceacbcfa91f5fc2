import { describe, expect, it } from 'vitest';
import { analyzeUrl, englishText, type Analysis } from '../../src/core';
import { decide } from '../../src/policy/decide';
import { parseManagedPolicy, parseUserSettings } from '../../src/policy/policy';

const APP = '8a2b3c4d-0000-4000-8000-000000000001';
const legacy = (scopes: string, clientId = APP, redirect = 'https://tool.contoso.com/cb') =>
  `https://app.vssps.visualstudio.com/oauth2/authorize?client_id=${clientId}&response_type=Assertion&state=s&redirect_uri=${encodeURIComponent(redirect)}&scope=${scopes}`;

function analyze(url: string, extraTrustedHosts?: string[]): Analysis {
  const result = analyzeUrl(url, { extraTrustedHosts });
  if (!result.ok) throw new Error(result.error);
  return result.analysis;
}
const noUser = parseUserSettings(undefined);

describe('parsing the managed policy', () => {
  it('keeps the valid keys of a partly malformed policy and reports the others', () => {
    const { policy, problems } = parseManagedPolicy({
      blockDanger: true,
      approvedClientIds: ['not-a-guid'],
      forbiddenScopes: ['vso.code_full'],
      helpUrl: 'http://insecure.example/help',
      reportUrl: 'mailto:security@contoso.com',
      colour: 'blue',
    });
    expect(policy).toEqual({ blockDanger: true, forbiddenScopes: ['vso.code_full'], reportUrl: 'mailto:security@contoso.com' });
    expect(problems.map((problem) => problem.key).sort()).toEqual(['approvedClientIds', 'colour', 'helpUrl']);
    for (const problem of problems) expect(problem.message).toMatch(/ignored/);
  });

  it('treats a policy that is not an object as no policy, and says so', () => {
    for (const raw of ['{"blockDanger":true}', 42, [1, 2]]) {
      const { policy, problems } = parseManagedPolicy(raw);
      expect(policy).toEqual({});
      expect(problems).toHaveLength(1);
    }
    expect(parseManagedPolicy(undefined)).toEqual({ policy: {}, problems: [] });
  });

  it('compares client ids and hosts case-insensitively', () => {
    const { policy } = parseManagedPolicy({ approvedClientIds: [APP.toUpperCase()], extraTrustedHosts: ['Login.Contoso.com'] });
    expect(policy.approvedClientIds).toEqual([APP]);
    expect(policy.extraTrustedHosts).toEqual(['login.contoso.com']);
  });

  it('falls back to empty user settings when storage holds garbage', () => {
    expect(parseUserSettings({ trustedClientIds: 'everything' })).toEqual({ trustedClientIds: [] });
    expect(parseUserSettings('corrupted')).toEqual({ trustedClientIds: [] });
  });

  it('keeps the valid trusted apps when one stored entry is corrupted', () => {
    expect(parseUserSettings({ trustedClientIds: [APP, 42, 'not-a-guid', null] })).toEqual({ trustedClientIds: [APP] });
  });
});

describe('deciding what to show', () => {
  it('shows the banner for warn and nothing for ok without a policy', () => {
    expect(decide(analyze(legacy('vso.code_full')), {}, noUser).action).toBe('banner');
    expect(decide(analyze(legacy('vso.work')), {}, noUser).action).toBe('none');
  });

  it('trusts an approved client id (with an approved redirect host) but still reports its verdict', () => {
    const { policy } = parseManagedPolicy({ approvedClientIds: [APP], approvedRedirectHosts: ['tool.contoso.com'], companyName: 'Contoso' });
    const approved = decide(analyze(legacy('vso.code_full')), policy, noUser);
    expect(approved).toMatchObject({ verdict: 'warn', action: 'none' });
    expect(approved.notes.map(englishText)).toContain('Contoso has approved this app.');
    expect(decide(analyze(legacy('vso.code_full', APP, 'https://evil.example/cb')), policy, noUser).action).toBe('banner');
  });

  it('turns a forbidden scope, requested or included, into a block', () => {
    const { policy } = parseManagedPolicy({ forbiddenScopes: ['vso.code_write'] });
    const direct = decide(analyze(legacy('vso.code_write')), policy, noUser);
    expect(direct).toMatchObject({ action: 'block', forbiddenScopes: ['vso.code_write'], canOverride: false });
    expect(decide(analyze(legacy('vso.code_full')), policy, noUser).action).toBe('block');
    expect(decide(analyze(legacy('vso.work')), policy, noUser).action).toBe('none');
  });

  it('blocks danger in block mode, with an override only when policy allows it', () => {
    const phishing = analyze('https://app-vssps-visualstudio.com/oauth2/authorize?response_type=Assertion&scope=vso.code');
    expect(decide(phishing, {}, noUser).action).toBe('banner');
    expect(decide(phishing, { blockDanger: true }, noUser)).toMatchObject({ action: 'block', canOverride: false });
    expect(decide(phishing, { blockDanger: true, allowOverride: true }, noUser)).toMatchObject({ action: 'block', canOverride: true });
  });

  it('never lets an approval or a user trust silence danger on a lookalike host', () => {
    const phishing = analyze(`https://app-vssps-visualstudio.com/oauth2/authorize?client_id=${APP}&response_type=Assertion&scope=vso.code`);
    const decision = decide(phishing, { approvedClientIds: [APP] }, { trustedClientIds: [APP] });
    expect(decision).toMatchObject({ verdict: 'danger', action: 'banner' });
  });

  it('lets the user trust an app so its warn banner is not shown again', () => {
    const trusted = decide(analyze(legacy('vso.code_full')), {}, { trustedClientIds: [APP] });
    expect(trusted.action).toBe('none');
    expect(trusted.notes.map(englishText)).toEqual(['You chose to trust this app.']);
  });

  it('trusts the extra hosts an organization lists', () => {
    const url = 'https://login.contoso.com/contoso/oauth2/v2.0/authorize?client_id=x&state=s&scope=499b84ac-1321-427f-aa17-267ca6975798%2Fvso.work';
    expect(analyze(url).verdict).toBe('danger');
    expect(analyze(url, ['login.contoso.com']).verdict).toBe('ok');
  });
});
