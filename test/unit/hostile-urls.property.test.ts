/**
 * Property-based attacks on the analyzer (fast-check): whatever an attacker puts in a URL, the analyzer
 * answers, quickly, the same way every time, never calls a trusted host a lookalike and never calls a
 * lookalike ok.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeUrl, toContractJson, TRUSTED_AUTHORIZATION_HOSTS } from '../../src/core';
import { recordAttack } from '../hostile/attack-log';
import { HUGE_HOSTILE_INPUTS } from '../hostile/huge-inputs';

const TRUSTED = TRUSTED_AUTHORIZATION_HOSTS.map((entry) => entry.host);
const ADO = '499b84ac-1321-427f-aa17-267ca6975798';
const RUNS = { numRuns: 300 };

/** Latin letters and look-alikes from Cyrillic, Greek, fullwidth and math alphabets (UTS #39 confusables). */
const CONFUSABLES: Record<string, string[]> = {
  a: ['а', 'ɑ', 'α', 'ａ', '𝐚'],
  c: ['с', 'ϲ', 'ｃ'],
  e: ['е', 'ҽ', 'ｅ'],
  i: ['і', 'ı', 'ɩ', 'ｉ', 'Ꭵ'],
  l: ['ӏ', 'ⅼ', 'ｌ', '1', 'I'],
  m: ['rn', 'ｍ'],
  n: ['ո', 'ｎ'],
  o: ['о', 'ο', 'օ', 'ｏ', '0'],
  p: ['р', 'ρ', 'ｐ'],
  s: ['ѕ', 'ｓ'],
  t: ['т', 'ｔ'],
  u: ['υ', 'ս', 'ｕ'],
  v: ['ν', 'ѵ', 'ｖ'],
  w: ['vv', 'ѡ', 'ｗ'],
  r: ['г', 'ｒ'],
  d: ['ԁ', 'ｄ'],
  g: ['ɡ', 'ｇ'],
  h: ['һ', 'ｈ'],
  k: ['κ', 'ｋ'],
  x: ['х', 'ｘ'],
  y: ['у', 'ｙ'],
};

function analyze(url: string) {
  const result = analyzeUrl(url);
  return result.ok ? result.analysis : null;
}

const trustedHost = fc.constantFrom(...TRUSTED);
const anyText = fc.string({ unit: 'binary', maxLength: 300 });
const scopeName = fc.constantFrom(
  'vso.code',
  'vso.work',
  'vso.code_full',
  'user_impersonation',
  `${ADO}/vso.build`,
  'Mail.Read',
  'offline_access',
  '.default',
  'vso.unknown_thing',
);

/** A trusted host with 1-3 letters swapped for look-alikes, in the registrable name (where only an attacker can register it). */
const homoglyphOfTrusted = fc
  .tuple(trustedHost, fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }))
  .map(([host, positions, choices]) => {
    const labels = host.split('.');
    const nameIndex = labels.length - (host.endsWith('.cn') || host.endsWith('.us') ? 2 : 2);
    const name = [...(labels[nameIndex] ?? '')];
    positions.forEach((position, index) => {
      const at = position % name.length;
      const options = CONFUSABLES[name[at] ?? ''];
      if (options) name[at] = options[(choices[index] ?? 0) % options.length] ?? name[at] ?? '';
    });
    labels[nameIndex] = name.join('');
    return { original: host, mutated: labels.join('.') };
  })
  .filter(({ original, mutated }) => original !== mutated);

