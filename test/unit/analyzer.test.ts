import { describe, expect, it } from 'vitest';
import { analyzeUrl, parseWebUrl, toContractJson, type Analysis, type PageSignals } from '../../src/core';

const ADO = '499b84ac-1321-427f-aa17-267ca6975798';
const LEGACY = 'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb';

function analyze(url: string, options?: Parameters<typeof analyzeUrl>[1]): Analysis {
  const result = analyzeUrl(url, options);
  if (!result.ok) throw new Error(result.error);
  return result.analysis;
}
const ids = (analysis: Analysis) => analysis.findings.map((finding) => finding.id);

describe('reading the request', () => {
  it('extracts client_id, response_type, redirect_uri, prompt, state and PKCE presence', () => {
    const analysis = analyze(
      `https://login.microsoftonline.com/contoso/oauth2/v2.0/authorize?client_id=abc&response_type=code&redirect_uri=https%3A%2F%2Fx.example%2Fcb&prompt=consent&state=123&code_challenge=zz&scope=${ADO}%2Fvso.work`,
    );
    expect(analysis.request).toMatchObject({
      flow: 'entra-v2',
      tenant: 'contoso',
      clientId: 'abc',
      responseType: 'code',
      redirectUri: 'https://x.example/cb',
      prompt: 'consent',
      hasState: true,
      hasPkce: true,
    });
    expect(ids(analysis)).toContain('consent-prompt');
  });

  it('notices a missing state value', () => {
    expect(ids(analyze(`${LEGACY.replace('&state=s', '')}&scope=vso.work`))).toContain('missing-state');
  });

  it('reads scopes split by spaces, plus signs, %20 and a literal (double-encoded) plus', () => {
    const analysis = analyze(`${LEGACY}&scope=vso.work+vso.code%20vso.wiki%2Bvso.profile`);
    expect(toContractJson(analysis).scopes.requested).toEqual(['vso.work', 'vso.code', 'vso.wiki', 'vso.profile']);
  });

  it('joins repeated scope parameters so a second one cannot hide scopes', () => {
    const analysis = analyze(`${LEGACY}&scope=vso.work&scope=vso.code_full`);
    expect(toContractJson(analysis).scopes.requested).toEqual(['vso.work', 'vso.code_full']);
    expect(analysis.verdict).toBe('warn');
  });

  it('treats an empty scope list on the legacy flow as "everything registered"', () => {
    const analysis = analyze(`${LEGACY}&scope=`);
    expect(analysis.verdict).toBe('warn');
    expect(ids(analysis)).toContain('no-scopes-listed');
  });

  it("keeps an app's own API scope as written and judges it as that app's, not as an unknown Azure DevOps scope", () => {
    const json = toContractJson(
      analyze(`https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&state=s&scope=api%3A%2F%2Fother-app%2Faccess%20${ADO}%2Fvso.code`),
    );
    expect(json.scopes.requested).toEqual(['api://other-app/access', 'vso.code']);
    expect(json.scopes.unknown).toEqual([]);
    expect(json.findings.map((finding) => finding.id)).toContain('tenant-api-scope');
    expect(json.verdict).toBe('ok');
  });

  it('still flags a scope nobody we know defines', () => {
    const json = toContractJson(analyze(`https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&state=s&scope=${ADO}%2Fvso.no_such_scope`));
    expect(json.scopes.unknown).toEqual(['vso.no_such_scope']);
    expect(json.verdict).toBe('warn');
  });
});

describe('following a flow', () => {
  it('uses the authorize URL that started the flow when the consent page has lost the query', () => {
    const start = `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&state=s&scope=${ADO}%2Fvso.code_write`;
    const consent = analyze('https://login.microsoftonline.com/common/login', { flowStartUrl: start });
    expect(consent.flow).toBe('entra-v2');
    expect(consent.verdict).toBe('warn');
    expect(consent.scopes.requested.map((scope) => scope.name)).toEqual(['vso.code_write']);
  });

  it('ignores a flow start on another host', () => {
    const consent = analyze('https://login.microsoftonline.com/common/login', {
      flowStartUrl: `https://login.live.com/common/oauth2/v2.0/authorize?scope=${ADO}%2Fvso.code_full`,
    });
    expect(consent.verdict).toBe('none');
  });
});

