/**
 * Every way a clone tried to start too late or outside the guard's reach (issue "Guard v2", part 1), in real
 * Chromium: each page must end with the danger banner the user sees. Timing bounds live in `npm run bench`;
 * here the deadlines are generous, so a busy machine cannot fail a test.
 */
import type { Page, Worker } from '@playwright/test';
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
} from './guard-attack-pages';
import { adoAuthorizeUrl, badgeFor, readBanner } from './guard-helpers';
import { expect, test } from './harness/extension';

const LOOKALIKE = 'app-vssps-visualstudio.com';
const DEADLINE = { timeout: 15_000 };

/** The verdict of the banner host in the top document, as the page itself could see it. */
const topBanner = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-consent-guard]')?.getAttribute('data-consent-guard') ?? null).catch(() => null);

test.beforeEach(({ server }) => {
  server.use(microsoftAssets);
});

test('a page that is innocuous at load and becomes a clone later (title and DOM changed by a timer) gets the danger banner', async ({ context, server }) => {
  const late = `<script>setTimeout(() => { document.title = ${JSON.stringify(CLONE_TITLE)}; document.body.innerHTML = ${JSON.stringify(CLONE_BODY)}; }, 800);</script>`;
  servePage(server, 'late-clone.example.test', '/', html('Welcome', `<h1>Welcome</h1><p>Nothing to see.</p>${late}`));
  const page = await context.newPage();
  await page.goto('https://late-clone.example.test/');
  expect(await topBanner(page)).toBeNull();
  await expect.poll(async () => (await readBanner(page))?.verdict, DEADLINE).toBe('danger');
  expect((await readBanner(page))!.findings).toContain('microsoft-branding-off-host');
});

test("a page whose address and title say nothing and that later renders a clone hotlinking Microsoft's sign-in assets gets the danger banner", async ({
  context,
  server,
}) => {
  // No title change and nothing in the address: the only signal the background gets is the request for the logo.
  const late = `<script>setTimeout(() => { document.body.insertAdjacentHTML('beforeend', ${JSON.stringify(CLONE_BODY)}); }, 800);</script>`;
  servePage(server, 'quiet-page.example.test', '/', html('Welcome', `<h1>Welcome</h1><p>Nothing to see.</p>${late}`));
  const page = await context.newPage();
  await page.goto('https://quiet-page.example.test/');
  expect(await topBanner(page)).toBeNull();
  await expect.poll(async () => (await readBanner(page))?.verdict, DEADLINE).toBe('danger');
  expect(await page.title()).toBe('Welcome');
});

test('a clone that keeps changing after the guard started is judged again (the guard watches the DOM)', async ({ context, server }) => {
  // "login" in the host starts the guard at commit; the page shows the clone only later, without a new title.
  const late = `<script>setTimeout(() => { document.body.insertAdjacentHTML('beforeend', ${JSON.stringify(CLONE_BODY)}); }, 1200);</script>`;
  servePage(server, 'login-help.example.test', '/', html('Microsoft account help', `<h1>Help</h1>${late}`));
  const page = await context.newPage();
  await page.goto('https://login-help.example.test/');
  await expect.poll(async () => (await readBanner(page))?.verdict, DEADLINE).toBe('danger');
});

test('a page that never finishes loading (the server keeps the connection open) gets its banner', async ({ context, server }) => {
  const path = '/never/oauth2/authorize';
  serveNeverFinishing(server, LOOKALIKE, path, `<!doctype html><html><head><title>${CLONE_TITLE}</title></head><body>${CLONE_BODY}`);
  const page = await context.newPage();
  await page.goto(adoAuthorizeUrl('vso.code_write', LOOKALIKE, 'https', path), { waitUntil: 'commit' });
  await expect.poll(async () => (await readBanner(page))?.verdict, DEADLINE).toBe('danger');
  // Still loading: the banner did not wait for DOMContentLoaded.
  expect(await page.evaluate(() => document.readyState)).toBe('loading');
});

