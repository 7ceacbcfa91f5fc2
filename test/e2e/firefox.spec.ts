/**
 * The Firefox build (dist-firefox/) in a real Firefox: Debian's firefox-esr, driven over WebDriver BiDi by
 * puppeteer-core (Playwright drives only its own patched Firefox, which cannot be downloaded here). The
 * fixture server is Firefox's proxy, so the real host names reach it and nothing reaches the internet.
 *
 * Firefox reads enterprise policy from `distribution/policies.json` beside its binary. Each browser here runs
 * from a private copy of the install (the binary copied, everything else linked), so the shipped example
 * docs/policy/firefox-policies.json can be tested without touching /etc or any other Firefox on the machine.
 */
import { expect, test } from '@playwright/test';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import {
  CLONE_BODY,
  CLONE_TITLE,
  CONSENT_CLONE_BODY,
  INLINE_CLONE_BODY,
  drawnWindow,
  html,
  inClosedShadowRoot,
  microsoftAssets,
  serveNeverFinishing,
  servePage,
  svgDocumentClone,
} from './guard-attack-pages';
import { adoAuthorizeUrl } from './guard-helpers';
import { bannerBox } from './guard-paint-helpers';
import { decodePng } from './harness/png';
import { INLINE_CLONE_PAGE, dataFrame, ownAuthorizePath } from './guard-next-pages';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { defaultRoutes } from './harness/routes';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.resolve(process.env.CONSENT_GUARD_FIREFOX_DIST ?? path.join(ROOT, 'dist-firefox'));
/** The banner's host element is the one part of it a page can see; it carries the verdict (src/content/banner/mount.ts). */
const HOST_ATTRIBUTE = 'data-consent-guard';

interface RunningFirefox {
  readonly browser: Browser;
  close(): Promise<void>;
}

/** A private Firefox install: its own binary (Firefox finds distribution/ next to it), the rest linked. */
function privateInstall(into: string, policiesFile: string | null): string {
  const installDir = path.dirname(realpathSync(FIREFOX));
  const binary = path.basename(realpathSync(FIREFOX));
  mkdirSync(into);
  for (const entry of readdirSync(installDir)) {
    if (entry === 'distribution') continue;
    if (entry === binary) {
      copyFileSync(path.join(installDir, entry), path.join(into, entry));
      chmodSync(path.join(into, entry), 0o755);
    } else {
      symlinkSync(path.join(installDir, entry), path.join(into, entry));
    }
  }
  mkdirSync(path.join(into, 'distribution'));
  if (policiesFile) copyFileSync(policiesFile, path.join(into, 'distribution', 'policies.json'));
  return path.join(into, binary);
}

async function launchFirefox(server: FixtureServer, policiesFile: string | null = null): Promise<RunningFirefox> {
  if (!existsSync(path.join(DIST, 'manifest.json'))) throw new Error(`${DIST} has no build: run \`npm run build\` first`);
  const scratch = mkdtempSync(path.join(tmpdir(), 'consent-guard-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: privateInstall(path.join(scratch, 'install'), policiesFile),
    headless: true,
    userDataDir: path.join(scratch, 'profile'),
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': server.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': server.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
    },
  });
  // A temporary add-on, as "Load Temporary Add-on" installs it; Firefox 127+ grants its host permissions.
  await browser.installExtension(DIST);
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

function bannerVerdict(page: Page): Promise<string | null> {
  return page.evaluate((attribute) => document.querySelector(`[${attribute}]`)?.getAttribute(attribute) ?? null, HOST_ATTRIBUTE);
}

test.describe('Firefox build, no policy', () => {
  let server: FixtureServer;
  let firefox: RunningFirefox;
  test.beforeAll(async () => {
    server = await startFixtureServer(defaultRoutes);
    firefox = await launchFirefox(server);
  });
  test.afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  test('Firefox: a clone on a lookalike host gets the danger banner, and it comes back when the page removes it', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(adoAuthorizeUrl('vso.code_write', 'app-vssps-visualstudio.com'));
    await expect.poll(() => bannerVerdict(page), { timeout: 15_000 }).toBe('danger');
    await page.evaluate((attribute) => document.querySelector(`[${attribute}]`)?.remove(), HOST_ATTRIBUTE);
    await expect.poll(() => bannerVerdict(page)).toBe('danger');
    await page.close();
  });

  test('Firefox: the genuine page warns about high-privilege scopes and stays quiet about low-risk ones', async () => {
    const risky = await firefox.browser.newPage();
    await risky.goto(adoAuthorizeUrl('vso.code_write'));
    await expect.poll(() => bannerVerdict(risky), { timeout: 15_000 }).toBe('warn');
    await risky.close();

    const harmless = await firefox.browser.newPage();
    await harmless.goto(adoAuthorizeUrl('vso.profile vso.work'));
    // Give a (wrong) banner every chance to appear before asserting there is none.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await bannerVerdict(harmless)).toBeNull();
    await harmless.close();
  });
});

