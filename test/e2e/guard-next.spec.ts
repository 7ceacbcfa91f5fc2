/**
 * The next attacks (issue "Guard v2" follow-up): mechanisms an attacker who read docs/guard.md would try, each
 * asserted on what the user sees (the banner's verdict and text), with deadlines a slow, busy machine meets.
 * Timing belongs in `npm run bench`. The ordinary pages at the end must stay silent.
 */
import type { Page } from '@playwright/test';
import { attack } from '../hostile/attack-log';
import { CLONE_BODY, CLONE_TITLE, CONSENT_CLONE_BODY, INLINE_CLONE_BODY, html, microsoftAssets, servePage } from './guard-attack-pages';
import { INLINE_CLONE_PAGE, POPOVER_EVERY_FRAME, dataFrame, ownAuthorizePath, popupWriter, rewriteAfterLoad } from './guard-next-pages';
import { adoAuthorizeUrl, clickBannerButton, readBanner } from './guard-helpers';
import { expectBannerInEveryFrame, paintedFrames } from './guard-paint-helpers';
import { expect, test } from './harness/extension';

const LOOKALIKE = 'app-vssps-visualstudio.com';
const DEADLINE = { timeout: 15_000 };

/** The verdict of the banner host in the top document, as the page itself could see it. */
const topBanner = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-consent-guard]')?.getAttribute('data-consent-guard') ?? null).catch(() => null);
const bannerVerdict = async (page: Page) => (await readBanner(page).catch(() => null))?.verdict ?? null;

test.beforeEach(({ server }) => {
  server.use(microsoftAssets);
});