describe('page signals only ever add warnings', () => {
  const quietSignals: PageSignals = { isTopFrame: true, forms: [], asks: 'nothing', brandingCues: [] };
  /** Microsoft's logo and the title of its sign-in page, with a password field. */
  const cloneSignals: PageSignals = { ...quietSignals, asks: 'credentials', brandingCues: ['brand-logo', 'microsoft-title'] };

  it('calls Microsoft branding on an unrelated host a clone, naming the cues', () => {
    const analysis = analyze('https://portal.example-login.net/signin', { signals: cloneSignals });
    expect(analysis.verdict).toBe('danger');
    expect(ids(analysis)).toContain('microsoft-branding-off-host');
    const message = analysis.findings.find((finding) => finding.id === 'microsoft-branding-off-host')?.message ?? '';
    expect(message).toContain("it shows Microsoft's or Azure DevOps' logo");
    expect(message).toContain("it has the title of Microsoft's own sign-in or permission page");
  });

  it('needs an identity cue, enough weight and something to take before it calls branding a clone', () => {
    const verdict = (signals: PageSignals) => analyze('https://portal.example-login.net/signin', { signals }).verdict;
    // An External ID tenant's own page: Microsoft's look (title, assets, markup) without Microsoft's logo or name.
    expect(verdict({ ...cloneSignals, brandingCues: ['microsoft-title', 'microsoft-assets', 'sign-in-markup'] })).toBe('none');
    // The logo alone (another provider's consent screen for a Microsoft app).
    expect(verdict({ ...cloneSignals, brandingCues: ['brand-logo', 'consent-wording'] })).toBe('none');
    // A page about Microsoft that asks for nothing.
    expect(verdict({ ...cloneSignals, asks: 'nothing' })).toBe('none');
  });

  it('does not let branding on a Microsoft host change anything', () => {
    const analysis = analyze(`${LEGACY}&scope=vso.work`, { signals: cloneSignals });
    expect(analysis.verdict).toBe('ok');
  });

  it('warns about a real consent page inside a frame, not about a frame that asks nothing (silent sign-in)', () => {
    const analysis = analyze(`${LEGACY}&scope=vso.work`, { signals: { ...quietSignals, isTopFrame: false, asks: 'consent' } });
    expect(analysis.verdict).toBe('warn');
    expect(ids(analysis)).toContain('framed-consent-page');
    expect(analyze(`${LEGACY}&scope=vso.work`, { signals: { ...quietSignals, isTopFrame: false } }).verdict).toBe('ok');
  });

  it('calls a form that posts the password or the approval elsewhere or over http dangerous', () => {
    const withForm = (action: string, asks: PageSignals['asks']) =>
      analyze(`${LEGACY}&scope=vso.work`, { signals: { ...quietSignals, asks, forms: [{ action, asks }] } });
    expect(ids(withForm('https://collect.example/steal', 'consent'))).toContain('form-posts-off-host');
    expect(withForm('https://collect.example/steal', 'credentials').findings.find((finding) => finding.id === 'form-posts-off-host')?.message).toBe(
      'A form on this page that asks for your password or account name sends what you enter to collect.example, which is not Microsoft.',
    );
    expect(ids(withForm('http://app.vssps.visualstudio.com/oauth2/approve', 'consent'))).toContain('form-posts-insecurely');
    expect(withForm('https://app.vssps.visualstudio.com/oauth2/approve', 'consent').verdict).toBe('ok');
  });

  it('never calls a hand-off dangerous: the id_token or SAML response posted to the app, over https or http', () => {
    const entra =
      'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&response_type=id_token&response_mode=form_post&scope=openid&state=s&redirect_uri=https%3A%2F%2Fapp.contoso.example%2Fsignin-oidc';
    for (const action of ['https://app.contoso.example/signin-oidc', 'http://localhost:5000/signin-oidc', 'https://sso.fabrikam.example/saml/acs']) {
      const analysis = analyze(entra, { signals: { ...quietSignals, forms: [{ action, asks: 'nothing' }] } });
      expect(ids(analysis).filter((id) => id.startsWith('form-posts'))).toEqual([]);
    }
  });

  it('does not call a form posting to the page\'s own site "off host"', () => {
    // A clone is caught by its branding; its form posting back to itself adds nothing, one posting elsewhere does.
    const clone = 'https://portal.example-login.net/signin';
    const formIds = (action: string) =>
      ids(analyze(clone, { signals: { ...cloneSignals, forms: [{ action, asks: 'credentials' }] } })).filter((id) => id.startsWith('form-posts'));
    expect(formIds('https://portal.example-login.net/post')).toEqual([]);
    expect(formIds('https://auth.example-login.net/post')).toEqual([]);
    expect(formIds('https://collect.example/p')).toEqual(['form-posts-off-host']);
  });
});

