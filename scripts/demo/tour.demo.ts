/**
 * `npm run demo`: the loopback fixture server and Debian's Chromium with the built extension (dist/, or
 * CONSENT_GUARD_DIST), on a short tour of the fixture pages under the real Microsoft host names. A real window
 * when there is a display (DISPLAY set; CONSENT_GUARD_DEMO_HEADLESS=1 forces headless), headless otherwise.
 * Screenshots go to demo-output/; the README's copies live in docs/screenshots/ (copied by hand after a look).
 * Nothing reaches the internet: every host name resolves to the fixture server.
 */
import { expect, test, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { adoAuthorizeUrl, badgeFor, readBanner } from '../../test/e2e/guard-helpers';
import { startFixtureServer, type FixtureServer } from '../../test/e2e/harness/fixture-server';
import { launchChromium } from '../../test/e2e/harness/launch';
import { defaultRoutes } from '../../test/e2e/harness/routes';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.resolve(process.env.CONSENT_GUARD_DIST ?? path.join(ROOT, 'dist'));
const OUT = path.join(ROOT, 'demo-output');
const headless = !process.env.DISPLAY || process.env.CONSENT_GUARD_DEMO_HEADLESS === '1';
/** In a real window, time to look at each step. */
const PAUSE_MS = Number(process.env.CONSENT_GUARD_DEMO_PAUSE_MS ?? (headless ? 0 : 3000));
const VIEWPORT = { width: 1100, height: 720 };
/** Chromium sizes an action popup to its content, at most 800 × 600; the popup's CSS asks for at least 400 px. */
const POPUP_VIEWPORT = { width: 440, height: 600 };

function step(message: string): void {
  console.log(`demo: ${message}`);
}

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  const file = path.join(OUT, name);
  await page.screenshot({ path: file, fullPage });
  step(`  saved ${path.relative(ROOT, file)}`);
  if (PAUSE_MS > 0) await page.waitForTimeout(PAUSE_MS);
}

/** Opens a tab and waits until the background has rated it (its per-tab record exists). */
async function visit(context: BrowserContext, worker: Worker, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(VIEWPORT);
  await page.goto(url);
  await expect.poll(() => badgeFor(worker, url)).not.toBeNull();
  return page;
}

/**
 * The popup as a tab opened behind `behind`, so its "this tab" section reads the tab the user was looking at
 * (the popup asks for the active tab of its window), then brought to the front for the screenshot.
 */
async function openPopupFor(context: BrowserContext, worker: Worker, behind: Page): Promise<Page> {
  const popupUrl = `chrome-extension://${new URL(worker.url()).host}/src/popup/index.html`;
  await behind.bringToFront();
  const [popup] = await Promise.all([
    context.waitForEvent('page', (page) => page.url().startsWith(popupUrl)),
    worker.evaluate(
      (url) => (globalThis as unknown as { chrome: { tabs: { create(p: object): Promise<unknown> } } }).chrome.tabs.create({ url, active: false }),
      popupUrl,
    ),
  ]);
  await popup.setViewportSize(POPUP_VIEWPORT);
  await popup.waitForLoadState('load');
  return popup;
}

test('Consent Guard tour', async () => {
  mkdirSync(OUT, { recursive: true });
  step(`${headless ? 'headless' : 'in a window'}; extension from ${path.relative(ROOT, DIST) || '.'}; screenshots in demo-output/`);
  const server = await startFixtureServer(defaultRoutes);
  try {
    await englishTour(server);
    await germanStep(server);
    step('done.');
  } finally {
    await server.close();
  }
});

async function englishTour(server: FixtureServer): Promise<void> {
  const { context, close } = await launchChromium(server, { extension: true, dist: DIST, headless });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));

    step('1. The genuine Azure DevOps approval page asking for low-risk scopes: no banner, a green OK badge.');
    const legit = await visit(context, worker, adoAuthorizeUrl('vso.profile vso.work'));
    await expect.poll(() => badgeFor(worker, legit.url())).toMatchObject({ text: 'OK' });
    await legit.waitForTimeout(300);
    expect(await readBanner(legit)).toBeNull();
    await shoot(legit, '01-legit-ado-ok.png');

    step('2. The genuine page asking for high-privilege scopes: the amber warn banner explains each scope.');
    const warn = await visit(context, worker, adoAuthorizeUrl('vso.code_write vso.build_execute vso.work'));
    await expect.poll(async () => (await readBanner(warn))?.verdict).toBe('warn');
    await warn.waitForTimeout(300);
    await shoot(warn, '02-high-risk-warn-banner.png');

    step('3. A clone of the approval page on the lookalike host app-vssps-visualstudio.com: the red danger banner.');
    const clone = await visit(context, worker, adoAuthorizeUrl('vso.code_write', 'app-vssps-visualstudio.com'));
    await expect.poll(async () => (await readBanner(clone))?.verdict).toBe('danger');
    await clone.waitForTimeout(300);
    await shoot(clone, '03-phishing-clone-danger-banner.png');

    step('4. The popup over the genuine page: this tab is OK, and the authorization manager lists the (fake) apps.');
    const popup = await openPopupFor(context, worker, legit);
    await expect(popup.locator('li[data-authorization-id]')).toHaveCount(6);
    await popup.bringToFront();
    await popup.waitForTimeout(300);
    await shoot(popup, '04-popup-authorization-manager.png', true);
  } finally {
    await close();
  }
}

async function germanStep(server: FixtureServer): Promise<void> {
  step('5. The same clone in a browser set to German: the banner, its findings and the scope explanations follow the browser.');
  const german = await launchChromium(server, { extension: true, dist: DIST, headless, language: 'de' });
  try {
    const worker = german.context.serviceWorkers()[0] ?? (await german.context.waitForEvent('serviceworker'));
    const clone = await visit(german.context, worker, adoAuthorizeUrl('vso.code_write', 'app-vssps-visualstudio.com'));
    await expect.poll(async () => (await readBanner(clone))?.text).toContain('Dies ist wahrscheinlich eine Phishing-Seite');
    await clone.waitForTimeout(300);
    await shoot(clone, '05-danger-banner-german.png');
  } finally {
    await german.close();
  }
}
