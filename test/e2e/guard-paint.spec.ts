/**
 * The page must never win the screen (issue "Guard v2", part 2), asserted on what is painted: frames the
 * compositor produced (DevTools protocol screencast, PNG) and screenshots, decoded and searched for the danger
 * banner's own colour. A page that keeps the banner from a single frame, or shrinks it, fails here even when
 * the DOM claims the banner is there.
 */
import type { Page } from '@playwright/test';
import { attack } from '../hostile/attack-log';
import { CLONE_BODY, CLONE_TITLE, html, microsoftAssets, servePage, svgDocumentClone } from './guard-attack-pages';
import { adoAuthorizeUrl, clickBannerButton, readBanner } from './guard-helpers';
import { POPOVER_EVERY_FRAME } from './guard-next-pages';
import { expect, test } from './harness/extension';
import { bannerBox, expectBannerInEveryFrame, paintedFrames } from './guard-paint-helpers';
import { decodePng } from './harness/png';

const LOOKALIKE = 'app-vssps-visualstudio.com';
const VIEWPORT = { width: 800, height: 600 };
const FRAMES = 40;

test.beforeEach(({ server }) => {
  server.use(microsoftAssets);
});

async function openClone(page: Page, server: Parameters<typeof servePage>[0], name: string, head: string, body = ''): Promise<void> {
  const path = `/paint-${name}/oauth2/authorize`;
  servePage(server, LOOKALIKE, path, html(CLONE_TITLE, `${CLONE_BODY}${body}`, head));
  await page.setViewportSize(VIEWPORT);
  await page.goto(adoAuthorizeUrl('vso.code_write', LOOKALIKE, 'https', path));
  await expect.poll(async () => (await readBanner(page))?.verdict, { timeout: 15_000 }).toBe('danger');
}

/** A ticking counter on the page, so every frame repaints something and the screencast sends it. */
const TICKER = `<div id="tick" style="position:fixed;bottom:8px;left:8px;font:14px monospace;color:#123">0</div>`;
const TICK = `document.getElementById('tick').textContent = String(performance.now() | 0);`;

test('a page that re-opens its own full-screen popover in every animation frame: the banner is painted in every frame', async ({ context, server }) => {
  await attack('page', 'reopens its own popover every animation frame', async () => {
    const page = await context.newPage();
    await openClone(page, server, 'popover', '', POPOVER_EVERY_FRAME);
    await page.waitForTimeout(500);
    expectBannerInEveryFrame(await paintedFrames(page, FRAMES));
  });
});

test('a page that hides the banner with hidePopover() in every frame under a max-z-index cover: the banner is painted in every frame', async ({
  context,
  server,
}) => {
  await attack('page', 'calls hidePopover() on the banner every frame under a z-index cover', async () => {
    const page = await context.newPage();
    const script = `<script>addEventListener('load', () => {
      const cover = document.createElement('div');
      cover.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:#fff;color:#000';
      cover.textContent = 'Everything is fine';
      document.body.append(cover);
      (function again() {
        ${TICK}
        const banner = document.querySelector('[data-consent-guard]');
        try { banner && banner.hidePopover(); } catch (error) {}
        requestAnimationFrame(again);
      })();
    });</script>`;
    await openClone(page, server, 'hide', '', `${TICKER}${script}`);
    await page.waitForTimeout(500);
    expectBannerInEveryFrame(await paintedFrames(page, FRAMES));
  });
});

test('a page that holds a view transition with a frozen snapshot over itself (restarted whenever one ends): the banner is painted in every frame', async ({
  context,
  server,
}) => {
  await attack('page', 'paints a frozen view-transition snapshot (drawn above the top layer) over the live page and the banner', async () => {
    // The old snapshot (the clone before the banner came) stays for an hour, and the live page (the banner with it)
    // is invisible beneath it.
    const freeze = `<style>::view-transition-group(*) { animation-duration: 3600s; }
      ::view-transition-old(*) { animation: none; opacity: 1; } ::view-transition-new(*) { animation: none; opacity: 0; }
</style>`;
    // Started once the clone is first painted (before the banner comes), and again whenever one ends.
    const script = `<script>requestAnimationFrame(() => requestAnimationFrame(function again() {
        try { document.startViewTransition(() => {}).finished.finally(again); } catch (error) {}
      }));
      (function tick() { ${TICK} requestAnimationFrame(tick); })();</script>`;
    const page = await context.newPage();
    await openClone(page, server, 'view-transition', freeze, `${TICKER}${script}`);
    await page.waitForTimeout(500);
    expectBannerInEveryFrame(await paintedFrames(page, FRAMES));
  });
});

