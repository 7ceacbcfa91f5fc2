/**
 * The content scripts' size budgets and the manifest shape they rely on. Timing budgets (page cost,
 * banner delay) need a quiet machine and live in `npm run bench`, not in the parallel e2e suite.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from './harness/extension';

const DIST = path.resolve(process.env.CONSENT_GUARD_DIST ?? 'dist');

interface BuiltManifest {
  content_scripts: { js: string[]; matches: string[]; run_at?: string }[];
  permissions?: string[];
  host_permissions?: string[];
  web_accessible_resources?: unknown;
}
const manifest = () => JSON.parse(readFileSync(path.join(DIST, 'manifest.json'), 'utf8')) as BuiltManifest;
const everyPage = (script: BuiltManifest['content_scripts'][number]) => script.matches.includes('https://*/*');

test("no content script is declared for ordinary pages: only the guard on Microsoft's sign-in hosts", () => {
  const scripts = manifest().content_scripts;
  expect(scripts.filter(everyPage)).toEqual([]);
  expect(scripts.every((script) => script.matches.every((match) => /^\*:\/\/(app\.vssps\.visualstudio\.com|login\.[a-z.]+)\/\*$/.test(match)))).toBe(true);
});

test("the thorough mode's scan (registered only when scanEveryPage is on) is under 2 KB minified", () => {
  const source = readFileSync(path.join(DIST, 'src/content/page-scan.js'));
  expect(source.length).toBeLessThan(2 * 1024);
  // No Preact, polyfill or zod leaked into it.
  expect(source.toString('utf8')).not.toMatch(/webextension-polyfill|preact|zod/i);
});

test('the full guard (sign-in hosts, and injected elsewhere) is under 40 KB gzipped and not web-accessible', () => {
  const built = manifest();
  const signIn = built.content_scripts.filter((script) => !everyPage(script));
  expect(signIn.map((script) => script.js)).toEqual([['src/content/guard-main.js']]);
  expect(gzipSync(readFileSync(path.join(DIST, 'src/content/guard-main.js'))).length).toBeLessThan(40 * 1024);
  // A web-accessible file would let any page detect the extension.
  expect(built.web_accessible_resources).toBeUndefined();
  expect(built.permissions).toEqual(expect.arrayContaining(['scripting', 'webNavigation', 'webRequest', 'storage']));
  expect(built.host_permissions).toContain('<all_urls>');
});
