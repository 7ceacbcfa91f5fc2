import { describe, expect, it } from 'vitest';
import { LogUrlFinder } from '../../src/cli/log-urls';
import { cli } from './cli-io';

const LOOKALIKE = 'login.micros0ftonline.com';
const find = (line: string) => new LogUrlFinder().find(line);

describe('scan: URLs that proxies and firewalls log without their scheme', () => {
  it('finds the lookalike in a Zscaler-style JSON line, a Palo Alto URL log (next to a referer with its scheme) and a key=value line', async () => {
    const zscaler = `{"datetime":"2026-12-01 10:00:00","url":"${LOOKALIKE}/common/oauth2/v2.0/authorize?client_id=1&scope=vso.code_full","action":"Allowed"}`;
    const paloAlto = `1,2026/12/01 10:00:00,007,THREAT,url,2049,10.0.0.1,1.2.3.4,allow-web,ssl,443,"${LOOKALIKE}/common/oauth2/v2.0/authorize?scope=vso.code_full",(9999),"https://outlook.office.com/mail/",informational`;
    const keyValue = `/var/log/proxy: time=1 src=10.0.0.1 url=${LOOKALIKE}:8443/common/oauth2/authorize?scope=vso.code,action=allow`;
    const { status, out } = await cli(['scan', '--json', 'proxy.log'], '', { 'proxy.log': [zscaler, paloAlto, keyValue].join('\n') });
    const hits = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((line) => !line.summary)
      .map((line) => `${line.line} ${line.verdict} ${line.url}`);
    expect(hits).toEqual([
      `1 danger https://${LOOKALIKE}/common/oauth2/v2.0/authorize?client_id=1&scope=vso.code_full`,
      `2 danger https://${LOOKALIKE}/common/oauth2/v2.0/authorize?scope=vso.code_full`,
      `3 danger https://${LOOKALIKE}:8443/common/oauth2/authorize?scope=vso.code`,
    ]);
    expect(status).toBe(2);
  });

  it('reads a host written in other scripts as the browser would (a Cyrillic letter is a lookalike)', async () => {
    const { out } = await cli(['scan', '--json'], '{"url":"login.micrоsoftonline.com/common/oauth2/authorize"}\n');
    const hit = JSON.parse(out.split('\n')[0] as string);
    expect([hit.verdict, hit.host.unicode, hit.host.imitates]).toEqual(['danger', 'login.micrоsoftonline.com', 'login.microsoftonline.com']);
  });

  it('takes nothing else for a URL: Squid codes, MIME types, user agents, paths, networks, file names', () => {
    for (const line of [
      '1286536308.779 180 192.168.0.224 TCP_MISS/200 411 GET http://www.example.com/ - HIER_DIRECT/93.184.216.34 text/html',
      '10.0.0.1 - - "GET /index.php/login HTTP/1.1" 200 512 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0.0.0 Safari/537.36"',
      'route 10.0.0.0/8 via 192.168.1.1; opened /var/log/syslog and C:/Windows/System32/drivers/etc/hosts',
      'built notes.txt/old, config.yaml/backup and app.module.js/chunks; content-type application/vnd.ms-excel',
      `dst=${LOOKALIKE}:443 sni=${LOOKALIKE} action=allow`,
      `user@${LOOKALIKE}/common ftp://files.example.com/pub`,
    ])
      expect(find(line).filter((url) => !url.startsWith('http://www.example.com'))).toEqual([]);
  });

  it('decodes a URL logged percent-encoded as a whole (once or twice), and rebuilds one a firewall splits into host and path', () => {
    expect(find(`{"referrer":"https%3A%2F%2F${LOOKALIKE}%2Fcommon%2Foauth2%2Fauthorize%3Fscope%3Dvso.code"}`)).toEqual([
      `https://${LOOKALIKE}/common/oauth2/authorize?scope=vso.code`,
    ]);
    expect(find(`<14>1 2026-12-01T10:00:00Z proxy - - - url=https%253A%252F%252F${LOOKALIKE}%252Fcommon&user=a`)).toEqual([`https://${LOOKALIKE}/common`]);
    expect(
      find(
        `date=2026-12-01 type="utm" subtype="webfilter" hostname="${LOOKALIKE}" url="/common/oauth2/v2.0/authorize?scope=vso.code_full" action="passthrough"`,
      ),
    ).toEqual([`https://${LOOKALIKE}/common/oauth2/v2.0/authorize?scope=vso.code_full`]);
  });

  it('never reads a second URL out of one it already found (its parameters are the analyzer’s to judge)', () => {
    expect(find(`GET https://redirect.example/r?next=${LOOKALIKE}/common,then /x`)).toEqual([`https://redirect.example/r?next=${LOOKALIKE}/common,then`]);
    const encodedInside = `https://app.vssps.visualstudio.com/oauth2/authorize?redirect_uri=https%3A%2F%2F${LOOKALIKE}%2Fcb`;
    expect(find(`1 2 10.1.1.1 TCP_MISS/200 1 GET ${encodedInside} - HIER_DIRECT/1.1.1.1 text/html`)).toEqual([encodedInside]);
  });

  it('stays linear on a hostile line of slashes and dotted names', () => {
    const started = Date.now();
    expect(find(`${'a.b'.repeat(200_000)}/${'x/'.repeat(200_000)}`)).toEqual([]);
    expect(find('a.com/'.repeat(100_000)).length).toBe(1);
    // A generous bound: quadratic work on these lines takes minutes, linear work milliseconds.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('check --eml: addresses written without a scheme, as a mail client links them', () => {
  it('a device-code phishing mail in plain text ("go to microsoft.com/devicelogin and enter the code") is reported, not "no web links"', async () => {
    const mail = [
      'From: "Docs" <share@example.org>',
      'Subject: A document was shared with you',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'To open it, go to microsoft.com/devicelogin and enter the code FJ3K-9QWE.',
      `Or sign in at www.${LOOKALIKE.replace('login.', 'login-')}.`,
      'Questions? Write to it@contoso.com, and/or call.',
    ].join('\r\n');
    const { status, out } = await cli(['check', '--json', '--eml', 'report.eml'], '', { 'report.eml': mail });
    const links = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .map((line) => [line.url, line.verdict, line.found]);
    expect(links).toEqual([
      ['https://microsoft.com/devicelogin', 'warn', [{ part: 'body', as: 'text' }]],
      [`https://www.${LOOKALIKE.replace('login.', 'login-')}/`, 'danger', [{ part: 'body', as: 'text' }]],
    ]);
    expect(status).toBe(2);
  });
});

describe('check: an address pasted without its scheme', () => {
  it('is still not judged (exit 3), and the one-line error names the URL to check instead', async () => {
    const { status, out, err } = await cli(['check', `${LOOKALIKE}/common/oauth2/authorize`]);
    expect(out).toBe('');
    expect(err).toBe(
      `consent-guard: ${LOOKALIKE}/common/oauth2/authorize: not a URL (expected an address such as https://app.vssps.visualstudio.com/oauth2/authorize?...); written without its scheme? check https://${LOOKALIKE}/common/oauth2/authorize\n`,
    );
    expect(status).toBe(3);
    expect((await cli(['check', 'index.php/login'])).err).not.toContain('written without its scheme');
  });
});

describe('scan: JSON fields that name a host alone', () => {
  it('judges the host of a Defender RemoteUrl, an SNI or a DNS query field; not a host in a field of another name, not a file name', () => {
    expect(find(`{"Timestamp":"2026-12-01T10:00:00Z","DeviceName":"pc1","RemoteIP":"1.2.3.4","RemotePort":443,"RemoteUrl":"${LOOKALIKE}"}`)).toEqual([
      `https://${LOOKALIKE}/`,
    ]);
    expect(find(`{"tls":{"sni":"${LOOKALIKE}."},"dns":{"query_name":"www.example.org"}}`)).toEqual([`https://${LOOKALIKE}./`, 'https://www.example.org/']);
    expect(find(`{"DeviceName":"${LOOKALIKE}","file":{"name":"setup.exe"},"host":"report.pdf","user":"a@contoso.com"}`)).toEqual([]);
  });
});