test('a page that calls window.stop() gets its banner', async ({ context, server }) => {
  const path = '/stop/oauth2/authorize';
  servePage(server, LOOKALIKE, path, html(CLONE_TITLE, CLONE_BODY, '<script>window.stop();</script>'));
  const page = await context.newPage();
  await page.goto(adoAuthorizeUrl('vso.code_write', LOOKALIKE, 'https', path), { waitUntil: 'commit' });
  await expect.poll(async () => (await readBanner(page))?.verdict, DEADLINE).toBe('danger');
});

test('a single-page app that pushes an authorize URL into its history gets the banner; the badge agrees', async ({ context, server, serviceWorker }) => {
  const spa = `<h1>Deploy tools</h1><script>setTimeout(() => {
    history.pushState(null, '', '/oauth2/authorize?client_id=7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11&response_type=Assertion&scope=vso.code_full&redirect_uri=https%3A%2F%2Fspa.example.test%2Fcb');
    document.body.insertAdjacentHTML('beforeend', '<p>Deploy Bot would like to access your account.</p><button>Accept</button>');
  }, 600);</script>`;
  servePage(server, 'spa.example.test', '/', html('Deploy tools', spa));
  const page = await context.newPage();
  await page.goto('https://spa.example.test/');
  await expect.poll(async () => (await readBanner(page))?.verdict, DEADLINE).toBe('danger');
  await expect.poll(() => badgeFor(serviceWorker, page.url()).then((badge) => badge?.text), DEADLINE).toBe('✕');
});

test('a top frame navigated to a blob: URL holding a clone gets the banner', async ({ context, server }) => {
  const maker = `<script>setTimeout(() => {
    const page = ${JSON.stringify(html(CLONE_TITLE, CLONE_BODY))};
    location.href = URL.createObjectURL(new Blob([page], { type: 'text/html' }));
  }, 300);</script>`;
  servePage(server, 'files.example.test', '/open', html('Opening your document', `<p>Opening…</p>${maker}`));
  const page = await context.newPage();
  await page.goto('https://files.example.test/open');
  await page.waitForURL(/^blob:/, DEADLINE);
  await expect.poll(async () => (await readBanner(page))?.verdict, DEADLINE).toBe('danger');
});

test('a full-page srcdoc iframe holding a clone: the banner is in the top document', async ({ context, server }) => {
  const frame = `<iframe srcdoc="${html(CLONE_TITLE, CLONE_BODY).replace(/"/g, '&quot;')}" style="position:fixed;inset:0;width:100%;height:100%;border:0"></iframe>`;
  servePage(server, 'srcdoc.example.test', '/', html('Documents', frame));
  const page = await context.newPage();
  await page.goto('https://srcdoc.example.test/');
  await expect.poll(() => topBanner(page), DEADLINE).toBe('danger');
});

test("a clone rendered inside the page's own closed shadow root gets the danger banner (the guard reads closed roots)", async ({ context, server }) => {
  // The title starts the guard; on its own it is not enough for danger. What decides is inside a root no page script can open.
  const app = inClosedShadowRoot(INLINE_CLONE_BODY);
  servePage(server, 'closed-root.example.test', '/', html(CLONE_TITLE, app));
  const page = await context.newPage();
  await page.goto('https://closed-root.example.test/');
  // The page's own scripts cannot see the clone.
  expect(await page.evaluate(() => document.getElementById('app')!.shadowRoot)).toBeNull();
  await expect.poll(async () => (await readBanner(page))?.verdict, DEADLINE).toBe('danger');
  expect((await readBanner(page))!.findings).toContain('microsoft-branding-off-host');
});