test('a page replaced by document.open()/write() after load with a clone gets the danger banner', async ({ context, server }) => {
  await attack('page', 'replaces its innocuous document with a clone through document.open()/write()', async () => {
    servePage(server, 'reader.example.test', '/', html('Reader', `<p>Loading your document…</p>${rewriteAfterLoad(INLINE_CLONE_PAGE)}`));
    const page = await context.newPage();
    await page.goto('https://reader.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
  });
});

test('a danger page that rewrites itself with document.open() and then opens its popover every frame: the banner is painted in every frame', async ({
  context,
  server,
}) => {
  await attack('page', 'document.open() (which drops every event listener), then a popover every frame', async () => {
    const path = '/rewrite/oauth2/authorize';
    servePage(
      server,
      LOOKALIKE,
      path,
      html(CLONE_TITLE, `${CLONE_BODY}${rewriteAfterLoad(html(CLONE_TITLE, `${INLINE_CLONE_BODY}${POPOVER_EVERY_FRAME}`), 600)}`),
    );
    const page = await context.newPage();
    await page.setViewportSize({ width: 800, height: 600 });
    await page.goto(adoAuthorizeUrl('vso.code_write', LOOKALIKE, 'https', path));
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    await expect.poll(() => page.evaluate(() => document.getElementById('tick') !== null), DEADLINE).toBe(true);
    await page.waitForTimeout(500);
    expectBannerInEveryFrame(await paintedFrames(page, 40));
    // document.open() dropped every handler in the document, the banner's buttons' too: they must work again.
    await clickBannerButton(page, 'Leave this page');
    await page.waitForURL('about:blank', DEADLINE);
  });
});

for (const target of ['', 'about:blank']) {
  test(`a popup opened with window.open(${JSON.stringify(target)}) and written by its opener gets the danger banner`, async ({ context, server }) => {
    await attack('page', `writes a clone into a window.open(${JSON.stringify(target)}) popup`, async () => {
      servePage(server, 'share.example.test', '/', popupWriter(target));
      const page = await context.newPage();
      await page.goto('https://share.example.test/');
      const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#open')]);
      await expect.poll(() => bannerVerdict(popup), DEADLINE).toBe('danger');
    });
  });
}

test('a full-page data: iframe holding a clone: the banner is in the top document', async ({ context, server }) => {
  await attack('page', 'shows an inline clone in a full-page data: iframe', async () => {
    servePage(server, 'viewer.example.test', '/', html('Document viewer', dataFrame(INLINE_CLONE_PAGE)));
    const page = await context.newPage();
    await page.goto('https://viewer.example.test/');
    await expect.poll(() => topBanner(page), DEADLINE).toBe('danger');
  });
});

for (const sandbox of ['', 'allow-forms', 'allow-scripts']) {
  test(`a full-page srcdoc frame sandboxed with "${sandbox}" holding a clone: the banner is in the top document`, async ({ context, server }) => {
    await attack('page', `shows its clone in a srcdoc frame sandboxed with "${sandbox}" (an opaque origin)`, async () => {
      const srcdoc = html(CLONE_TITLE, CLONE_BODY).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
      const frame = `<iframe sandbox="${sandbox}" srcdoc="${srcdoc}" style="position:fixed;inset:0;width:100%;height:100%;border:0"></iframe>`;
      servePage(server, 'sandboxed.example.test', '/', html('Documents', frame));
      const page = await context.newPage();
      await page.goto('https://sandboxed.example.test/');
      await expect.poll(() => topBanner(page), DEADLINE).toBe('danger');
    });
  });
}

test('a clone served with "Content-Security-Policy: sandbox" (an opaque origin for the whole page) gets the danger banner', async ({ context, server }) => {
  await attack('page', 'serves its clone under a CSP sandbox, so the document has an opaque origin', async () => {
    server.use((request) =>
      request.host === 'csp-sandbox.example.test'
        ? { headers: { 'content-type': 'text/html', 'content-security-policy': 'sandbox allow-forms' }, body: html(CLONE_TITLE, CLONE_BODY) }
        : undefined,
    );
    const page = await context.newPage();
    await page.goto('https://csp-sandbox.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
  });
});

test('a clone on an ordinary host that writes its brand and title in look-alike letters and invisible characters gets the danger banner', async ({
  context,
  server,
}) => {
  await attack('page', 'writes "Microsoft" with Cyrillic letters and zero-width characters so no word matches', async () => {
    // Nothing else tells: the logo is inline, the fields have their own names, the address says nothing.
    const brand = 'Micr\u043Eso\u200Bft'; // a Cyrillic о and a zero-width space
    const title = 'S\u0456gn \u0456n to your \u0430ccount'; // Cyrillic і and а
    const body = `<img alt="${brand}" width="108" height="24" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><h1>Sign in to your ${brand} account</h1>
      <form action="/collect" method="post"><input type="email" name="user"><input type="password" name="secret"><button>Sign in</button></form>`;
    servePage(server, 'docs-share.example.test', '/', html(title, body));
    const page = await context.newPage();
    await page.goto('https://docs-share.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    expect((await readBanner(page))!.findings).toContain('microsoft-branding-off-host');
  });
});

test('a consent clone in a <dialog> opened late (showModal after load) gets the danger banner', async ({ context, server }) => {
  await attack('page', 'opens its clone in a dialog only after load', async () => {
    const body = `<h1>Project board</h1><dialog id="d">${CONSENT_CLONE_BODY}</dialog><script>setTimeout(() => document.getElementById('d').showModal(), 800);</script>`;
    servePage(server, 'board.example.test', '/', html('Permissions requested', body));
    const page = await context.newPage();
    await page.goto('https://board.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
  });
});

test('a page that replaceState()s to an authorize address and renders the approval gets the danger banner', async ({ context, server }) => {
  await attack('url', 'replaceState to an authorize URL', async () => {
    const spa = `<h1>Deploy tools</h1><script>setTimeout(() => {
      history.replaceState(null, '', ${JSON.stringify(ownAuthorizePath())});
      document.body.insertAdjacentHTML('beforeend', '<p>Deploy Bot would like to access your account.</p><button>Accept</button>');
    }, 600);</script>`;
    servePage(server, 'replace.example.test', '/', html('Deploy tools', spa));
    const page = await context.newPage();
    await page.goto('https://replace.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
  });
});

test('a hash-routed app that moves to #/oauth2/authorize and renders the approval gets the danger banner', async ({ context, server }) => {
  await attack('url', 'location.hash to an authorize route', async () => {
    const spa = `<h1>Deploy tools</h1><script>setTimeout(() => {
      location.hash = ${JSON.stringify(`#${ownAuthorizePath()}`)};
      document.body.insertAdjacentHTML('beforeend', '<p>Deploy Bot would like to access your account.</p><button>Accept</button>');
    }, 600);</script>`;
    servePage(server, 'hash.example.test', '/', html('Deploy tools', spa));
    const page = await context.newPage();
    await page.goto('https://hash.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
  });
});

test('a clone that appears only after the user clicks gets the danger banner', async ({ context, server }) => {
  await attack('page', 'becomes a clone only after a click', async () => {
    const body = `<h1>Invoice</h1><button id="view">View invoice</button><script>document.getElementById('view').addEventListener('click', () => {
      document.title = ${JSON.stringify(CLONE_TITLE)}; document.body.innerHTML = ${JSON.stringify(INLINE_CLONE_BODY)};
    });</script>`;
    servePage(server, 'invoice.example.test', '/', html('Invoice', body));
    const page = await context.newPage();
    await page.goto('https://invoice.example.test/');
    await page.click('#view');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
  });
});

test('a consent frame two cross-origin frames deep: the danger is shown in the top document', async ({ context, server }) => {
  await attack('page', 'nests the consent clone two cross-origin frames deep', async () => {
    const inner = adoAuthorizeUrl('vso.code_write', LOOKALIKE);
    servePage(
      server,
      'middle.example.test',
      '/',
      html('Widget', `<iframe src="${inner.replace(/&/g, '&amp;')}" style="width:100%;height:600px;border:0"></iframe>`),
    );
    servePage(
      server,
      'outer.example.test',
      '/',
      html('Dashboard', '<h1>Dashboard</h1><iframe src="https://middle.example.test/" style="width:100%;height:640px;border:0"></iframe>'),
    );
    const page = await context.newPage();
    await page.goto('https://outer.example.test/');
    await expect.poll(() => topBanner(page), DEADLINE).toBe('danger');
  });
});

for (const [name, script] of [
  [
    'document.documentElement.replaceWith()',
    `const root = document.createElement('html'); root.innerHTML = '<body><p>Nothing here</p></body>'; document.documentElement.replaceWith(root);`,
  ],
  [
    'document.replaceChildren()',
    `const root = document.createElement('html'); root.innerHTML = '<body><p>Nothing here</p></body>'; document.replaceChildren(); document.append(root);`,
  ],
] as const) {
  test(`a danger page that swaps its root with ${name} keeps the banner`, async ({ context, server }) => {
    await attack('page', `strips the banner's host with ${name}`, async () => {
      const path = `/swap-${name.length}/oauth2/authorize`;
      servePage(
        server,
        LOOKALIKE,
        path,
        html(CLONE_TITLE, `${CLONE_BODY}<script>addEventListener('load', () => setTimeout(() => { ${script} window.swapped = true; }, 600));</script>`),
      );
      const page = await context.newPage();
      await page.goto(adoAuthorizeUrl('vso.code_write', LOOKALIKE, 'https', path));
      await expect.poll(() => page.evaluate(() => (window as unknown as { swapped?: boolean }).swapped === true), DEADLINE).toBe(true);
      await expect.poll(() => topBanner(page), DEADLINE).toBe('danger');
    });
  });
}

test('a clone reached again with Back (back/forward cache) still shows the danger banner', async ({ context, server }) => {
  await attack('page', 'comes back from the back/forward cache', async () => {
    const path = '/bfcache/oauth2/authorize';
    servePage(server, LOOKALIKE, path, html(CLONE_TITLE, CLONE_BODY));
    servePage(server, 'elsewhere.example.test', '/', html('Elsewhere', '<p>Elsewhere</p>'));
    const page = await context.newPage();
    await page.goto(adoAuthorizeUrl('vso.code_write', LOOKALIKE, 'https', path));
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
    await page.goto('https://elsewhere.example.test/');
    await page.goBack();
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
  });
});

test("a clone whose title flaps between innocuous and Microsoft's in a loop still gets the danger banner", async ({ context, server }) => {
  await attack('page', 'flaps document.title in a loop', async () => {
    const body = `${INLINE_CLONE_BODY}<script>let n = 0; setInterval(() => { document.title = n++ % 2 ? ${JSON.stringify(CLONE_TITLE)} : 'Invoice'; }, 20);</script>`;
    servePage(server, 'flap.example.test', '/', html('Invoice', body));
    const page = await context.newPage();
    await page.goto('https://flap.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
  });
});

test('a clone that puts its own elements where the browser API would be (DOM clobbering) still gets the danger banner', async ({ context, server }) => {
  await attack('page', 'clobbers `browser` with <form id="browser"><input name="runtime"><input name="sendMessage">', async () => {
    const clobber = '<form id="browser"><input name="runtime" id="runtime"><input name="sendMessage"></form>';
    servePage(server, 'clobber.example.test', '/', html(CLONE_TITLE, `${clobber}${CLONE_BODY}`));
    const page = await context.newPage();
    await page.goto('https://clobber.example.test/');
    // Nothing in the address: danger needs the guard's report of the page's branding, sent through the runtime.
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
  });
});

for (const frameName of ['chrome', 'browser']) {
  test(`a clone that names a frame "${frameName}" (the browser API's own name) still gets the danger banner, and its buttons still work`, async ({
    context,
    server,
  }) => {
    await attack('page', `shadows the browser API's name with <iframe name="${frameName}"> before the guard starts`, async () => {
      const host = `frame-${frameName}.example.test`;
      // The frame comes first, so it is in the document before any script of ours can run there.
      servePage(server, host, '/', html(CLONE_TITLE, `<iframe name="${frameName}" src="about:blank" hidden></iframe>${CLONE_BODY}`));
      const page = await context.newPage();
      await page.goto(`https://${host}/`);
      // Nothing in the address: danger needs the guard's report of the page's branding.
      await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
      // In the user's language, not message keys: the guard there has no i18n API either.
      expect((await readBanner(page))?.text).toContain('Microsoft');
      // What the user does with the banner must reach the background too.
      await clickBannerButton(page, 'Leave this page');
      await page.waitForURL('about:blank', DEADLINE);
    });
  });
}

test('a clone whose frame named "chrome" shows another site (reading anything of it throws) still gets the danger banner', async ({ context, server }) => {
  await attack('page', 'shadows the browser API\'s name with a cross-origin <iframe name="chrome">', async () => {
    servePage(server, 'elsewhere.example.test', '/', html('Elsewhere', '<p>another site</p>'));
    const body = `<iframe name="chrome" src="https://elsewhere.example.test/" hidden></iframe>${CLONE_BODY}`;
    servePage(server, 'frame-cross.example.test', '/', html(CLONE_TITLE, body));
    const page = await context.newPage();
    // Chromium 156 sometimes crashes the page's renderer when an extension's world is made there: the clone is
    // gone then, which is as good for the user. What must not happen is the clone staying up without its banner.
    // (A crashed page never answers a look at it, so the crash is raced against the banner.)
    const crash = new Promise<string>((resolve) => page.once('crash', () => resolve('the page crashed')));
    await Promise.race([page.goto('https://frame-cross.example.test/').catch(() => undefined), crash]);
    const banner = expect
      .poll(() => bannerVerdict(page), DEADLINE)
      .toBe('danger')
      .then(
        () => 'the danger banner',
        () => 'no banner',
      );
    expect(['the danger banner', 'the page crashed']).toContain(await Promise.race([banner, crash]));
  });
});

test('a page that adds a frame named "chrome" after the guard started, then renders the clone, still gets the danger banner', async ({ context, server }) => {
  await attack('page', 'adds <iframe name="chrome"> once the guard runs, then turns into a clone', async () => {
    const later = `<div id="later"></div><script>
      setTimeout(() => {
        const frame = document.createElement('iframe');
        frame.name = 'chrome';
        frame.hidden = true;
        document.body.append(frame);
        setTimeout(() => { document.getElementById('later').innerHTML = ${JSON.stringify(CLONE_BODY)}; }, 300);
      }, 500);
    </script>`;
    servePage(server, 'frame-later.example.test', '/', html(CLONE_TITLE, `<p>Loading…</p>${later}`));
    const page = await context.newPage();
    await page.goto('https://frame-later.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
  });
});

test('a clone whose branding is only in aria-label and CSS content (no logo file, no branded text node) gets the danger banner', async ({
  context,
  server,
}) => {
  await attack('page', 'puts its branding only in aria-label and CSS content', async () => {
    const css = '<style>.t::before{content:"Sign in to your Microsoft account";font:24px sans-serif}.sq{display:inline-block;width:10px;height:10px}</style>';
    const body = `<div role="img" aria-label="Microsoft"><span class="sq" style="background:#f25022"></span><span class="sq" style="background:#7fba00"></span></div>
      <h1 class="t"></h1><canvas width="200" height="20" aria-label="Enter your password"></canvas>
      <form action="/c" method="post"><input type="email" name="u"><input type="password" name="p"><button>Next</button></form>`;
    servePage(server, 'imgclone.example.test', '/', html(CLONE_TITLE, body, css));
    const page = await context.newPage();
    await page.goto('https://imgclone.example.test/');
    await expect.poll(() => bannerVerdict(page), DEADLINE).toBe('danger');
  });
});

test('a danger page that freezes its main thread for seconds while loading still gets the banner once it lets go', async ({ context, server }) => {
  await attack('page', 'freezes the main thread as the banner would mount', async () => {
    const path = '/freeze/oauth2/authorize';
    const freeze = '<script>const until = performance.now() + 3000; while (performance.now() < until) {}</script>';
    servePage(server, LOOKALIKE, path, html(CLONE_TITLE, `${freeze}${CLONE_BODY}${freeze}`));
    const page = await context.newPage();
    await page.goto(adoAuthorizeUrl('vso.code_write', LOOKALIKE, 'https', path), { waitUntil: 'commit' });
    await expect.poll(() => bannerVerdict(page), { timeout: 25_000 }).toBe('danger');
  });
});

test.describe('ordinary pages stay silent', () => {
  /** Long enough for every signal the page gives to have been judged (the clones above are bannered well within it). */
  const settle = (page: Page) => page.waitForLoadState('load').then(() => page.waitForTimeout(2000));

  test('a news article titled about Microsoft, with a "Sign in with Microsoft" button, gets no banner', async ({ context, server }) => {
    const body = `<header><a href="/">Tech Daily</a><button class="ms-signin"><img alt="Microsoft" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="16" height="16"> Sign in with Microsoft</button></header>
      <article><h1>Microsoft unveils a new Azure DevOps pricing plan</h1><p>Microsoft said on Tuesday that Azure DevOps will…</p></article>`;
    servePage(server, 'techdaily.example.test', '/2026/12/azure-devops-pricing', html('Microsoft unveils a new Azure DevOps pricing plan – Tech Daily', body));
    const page = await context.newPage();
    await page.goto('https://techdaily.example.test/2026/12/azure-devops-pricing');
    await settle(page);
    expect(await bannerVerdict(page)).toBeNull();
  });

  test('a hash-routed docs site on the OAuth authorize endpoint and its scopes gets no banner', async ({ context, server }) => {
    const body = `<nav><a href="#/">Home</a></nav><main><h1>The authorize endpoint</h1><p>Send the user to the authorize endpoint with these parameters:</p>
      <pre><code>GET https://app.vssps.visualstudio.com/oauth2/authorize?client_id={app id}&amp;response_type=Assertion&amp;scope=vso.code</code></pre>
      <table><tr><td>scope</td><td>Space-separated scopes, e.g. vso.code_write</td></tr></table></main>`;
    servePage(server, 'devdocs.example.test', '/', html('OAuth scopes – Dev docs', body));
    const page = await context.newPage();
    await page.goto('https://devdocs.example.test/#/oauth2/authorize?id=scope-parameter');
    await settle(page);
    expect(await bannerVerdict(page)).toBeNull();
  });

  test('a page that opens a blank popup for its own print preview gets no banner there', async ({ context, server }) => {
    const body = `<h1>Order 1234</h1><button id="print">Print</button><script>document.getElementById('print').addEventListener('click', () => {
      const preview = window.open('', 'print', 'popup,width=600,height=600');
      preview.document.write('<!doctype html><title>Order 1234</title><h1>Order 1234</h1><p>2 × coffee beans</p>');
      preview.document.close();
    });</script>`;
    servePage(server, 'shop.example.test', '/order', html('Your order', body));
    const page = await context.newPage();
    await page.goto('https://shop.example.test/order');
    const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#print')]);
    await settle(popup);
    expect(await bannerVerdict(popup)).toBeNull();
  });

  test('a page with an ordinary data: frame (an embedded chart) gets no banner', async ({ context, server }) => {
    const chart = html('Chart', '<svg width="300" height="100"><rect width="120" height="80" fill="#36c"/></svg><p>Sales by month</p>');
    servePage(
      server,
      'reports.example.test',
      '/',
      html(
        'Quarterly report',
        `<h1>Quarterly report</h1>${dataFrame(chart).replace('position:fixed;inset:0;width:100%;height:100%', 'width:320px;height:140px')}`,
      ),
    );
    const page = await context.newPage();
    await page.goto('https://reports.example.test/');
    await settle(page);
    expect(await bannerVerdict(page)).toBeNull();
  });
});
