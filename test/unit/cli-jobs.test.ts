// `scan --jobs` against one job, through the built binary, on inputs big enough to be cut into many chunks:
// whatever the separators, encoding, broken bytes, overlong lines or W3C directives, the output is the same.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = path.resolve('dist-cli/consent-guard.js');
const DANGER = 'https://app-vssps-visualstudio.com/oauth2/authorize?response_type=Assertion&scope=vso.code';
const WARN = 'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&state=s&scope=vso.code_full';
let folder = '';

/** Lines of a proxy log: mostly ordinary traffic, a lookalike every 97th line and a risky request every 101st. */
function proxyLines(count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, offset) => {
    const index = from + offset;
    const target = index % 97 === 0 ? `GET ${DANGER}&n=${index % 7}` : index % 101 === 0 ? `GET ${WARN}` : `CONNECT host${index % 500}.example.org:443`;
    return `${1_764_000_000 + index} 12 10.0.0.${index % 250} TCP_MISS/200 411 ${target} - HIER_DIRECT/203.0.113.9 -`;
  });
}

/** Writes a file into the scan's working folder; its name is what the output calls it. */
function file(name: string, content: string | Uint8Array): string {
  writeFileSync(path.join(folder, name), content);
  return name;
}

function scan(args: string[], input?: string | Uint8Array) {
  const result = spawnSync(process.execPath, [bin, 'scan', '--json', ...args], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, cwd: folder });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

/** Runs one job and `--jobs=2`, expects the same output, and returns it (JSON lines parsed). */
function bothWays(args: string[], input?: string | Uint8Array) {
  const one = scan(args, input);
  const jobs = scan(['--jobs=2', ...args], input);
  expect(jobs.err).toBe(one.err);
  expect(jobs.status).toBe(one.status);
  expect(jobs.out.split('\n')).toEqual(one.out.split('\n'));
  const lines = one.out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  return { ...one, hits: lines.filter((line) => !line.summary), summary: lines.at(-1).summary };
}

beforeAll(() => {
  expect(existsSync(bin), 'run `npm run build` first').toBe(true);
  folder = mkdtempSync(path.join(os.tmpdir(), 'consent-guard-jobs-'));
});
afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('scan --jobs gives what one job gives', () => {
  it('for every separator, including megabytes of bare CR or U+2028 only (no LF to cut at)', () => {
    const regions = ['\n', '\r', '\u2028', '\r\n', '\u2029'].map((separator, region) => proxyLines(15_000, region * 15_000).join(separator));
    const log = file('separators.log', `${regions.join('\n')}\n`);
    const { hits, summary, status } = bothWays([log]);
    expect(summary.lines).toBe(75_000);
    expect(hits.filter((hit) => hit.verdict === 'danger').map((hit) => hit.line)).toEqual(
      Array.from({ length: 75_000 }, (_, index) => index)
        .filter((index) => index % 97 === 0)
        .map((index) => index + 1),
    );
    expect(status).toBe(2);
  }, 180_000);

  it('for UTF-16 (LE with a mark) and UTF-8 with a mark, from a file and from standard input', () => {
    const text = `${proxyLines(20_000).join('\r\n')}\r\n`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const withMark = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const expected = bothWays([file('plain.log', text)]).hits.map((hit) => `${hit.line} ${hit.url}`);
    expect(expected.length).toBeGreaterThan(350);
    const hitsOf = (run: ReturnType<typeof bothWays>) => run.hits.map((hit) => `${hit.line} ${hit.url}`);
    expect(hitsOf(bothWays([file('utf16.log', utf16)]))).toEqual(expected);
    expect(hitsOf(bothWays([], utf16))).toEqual(expected);
    expect(hitsOf(bothWays([], withMark))).toEqual(expected);
  }, 240_000);

  it('for a byte that is not UTF-8: the lines before it are scanned, the error names the byte and the line', () => {
    const before = `${proxyLines(30_000).join('\n')}\n`;
    const broken = Buffer.concat([
      Buffer.from(before),
      Buffer.from('GET https://broken.example/'),
      Buffer.from([0xff, 0x0a]),
      Buffer.from(`${DANGER}\n`.repeat(50)),
    ]);
    const { hits, summary, err, status } = bothWays([file('broken.log', broken)]);
    const at = Buffer.byteLength(before) + 'GET https://broken.example/'.length;
    expect(err).toBe(
      `consent-guard: broken.log: not valid UTF-8 (at byte offset ${at}); save it as UTF-8, or as UTF-16 with a byte-order mark (after line 30000)\n`,
    );
    expect(summary.lines).toBe(30_000);
    // The last lookalike before the broken line: index 29,973 (97 × 309), line 29,974; none of those after it.
    expect(hits.filter((hit) => hit.verdict === 'danger').at(-1).line).toBe(29_974);
    expect(status).toBe(3);
  }, 120_000);

  it('for lines too long to keep (one the workers measure, one skipped while reading)', () => {
    const lines = proxyLines(20_000);
    lines.splice(5_000, 0, `GET ${DANGER}&pad=${'a'.repeat(2.5 * 1024 * 1024)}`);
    lines.splice(15_000, 0, `GET ${DANGER}&pad=${'b'.repeat(7 * 1024 * 1024)}`);
    const { hits, summary } = bothWays([file('long.log', `${lines.join('\r\n')}\r\n`)]);
    expect(summary.overlongLines).toBe(2);
    expect(summary.lines).toBe(20_002);
    expect(hits.some((hit) => hit.url.includes('pad='))).toBe(false);
    // The last lookalike (line index 19,982) comes after both long lines.
    expect(hits.filter((hit) => hit.verdict === 'danger').at(-1).line).toBe(19_982 + 1 + 2);
  }, 180_000);

  it('for W3C logs whose #Fields: directive comes chunks before the lines it describes, and changes', () => {
    const row = (index: number) =>
      `2026-01-01 10:00:00 10.0.0.1 GET /oauth2/authorize ${index % 50 === 0 ? 'response_type=Assertion&scope=vso.code_full' : 'x=1'} 443 10.0.0.9 ${index % 50 === 0 ? 'app-vssps-visualstudio.com' : 'intranet.example'} 200`;
    const swapped = (index: number) => `${index % 50 === 0 ? 'login.micros0ftonline.com' : 'intranet.example'} /common/oauth2/authorize scope=openid 200`;
    const log = [
      '#Software: Microsoft Internet Information Services 10.0',
      '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port c-ip cs-host sc-status',
      ...Array.from({ length: 30_000 }, (_, index) => row(index)),
      '#fields: cs-host cs-uri-stem cs-uri-query sc-status',
      ...Array.from({ length: 30_000 }, (_, index) => swapped(index)),
    ].join('\n');
    const { hits } = bothWays([file('iis.log', log)]);
    expect(hits.filter((hit) => hit.host.name === 'app-vssps-visualstudio.com')).toHaveLength(600);
    expect(hits.filter((hit) => hit.host.name === 'login.micros0ftonline.com')).toHaveLength(600);
    expect(hits.find((hit) => hit.host.name === 'login.micros0ftonline.com').line).toBe(30_004);
  }, 180_000);

  it('for the same file given twice: each counts its lines from 1', () => {
    const log = file('twice.log', `${proxyLines(30_000).join('\n')}\n`);
    const { hits, summary } = bothWays([log, log]);
    expect(summary.lines).toBe(60_000);
    const firstLines = hits.filter((hit) => hit.line === 1);
    expect(firstLines).toHaveLength(2);
  }, 180_000);
});
