import { describe, expect, it } from 'vitest';
import { analyzeLink, analyzeUrl, MAX_WRAPPER_DEPTH, toContractJson, unwrapLink } from '../../src/core';

const LOOKALIKE = 'https://app-vssps-visualstudio.com/oauth2/authorize?response_type=Assertion&scope=vso.code_full&state=s#top';
const REAL_OK =
  'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&scope=vso.work';
const enc = encodeURIComponent;
/** Proofpoint v2's own encoding: percent-encode, then `%` → `-` and `/` → `_` (a literal `-` or `_` is escaped first). */
const proofpointV2 = (url: string) =>
  `https://urldefense.proofpoint.com/v2/url?u=${url
    .replace(/[^A-Za-z0-9./]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(/%/g, '-')
    .replace(/\//g, '_')}&d=DwMFaQ&c=abc&r=xyz&m=1&s=2&e=`;
const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('unwrapLink: each mail-security wrapper', () => {
  const cases: [string, string, string][] = [
    ['microsoft-safe-links', `https://nam02.safelinks.protection.outlook.com/?url=${enc(LOOKALIKE)}&data=05%7C02%7Cx%7C&sdata=abc%3D&reserved=0`, LOOKALIKE],
    ['microsoft-safe-links', `https://eur01.safelinks.protection.outlook.com/?url=${enc(LOOKALIKE)}&data=x`, LOOKALIKE],
    ['microsoft-safe-links', `https://gcc02.safelinks.protection.office365.us/?url=${enc(LOOKALIKE)}&data=x`, LOOKALIKE],
    [
      'microsoft-teams-safe-links',
      `https://statics.teams.cdn.office.net/evergreen-assets/safelinks/1/atp-safelinks.html?url=${enc(LOOKALIKE)}&locale=en-us`,
      LOOKALIKE,
    ],
    ['proofpoint-url-defense-v1', `https://urldefense.proofpoint.com/v1/url?u=${enc(LOOKALIKE)}&k=abc%3D%0A&r=x`, LOOKALIKE],
    ['proofpoint-url-defense-v2', proofpointV2(LOOKALIKE), LOOKALIKE],
    ['cisco-secure-email', `https://secure-web.cisco.com/1aBcD-Ef_GhIjK/${enc(LOOKALIKE)}`, LOOKALIKE],
    ['barracuda-link-protection', `https://linkprotect.cudasvc.com/url?a=${enc(LOOKALIKE)}&c=E,1,AbC&typo=1`, LOOKALIKE],
    ['google-redirect', `https://www.google.com/url?q=${enc(LOOKALIKE)}&sa=D&source=editors&ust=1`, LOOKALIKE],
  ];
  for (const [wrapper, wrapped, inner] of cases) {
    it(`${wrapper}: ${new URL(wrapped).hostname}`, () => {
      expect(unwrapLink(wrapped)).toMatchObject({ target: inner, wrappers: [wrapper], unwrapped: true, opaque: null, tooDeep: false });
    });
  }

  it('proofpoint v3: `*` takes the next substituted character, `**X` a run (A = 2, B = 3, ...), a lone `https:/` gets its slash back', () => {
    // The encoder replaced "#", then the run "%2" ... here: '*' → '#', '**A' → '&&' (2), '**B' → 'ab%' (3).
    const raw = 'https:/app-vssps-visualstudio.com/oauth2/authorize?response_type=Assertion**Ascope=vso.code_full*top**B';
    const v3 = `https://urldefense.com/v3/__${raw}__;${base64url('&&#ab%')}!!Abc-Def!GhIj$`;
    expect(unwrapLink(v3)).toMatchObject({
      target: 'https://app-vssps-visualstudio.com/oauth2/authorize?response_type=Assertion&&scope=vso.code_full#topab%',
      wrappers: ['proofpoint-url-defense-v3'],
    });
    // Multi-byte substitutions count characters, not bytes.
    const unicode = `https://urldefense.com/v3/__https://login.micros*ftonline.com/__;${base64url('ö')}!!x$`;
    expect(unwrapLink(unicode).target).toBe('https://login.microsöftonline.com/');
  });

  it('proofpoint v3 with fewer substitutions than stars is not unwrapped (judged as it is, never guessed)', () => {
    const broken = `https://urldefense.com/v3/__https://example.org/*a*b__;${base64url('#')}!!x$`;
    expect(unwrapLink(broken)).toMatchObject({ unwrapped: false, wrappers: [] });
  });

  it('mimecast short links are opaque: named, not unwrapped, never fetched', () => {
    const link = 'https://protect-eu.mimecast.com/s/AbCdEfGhIjK?domain=login.micros0ftonline.com';
    expect(unwrapLink(link)).toMatchObject({ target: link, wrappers: ['mimecast'], unwrapped: false, opaque: 'mimecast' });
    const result = analyzeLink(link);
    expect(result.ok && toContractJson(result.analysis, { inputHref: result.link.inputHref, wrappers: result.link.wrappers, unwrapped: false })).toMatchObject({
      wrappers: ['mimecast'],
    });
    expect(result.ok && 'inner' in toContractJson(result.analysis, { inputHref: link, wrappers: ['mimecast'], unwrapped: false })).toBe(false);
  });

  it('unwraps chains outermost first: Safe Links around Proofpoint around Google', () => {
    const chain = `https://nam12.safelinks.protection.outlook.com/?url=${enc(proofpointV2(`https://www.google.com/url?q=${enc(LOOKALIKE)}`))}&data=x`;
    expect(unwrapLink(chain)).toMatchObject({ target: LOOKALIKE, wrappers: ['microsoft-safe-links', 'proofpoint-url-defense-v2', 'google-redirect'] });
  });

  it('stops after a bounded number of layers', () => {
    let link = LOOKALIKE;
    for (let layer = 0; layer < 50; layer++) link = `https://www.google.com/url?q=${enc(link)}`;
    const unwrapped = unwrapLink(link);
    expect(unwrapped.tooDeep).toBe(true);
    expect(unwrapped.wrappers).toHaveLength(MAX_WRAPPER_DEPTH);
  });

  it('only the real wrapper hosts are unwrapped: a lookalike of Safe Links is judged as itself', () => {
    for (const fake of [
      `https://nam02.safelinks.protection.outlook.com.evil.example/?url=${enc(REAL_OK)}`,
      `https://safelinks-protection-outlook.com/?url=${enc(REAL_OK)}`,
      `https://evil.example/url?q=${enc(REAL_OK)}&google.com/url`,
      `https://urldefense.proofpoint.com.evil.example/v2/url?u=https-3A__app.vssps.visualstudio.com_`,
    ]) {
      expect(unwrapLink(fake)).toMatchObject({ target: fake, wrappers: [], unwrapped: false });
    }
  });

  it('a wrapper whose parameter is not a web address is not unwrapped', () => {
    for (const link of [
      'https://nam02.safelinks.protection.outlook.com/?url=javascript%3Aalert(1)',
      'https://nam02.safelinks.protection.outlook.com/?data=x',
      'https://www.google.com/url?q=not%20a%20url',
    ]) {
      expect(unwrapLink(link)).toMatchObject({ target: link, wrappers: [], unwrapped: false });
    }
  });

  it('never throws on hostile wrapper contents', () => {
    for (const link of [
      'https://urldefense.com/v3/__%E0%A4%A__;!!!$',
      'https://urldefense.com/v3/__https://x/**',
      'https://urldefense.proofpoint.com/v2/url?u=-ZZ-_-&d=',
      'https://secure-web.cisco.com/',
      'https://secure-web.cisco.com/x/%E0%A4%A',
    ]) {
      expect(() => analyzeLink(link)).not.toThrow();
    }
  });
});

