/**
 * The log scanner's shortcuts give the answers the full analyzer gives: a tunnel judged by its host alone, and
 * a cache that forgets. Hosts come from the URL corpus, from every host name the analyzer's own data mentions
 * (trusted hosts, Microsoft's domains, customer-labelled suffixes, wrappers, free hosting, ...), near misses of
 * those, and random names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeLink, type Verdict } from '../../src/core';
import { editDistanceWithin } from '../../src/core/host-assessment';
import { contractOf, csvCells, csvRow, safeJson } from '../../src/cli/format';
import { LogUrlFinder } from '../../src/cli/log-urls';
import { LogScanner, verdictByHostAlone } from '../../src/cli/scanner';
import { loadCorpus } from '../corpus/load';

const HOST_IN_SOURCE = /['"`]((?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*)['"`]/g;

function hostsOfCorpus(): string[] {
  const hosts: string[] = [];
  for (const entry of loadCorpus()) {
    try {
      hosts.push(new URL(entry.url.trim()).hostname);
    } catch {
      // malformed entries have no host
    }
  }
  return hosts;
}

function hostsOfCoreSources(): string[] {
  const directory = path.resolve('src/core');
  return readdirSync(directory)
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => [...readFileSync(path.join(directory, file), 'utf8').matchAll(HOST_IN_SOURCE)].map((match) => match[1] as string))
    .filter((host) => !/\.(?:ts|js|json|md|html|svg|png)$/.test(host));
}

/** A host and what a phisher or an ordinary company makes of it: a label in front, glued with a hyphen, a letter off, another suffix. */
function variants(host: string): string[] {
  const labels = host.split('.');
  const variantsOf = [host, `x.${host}`, `login.${host}`, `${host}.example`, host.replace(/\./g, '-') + '.com', labels.slice(1).join('.')];
  for (let at = 0; at < host.length; at += 3) {
    variantsOf.push(host.slice(0, at) + host.slice(at + 1), `${host.slice(0, at)}q${host.slice(at + 1)}`);
  }
  return variantsOf.filter((candidate) => candidate.includes('.'));
}

const HOSTS = [...new Set([...hostsOfCorpus(), ...hostsOfCoreSources()].flatMap(variants))];

/** What the scanner keeps of a URL's full analysis, or null when it is no URL. */
function fullVerdict(url: string): { verdict: Verdict; imitates: string | null; scopes: number } | null {
  const result = analyzeLink(url);
  if (!result.ok) return null;
  return { verdict: result.analysis.verdict, imitates: result.analysis.host.imitates, scopes: result.analysis.scopes.requested.length };
}

function expectSameAsFullAnalysis(url: string): boolean {
  const fast = verdictByHostAlone(url);
  if (fast === null) return false;
  expect(fullVerdict(url), url).toEqual({ verdict: fast, imitates: null, scopes: 0 });
  return true;
}

describe('a tunnel judged by its host alone', () => {
  it('gives the full analyzer’s verdict for every host the corpus and the analyzer’s data name, and their near misses', () => {
    let taken = 0;
    for (const host of HOSTS) {
      for (const url of [`https://${host}/`, `http://${host}/`]) if (expectSameAsFullAnalysis(url)) taken++;
    }
    // The shortcut is taken for most of these names: it is tried, not bypassed.
    expect(HOSTS.length).toBeGreaterThan(2000);
    expect(taken).toBeGreaterThan(HOSTS.length / 2);
  });

  it('gives the full analyzer’s verdict for random host names', () => {
    const label = fc.oneof(
      fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?$/),
      fc.constantFrom('login', 'microsoft', 'microsoftonline', 'live', 'windows', 'visualstudio', 'vssps', 'app', 'azure', 'office', 'xn--80ak6aa92e'),
    );
    const suffix = fc.constantFrom(
      'com',
      'net',
      'org',
      'io',
      'ms',
      'us',
      'cn',
      'example',
      'azurewebsites.net',
      'mcas.ms',
      'cas.ms',
      'github.io',
      'b2clogin.com',
    );
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), suffix, fc.boolean(), (labels, tld, secure) => {
        expectSameAsFullAnalysis(`${secure ? 'https' : 'http'}://${labels.join('.')}.${tld}/`);
      }),
      { numRuns: 3000 },
    );
  });

  it('is not taken for a lookalike, a trusted or Microsoft host, a customer’s label, a path, or what the URL parser rewrites', () => {
    for (const url of [
      'https://login.micros0ftonline.com/',
      'https://app-vssps-visualstudio.com/',
      'https://login.microsoftonline.com/',
      'https://graph.microsoft.com/',
      'https://contoso.azurewebsites.net/',
      'https://cdn1.example2.com/login',
      'https://cdn1.example2.com/?q=1',
      'https://xn--login-microsoftonlne-gic.com/',
      'https://1.2.3/',
      'https://Cdn1.example2.com/',
    ]) {
      expect(verdictByHostAlone(url), url).toBeNull();
    }
    expect(verdictByHostAlone('https://cdn1.example2.com/')).toBe('none');
  });

  it('a scan of tunnels counts what a scan without the shortcut (everything reported) counts', () => {
    const lines = HOSTS.map((host, index) => `1764000000.${index} 12 10.1.2.3 TCP_MISS/200 0 CONNECT ${host}:443 - HIER_DIRECT/203.0.113.1 -`);
    const shortcut = new LogScanner({ format: 'json', min: 'warn', color: false });
    const everything = new LogScanner({ format: 'json', min: 'none', color: false });
    const hits = shortcut.scan(lines);
    const all = everything.scan(lines);
    expect(shortcut.stats).toEqual(everything.stats);
    const reportable = all.filter((hit) => !/"verdict":"(?:none|ok)"/.test(hit.body));
    expect(hits).toEqual(reportable);
    expect(shortcut.stats.byVerdict.danger).toBeGreaterThan(0);
  });
});

