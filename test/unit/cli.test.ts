import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-io';

const LEGACY = 'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb';
const OK_URL = `${LEGACY}&scope=vso.work`;
const WARN_URL = `${LEGACY}&scope=vso.code_full`;
const DANGER_URL = 'https://app-vssps-visualstudio.com/oauth2/authorize?response_type=Assertion&scope=vso.code';

describe('consent-guard check', () => {
  it('exits 0 for ok, 1 for warn, 2 for danger, with the worst verdict winning', async () => {
    expect((await cli(['check', OK_URL])).status).toBe(0);
    expect((await cli(['check', WARN_URL])).status).toBe(1);
    expect((await cli(['check', DANGER_URL])).status).toBe(2);
    expect((await cli(['check', OK_URL, DANGER_URL, WARN_URL])).status).toBe(2);
    expect((await cli(['check', 'https://example.org/'])).status).toBe(0);
  });

  it('prints one JSON object per input with exactly the contract fields', async () => {
    const { out } = await cli(['check', '--json', OK_URL, DANGER_URL]);
    const lines = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['findings', 'flow', 'host', 'scopes', 'url', 'verdict']);
      expect(Object.keys(line.host).sort()).toEqual(['imitates', 'name', 'trusted', 'unicode']);
      expect(Object.keys(line.scopes).sort()).toEqual(['effective', 'requested', 'unknown']);
      for (const finding of line.findings) expect(Object.keys(finding).sort()).toEqual(['id', 'message', 'severity']);
    }
    expect(lines[0]).toMatchObject({ verdict: 'ok', flow: 'azure-devops-oauth', host: { name: 'app.vssps.visualstudio.com', trusted: true, imitates: null } });
    expect(lines[1]).toMatchObject({ verdict: 'danger', host: { trusted: false, imitates: 'app.vssps.visualstudio.com' } });
  });

  it('reads one URL per line from standard input when given no URL or "-"', async () => {
    const stdin = `${OK_URL}\n\n${WARN_URL}\r\n`;
    for (const argv of [
      ['check', '--json'],
      ['check', '--json', '-'],
    ]) {
      const { status, out } = await cli(argv, stdin);
      expect(status).toBe(1);
      expect(
        out
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line).verdict),
      ).toEqual(['ok', 'warn']);
    }
  });

  it('reports an input that is not a URL on one line, exits 3, and still analyses the others', async () => {
    const { status, out, err } = await cli(['check', '--json', 'not a url', DANGER_URL]);
    expect(status).toBe(3);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('not a url');
    expect(JSON.parse(out.trim()).verdict).toBe('danger');
  });

  it('answers usage errors with exit 3 and the usage text', async () => {
    for (const argv of [[], ['audit', OK_URL], ['check', '--bogus', OK_URL], ['scan', '--min=severe'], ['scan', '--jobs=many']]) {
      const { status, err } = await cli(argv);
      expect(status).toBe(3);
      expect(err).toContain('Usage: consent-guard check');
    }
    expect((await cli(['check'], '')).status).toBe(3);
  });

  it('writes a readable report naming the verdict, host and every scope with its risk', async () => {
    const { out } = await cli(['check', WARN_URL]);
    expect(out).toContain('WARNING');
    expect(out).toContain('app.vssps.visualstudio.com: a trusted Microsoft authorization host');
    expect(out).toMatch(/vso\.code_full\s+\[critical, high privilege\] Code \(full\)/);
    expect(out).toContain('Also included by those:');
    expect(out).toContain('high-privilege-scopes');
  });

  it('never lets a hostile URL write terminal control sequences', async () => {
    const hostile = `${LEGACY}&scope=${encodeURIComponent('vso.work \u001b]0;pwned\u0007 \u009b2J')}`;
    const { out } = await cli(['check', hostile]);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const json = (await cli(['check', '--json', hostile])).out;
    expect(json.trimEnd()).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe('the built consent-guard binary', () => {
  const bin = 'dist-cli/consent-guard.js';
  it('runs through package.json bin after npm run build', () => {
    expect(existsSync(bin), 'run `npm run build` first').toBe(true);
    const result = spawnSync(process.execPath, [bin, 'check', '--json', DANGER_URL], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout).verdict).toBe('danger');
    const bad = spawnSync(process.execPath, [bin, 'check', 'https://exa mple.com/'], { encoding: 'utf8' });
    expect(bad.status).toBe(3);
    expect(bad.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/); // no stack trace
  });
});