/** Every way a clone tried to start too late or outside the guard's reach (guard-triage.spec.ts), for the classes Firefox has. */
test.describe('Firefox build: clones that start late or hide', () => {
  const DEADLINE = { timeout: 20_000 };
  let server: FixtureServer;
  let firefox: RunningFirefox;
  test.beforeAll(async () => {
    // Starting Firefox takes most of a minute on a busy machine.
    test.setTimeout(120_000);
    server = await startFixtureServer([microsoftAssets, ...defaultRoutes]);
    firefox = await launchFirefox(server);
  });
  test.afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  test('Firefox: a page that is innocuous at load and becomes a clone later (title and DOM changed by a timer) gets the danger banner', async () => {
    const late = `<script>setTimeout(() => { document.title = ${JSON.stringify(CLONE_TITLE)}; document.body.innerHTML = ${JSON.stringify(CLONE_BODY)}; }, 800);</script>`;
    servePage(server, 'late-clone.example.test', '/', html('Welcome', `<h1>Welcome</h1><p>Nothing to see.</p>${late}`));
    const page = await firefox.browser.newPage();
    await page.goto('https://late-clone.example.test/');
    expect(await bannerVerdict(page)).toBeNull();
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    await page.close();
  });

  test("Firefox: a page whose address and title say nothing and that later renders a clone hotlinking Microsoft's sign-in assets gets the danger banner", async () => {
    // No title change and nothing in the address: the only signal the background gets is the request for the logo.
    const late = `<script>setTimeout(() => { document.body.insertAdjacentHTML('beforeend', ${JSON.stringify(CLONE_BODY)}); }, 800);</script>`;
    servePage(server, 'quiet-page.example.test', '/', html('Welcome', `<h1>Welcome</h1><p>Nothing to see.</p>${late}`));
    const page = await firefox.browser.newPage();
    await page.goto('https://quiet-page.example.test/');
    expect(await bannerVerdict(page)).toBeNull();
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    expect(await page.title()).toBe('Welcome');
    await page.close();
  });

  for (const frameName of ['browser', 'chrome']) {
    test(`Firefox: a clone that names a frame "${frameName}" (the browser API's own name) still gets the danger banner`, async () => {
      const host = `frame-${frameName}.example.test`;
      servePage(server, host, '/', html(CLONE_TITLE, `<iframe name="${frameName}" src="about:blank" hidden></iframe>${CLONE_BODY}`));
      const page = await firefox.browser.newPage();
      await page.goto(`https://${host}/`);
      await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
      await page.close();
    });
  }

  test('Firefox: a single-page app that pushes an authorize URL into its history gets the banner', async () => {
    const spa = `<h1>Deploy tools</h1><script>setTimeout(() => {
      history.pushState(null, '', '/oauth2/authorize?client_id=7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11&response_type=Assertion&scope=vso.code_full&redirect_uri=https%3A%2F%2Fspa.example.test%2Fcb');
      document.body.insertAdjacentHTML('beforeend', '<p>Deploy Bot would like to access your account.</p><button>Accept</button>');
    }, 600);</script>`;
    servePage(server, 'spa.example.test', '/', html('Deploy tools', spa));
    const page = await firefox.browser.newPage();
    await page.goto('https://spa.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    await page.close();
  });

  test('Firefox: a page that calls window.stop() gets its banner', async () => {
    const path = '/stop/oauth2/authorize';
    servePage(server, 'app-vssps-visualstudio.com', path, html(CLONE_TITLE, CLONE_BODY, '<script>window.stop();</script>'));
    const page = await firefox.browser.newPage();
    // The load never completes in the usual sense: the banner is what is waited for.
    void page.goto(adoAuthorizeUrl('vso.code_write', 'app-vssps-visualstudio.com', 'https', path), { waitUntil: 'domcontentloaded' }).catch(() => undefined);
    await expect.poll(() => bannerVerdict(page).catch(() => null), DEADLINE).toBe('danger');
    await page.close();
  });

  test('Firefox: a page that never finishes loading (the server keeps the connection open) gets its banner', async () => {
    const path = '/never/oauth2/authorize';
    serveNeverFinishing(server, 'app-vssps-visualstudio.com', path, `<!doctype html><html><head><title>${CLONE_TITLE}</title></head><body>${CLONE_BODY}`);
    const page = await firefox.browser.newPage();
    // The navigation never settles (the response never ends): not awaited.
    void page.goto(adoAuthorizeUrl('vso.code_write', 'app-vssps-visualstudio.com', 'https', path)).catch(() => undefined);
    await expect.poll(() => bannerVerdict(page).catch(() => null), DEADLINE).toBe('danger');
    expect(await page.evaluate(() => document.readyState)).toBe('loading');
    await page.close();
  });

  test("Firefox: a clone inside the page's own closed shadow root gets the danger banner", async () => {
    const app = inClosedShadowRoot(INLINE_CLONE_BODY);
    servePage(server, 'closed-root.example.test', '/', html(CLONE_TITLE, app));
    const page = await firefox.browser.newPage();
    await page.goto('https://closed-root.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    await page.close();
  });

  test('Firefox: a full-page srcdoc iframe holding a clone: the banner is in the top document', async () => {
    const frame = `<iframe srcdoc="${html(CLONE_TITLE, CLONE_BODY).replace(/"/g, '&quot;')}" style="position:fixed;inset:0;width:100%;height:100%;border:0"></iframe>`;
    servePage(server, 'srcdoc.example.test', '/', html('Documents', frame));
    const page = await firefox.browser.newPage();
    await page.goto('https://srcdoc.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    await page.close();
  });

  test('Firefox: a top frame navigated to a blob: URL holding a clone gets the banner', async () => {
    const maker = `<script>setTimeout(() => {
      const page = ${JSON.stringify(html(CLONE_TITLE, CLONE_BODY))};
      location.href = URL.createObjectURL(new Blob([page], { type: 'text/html' }));
    }, 300);</script>`;
    servePage(server, 'files.example.test', '/open', html('Opening your document', `<p>Opening…</p>${maker}`));
    const page = await firefox.browser.newPage();
    await page.goto('https://files.example.test/open');
    await expect.poll(() => page.url(), DEADLINE).toMatch(/^blob:/);
    await expect.poll(() => bannerVerdict(page).catch(() => null), DEADLINE).toBe('danger');
    await page.close();
  });

  test('Firefox: a clone served as an SVG document gets a banner that is painted, at its own size', async () => {
    server.use((request) =>
      request.host === 'files.example.test' && request.pathname === '/invoice.svg'
        ? { headers: { 'content-type': 'image/svg+xml' }, body: svgDocumentClone() }
        : undefined,
    );
    const page = await firefox.browser.newPage();
    await page.setViewport({ width: 800, height: 600 });
    await page.goto('https://files.example.test/invoice.svg');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    const painted = async () => bannerBox(decodePng(Buffer.from(await page.screenshot())));
    await expect.poll(async () => (await painted())?.width ?? 0, DEADLINE).toBeGreaterThan(800 * 0.9);
    expect((await painted())!.height).toBeGreaterThan(80);
    await page.close();
  });

  test('Firefox: a hash-routed app that moves to #/oauth2/authorize and renders the approval gets the banner', async () => {
    const spa = `<h1>Deploy tools</h1><script>setTimeout(() => {
      location.hash = ${JSON.stringify(`#${ownAuthorizePath()}`)};
      document.body.insertAdjacentHTML('beforeend', '<p>Deploy Bot would like to access your account.</p><button>Accept</button>');
    }, 600);</script>`;
    servePage(server, 'hash.example.test', '/', html('Deploy tools', spa));
    const page = await firefox.browser.newPage();
    await page.goto('https://hash.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    await page.close();
  });

  test('Firefox: a full-page data: iframe holding a clone: the banner is in the top document', async () => {
    servePage(server, 'viewer.example.test', '/', html('Document viewer', dataFrame(INLINE_CLONE_PAGE)));
    const page = await firefox.browser.newPage();
    await page.goto('https://viewer.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    await page.close();
  });

  test("Firefox: a consent iframe whose banner the parent clips away: the frame's danger is shown in the top document", async () => {
    const framed = adoAuthorizeUrl('vso.code_write', 'app-vssps-visualstudio.com');
    const clip = `<h1>Connect your repository</h1><div style="overflow:hidden;height:320px;position:relative"><iframe src="${framed}" style="border:0;width:100%;height:900px;margin-top:-420px"></iframe></div>`;
    servePage(server, 'clip.example.test', '/', html('Connect your repository', clip));
    const page = await firefox.browser.newPage();
    await page.goto('https://clip.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    await page.close();
  });
});

test.describe('Firefox build, thorough mode (scanEveryPage set by policy)', () => {
  const DEADLINE = { timeout: 20_000 };
  let server: FixtureServer;
  let firefox: RunningFirefox;
  let scratch: string;
  test.beforeAll(async () => {
    // Starting Firefox takes most of a minute on a busy machine.
    test.setTimeout(120_000);
    scratch = mkdtempSync(path.join(tmpdir(), 'consent-guard-firefox-policy-'));
    const policies = path.join(scratch, 'policies.json');
    writeFileSync(policies, JSON.stringify({ policies: { '3rdparty': { Extensions: { 'consent-guard@consent-guard.example': { scanEveryPage: true } } } } }));
    server = await startFixtureServer([microsoftAssets, ...defaultRoutes]);
    firefox = await launchFirefox(server, policies);
  });
  test.afterAll(async () => {
    await firefox?.close();
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('Firefox: a browser-in-the-browser window with a fake login.microsoftonline.com address bar and a consent dialog gets the danger banner', async () => {
    servePage(server, 'team-board.example.test', '/', html('Team board', `<h1>Team board</h1><p>Connect the board.</p>${drawnWindow(CONSENT_CLONE_BODY)}`));
    const page = await firefox.browser.newPage();
    await page.goto('https://team-board.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    await page.close();
  });

  test('Firefox: a browser-in-the-browser window on a page whose first element is a frame named "browser" gets the danger banner', async () => {
    const body = `<iframe name="browser" src="about:blank" hidden></iframe><h1>Team board</h1>${drawnWindow(CONSENT_CLONE_BODY)}`;
    servePage(server, 'named-browser.example.test', '/', html('Team board', body));
    const page = await firefox.browser.newPage();
    await page.goto('https://named-browser.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    await page.close();
  });

  test('Firefox: a browser-in-the-browser consent dialog inside a closed shadow root gets the danger banner when the pointer reaches it', async () => {
    const app = `<h1>Team board</h1>${inClosedShadowRoot(drawnWindow(CONSENT_CLONE_BODY))}`;
    servePage(server, 'shadow-pointer.example.test', '/', html('Team board', app));
    const page = await firefox.browser.newPage();
    await page.goto('https://shadow-pointer.example.test/');
    await page.mouse.move(300, 200, { steps: 4 });
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    await page.close();
  });

  test('Firefox: an about:blank iframe filled with document.write gets the danger banner in the top document', async () => {
    const writer = `<script>setTimeout(() => {
      const frame = document.createElement('iframe');
      frame.style.cssText = 'position:fixed;inset:0;width:100%;height:100%;border:0;background:#fff';
      document.body.append(frame);
      frame.contentDocument.open();
      frame.contentDocument.write(${JSON.stringify(html('Sign in', INLINE_CLONE_BODY))});
      frame.contentDocument.close();
    }, 300);</script>`;
    servePage(server, 'doc-viewer.example.test', '/', html('Document viewer', `<p>Loading the document…</p>${writer}`));
    const page = await firefox.browser.newPage();
    await page.goto('https://doc-viewer.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    await page.close();
  });

  test('Firefox: an ordinary page with a login form gets no banner in thorough mode either', async () => {
    const forum =
      '<h1>Gardening forum</h1><form action="/login" method="post"><input name="user"><input type="password" name="pw"><button>Log in</button></form>';
    servePage(server, 'forum.example.test', '/', html('Gardening forum', forum));
    const page = await firefox.browser.newPage();
    await page.goto('https://forum.example.test/');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await bannerVerdict(page)).toBeNull();
    await page.close();
  });
});

test.describe('Firefox build with the shipped policies.json', () => {
  let server: FixtureServer;
  let firefox: RunningFirefox;
  test.beforeAll(async () => {
    server = await startFixtureServer(defaultRoutes);
    firefox = await launchFirefox(server, path.join(ROOT, 'docs/policy/firefox-policies.json'));
  });
  test.afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  test('Firefox: docs/policy/firefox-policies.json turns a lookalike into the block page, in the company’s name', async () => {
    const page = await firefox.browser.newPage();
    // The extension replaces the navigation with its block page before it commits: over WebDriver BiDi the
    // original navigation then never settles, so its promise is not awaited; the block page's title is.
    void page.goto(adoAuthorizeUrl('vso.code_write', 'app-vssps-visualstudio.com')).catch(() => undefined);
    await expect.poll(() => page.title().catch(() => ''), { timeout: 15_000 }).toBe('Blocked by Consent Guard');
    await expect.poll(() => page.evaluate(() => document.querySelector('h1')?.textContent ?? '')).toBe('Contoso blocked this page');
    await page.close();
  });
});
