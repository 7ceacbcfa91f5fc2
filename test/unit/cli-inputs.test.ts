import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-io';

const DANGER = 'https://app-vssps-visualstudio.com/oauth2/authorize?response_type=Assertion&scope=vso.code';
const OK =
  'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&scope=vso.work';
const verdicts = (out: string) =>
  out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line).verdict);

describe('check: every separator and encoding', () => {
  for (const [name, separator] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['bare CR', '\r'],
    ['U+2028', '\u2028'],
    ['U+2029', '\u2029'],
  ] as const) {
    it(`${name} separates lines (a lookalike is never glued onto the line before it)`, async () => {
      const { status, out } = await cli(['check', '--json'], `${OK}${separator}${DANGER}${separator}`);
      expect(verdicts(out)).toEqual(['ok', 'danger']);
      expect(status).toBe(2);
    });
  }

  it('a CRLF cut between two chunks is one separator', async () => {
    const { out } = await cli(['check', '--json'], [`${OK}\r`, `\n${DANGER}`]);
    expect(verdicts(out)).toEqual(['ok', 'danger']);
  });

  it('a multi-byte character cut between chunks is decoded whole', async () => {
    const bytes = new TextEncoder().encode('https://login.micrösoftonline.com/common/oauth2/v2.0/authorize?scope=openid\n');
    const cut = bytes.indexOf(0xc3) + 1;
    const { out } = await cli(['check', '--json'], [bytes.slice(0, cut), bytes.slice(cut)]);
    expect(JSON.parse(out).host.unicode).toBe('login.micrösoftonline.com');
  });

  const encode16 = (text: string, bigEndian: boolean) => {
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      bytes[2 + index * 2] = bigEndian ? code >> 8 : code & 0xff;
      bytes[3 + index * 2] = bigEndian ? code & 0xff : code >> 8;
    }
    return bytes;
  };
  for (const [name, bytes] of [
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(`${OK}\r\n${DANGER}\r\n`)])],
    ['UTF-16LE with BOM', encode16(`${OK}\r\n${DANGER}\r\n`, false)],
    ['UTF-16BE with BOM', encode16(`${OK}\r\n${DANGER}\r\n`, true)],
  ] as const) {
    it(`${name} is read as text`, async () => {
      const { out } = await cli(['check', '--json'], [bytes.slice(0, 1), bytes.slice(1, 7), bytes.slice(7)]);
      expect(verdicts(out)).toEqual(['ok', 'danger']);
    });
  }

  it('UTF-32 (either byte order) is named in a one-line error, never read as UTF-16 with a lookalike lost in NULs', async () => {
    const encode32 = (text: string, bigEndian: boolean) => {
      const bytes = new Uint8Array(4 + text.length * 4);
      bytes.set(bigEndian ? [0, 0, 0xfe, 0xff] : [0xff, 0xfe, 0, 0]);
      for (let index = 0; index < text.length; index++) bytes[(bigEndian ? 7 : 4) + index * 4] = text.charCodeAt(index);
      return bytes;
    };
    for (const [bigEndian, order] of [
      [false, 'little-endian'],
      [true, 'big-endian'],
    ] as const) {
      const bytes = encode32(`${DANGER}\n`, bigEndian);
      // `scan` names standard input as its hits do (`stdin:12: …`).
      for (const [command, input] of [
        [['check'], 'standard input'],
        [['scan'], 'stdin'],
        [['scan', '--jobs=2'], 'stdin'],
      ] as const) {
        // Delivered a byte at a time at first: the mark is decided on all four of its bytes.
        const { status, err } = await cli([...command], [bytes.slice(0, 1), bytes.slice(1, 3), bytes.slice(3)]);
        expect(err.trim().split('\n')[0]).toBe(
          `consent-guard: ${input}: is UTF-32 (${order}), which is not read here; save it as UTF-8, or as UTF-16 with a byte-order mark`,
        );
        expect(status).toBe(3);
      }
    }
  });

  it('anything else is a one-line error, exit 3', async () => {
    for (const bytes of [new Uint8Array([0x68, 0x74, 0xff, 0xfe, 0x80, 0x0a]), encode16(OK, false).slice(2)]) {
      const { status, err } = await cli(['check'], bytes);
      expect(status).toBe(3);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(/UTF-8|UTF-16/);
    }
  });

  it('the URLs before a byte that is not UTF-8 are still checked; the error names the byte', async () => {
    const head = `${OK}\n${DANGER}\n`;
    const bytes = new Uint8Array([...new TextEncoder().encode(`${head}https://x.example/`), 0xc3, 0x28, 0x0a, ...new TextEncoder().encode(`${OK}\n`)]);
    const { status, out, err } = await cli(['check', '--json'], [bytes.slice(0, 40), bytes.slice(40)]);
    expect(verdicts(out)).toEqual(['ok', 'danger']);
    expect(err).toBe(
      `consent-guard: standard input: not valid UTF-8 (at byte offset ${head.length + 'https://x.example/'.length}); save it as UTF-8, or as UTF-16 with a byte-order mark\n`,
    );
    expect(status).toBe(3);
  });

  it('a line longer than any URL is skipped while reading, named by its line number', async () => {
    const { status, out, err } = await cli(['check', '--json'], [`${OK}\n`, 'x'.repeat(1024 * 1024), 'x'.repeat(1024 * 1024 + 10), `\n${DANGER}\n`]);
    expect(verdicts(out)).toEqual(['ok', 'danger']);
    expect(err).toMatch(/standard input:2: a line of 2097162 characters/);
    expect(status).toBe(3);
  });

  it('reads 200,000 lines from standard input without running out of stack', async () => {
    const chunk = `${'https://news.example.org/a\n'.repeat(999)}${DANGER}\n`;
    const { status, out } = await cli(
      ['check', '--csv'],
      Array.from({ length: 200 }, () => chunk),
    );
    expect(out.split('\r\n').length - 2).toBe(200_000);
    expect(status).toBe(2);
  }, 120_000);

  it('a file argument is read as a URL list', async () => {
    const { out } = await cli(['check', '--json', 'links.txt'], '', { 'links.txt': `${OK}\n${DANGER}\n` });
    expect(verdicts(out)).toEqual(['ok', 'danger']);
  });

  it('CSV is formula-safe', async () => {
    const { out } = await cli(['check', '--csv', 'https://example.org/=HYPERLINK("x")', 'https://evil.example/?a=-1+2']);
    const rows = out.trim().split('\r\n');
    expect(rows[0]).toMatch(/^url,inner,wrappers,verdict/);
    for (const row of rows.slice(1)) expect(row.split(',').every((cell) => !/^"?[=+\-@]/.test(cell))).toBe(true);
  });
});

