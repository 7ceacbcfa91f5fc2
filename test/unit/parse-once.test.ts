/**
 * Judging a link parses each URL once (the input, then each wrapper's inner URL), and a log line's URLs are
 * collected without a Set or a regex per URL. Both are held here to what the code did before: analyzeLink
 * equals unwrapping then analysing the target text afresh, and the URL finder equals a Set-and-regex reference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeLink, analyzeUrl, parseWebUrl, unwrapLink } from '../../src/core';
import { LogUrlFinder, urlsInText } from '../../src/cli/log-urls';
import { RequestParameters } from '../../src/core/request-parameters';
import { loadCorpus } from '../corpus/load';

/** analyzeLink as it was: every step parses the text it is given (a link judged by what it carries, too). */
function analyzeLinkParsingEachStep(input: string) {
  const outer = parseWebUrl(input);
  if (typeof outer === 'string') return { ok: false, error: outer };
  const link = unwrapLink(input);
  const result = analyzeUrl(link.target, { judgeEmbeddedLinks: true });
  if (!result.ok) return result;
  return { ok: true, analysis: result.analysis, link: { ...link, input, inputHref: outer.href } };
}

const encode = encodeURIComponent;
const AUTHORIZE = 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=abc&scope=Mail.ReadWrite%20offline_access&state=x';
const LOOKALIKE_AUTHORIZE = 'https://login.micros0ftonline.com/common/oauth2/v2.0/authorize?client_id=abc&scope=vso.code_full';
const SAFE_LINKS = (url: string) => `https://nam02.safelinks.protection.outlook.com/?url=${encode(url)}&data=05%7C02`;

/** Links that stress the hand-over of parsed URLs: wrappers in wrappers, an opaque one, too many, nested requests, IDN. */
const HOSTILE = [
  SAFE_LINKS(LOOKALIKE_AUTHORIZE),
  SAFE_LINKS(SAFE_LINKS(AUTHORIZE)),
  SAFE_LINKS(`https://urldefense.com/v3/__${LOOKALIKE_AUTHORIZE}__;!!abc$`),
  `https://www.google.com/url?q=${encode(SAFE_LINKS(AUTHORIZE))}`,
  'https://www.google.com/amp/s/login.micros0ftonline.com/common/oauth2/v2.0/authorize',
  'https://protect-eu.mimecast.com/s/AbCdEf?domain=login.microsoftonline.com',
  Array.from({ length: 10 }).reduce<string>((url) => SAFE_LINKS(url), AUTHORIZE),
  `https://news.example.net/story?next=${encode(LOOKALIKE_AUTHORIZE)}&utm_source=x`,
  `https://app.vssps.visualstudio.com/_signin?reply_to=${encode(SAFE_LINKS(LOOKALIKE_AUTHORIZE))}`,
  `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=abc&redirect_uri=${encode(SAFE_LINKS('https://app-vssps-visualstudio.com/cb'))}`,
  'https://xn--login-microsoftonlne-gic.com/common/oauth2/v2.0/authorize?client_id=1',
  'https://lоgin.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=1',
  'hxxps://login[.]micros0ftonline[.]com/common/oauth2/v2.0/authorize',
  `${SAFE_LINKS('not a url')}`,
  'https://nam02.safelinks.protection.outlook.com/?url=',
  'https://login.microsoftonline.com%40evil.example/common/oauth2/v2.0/authorize',
  'not a url at all',
];

describe('a link is judged with one parse of each URL', () => {
  it('gives what parsing at every step gave, for every corpus URL and hostile wrapped or nested links', () => {
    const inputs = [...loadCorpus().map((entry) => entry.url), ...HOSTILE];
    let wrapped = 0;
    for (const input of inputs) {
      const result = analyzeLink(input);
      expect(result, input).toEqual(analyzeLinkParsingEachStep(input));
      if (result.ok && result.link.wrappers.length > 0) wrapped++;
    }
    // The wrapped links are there and read: the comparison covers the hand-over between layers.
    expect(wrapped).toBeGreaterThan(20);
    expect(analyzeLink(HOSTILE[0] as string)).toMatchObject({ ok: true, analysis: { verdict: 'danger' } });
  });
});

describe("a link's query is read once", () => {
  const entries = (params: RequestParameters) => [...params.entries()];
  it('and what its fragment or path carries is read after it, as if appended to the query', () => {
    const part = fc.stringMatching(/^[a-zA-Z%=&+;2-4_.-]{0,12}$/);
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), fc.array(part, { minLength: 1, maxLength: 3 }), (query, carried) => {
        const own = new RequestParameters(new URLSearchParams(query.join('&')));
        const joined = own.followedBy(new URLSearchParams(carried.join('&')));
        expect(entries(joined)).toEqual(entries(new RequestParameters(new URLSearchParams([query.join('&'), ...carried].join('&')))));
        // The query's own parameters are left as they were.
        expect(entries(own)).toEqual(entries(new RequestParameters(new URLSearchParams(query.join('&')))));
      }),
      { numRuns: 1000 },
    );
  });
});

