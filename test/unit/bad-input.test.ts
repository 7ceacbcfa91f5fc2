import { describe, expect, it } from 'vitest';
import { analyzeUrl, toContractJson } from '../../src/core';

const LEGACY = 'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&state=s';

describe('bad and hostile input', () => {
  // How long these take is measured in the bench (npm run bench -- --only=analyzer), not asserted here: CI runs on busy machines.
  it('analyses a 1 MB URL', () => {
    const value = analyzeUrl(`${LEGACY}&scope=vso.work&padding=${'a'.repeat(1024 * 1024)}`);
    expect(value.ok && value.analysis.verdict).toBe('ok');
  });

  it('analyses 10,000 scopes, each distinct one once', () => {
    const names = Array.from({ length: 10_000 }, (_, index) => (index % 2 ? `vso.custom${index}` : 'vso.code_write'));
    const value = analyzeUrl(`${LEGACY}&scope=${names.join('%20')}`);
    expect(value.ok).toBe(true);
    if (value.ok) {
      expect(value.analysis.scopes.requested.length).toBe(5001);
      expect(value.analysis.verdict).toBe('warn');
    }
  });

  it('rejects a URL longer than any browser accepts with a message, not a crash', () => {
    const result = analyzeUrl(`https://example.org/?q=${'a'.repeat(3 * 1024 * 1024)}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^input is 3145751 characters, longer than any browser accepts \(\d+\)$/);
  });

  it('reads NUL and control characters, invalid percent-escapes and invalid punycode the way the browser does', () => {
    // Each input has one right answer: a verdict (and the host the browser would go to), or a one-line error.
    const cases: { input: string; verdict?: string; host?: string; finding?: string; error?: true }[] = [
      // A NUL glued into the scope list makes one scope nobody knows: never a silent "ok".
      { input: `${LEGACY}&scope=vso.work%00vso.code`, verdict: 'warn', finding: 'unknown-scopes' },
      { input: `${LEGACY}&scope=%E0%A4%A`, verdict: 'warn', finding: 'unknown-scopes' },
      { input: `${LEGACY}&scope=%ZZvso.work`, verdict: 'warn', finding: 'unknown-scopes' },
      // Not the authorize path once decoded: no request on the genuine host.
      { input: 'https://app.vssps.visualstudio.com/oauth2/%E0%A4%A/authorize?scope=vso.work', verdict: 'none', host: 'app.vssps.visualstudio.com' },
      // The URL parser refuses invalid punycode, as the browser does.
      { input: 'https://xn--a-ecp.example/', error: true },
      { input: 'https://xn--99999999999999.example/oauth2/authorize?scope=vso.code', error: true },
      // Leading and trailing control characters and tabs are dropped before the host is read.
      { input: '\u0000\u0001https://example.org/\u0007', verdict: 'none', host: 'example.org' },
      { input: 'https://exa\tmple.org/', verdict: 'none', host: 'example.org' },
      { input: `https://example.org/${'%'.repeat(10000)}`, verdict: 'none', host: 'example.org' },
    ];
    for (const { input, verdict, host, finding, error } of cases) {
      const result = analyzeUrl(input);
      const label = JSON.stringify(input.slice(0, 120));
      if (error) {
        expect(result.ok, label).toBe(false);
        if (!result.ok) expect(result.error, label).not.toContain('\n');
        continue;
      }
      if (!result.ok) throw new Error(`${label}: ${result.error}`);
      const json = toContractJson(result.analysis);
      expect(json.verdict, label).toBe(verdict);
      if (host) expect(json.host.name, label).toBe(host);
      if (finding)
        expect(
          json.findings.map((item) => item.id),
          label,
        ).toContain(finding);
    }
  });

  it('gives the same verdict every time for the same URL', () => {
    const url = 'https://app.vssps.visualstudio.com.example-auth.io/oauth2/authorize?scope=vso.code';
    const first = JSON.stringify(analyzeUrl(url));
    for (let index = 0; index < 5; index++) expect(JSON.stringify(analyzeUrl(url))).toBe(first);
  });
});