test('a page that hides its whole tree with content-visibility and shows a picture of the clone as its background: the banner is painted', async ({
  context,
  server,
}) => {
  await attack('page', 'skips the rendering of its root (the top layer with it) with content-visibility: hidden', async () => {
    const picture = `url("data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><text x="20" y="60" font-size="32">Sign in to your Microsoft account</text></svg>')}")`;
    const page = await context.newPage();
    await openClone(
      page,
      server,
      'content-visibility',
      `<style>html { content-visibility: hidden !important; background: #fff ${picture} no-repeat; }</style>`,
    );
    await page.waitForTimeout(500);
    await expect.poll(async () => bannerBox(decodePng(await page.screenshot()))?.width ?? 0, { timeout: 15_000 }).toBeGreaterThan(VIEWPORT.width * 0.9);
  });
});

test('a page zoomed to a speck and back (html{zoom:.05} body{zoom:20}) does not shrink the banner: it paints at its own size', async ({ context, server }) => {
  await attack('page', 'shrinks it with html{zoom:.05} body{zoom:20}', async () => {
    const reference = await context.newPage();
    await openClone(reference, server, 'zoom-reference', '');
    await reference.waitForTimeout(500);
    const normal = bannerBox(decodePng(await reference.screenshot()));
    expect(normal, 'the banner on an ordinary clone').not.toBeNull();
    expect(normal!.width).toBeGreaterThan(VIEWPORT.width * 0.9);

    const page = await context.newPage();
    await openClone(page, server, 'zoom', '<style>html{zoom:.05} body{zoom:20}</style>');
    // The page itself looks normal at that zoom: its heading is as wide as on the reference page.
    await page.waitForTimeout(500);
    for (let sample = 0; sample < 3; sample++) {
      const zoomed = bannerBox(decodePng(await page.screenshot()));
      expect(zoomed, 'the banner on the zoomed page').not.toBeNull();
      expect(zoomed!.width).toBeGreaterThan(VIEWPORT.width * 0.9);
      // Its own size: the same height as on the page without zoom (text wraps alike at the same width).
      expect(Math.abs(zoomed!.height - normal!.height)).toBeLessThanOrEqual(normal!.height * 0.1);
      await page.waitForTimeout(200);
    }
  });
});

for (const [where, host, path] of [
  ['on a lookalike host', LOOKALIKE, '/svg/oauth2/authorize'],
  ['on an ordinary host, hotlinking the logo', 'files.example.test', '/invoice.svg'],
] as const) {
  test(`a clone served as an SVG document ${where} gets a banner that is painted, at its own size`, async ({ context, server }) => {
    await attack('page', `serves its clone as an SVG document (${where}), whose root renders no HTML child`, async () => {
      // Drawn at a hundredth of its units' size: a banner inside the drawing would be a speck.
      server.use((request) =>
        request.host === host && request.pathname === path ? { headers: { 'content-type': 'image/svg+xml' }, body: svgDocumentClone() } : undefined,
      );
      const page = await context.newPage();
      await page.setViewportSize(VIEWPORT);
      await page.goto(host === LOOKALIKE ? adoAuthorizeUrl('vso.code_write', LOOKALIKE, 'https', path) : `https://${host}${path}`);
      await expect.poll(async () => (await readBanner(page))?.verdict, { timeout: 15_000 }).toBe('danger');
      await expect.poll(async () => bannerBox(decodePng(await page.screenshot()))?.width ?? 0, { timeout: 15_000 }).toBeGreaterThan(VIEWPORT.width * 0.9);
      // Its own size, not the drawing's: a hundredth of the banner would be a few pixels high.
      expect(bannerBox(decodePng(await page.screenshot()))!.height).toBeGreaterThan(80);
      // And it works there: its buttons are HTML buttons, not inert XML elements of the same name.
      await clickBannerButton(page, 'Leave this page');
      await page.waitForURL('about:blank', { timeout: 15_000 });
    });
  });
}

test('a lookalike served with a CSP that forbids every style and image still gets its banner painted and styled', async ({ context, server }) => {
  await attack('page', "forbids styles with Content-Security-Policy: default-src 'none'; style-src 'none'", async () => {
    const path = '/strict-csp/oauth2/authorize';
    const csp = "default-src 'none'; style-src 'none'; img-src 'none'; font-src 'none'";
    server.use((request) =>
      request.host === LOOKALIKE && request.pathname === path
        ? { headers: { 'content-type': 'text/html', 'content-security-policy': csp }, body: html(CLONE_TITLE, CLONE_BODY) }
        : undefined,
    );
    const page = await context.newPage();
    await page.setViewportSize(VIEWPORT);
    await page.goto(adoAuthorizeUrl('vso.code_write', LOOKALIKE, 'https', path));
    await expect.poll(async () => (await readBanner(page))?.verdict, { timeout: 15_000 }).toBe('danger');
    // Styled: the banner's own background across the page's width, not unstyled text.
    await expect.poll(async () => bannerBox(decodePng(await page.screenshot()))?.width ?? 0, { timeout: 15_000 }).toBeGreaterThan(VIEWPORT.width * 0.9);
  });
});
