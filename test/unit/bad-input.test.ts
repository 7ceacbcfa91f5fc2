import { describe, expect, it } from 'vitest';
import { analyzeUrl, toContractJson } from '../../src/core';

const LEGACY = 'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&state=s';

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

describe('bad and hostile input', () => {
  it('analyses a 1 MB URL quickly', () => {
    const huge = `${LEGACY}&scope=vso.work&padding=${'a'.repeat(1024 * 1024)}`;
    const { value, ms } = timed(() => analyzeUrl(huge));
    expect(value.ok && value.analysis.verdict).toBe('ok');
    expect(ms).toBeLessThan(500);
  });

  it('analyses 10,000 scopes in linear time', () => {
    const names = Array.from({ length: 10_000 }, (_, index) => (index % 2 ? `vso.custom${index}` : 'vso.code_write'));
    const { value, ms } = timed(() => analyzeUrl(`${LEGACY}&scope=${names.join('%20')}`));
    expect(value.ok).toBe(true);
    if (value.ok) {
      expect(value.analysis.scopes.requested.length).toBe(5001);
      expect(value.analysis.verdict).toBe('warn');
    }
    expect(ms).toBeLessThan(500);
  });

  it('rejects a URL longer than any browser accepts with a message, not a crash', () => {
    const result = analyzeUrl(`https://example.org/?q=${'a'.repeat(3 * 1024 * 1024)}`);
    expect(result.ok).toBe(false);
  });

  it('survives NUL and control characters, invalid percent-escapes and invalid punycode', () => {
    const inputs = [
      `${LEGACY}&scope=vso.work%00vso.code`,
      `${LEGACY}&scope=%E0%A4%A`,
      `${LEGACY}&scope=%ZZvso.work`,
      'https://app.vssps.visualstudio.com/oauth2/%E0%A4%A/authorize?scope=vso.work',
      'https://xn--a-ecp.example/',
      'https://xn--99999999999999.example/oauth2/authorize?scope=vso.code',
      '\u0000\u0001https://example.org/\u0007',
      'https://exa\tmple.org/',
      `https://example.org/${'%'.repeat(10000)}`,
    ];
    for (const input of inputs) {
      const result = analyzeUrl(input);
      if (result.ok) expect(() => JSON.stringify(toContractJson(result.analysis))).not.toThrow();
      else expect(result.error).not.toContain('\n');
    }
  });

  it('gives the same verdict every time for the same URL', () => {
    const url = 'https://app.vssps.visualstudio.com.example-auth.io/oauth2/authorize?scope=vso.code';
    const first = JSON.stringify(analyzeUrl(url));
    for (let index = 0; index < 5; index++) expect(JSON.stringify(analyzeUrl(url))).toBe(first);
  });
});