describe("analyzeLink: the verdict is the inner URL's", () => {
  const wrappers = (inner: string) => [
    `https://nam02.safelinks.protection.outlook.com/?url=${enc(inner)}&data=x`,
    proofpointV2(inner),
    `https://linkprotect.cudasvc.com/url?a=${enc(inner)}`,
    `https://www.google.com/url?q=${enc(inner)}`,
  ];
  for (const inner of [
    LOOKALIKE,
    REAL_OK,
    'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=c&response_type=code&state=s&scope=499b84ac-1321-427f-aa17-267ca6975798%2Fvso.code_full',
    'https://news.example.org/a',
  ]) {
    it(`wrapped or not, ${new URL(inner).hostname} gets the same verdict and findings`, () => {
      const bare = analyzeUrl(inner);
      if (!bare.ok) throw new Error(bare.error);
      for (const wrapped of wrappers(inner)) {
        const result = analyzeLink(wrapped);
        if (!result.ok) throw new Error(result.error);
        expect(result.analysis.verdict).toBe(bare.analysis.verdict);
        expect(result.analysis.findings.map((finding) => finding.id)).toEqual(bare.analysis.findings.map((finding) => finding.id));
        expect(result.analysis.host).toEqual(bare.analysis.host);
      }
    });
  }

  it('the contract keeps `url` as the input and adds `inner` and `wrappers`', () => {
    const wrapped = `https://nam02.safelinks.protection.outlook.com/?url=${enc(LOOKALIKE)}&data=x`;
    const result = analyzeLink(wrapped);
    if (!result.ok) throw new Error(result.error);
    const json = toContractJson(result.analysis, { inputHref: result.link.inputHref, wrappers: result.link.wrappers, unwrapped: result.link.unwrapped });
    expect(json).toMatchObject({
      url: new URL(wrapped).href,
      inner: new URL(LOOKALIKE).href,
      wrappers: ['microsoft-safe-links'],
      verdict: 'danger',
      host: { imitates: 'app.vssps.visualstudio.com' },
    });
    const plain = analyzeLink(REAL_OK);
    if (!plain.ok) throw new Error(plain.error);
    expect(
      Object.keys(toContractJson(plain.analysis, { inputHref: plain.link.inputHref, wrappers: plain.link.wrappers, unwrapped: plain.link.unwrapped })).sort(),
    ).toEqual(['findings', 'flow', 'host', 'scopes', 'url', 'verdict']);
  });

  it('reports an input that is not a URL as analyzeUrl does', () => {
    expect(analyzeLink('not a url')).toMatchObject({ ok: false });
  });
});
