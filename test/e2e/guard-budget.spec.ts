/**
 * The content script's size budget. Timing budgets (page cost, banner delay) need a quiet machine and
 * live in `npm run bench`, not in the parallel e2e suite.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from './harness/extension';

const DIST = path.resolve(process.env.CONSENT_GUARD_DIST ?? 'dist');

test('the content script bundle is under 40 KB gzipped', () => {
  const manifest = JSON.parse(readFileSync(path.join(DIST, 'manifest.json'), 'utf8')) as { content_scripts: { js: string[] }[] };
  const files = [...new Set(manifest.content_scripts.flatMap((script) => script.js))];
  const gzipped = files.reduce((total, file) => total + gzipSync(readFileSync(path.join(DIST, file))).length, 0);
  expect(gzipped).toBeLessThan(40 * 1024);
});
