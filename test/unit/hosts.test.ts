import { describe, expect, it } from 'vitest';
import { assessHost, skeleton, TRUSTED_AUTHORIZATION_HOSTS } from '../../src/core';
import { editDistanceWithin } from '../../src/core/host-assessment';

describe('trusted hosts', () => {
  it('are recognised exactly, case-insensitively and with a trailing dot', () => {
    for (const { host } of TRUSTED_AUTHORIZATION_HOSTS) {
      expect(assessHost(host).kind, host).toBe('trusted');
      expect(assessHost(`${host.toUpperCase()}.`).kind, host).toBe('trusted');
    }
  });

  it('accept Defender for Cloud Apps proxies of a trusted host, but not of anything else', () => {
    expect(assessHost('login.microsoftonline.com.mcas.ms')).toMatchObject({ kind: 'proxy', proxied: 'login.microsoftonline.com' });
    expect(assessHost('app.vssps.visualstudio.com.mcas-gov.us')).toMatchObject({ kind: 'proxy' });
    // Another site seen through the proxy is judged as that site: not Microsoft's, not trusted.
    expect(assessHost('evil.example.mcas.ms').kind).toBe('other');
  });
});

describe('lookalikes', () => {
  const cases: [string, string, string][] = [
    ['xn--pp-7kc.vssps.visualstudio.com.example.io', 'app.vssps.visualstudio.com', 'embedded'],
    ['app.vssps.visualstudio.com.example-auth.io', 'app.vssps.visualstudio.com', 'embedded'],
    ['login.microsoftonline.com-secure.example', 'login.microsoftonline.com', 'embedded'],
    ['app-vssps-visualstudio.com', 'app.vssps.visualstudio.com', 'glue'],
    ['login-microsoftonline-com.example', 'login.microsoftonline.com', 'glue'],
    ['microsoftonline-login.example', 'login.microsoftonline.com', 'glue'],
    ['login.micros0ftonline.com', 'login.microsoftonline.com', 'homoglyph'],
    ['login.microsoftonlline.com', 'login.microsoftonline.com', 'typo'],
    ['login.windovvs.net', 'login.windows.net', 'homoglyph'],
    ['visualstudio.co', 'app.vssps.visualstudio.com', 'typo'],
    ['app.vssps.visualstuido.com', 'app.vssps.visualstudio.com', 'typo'],
    // Dotless ı twice plus a capital I for l (which the browser lowercases to i): found by the property test.
    [new URL('https://login.m\u0131crosoftonI\u0131ne.com/').hostname, 'login.microsoftonline.com', 'homoglyph'],
    ['login.mlcrosoftonllne.com', 'login.microsoftonline.com', 'typo'],
  ];
  for (const [host, imitates, technique] of cases) {
    it(`${host} imitates ${imitates} (${technique})`, () => {
      expect(assessHost(host)).toMatchObject({ kind: 'lookalike', imitates, technique });
    });
  }

  it('decodes punycode for display and finds the homoglyph', () => {
    const ascii = new URL('https://login.micrоsoftonline.com/').hostname; // Cyrillic о
    expect(ascii).toMatch(/^login\.xn--/);
    expect(assessHost(ascii)).toMatchObject({
      kind: 'lookalike',
      imitates: 'login.microsoftonline.com',
      technique: 'homoglyph',
      unicode: 'login.micrоsoftonline.com',
    });
  });

  it('leaves an unusual name under a Microsoft-run domain alone: only Microsoft can create it', () => {
    expect(assessHost(new URL('https://lоgin.microsoftonline.com/').hostname).kind).toBe('microsoft');
  });

  it('keeps invalid punycode as it came instead of failing', () => {
    expect(assessHost('xn--zz-99999999999.example').unicode).toBe('xn--zz-99999999999.example');
  });
});

describe('not lookalikes', () => {
  const ordinary = [
    'dev.azure.com',
    'contoso.visualstudio.com',
    'aex.dev.azure.com',
    'myapps.microsoft.com',
    'microsoft.de',
    'visualstudiomagazine.com',
    'olivecompany.example',
    'www.windows.com',
    'live.ru',
    'github.com',
    'example.org',
    'microsoftpartner.example',
    'evil.web.core.windows.net',
  ];
  for (const host of ordinary) {
    it(`${host} is not called a lookalike`, () => {
      expect(assessHost(host).kind).not.toBe('lookalike');
    });
  }

  it('IP literals are their own kind', () => {
    expect(assessHost('203.0.113.7').kind).toBe('ip');
    expect(assessHost('[2001:db8::1]').kind).toBe('ip');
  });
});

describe('skeleton and edit distance', () => {
  it('folds look-alike letters from other scripts and compatibility forms', () => {
    expect(skeleton('vіsualstudіo')).toBe('visualstudio'); // Cyrillic і
    expect(skeleton('ｍicrosoft')).toBe('microsoft'); // fullwidth
    expect(skeleton('ⅼogin')).toBe('login'); // roman numeral fifty
    expect(skeleton('rnicrosoft')).toBe('microsoft');
  });

  it('computes a bounded edit distance', () => {
    expect(editDistanceWithin('microsoftonline', 'microsoftonline', 2)).toBe(0);
    expect(editDistanceWithin('micrsoftonline', 'microsoftonline', 2)).toBe(1);
    expect(editDistanceWithin('mikrosoftonlyne', 'microsoftonline', 2)).toBe(2);
    expect(editDistanceWithin('example', 'microsoftonline', 2)).toBe(3);
    expect(editDistanceWithin('a'.repeat(200), 'b'.repeat(200), 2)).toBe(3);
  });
});