describe('hostile URLs (property-based)', () => {
  afterEach((context) => {
    recordAttack('url', context.task.name, (context.task.result?.errors ?? []).length === 0);
  });

  // How long an answer takes is measured in the bench ("analyzer: slowest huge hostile input"), not here: a wall-clock
  // bound in a unit test fails on a busy machine, not on a slow analyzer.
  it('never throws on arbitrary text, and answers each with a contract-shaped result or a one-line error', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const input of [
          text,
          `https://${text}`,
          `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?scope=${text}`,
          `https://app.vssps.visualstudio.com/oauth2/authorize?${text}`,
        ]) {
          const result = analyzeUrl(input);
          if (result.ok) JSON.stringify(toContractJson(result.analysis));
          else expect(result.error).not.toMatch(/\n/);
        }
      }),
      RUNS,
    );
  });

  it('never calls a trusted host a lookalike, whatever the case, trailing dot, port, path or query', () => {
    fc.assert(
      fc.property(
        trustedHost,
        fc.boolean(),
        fc.boolean(),
        fc.webPath(),
        fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 5 }),
        (host, upper, dot, path, query) => {
          const shownHost = `${upper ? host.toUpperCase() : host}${dot ? '.' : ''}`;
          const search = new URLSearchParams(query).toString();
          const analysis = analyze(`https://${shownHost}:443${path}?${search}`);
          expect(analysis).not.toBeNull();
          expect(analysis?.host.trusted).toBe(true);
          expect(analysis?.host.imitates).toBeNull();
          expect(analysis?.verdict).not.toBe('danger');
        },
      ),
      RUNS,
    );
  });

  it('calls every look-alike-character version of a trusted host dangerous, never ok', () => {
    fc.assert(
      fc.property(homoglyphOfTrusted, fc.array(scopeName, { maxLength: 4 }), ({ original, mutated }, scopes) => {
        const analysis = analyze(`https://${mutated}/common/oauth2/v2.0/authorize?client_id=x&state=s&scope=${encodeURIComponent(scopes.join(' '))}`);
        if (analysis === null) return; // some look-alikes are not valid host names at all
        // IDNA maps fullwidth and similar compatibility forms back to ASCII: the browser then goes to the real host.
        if (analysis.host.name === original) {
          expect(analysis.host.trusted).toBe(true);
          return;
        }
        expect(analysis.verdict, `${mutated} → ${analysis.host.name}`).toBe('danger');
        expect(analysis.host.imitates, mutated).toBe(original);
      }),
      RUNS,
    );
  });

  it('never calls one- or two-letter typos, hyphen glue or embedding of a trusted host ok', () => {
    const edit = fc.tuple(fc.constantFrom('insert', 'delete', 'replace', 'swap'), fc.nat(), fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'));
    const typo = fc.tuple(trustedHost, fc.array(edit, { minLength: 1, maxLength: 2 })).map(([host, edits]) => {
      const labels = host.split('.');
      const nameIndex = labels.length - 2;
      let name = labels[nameIndex] ?? '';
      for (const [kind, position, letter] of edits) {
        const at = position % name.length;
        if (kind === 'insert') name = name.slice(0, at) + letter + name.slice(at);
        else if (kind === 'delete') name = name.slice(0, at) + name.slice(at + 1);
        else if (kind === 'replace') name = name.slice(0, at) + letter + name.slice(at + 1);
        else name = name.slice(0, at) + (name[at + 1] ?? '') + (name[at] ?? '') + name.slice(at + 2);
      }
      labels[nameIndex] = name;
      return labels.join('.');
    });
    const glued = trustedHost.map((host) => `${host.split('.').slice(0, -1).join('-')}.${host.split('.').at(-1)}`);
    const embedded = fc.tuple(trustedHost, fc.constantFrom('example-auth.io', 'secure-login.net', 'evil.example')).map(([host, domain]) => `${host}.${domain}`);
    fc.assert(
      fc.property(fc.oneof(typo, glued, embedded), (host) => {
        const analysis = analyze(`https://${host}/oauth2/authorize?response_type=Assertion&scope=vso.code`);
        if (analysis === null || TRUSTED.includes(analysis.host.name)) return; // the edit rebuilt a trusted name
        expect(analysis.verdict, host).not.toBe('ok');
      }),
      RUNS,
    );
  });

  it('gives the same verdict every time for the same URL', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(JSON.stringify(analyzeUrl(url))).toBe(JSON.stringify(analyzeUrl(url)));
      }),
      RUNS,
    );
  });

  it('sees the same scopes however they are percent-encoded', () => {
    fc.assert(
      fc.property(
        fc.array(scopeName, { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        fc.constantFrom('%20', '+', ' '),
        (scopes, encodeMask, separator) => {
          const plain = scopes.join(' ');
          const encoded = [...scopes.join(separator)]
            .map((character, index) =>
              encodeMask[index % encodeMask.length] && /[a-z._]/i.test(character)
                ? `%${character.charCodeAt(0).toString(16).toUpperCase()}`
                : character === '/'
                  ? '%2F'
                  : character,
            )
            .join('');
          const base = 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&state=s&scope=';
          const expected = analyze(`${base}${encodeURIComponent(plain)}`);
          const actual = analyze(`${base}${encoded}`);
          expect(actual?.scopes.requested.map((scope) => scope.name)).toEqual(expected?.scopes.requested.map((scope) => scope.name));
          expect(actual?.verdict).toBe(expected?.verdict);
        },
      ),
      RUNS,
    );
  });

  it('cannot hide a risky scope or a second client behind duplicate, conflicting parameters', () => {
    fc.assert(
      fc.property(fc.constantFrom('vso.code_full', 'vso.tokens', `${ADO}/user_impersonation`, `${ADO}/.default`), fc.boolean(), (risky, riskyFirst) => {
        const scopes = riskyFirst ? [risky, 'vso.profile'] : ['vso.profile', risky];
        const query = scopes.map((scope) => `scope=${encodeURIComponent(scope)}`).join('&');
        const analysis = analyze(`https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=a&state=s&${query}`);
        expect(analysis?.verdict).toBe('warn');
        const twoClients = analyze(`https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=a&client_id=b&state=s&scope=${ADO}%2Fvso.profile`);
        // Two different values: the server reads one, we might read the other.
        expect(twoClients?.findings.map((finding) => finding.id)).toContain('conflicting-parameter');
        expect(twoClients?.verdict).not.toBe('ok');
      }),
      { numRuns: 50 },
    );
  });

  it('answers huge inputs (long hosts, many labels, many parameters) with a verdict and a report of bounded size', () => {
    for (const input of HUGE_HOSTILE_INPUTS) {
      const result = analyzeUrl(input);
      // A host the browser refuses (60 bare `xn--` prefixes) is a one-line error; every other input gets a verdict.
      if (!result.ok) {
        expect(input, result.error).toContain('xn--xn--');
        expect(result.error).not.toContain('\n');
        continue;
      }
      // A hostile URL must not turn into a wall of findings or of text.
      expect(result.analysis.findings.length, input.slice(0, 60)).toBeLessThan(40);
      for (const finding of result.analysis.findings) expect(finding.message.length, finding.id).toBeLessThan(2000);
    }
  });
});