describe('findings', () => {
  it('list dangers first, then warnings, then notes, each with a plain message', () => {
    const analysis = analyze('http://app.vssps.visualstudio.com/oauth2/authorize?response_type=code&scope=vso.code_full');
    const severities = analysis.findings.map((finding) => finding.severity);
    expect(severities).toEqual([...severities].sort((a, b) => ['danger', 'warn', 'info'].indexOf(a) - ['danger', 'warn', 'info'].indexOf(b)));
    for (const finding of analysis.findings) {
      expect(finding.id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
      expect(finding.message.length).toBeGreaterThan(20);
    }
  });

  it('say the legacy flow is deprecated', () => {
    const finding = analyze(`${LEGACY}&scope=vso.work`).findings.find((candidate) => candidate.id === 'legacy-flow-deprecated');
    expect(finding?.severity).toBe('info');
    expect(finding?.message).toMatch(/2025.*2026/);
  });

  it('name the look-alike technique and the real host it imitates', () => {
    const analysis = analyze('https://app.vssps.xn--vsualstudio-zvj.com/oauth2/authorize?scope=vso.code');
    expect(analysis.host.unicode).toBe('app.vssps.vіsualstudio.com');
    expect(analysis.findings[0]?.message).toContain('app.vssps.visualstudio.com');
    expect(analysis.findings[0]?.message).toContain('xn--vsualstudio-zvj');
  });
});

// Findings reach the CLI's JSON, the library and the extension's messages: whatever builds them (a lazily filled
// message was tried, and was slower), each must read as the same plain object.
describe('a finding as its consumers read it', () => {
  // A request's own findings and those of the lookalike nested in it (taken over from the inner analysis).
  const analysis = analyze(
    `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=1&prompt=none&scope=vso.code_full&redirect_uri=${encodeURIComponent('https://login.micros0ftonline.com/cb?client_id=2&scope=vso.code_full')}`,
  );
  const plain = analysis.findings.map((finding) => ({ id: finding.id, severity: finding.severity, message: finding.message, text: finding.text }));
  const findingsJson = (findings: readonly unknown[]) => JSON.stringify(findings);

  it('serializes, clones, spreads and lists its keys as the plain object it was', () => {
    expect(analysis.findings.length).toBeGreaterThan(3);
    expect(plain.every((finding) => finding.message.length > 0)).toBe(true);
    // Byte for byte, in the same key order: JSON.stringify reads an own enumerable getter.
    expect(findingsJson(analysis.findings)).toBe(findingsJson(plain));
    expect(JSON.stringify(analysis)).toContain(JSON.stringify(plain[0]));
    expect(structuredClone(analysis.findings)).toStrictEqual(plain);
    expect(analysis.findings.map((finding) => ({ ...finding }))).toStrictEqual(plain);
    for (const finding of analysis.findings) expect(Object.keys(finding)).toEqual(['id', 'severity', 'message', 'text']);
  });

  it('gives the same message every time it is read', () => {
    for (const finding of analysis.findings) expect(finding.message).toBe(finding.message);
    expect(analyze('https://login.micros0ftonline.com/').findings.map((finding) => finding.message)).toEqual(
      analyze('https://login.micros0ftonline.com/').findings.map((finding) => finding.message),
    );
  });
});

describe('the host a reader sees in the text typed', () => {
  it('is compared with where the browser goes, whether or not the parser gives the text back unchanged', () => {
    const asTyped = 'https://login.microsoftonline.com%2F@evil.example/';
    expect(parseWebUrl(asTyped)).toHaveProperty('href', asTyped);
    for (const url of [asTyped, 'https://evil.example?@login.microsoftonline.com/', 'hxxps://evil[.]example?@login.microsoftonline.com/']) {
      expect(ids(analyze(url)), url).toContain('displayed-host-mismatch');
    }
    expect(ids(analyze('https://login.microsoftonline.com/'))).not.toContain('displayed-host-mismatch');
  });
});
