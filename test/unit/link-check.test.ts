import { describe, expect, it } from 'vitest';
import { createLinkChecker, linkCheckPageFor, unwrapMailLink, type Unwrapped } from '../../src/background/link-check';
import { analyzePage, NO_POLICY, type PolicyContext } from '../../src/background/view';

const LOOKALIKE =
  'https://app-vssps-visualstudio.com/oauth2/authorize?client_id=7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11&response_type=Assertion&state=alice%40contoso.com&scope=vso.code_full&redirect_uri=https%3A%2F%2Fcollect.example%2Fcb';

function checker(options: { policy?: PolicyContext; unwrap?: (url: string) => Unwrapped } = {}) {
  return createLinkChecker({
    policy: async () => options.policy ?? NO_POLICY,
    unwrap: options.unwrap ?? ((url) => ({ url, wrappers: [] })),
    now: () => Date.UTC(2026, 11, 2, 9, 0, 0),
  });
}

describe('the link check page address', () => {
  it('carries the link, or else the selected text, encoded', () => {
    expect(linkCheckPageFor({ linkUrl: 'https://evil.example/a?b=c&d', selectionText: 'ignored' })).toBe(
      'src/linkcheck/index.html?link=https%3A%2F%2Fevil.example%2Fa%3Fb%3Dc%26d',
    );
    expect(linkCheckPageFor({ selectionText: 'hxxps://evil[.]example' })).toBe('src/linkcheck/index.html?text=hxxps%3A%2F%2Fevil%5B.%5Dexample');
    expect(linkCheckPageFor({})).toBe('src/linkcheck/index.html?text=');
  });
});

describe('checking a link', () => {
  it('judges a lookalike as danger and writes a report without the query', async () => {
    const reply = await checker().check({ link: LOOKALIKE });
    if (!reply.ok) throw new Error(reply.reason);
    expect(reply.view.verdict).toBe('danger');
    expect(reply.view.host.imitates).toBe('app.vssps.visualstudio.com');
    expect(reply.inner).toBeNull();
    expect(reply.report).toContain('https://app-vssps-visualstudio.com/oauth2/authorize');
    expect(reply.report).toContain('7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11');
    expect(reply.report).toContain('vso.code_full (critical)');
    expect(reply.report).not.toContain('alice');
    expect(reply.report).not.toContain('collect.example/cb');
    expect(reply.reportLink).toBeNull();
  });

  it('judges the unwrapped address and names the wrappers', async () => {
    const wrapped = `https://wrapper.example/?u=${encodeURIComponent(LOOKALIKE)}`;
    const reply = await checker({ unwrap: (url) => (url === wrapped ? { url: LOOKALIKE, wrappers: ['safe-links'] } : { url, wrappers: [] }) }).check({
      link: wrapped,
    });
    if (!reply.ok) throw new Error(reply.reason);
    expect(reply.link).toBe(wrapped);
    expect(reply.inner).toBe(LOOKALIKE);
    expect(reply.wrappers).toEqual(['safe-links']);
    expect(reply.view.verdict).toBe('danger');
    expect(reply.report).toContain('safe-links');
  });

  it('judges a forwarder by the lookalike it carries, while the same address as a page gets no banner', async () => {
    const forwarder = `https://compromised-blog.example/out.php?to=${btoa(LOOKALIKE)}`;
    const reply = await checker().check({ link: forwarder });
    if (!reply.ok) throw new Error(reply.reason);
    expect(reply.view.verdict).toBe('danger');
    const carried = reply.view.findings.find((finding) => finding.id === 'embedded-link');
    expect(carried?.severity).toBe('danger');
    expect(carried?.message).toContain('app-vssps-visualstudio.com');
    expect(reply.view.findings.map((finding) => finding.id)).toContain('lookalike-glue');
    // The browser showing that page judges the page, not what it quotes: the lookalike is judged when the tab gets there.
    const asPage = analyzePage({ url: forwarder, frameId: 0, flowStartUrl: null, signals: null, dismissedKeys: [] });
    expect(asPage?.verdict).toBe('none');
  });

  it('finds the link in selected text, refanging it', async () => {
    const reply = await checker().check({ text: 'open hxxps://app-vssps-visualstudio[.]com/oauth2/authorize?scope=vso.code please' });
    if (!reply.ok) throw new Error(reply.reason);
    expect(reply.refanged).toBe(true);
    expect(reply.view.verdict).toBe('danger');
  });

  it('says why nothing was checked', async () => {
    await expect(checker().check({ text: 'no link here' })).resolves.toEqual({ ok: false, reason: 'no-link' });
    await expect(checker().check({ text: '  ' })).resolves.toEqual({ ok: false, reason: 'empty' });
    await expect(checker().check({ link: 'javascript:alert(1)' })).resolves.toEqual({ ok: false, reason: 'no-link' });
  });

  it('applies the policy: an approved app, and the admin report link', async () => {
    const policy: PolicyContext = {
      policy: { approvedClientIds: ['7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11'], reportUrl: 'mailto:security@contoso.example' },
      user: { trustedClientIds: [] },
    };
    const reply = await checker({ policy }).check({ link: LOOKALIKE });
    if (!reply.ok) throw new Error(reply.reason);
    // Approval never silences danger.
    expect(reply.view.verdict).toBe('danger');
    expect(reply.reportLink).toMatch(/^mailto:security@contoso\.example\?subject=/);
    expect(decodeURIComponent(reply.reportLink ?? '')).not.toContain('alice');
  });
});

describe('the mail-security unwrapping the link check uses', () => {
  it("is the CLI's, with the wrapper named for a person", async () => {
    const wrapped = `https://eur03.safelinks.protection.outlook.com/?url=${encodeURIComponent(LOOKALIKE)}&data=05&reserved=0`;
    const reply = await checker({ unwrap: unwrapMailLink }).check({ link: wrapped });
    if (!reply.ok) throw new Error(reply.reason);
    expect(reply.inner).toBe(LOOKALIKE);
    expect(reply.wrappers).toEqual(['Microsoft Defender Safe Links']);
    expect(reply.view.verdict).toBe('danger');
    expect(reply.view.host.name).toBe('app-vssps-visualstudio.com');
  });
});