/** The URL finder as it was: a Set, and a regex for the trailing punctuation (a backslash ends no URL, but is trailing punctuation). */
function urlsReference(text: string, tunnels: boolean): string[] {
  const found = new Set<string>();
  if (/:[/\\\])]|ps?:[a-z]/i.test(text)) {
    const scheme = /\bh(?:tt|xx|\*\*)ps?(?:\[:\/\/\]|(?::|\[:\]|\(:\))(?:[/\\]+|(?=[a-z][a-z0-9-]*(?:\.|\[\.\]|\(\.\)|\{\.\}|\[dot\])[a-z0-9])))/;
    for (const match of text.matchAll(new RegExp(`${scheme.source}(?:[^\\s"'<>\`^{}|]|\\{(?:\\.|dot)\\})+`, 'gi'))) {
      const url = match[0].replace(/[.,;:!?)\]}'"*\\]+$/, '');
      if (url.length > 8) found.add(url);
    }
  }
  if (tunnels && (text.includes('CONNECT ') || text.includes('connect '))) {
    for (const match of text.matchAll(/\bCONNECT\s+(\[[0-9a-f:.]+\]|[^\s:/"]+):(\d{1,5})\b/gi)) {
      found.add(`https://${match[1]}${match[2] === '443' ? '' : `:${match[2]}`}/`);
    }
  }
  return [...found];
}

describe('the URLs of a line', () => {
  const piece = fc.oneof(
    fc.constantFrom(
      'https://a.example/x',
      'https://a.example/x.',
      'https://a.example/x).',
      'http://b.example/?q=1,',
      'hxxps://c[.]example/',
      'hxxps[:]//c(.)example/',
      'https[://]c{.}example',
      'h**ps:\\\\k.example/',
      'https:/\\l.example',
      'https:',
      'https:\\',
      'https:m.example/x',
      'http:n.example',
      'hxxps:o[.]example/',
      'https[:]p(.)example',
      'https:word',
      'http:localhost',
      'TCP_MISS:200',
      'CONNECT q.app:443',
      'https:10.0.0.1/',
      'https://d.example/*"',
      'https://e.example/;:!?',
      'https://i.example\\@j.example/\\k\\',
      '\\',
      'CONNECT f.example:443',
      'CONNECT f.example:8443',
      'connect g.example:443',
      'https://',
      'https://h.ex',
      ' ',
      ', ',
      '"',
      '(',
      ')',
    ),
    fc.integer({ min: 0, max: 30 }).map((n) => `https://host${n}.example/p${n % 7}`),
  );

  it('are the distinct URLs in order, trailing punctuation dropped, as the Set-and-regex reference finds them', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join(' ');
        expect(urlsInText(text)).toEqual(urlsReference(text, false));
        expect(new LogUrlFinder().find(text)).toEqual(urlsReference(text, true));
      }),
      { numRuns: 2000 },
    );
  });

  it('stay distinct past the first few (an e-mail body with many links, each twice)', () => {
    const urls = Array.from({ length: 40 }, (_, index) => `https://host${index}.example/`);
    const text = [...urls, ...urls].map((url, index) => (index % 3 === 0 ? `${url}.` : url)).join(' ');
    expect(urlsInText(text)).toEqual(urls);
  });
});

/**
 * What a phishing report or a hostile page writes instead of `https://`: defanged schemes, and slashes as only a
 * browser reads them (`https:\\host`, `https:/\host`, one slash). Each is found whole and judged as the plain URL.
 */
describe('a URL whose scheme is defanged or whose slashes are backslashes', () => {
  const verdictOf = (url: string) => {
    const result = analyzeLink(url);
    return result.ok ? `${result.analysis.verdict} ${result.analysis.host.name}` : result.error;
  };
  const lookalike = 'login.microsoftonline.com.evil.example/common/oauth2/v2.0/authorize?client_id=1&scope=vso.code_full';
  const written = [
    `https:\\\\${lookalike}`,
    `https:/\\${lookalike}`,
    `https:\\/${lookalike}`,
    `https:/${lookalike}`,
    `hxxps://${lookalike.replaceAll('.', '[.]')}`,
    `hXXps[:]//${lookalike.replace('.evil.', '(.)evil{.}')}`,
    `https[://]${lookalike.replace('.example', '[dot]example')}`,
    `h**ps://${lookalike}`,
    `hxxps(:)//${lookalike}`,
    `https:${lookalike}`,
    `hxxps:${lookalike.replaceAll('.', '[.]')}`,
    `https[:]${lookalike}`,
  ];

  it('is found whole in running text, in a log line and in a JSON line, and judged as the plain URL', () => {
    const plain = verdictOf(`https://${lookalike}`);
    expect(plain).toBe('danger login.microsoftonline.com.evil.example');
    for (const url of written) {
      expect(urlsInText(`Reported link: ${url}, please block.`), url).toEqual([url]);
      expect(new LogUrlFinder().find(`1286536310.002 22 10.0.0.1 TCP_MISS/302 411 GET ${url} - HIER_DIRECT/1.1.1.1 text/html`), url).toEqual([url]);
      expect(new LogUrlFinder().find(JSON.stringify({ note: `see ${url}` })), url).toEqual([url]);
      expect(verdictOf(url), url).toBe(plain);
    }
  });

  it('is not made of a scheme alone or of prose', () => {
    expect(urlsInText('https: is the scheme; http:\\ too; see (:) and [:]; https:localhost, http:8080, https:-x')).toEqual([]);
  });
});