test("a consent iframe whose banner the parent clips away: the frame's danger is shown in the top document", async ({ context, server }) => {
  const framed = adoAuthorizeUrl('vso.code_write', LOOKALIKE);
  // Only the lower part of the frame is visible: a banner at the frame's top edge would never be seen.
  const clip = `<h1>Connect your repository</h1><div style="overflow:hidden;height:320px;position:relative"><iframe src="${framed}" style="border:0;width:100%;height:900px;margin-top:-420px"></iframe></div>`;
  servePage(server, 'clip.example.test', '/', html('Connect your repository', clip));
  const page = await context.newPage();
  await page.goto('https://clip.example.test/');
  await expect.poll(() => topBanner(page), DEADLINE).toBe('danger');
});

async function setThoroughMode(worker: Worker, on: boolean): Promise<void> {
  await worker.evaluate(async (enabled) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const chrome = (globalThis as unknown as { chrome: any }).chrome;
    const current = ((await chrome.storage.local.get('userSettings')).userSettings ?? {}) as Record<string, unknown>;
    await chrome.storage.local.set({ userSettings: { trustedClientIds: [], ...current, scanEveryPage: enabled } });
  }, on);
  await expect
    .poll(
      () =>
        worker.evaluate(
          async () =>
            (
              await (
                globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(filter: { ids: string[] }): Promise<unknown[]> } } }
              ).chrome.scripting.getRegisteredContentScripts({ ids: ['consent-guard-page-scan'] })
            ).length,
        ),
      DEADLINE,
    )
    .toBe(on ? 1 : 0);
}

