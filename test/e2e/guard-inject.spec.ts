/**
 * The guard is injected on demand: ordinary pages run no extension script at all, and the background
 * starts the guard itself where its triage finds a signal, carrying its view.
 */
import { expect, test } from './harness/extension';
import { adoAuthorizeUrl, badgeFor, readBanner, recordExtensionScripts } from './guard-helpers';

const GUARD = 'src/content/guard-main.js';

test('a typo-squatted lookalike with no branding and nothing telltale in its URL gets the danger banner from the background', async ({
  context,
  serviceWorker,
}) => {
  const page = await context.newPage();
  const scripts = await recordExtensionScripts(page);
  const url = 'https://app.vsspz.visualstudlo.com/';
  await page.goto(url);
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('danger');
  const banner = (await readBanner(page))!;
  expect(banner.findings).toContain('lookalike-typo');
  expect(banner.text).toContain('This is probably a phishing page');
  expect(banner.buttons.map((button) => button.label)).toContain('Leave this page');
  await expect.poll(() => badgeFor(serviceWorker, url)).toMatchObject({ text: '✕' });
  // The page itself saw exactly one banner host arrive (counted from the first script, since a danger
  // address can have its banner before the parser is done).
  expect(await page.evaluate(() => (window as unknown as { __guardHostsAdded: number }).__guardHostsAdded)).toBe(1);
  // The guard came from the background's own injection, once.
  expect(scripts().filter((file) => file === GUARD)).toHaveLength(1);
});

test('an ordinary page runs no extension script at all: nothing is added to its DOM', async ({ context, serviceWorker }) => {
  const page = await context.newPage();
  const scripts = await recordExtensionScripts(page);
  await page.goto('https://plain.example.test/');
  // Given a (wrong) injection every chance to happen, nothing of ours was parsed in the page's renderer.
  await page.waitForTimeout(700);
  expect(scripts()).toEqual([]);
  expect(await page.evaluate(() => document.querySelector('[data-consent-guard]'))).toBeNull();
  expect(await readBanner(page)).toBeNull();
  expect(await page.evaluate(() => (window as unknown as { __domChanges: string[] }).__domChanges)).toEqual([]);
  expect((await badgeFor(serviceWorker, page.url()))?.text ?? '').toBe('');
});

test('a page that gives several signals (address, title, branding) mounts one banner, not two', async ({ context }) => {
  const page = await context.newPage();
  const scripts = await recordExtensionScripts(page);
  // The lookalike host and the ADO scopes in the URL, a branded title, then the page's own signals.
  await page.goto(adoAuthorizeUrl('vso.code_write', 'app-vssps-visualstudio.com'));
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('danger');
  await page.waitForTimeout(700);
  expect(await page.evaluate(() => document.querySelectorAll('[data-consent-guard]').length)).toBe(1);
  // The guard's file was parsed once: later signals hand their view to the running guard.
  expect(scripts().filter((file) => file === GUARD)).toHaveLength(1);
});