/**
 * A browser reads `\` as `/` in an http(s) URL, so a backslash does not end the URL it opens: a finder that
 * stopped there would hand the analyzer a different, harmless-looking address. Judging the found URL must
 * give what judging the whole one gives.
 */
describe('a backslash in a URL found in text', () => {
  const verdictOf = (url: string) => {
    const result = analyzeLink(url);
    return result.ok ? result.analysis.verdict : result.error;
  };
  const tricks = [
    // A person reads evil.example as the host (user@host); the browser opens Microsoft's.
    'https://login.microsoftonline.com\\@evil.example/path',
    // A person reads Microsoft's host; the browser opens evil.example.
    'https://evil.example\\@login.microsoftonline.com/',
    'https://evil.example\\\\@login.microsoftonline.com/',
    'https://evil.example\\/@login.microsoftonline.com/',
    'https://evil.example/\\@login.microsoftonline.com/',
    // The request hidden behind a backslash: in the authority, in the path, before the query.
    'https://login.microsoftonline.com\\common/oauth2/v2.0/authorize?client_id=1&scope=vso.code_full',
    'https://login.microsoftonline.com/common\\oauth2/v2.0/authorize?client_id=1&scope=vso.code_full',
    'https://login.microsoftonline.com/common/oauth2/v2.0/authorize\\?client_id=1&scope=vso.code_full',
    'https://app.vssps.visualstudio.com\\\\oauth2/authorize?client_id=1&response_type=Assertion&scope=vso.code_full',
  ];

  it('is part of the URL, in running text and in a log line, and the found URL is judged as the whole one', () => {
    for (const url of tricks) {
      expect(urlsInText(`Please sign in at ${url} today.`), url).toEqual([url]);
      expect(new LogUrlFinder().find(`1286536310.002 22 10.0.0.1 TCP_MISS/302 411 GET ${url} - HIER_DIRECT/1.1.1.1 text/html`), url).toEqual([url]);
      expect(verdictOf(urlsInText(url)[0] ?? ''), url).toBe(verdictOf(url));
    }
  });

  it('lets none of these through as harmless', () => {
    // With a plain `/` before the `@` nobody reads another host: the analyzer has nothing to say there.
    const misleading = tricks.filter((url) => !/\/@|\/\\@/.test(url));
    expect(misleading).toHaveLength(tricks.length - 2);
    for (const url of misleading) expect(['warn', 'danger'], url).toContain(verdictOf(urlsInText(`<${url}>`)[0] ?? ''));
  });

  it('still ends a URL before an escaped quote, and at the end of the text, as JSON or logfmt escape them', () => {
    expect(urlsInText('msg="{\\"url\\":\\"https://a.example/x?y=1\\"}"')).toEqual(['https://a.example/x?y=1']);
    expect(urlsInText("say 'https://a.example/x\\' to it")).toEqual(['https://a.example/x']);
    expect(urlsInText('https://a.example/x\\')).toEqual(['https://a.example/x']);
    expect(urlsInText('see https://a.example/x\\\\.')).toEqual(['https://a.example/x']);
  });

  it('is unescaped first in a JSON line, where `\\/` stands for `/`', () => {
    const line = '{"ts":1,"url":"https:\\/\\/login.micros0ftonline.com\\/common\\/oauth2\\/v2.0\\/authorize?scope=openid","note":"a\\\\b"}';
    expect(new LogUrlFinder().find(line)).toEqual(['https://login.micros0ftonline.com/common/oauth2/v2.0/authorize?scope=openid']);
    // A backslash the JSON string really holds is the URL's, as in running text.
    expect(new LogUrlFinder().find('{"url":"https://evil.example\\\\@login.microsoftonline.com/"}')).toEqual([
      'https://evil.example\\@login.microsoftonline.com/',
    ]);
  });
});