describe('check --eml', () => {
  const safeLinks = (inner: string) => `https://nam02.safelinks.protection.outlook.com/?url=${encodeURIComponent(inner)}&data=05%7C02&reserved=0`;
  const qp = (text: string) => text.replace(/=/g, '=3D').replace(/(.{70})/g, '$1=\r\n');
  const forwarded = [
    'From: a@example.org',
    'Subject: fwd',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>Sign in: <a href="https://login.micros0ftonline.com/common/oauth2/v2.0/authorize?scope=openid">here</a></p>`,
  ].join('\r\n');
  const email = [
    'From: "IT" <it@example.org>',
    'To: you@example.org',
    'Subject: Approve the app',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    qp(`Open ${safeLinks(DANGER)} now.`),
    '--alt',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    qp(`<a href="${safeLinks(DANGER).replace(/&/g, '&amp;')}">${OK.replace(/&/g, '&amp;')}</a>`),
    '--alt--',
    '--outer',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment; filename="fwd.eml"',
    '',
    forwarded,
    '--outer--',
    '',
  ].join('\r\n');

  it('finds every link of every part, unwrapped, deduplicated, with where it was found', async () => {
    for (const run of [await cli(['check', '--json', '--eml', 'report.eml'], '', { 'report.eml': email }), await cli(['check', '--json'], email)]) {
      const lines = run.out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const wrapped = lines.find((line) => line.inner === DANGER);
      expect(wrapped).toMatchObject({ verdict: 'danger', wrappers: ['microsoft-safe-links'] });
      expect(wrapped.found).toEqual(
        expect.arrayContaining([
          { part: 'body', as: 'text' },
          { part: 'body (HTML)', as: 'href' },
        ]),
      );
      expect(lines.find((line) => line.url === OK)).toMatchObject({ verdict: 'ok', found: [{ part: 'body (HTML)', as: 'text' }] });
      expect(lines.find((line) => line.host.name === 'login.micros0ftonline.com')).toMatchObject({
        verdict: 'danger',
        found: [{ part: 'attachment "fwd.eml" > body (HTML)', as: 'href' }],
      });
      expect(lines.filter((line) => line.inner === DANGER)).toHaveLength(1);
      expect(run.status).toBe(2);
    }
  });
});

describe('scan', () => {
  const squid = [
    '1286536308.779    180 192.168.0.224 TCP_MISS/200 411 GET http://www.example.com/ - HIER_DIRECT/93.184.216.34 text/html',
    '1286536309.001     10 192.168.0.224 TCP_TUNNEL/200 3921 CONNECT login.micros0ftonline.com:443 - HIER_DIRECT/1.2.3.4 -',
    `1286536310.002     22 192.168.0.12 TCP_MISS/302 411 GET ${OK.replace('vso.work', 'vso.code_full')} - HIER_DIRECT/1.1.1.1 text/html`,
  ].join('\n');
  const w3c = [
    '#Software: Microsoft Internet Information Services 10.0',
    '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port c-ip cs-host sc-status',
    '2026-01-01 10:00:00 10.0.0.1 GET /oauth2/authorize response_type=Assertion&scope=vso.code_full 443 10.0.0.9 app-vssps-visualstudio.com 200',
  ].join('\r\n');
  const csv = `time,user,url\r\n2026-01-01,alice,"${DANGER}"\r\n`;
  const jsonLines = `{"ts":1,"url":"https:\\/\\/login.micros0ftonline.com\\/common\\/oauth2\\/v2.0\\/authorize?scope=openid"}\n`;

  it('finds URLs in Squid, W3C, CSV and JSON lines, with file and line, then a summary', async () => {
    const { status, out } = await cli(['scan', '--json', 'squid.log', 'iis.log', 'export.csv', 'events.jsonl'], '', {
      'squid.log': squid,
      'iis.log': w3c,
      'export.csv': csv,
      'events.jsonl': jsonLines,
    });
    const lines = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const hits = lines.filter((line) => !line.summary).map((line) => `${line.file}:${line.line} ${line.verdict} ${line.host.name}`);
    expect(hits).toEqual([
      'squid.log:2 danger login.micros0ftonline.com',
      'squid.log:3 warn app.vssps.visualstudio.com',
      'iis.log:3 danger app-vssps-visualstudio.com',
      'export.csv:2 danger app-vssps-visualstudio.com',
      'events.jsonl:1 danger login.micros0ftonline.com',
    ]);
    const summary = lines.at(-1).summary;
    expect(summary.verdicts).toMatchObject({ danger: 4, warn: 1, none: 1 });
    expect(summary.lookalikes).toEqual(expect.arrayContaining([{ host: 'login.micros0ftonline.com', imitates: 'login.microsoftonline.com', count: 2 }]));
    expect(summary.highPrivilegeScopes[0]).toEqual({ scope: 'vso.code_full', count: 2 });
    expect(status).toBe(2);
  });

  it('--min filters what is reported; the human report ends with the summary', async () => {
    const { out } = await cli(['scan', '--min=danger'], squid);
    expect(out).toContain('stdin:2: https://login.micros0ftonline.com/');
    expect(out).not.toContain('stdin:3:');
    expect(out).toMatch(/Summary: 3 lines, 3 URLs \(danger 1, warn 1, ok 0, none 1\)/);
    expect(out).toContain('login.micros0ftonline.com imitates login.microsoftonline.com');
  });
});

describe('the built binary', () => {
  const bin = 'dist-cli/consent-guard.js';
  const run = (args: string[], input: string | Buffer) => spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const stackTrace = /\bat .*:\d+:\d+\)?$/m;

  it('ends quietly when its output is closed (| head), with the status of what was analysed', () => {
    expect(existsSync(bin), 'run `npm run build` first').toBe(true);
    const lines = `${'https://news.example.org/a\n'.repeat(50_000)}${DANGER}\n`.repeat(4);
    const result = spawnSync('bash', ['-c', `node ${bin} check --json | head -n 1; echo "status=\${PIPESTATUS[0]}"`], { input: lines, encoding: 'utf8' });
    expect(result.stdout).toMatch(/^\{"url":"https:\/\/news\.example\.org\/a"/);
    expect(result.stdout).toMatch(/status=[02]\n$/);
    expect(result.stderr).toBe('');
  }, 60_000);

  it('scan --jobs gives the same output as one job', () => {
    const log = Array.from({ length: 20_000 }, (_, index) =>
      index % 97 === 0 ? `GET ${DANGER}&n=${index % 5}` : `CONNECT host${index % 300}.example.org:443`,
    ).join('\n');
    const one = run(['scan', '--json'], log);
    const all = run(['scan', '--json', '--jobs=2'], log);
    expect(all.status).toBe(2);
    const withoutTime = (out: string) => out.trim().split('\n');
    expect(withoutTime(all.stdout)).toEqual(withoutTime(one.stdout));
    expect(withoutTime(one.stdout).length).toBeGreaterThan(200);
  }, 60_000);

  it('reads a gzip-compressed log as it is (file or standard input, one job or all); a damaged one ends in a one-line error after the lines before the damage', () => {
    const log = Array.from({ length: 30_000 }, (_, index) => (index % 1000 === 7 ? `GET ${DANGER}&n=${index}` : `CONNECT host${index}.example.org:443`)).join(
      '\n',
    );
    const plain = run(['scan', '--json'], log);
    const directory = mkdtempSync(path.join(os.tmpdir(), 'consent-guard-gzip-'));
    const file = path.join(directory, 'access.log.1.gz');
    const compressed = gzipSync(log);
    writeFileSync(file, compressed);
    for (const result of [run(['scan', '--json', file], ''), run(['scan', '--json'], compressed), run(['scan', '--json', '--jobs=2', file], '')]) {
      expect(result.stdout.replaceAll(`"file":${JSON.stringify(file)}`, '"file":"stdin"')).toBe(plain.stdout);
      expect(result.status).toBe(2);
    }
    const damaged = run(['scan', '--json'], compressed.subarray(0, compressed.length - 200));
    expect(damaged.stderr).toBe('consent-guard: stdin: not a valid gzip file (unexpected end of file)\n');
    expect(damaged.stdout).toContain(`"line":8,`);
    expect(damaged.status).toBe(3);
    for (const [mark, format] of [
      [[0x42, 0x5a, 0x68, 0x39], 'bzip2'],
      [[0x50, 0x4b, 0x03, 0x04], 'zip'],
      [[0x28, 0xb5, 0x2f, 0xfd], 'zstd'],
    ] as const) {
      const archive = run(['check'], Buffer.from([...mark, 0, 1, 2, 3]));
      expect(archive.stderr).toBe(`consent-guard: standard input: is a ${format} archive, not text; unpack it first (gzip is read as it is)\n`);
      expect(archive.status).toBe(3);
    }
    rmSync(directory, { recursive: true, force: true });
  }, 60_000);

  it('never prints a stack trace, whatever bytes arrive on standard input (fuzz)', () => {
    let seed = 20261202;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 8; round++) {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 3000) }, () => Math.floor(random() * 256)));
      if (round % 3 === 0) bytes.set([0xef, 0xbb, 0xbf]);
      // A gzip mark in front of garbage: the decompressor's failure is one line too.
      if (round % 3 === 1) bytes.set([0x1f, 0x8b]);
      for (const command of [['check'], ['scan', '--min=none'], ['scan', '--jobs=2']]) {
        const result = run(command, bytes);
        expect(result.stderr).not.toMatch(stackTrace);
        expect([0, 1, 2, 3]).toContain(result.status);
      }
    }
  }, 120_000);
});
