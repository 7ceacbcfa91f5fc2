/**
 * The full guard is injected on demand: ordinary pages run only the tiny pre-check, and the background
 * starts the guard itself when its own analysis of the navigation says danger.
 */
import { expect, test } from './harness/extension';
import { adoAuthorizeUrl, badgeFor, readBanner, recordExtensionScripts } from './guard-helpers';

const PRECHECK = 'src/content/index.js';
const GUARD = 'src/content/guard-main.js';

test('a typo-squatted lookalike with no branding and nothing telltale in its URL gets the danger banner from the background', async ({ context, serviceWorker }) => {
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
  // The page itself saw exactly one banner host arrive.
  const changes = await page.evaluate(() => (window as unknown as { __domChanges: string[] }).__domChanges);
  expect(changes.filter((change) => change.startsWith('added DIV danger'))).toHaveLength(1);
  // The pre-check ran and did not match; the guard came from the background's own injection.
  expect(scripts().filter((file) => file === GUARD)).toHaveLength(1);
  expect(scripts()).toContain(PRECHECK);
});

test('an ordinary page gets no injection: nothing is added to its DOM and only the pre-check runs', async ({ context, serviceWorker }) => {
  const page = await context.newPage();
  const scripts = await recordExtensionScripts(page);
  await page.goto('https://plain.example.test/');
  // The pre-check has run (it is parsed at document_end) ...
  await expect.poll(scripts).toContain(PRECHECK);
  // ... and given a (wrong) injection every chance to happen, nothing else did.
  await page.waitForTimeout(700);
  expect(scripts()).not.toContain(GUARD);
  expect(await page.evaluate(() => document.querySelector('[data-consent-guard]'))).toBeNull();
  expect(await readBanner(page)).toBeNull();
  expect(await page.evaluate(() => (window as unknown as { __domChanges: string[] }).__domChanges)).toEqual([]);
  expect((await badgeFor(serviceWorker, page.url()))?.text ?? '').toBe('');
});

test('a page that both the pre-check and the background flag mounts one banner, not two', async ({ context }) => {
  const page = await context.newPage();
  const scripts = await recordExtensionScripts(page);
  // The lookalike host and the ADO scopes in the URL: a pre-check hit, and danger from the navigation alone.
  await page.goto(adoAuthorizeUrl('vso.code_write', 'app-vssps-visualstudio.com'));
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('danger');
  await page.waitForTimeout(700);
  expect(await page.evaluate(() => document.querySelectorAll('[data-consent-guard]').length)).toBe(1);
  // Injected twice (pre-check hit and navigation), started once.
  expect(scripts().filter((file) => file === GUARD)).toHaveLength(2);
});