describe('the scan cache', () => {
  it('forgetting (a cache far smaller than the log) changes no hit and no count', () => {
    const urls = loadCorpus()
      .map((entry) => entry.url)
      .filter((url) => !/\s/.test(url));
    // Each URL comes back, in an order that makes the small cache forget some before they return.
    const many = Array.from({ length: 12 }, (_, round) => urls.filter((_, index) => index % (round + 1) === 0).map((url) => `GET ${url} 200`)).flat();
    const small = new LogScanner({ format: 'json', min: 'ok', color: false }, null, 3000);
    const large = new LogScanner({ format: 'json', min: 'ok', color: false });
    expect(small.scan(many)).toEqual(large.scan(many));
    expect(small.stats).toEqual(large.stats);
    expect(large.stats.urls).toBeGreaterThan(100);
  });
});

describe('a remembered hit', () => {
  /** What a hit said about its URL when every hit was rendered whole, on its own. */
  function wholeRendering(url: string, format: 'json' | 'csv'): string {
    const result = analyzeLink(url);
    if (!result.ok) throw new Error(`not a link: ${url}`);
    return format === 'json' ? safeJson(contractOf(result)).slice(1) : csvRow(csvCells(contractOf(result)));
  }

  // The corpus URLs a log line gives back as they are written (the finder ends a URL at a backslash, say).
  const finder = new LogUrlFinder(null);
  const corpusUrls = loadCorpus()
    .map((entry) => entry.url)
    .filter((url) => finder.find(`GET ${url} 200`).join(' ') === url && analyzeLink(url).ok);
  // One authorization seen with forty states: each hit names its own URL, not the one analysed first. The corpus
  // brings wrapped links (Safe Links and the like), whose hits also name their inner URL and wrappers.
  const sameRequest = Array.from(
    { length: 40 },
    (_, state) =>
      `https://app.vssps.visualstudio.com/oauth2/authorize?client_id=1&response_type=Assertion&scope=vso.code_write&state=${state}&redirect_uri=https%3A%2F%2Fapp.example%2Fcb`,
  );

  for (const format of ['json', 'csv'] as const) {
    it(`says in ${format} what its URL alone says, first seen, seen again and after the cache forgot it`, () => {
      const urls = [...corpusUrls, ...sameRequest];
      const sightings = [...urls, ...urls.slice().reverse(), ...urls];
      const lines = sightings.map((url) => `GET ${url} 200`);
      for (const budget of [undefined, 3000]) {
        const scanner = new LogScanner({ format, min: 'none', color: false }, null, budget);
        const hits = scanner.scan(lines);
        expect(hits).toHaveLength(lines.length);
        hits.forEach((hit, index) => expect(hit.body).toBe(wholeRendering(sightings[index] as string, format)));
      }
      expect(corpusUrls.some((url) => wholeRendering(url, 'json').includes('"wrappers":'))).toBe(true);
    });
  }
});

describe('the bounded edit distance', () => {
  function levenshtein(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      for (let j = 1; j <= b.length; j++) {
        current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      previous = current;
    }
    return previous[b.length] as number;
  }

  it('is the Levenshtein distance up to the limit, and limit + 1 beyond it', () => {
    const text = fc.stringMatching(/^[a-z.-]{0,20}$/);
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 4 }), (a, b, limit) => {
        expect(editDistanceWithin(a, b, limit)).toBe(Math.min(levenshtein(a, b), limit + 1));
      }),
      { numRuns: 3000 },
    );
    // Near strings too, where the band's edges matter.
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 19 }), fc.constantFrom('', 'x', 'xy'), fc.integer({ min: 0, max: 3 }), (a, at, inserted, limit) => {
        const b = a.slice(0, at) + inserted + a.slice(at + 1);
        expect(editDistanceWithin(a, b, limit)).toBe(Math.min(levenshtein(a, b), limit + 1));
      }),
      { numRuns: 3000 },
    );
  });
});