test.describe('thorough mode (scanEveryPage)', () => {
  test.afterEach(async ({ serviceWorker }) => {
    await setThoroughMode(serviceWorker, false);
  });

  test('an inline browser-in-the-browser window with a fake login.microsoftonline.com address bar gets the danger banner', async ({
    context,
    server,
    serviceWorker,
  }) => {
    await setThoroughMode(serviceWorker, true);
    const bitb = `<h1>Shared files</h1><p>Sign in to view the shared document.</p>
      <div style="position:fixed;left:20%;top:10%;width:480px;border:1px solid #999;box-shadow:0 8px 30px #0005;background:#fff">
        <div style="background:#eee;padding:4px 8px;font:12px sans-serif">🔒 https://login.microsoftonline.com/common/oauth2/v2.0/authorize</div>
        <div style="padding:24px"><img alt="Microsoft" width="108" height="24" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><h2>Sign in</h2>
        <input type="email" placeholder="Email, phone, or Skype"><input type="password"><button>Next</button></div></div>`;
    servePage(server, 'shared-files.example.test', '/', html('Shared files', bitb));
    const page = await context.newPage();
    await page.goto('https://shared-files.example.test/');
    await expect.poll(() => topBanner(page), DEADLINE).toBe('danger');
    expect((await readBanner(page))!.findings).toContain('microsoft-branding-off-host');
    expect((await readBanner(page))!.text).toContain('address bar');
  });

  test('a browser-in-the-browser window holding a consent dialog (no field to type into) gets the danger banner', async ({
    context,
    server,
    serviceWorker,
  }) => {
    await setThoroughMode(serviceWorker, true);
    servePage(
      server,
      'team-board.example.test',
      '/',
      html('Team board', `<h1>Team board</h1><p>Connect the board to your repositories.</p>${drawnWindow(CONSENT_CLONE_BODY)}`),
    );
    const page = await context.newPage();
    await page.goto('https://team-board.example.test/');
    await expect.poll(() => topBanner(page), DEADLINE).toBe('danger');
    expect((await readBanner(page))!.findings).toContain('microsoft-branding-off-host');
  });

  // The scan's other two ways to see the brand: a logo file named so (no alt text) and the four squares drawn inline.
  const unlabelledLogos = {
    'an image file named as Microsoft’s logo': '<img width="108" height="24" src="/assets/microsoft_logo.png">',
    'Microsoft’s four squares drawn as SVG': `<svg width="21" height="21" viewBox="0 0 21 21"><rect x="1" y="1" width="9" height="9" fill="#F25022"/>
      <rect x="11" y="1" width="9" height="9" fill="#7fba00"/><rect x="1" y="11" width="9" height="9" fill="#00a4ef"/><rect x="11" y="11" width="9" height="9" fill="#ffb900"/></svg>`,
  };
  for (const [logoForm, logo] of Object.entries(unlabelledLogos)) {
    test(`a browser-in-the-browser consent dialog whose only brand is ${logoForm} gets the danger banner`, async ({ context, server, serviceWorker }) => {
      await setThoroughMode(serviceWorker, true);
      const dialog = CONSENT_CLONE_BODY.replace(/<img[^>]*>/, logo);
      servePage(server, 'wiki-hub.example.test', '/', html('Wiki hub', `<h1>Wiki hub</h1><p>Connect the wiki to your repositories.</p>${drawnWindow(dialog)}`));
      const page = await context.newPage();
      await page.goto('https://wiki-hub.example.test/');
      await expect.poll(() => topBanner(page), DEADLINE).toBe('danger');
    });
  }

  test('a browser-in-the-browser consent dialog drawn harmless and branded later by setAttribute() gets the danger banner', async ({
    context,
    server,
    serviceWorker,
  }) => {
    await setThoroughMode(serviceWorker, true);
    // No element is added or removed after the first look: only the logo's alt text changes.
    const dialog = CONSENT_CLONE_BODY.replace('alt="Microsoft"', 'alt="Logo" id="logo"');
    const later = `<script>setTimeout(() => document.getElementById('logo').setAttribute('alt', 'Microsoft'), 600);</script>`;
    servePage(server, 'late-brand.example.test', '/', html('Team board', `<h1>Team board</h1>${drawnWindow(dialog)}${later}`));
    const page = await context.newPage();
    await page.goto('https://late-brand.example.test/');
    await expect.poll(() => topBanner(page), DEADLINE).toBe('danger');
  });

  for (const frameName of ['chrome', 'browser']) {
    test(`a browser-in-the-browser window on a page whose first element is a frame named "${frameName}" still gets the danger banner`, async ({
      context,
      server,
      serviceWorker,
    }) => {
      await setThoroughMode(serviceWorker, true);
      // A world made after that frame exists takes the frame for the browser API: the scan would be deaf, and with
      // an innocuous address and title nothing else tells the background.
      const body = `<iframe name="${frameName}" src="about:blank" hidden></iframe><h1>Team board</h1>${drawnWindow(CONSENT_CLONE_BODY)}`;
      servePage(server, `named-${frameName}.example.test`, '/', html('Team board', body));
      const page = await context.newPage();
      await page.goto(`https://named-${frameName}.example.test/`);
      await expect.poll(() => topBanner(page), DEADLINE).toBe('danger');
    });
  }

  const reachedBy = {
    pointer: (page: Page) => page.mouse.move(300, 200, { steps: 4 }),
    keyboard: async (page: Page) => {
      for (let press = 0; press < 3; press++) await page.keyboard.press('Tab');
    },
  };
  for (const [way, reach] of Object.entries(reachedBy)) {
    test(`a browser-in-the-browser consent dialog inside a closed shadow root gets the danger banner when the ${way} reaches it`, async ({
      context,
      server,
      serviceWorker,
    }) => {
      await setThoroughMode(serviceWorker, true);
      // No address, title, request or light-DOM element tells anything: the dialog is where no selector of the page reaches.
      const app = `<h1>Team board</h1>${inClosedShadowRoot(drawnWindow(CONSENT_CLONE_BODY))}`;
      servePage(server, `shadow-${way}.example.test`, '/', html('Team board', app));
      const page = await context.newPage();
      await page.goto(`https://shadow-${way}.example.test/`);
      expect(await page.evaluate(() => document.getElementById('app')!.shadowRoot)).toBeNull();
      await reach(page);
      await expect.poll(() => topBanner(page), DEADLINE).toBe('danger');
    });
  }

  test('an about:blank iframe filled with document.write: the clone in it gets the danger banner in the top document', async ({
    context,
    server,
    serviceWorker,
  }) => {
    await setThoroughMode(serviceWorker, true);
    // Inline only: no address, title or request tells the background anything; only the frame's DOM does.
    const writer = `<script>setTimeout(() => {
      const frame = document.createElement('iframe');
      frame.style.cssText = 'position:fixed;inset:0;width:100%;height:100%;border:0;background:#fff';
      document.body.append(frame);
      frame.contentDocument.open();
      frame.contentDocument.write(${JSON.stringify(html('Sign in', INLINE_CLONE_BODY))});
      frame.contentDocument.close();
    }, 300);</script>`;
    servePage(server, 'doc-viewer.example.test', '/', html('Document viewer', `<p>Loading the document…</p>${writer}`));
    const page = await context.newPage();
    await page.goto('https://doc-viewer.example.test/');
    await expect.poll(() => page.frames().length, DEADLINE).toBe(2);
    await expect.poll(() => topBanner(page), DEADLINE).toBe('danger');
  });

  for (const element of ['iframe', 'object', 'embed']) {
    test(`a full-page <${element}> showing an inline clone from the same ordinary host gets the danger banner in the top document`, async ({
      context,
      server,
      serviceWorker,
    }) => {
      await setThoroughMode(serviceWorker, true);
      // Nothing for the background: an ordinary host, an ordinary title on top, no request for Microsoft's assets.
      const fill = 'style="position:fixed;inset:0;width:100%;height:100%;border:0"';
      const frame = {
        iframe: `<iframe src="/view" ${fill}></iframe>`,
        object: `<object type="text/html" data="/view" ${fill}></object>`,
        embed: `<embed type="text/html" src="/view" ${fill}>`,
      }[element];
      servePage(server, 'files-viewer.example.test', '/view', html('Sign in', INLINE_CLONE_BODY));
      servePage(server, 'files-viewer.example.test', '/', html('Documents', frame!));
      const page = await context.newPage();
      await page.goto('https://files-viewer.example.test/');
      await expect.poll(() => topBanner(page), DEADLINE).toBe('danger');
    });
  }

  for (const [how, fill] of [
    ['through innerHTML (no document.write, no navigation at all)', `const d = f.contentDocument; d.title = 'Sign in'; d.body.innerHTML = CLONE;`],
    ['by a javascript: URL', `f.src = 'javascript:parent.CLONE_PAGE';`],
  ] as const) {
    test(`a blank frame filled ${how}: the clone in it gets the danger banner in the top document`, async ({ context, server, serviceWorker }) => {
      await setThoroughMode(serviceWorker, true);
      const writer = `<script>const CLONE = ${JSON.stringify(INLINE_CLONE_BODY)}; window.CLONE_PAGE = ${JSON.stringify(html('Sign in', INLINE_CLONE_BODY))};
        setTimeout(() => {
          const f = document.createElement('iframe');
          f.style.cssText = 'position:fixed;inset:0;width:100%;height:100%;border:0;background:#fff';
          document.body.append(f);
          ${fill}
        }, 300);</script>`;
      servePage(server, 'blank-filler.example.test', '/', html('Document viewer', `<p>Loading the document…</p>${writer}`));
      const page = await context.newPage();
      await page.goto('https://blank-filler.example.test/');
      await expect.poll(() => topBanner(page), DEADLINE).toBe('danger');
    });
  }

  test('an ordinary page with a login form gets no banner in thorough mode either', async ({ context, server, serviceWorker }) => {
    await setThoroughMode(serviceWorker, true);
    servePage(
      server,
      'forum.example.test',
      '/',
      html(
        'Gardening forum',
        '<h1>Gardening forum</h1><form action="/login" method="post"><input name="user"><input type="password" name="pw"><button>Log in</button></form>',
      ),
    );
    const page = await context.newPage();
    await page.goto('https://forum.example.test/');
    await page.waitForTimeout(1500);
    expect(await topBanner(page)).toBeNull();
  });
});
