/**
 * Clones opened from a file on this computer: an HTML attachment saved and opened, HTML smuggling (the file
 * decodes its clone by script, or hands it to a blob: document). The browser tells the background only that a
 * file opened; the guard looks inside, and the banner says the page is a file, not a website.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { attack } from '../hostile/attack-log';
import { CLONE_BODY, CLONE_TITLE, html, microsoftAssets, svgDocumentClone } from './guard-attack-pages';
import { badgeFor, clickBannerButton, readBanner, recordExtensionScripts } from './guard-helpers';
import { expect, test } from './harness/extension';

const DEADLINE = { timeout: 15_000 };
const GUARD = 'src/content/guard-main.js';

/** Writes `content` as a file in the test's own output folder and returns its file: URL. */
function localFile(name: string, content: string): string {
  const path = test.info().outputPath(name);
  writeFileSync(path, content);
  return pathToFileURL(path).href;
}

/** The clone as an HTML smuggling kit carries it: base64 in a script, decoded once the file has opened. */
const smuggled = (deliver: string) =>
  html(
    'Document',
    `<p>Opening your document…</p><script>setTimeout(() => { const clone = new TextDecoder().decode(Uint8Array.from(atob('${Buffer.from(
      html(CLONE_TITLE, CLONE_BODY),
    ).toString('base64')}'), (c) => c.charCodeAt(0))); ${deliver} }, 300);</script>`,
  );

test.beforeEach(({ server }) => {
  server.use(microsoftAssets);
});

test('a sign-in clone smuggled in an HTML attachment gets the danger banner, which says it is a file on this computer', async ({ context, serviceWorker }) => {
  await attack('page', 'a sign-in clone opened from a local HTML attachment, decoded by script after it opened', async () => {
    const url = localFile('Remittance advice 04.html', smuggled('document.open(); document.write(clone); document.close();'));
    const page = await context.newPage();
    await page.goto(url);
    await expect.poll(async () => (await readBanner(page))?.verdict ?? null, DEADLINE).toBe('danger');
    const banner = (await readBanner(page))!;
    expect(banner.findings).toContain('microsoft-branding-local-file');
    expect(banner.text).toContain('This page is a file on this computer: Remittance advice 04.html');
    expect(banner.text).toContain('Microsoft never asks you to sign in or approve access from a file');
    await expect.poll(() => badgeFor(serviceWorker, url), DEADLINE).toMatchObject({ text: '✕' });
    await clickBannerButton(page, 'Leave this page');
    await page.waitForURL('about:blank', DEADLINE);
  });
});

test('an HTML attachment that hands its clone to a blob: document of its own gets the danger banner there', async ({ context }) => {
  await attack('page', 'a local HTML attachment that navigates to a blob: URL holding the clone', async () => {
    const url = localFile('Voicemail.html', smuggled("location.href = URL.createObjectURL(new Blob([clone], { type: 'text/html' }));"));
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForURL(/^blob:/, DEADLINE);
    await expect.poll(async () => (await readBanner(page))?.verdict ?? null, DEADLINE).toBe('danger');
    const banner = (await readBanner(page))!;
    expect(banner.findings).toContain('microsoft-branding-local-file');
    expect(banner.text).toContain('Voicemail.html');
  });
});

test('an SVG attachment drawing a sign-in clone, and an HTML attachment holding its clone in a full-page srcdoc frame, get the danger banner', async ({
  context,
}) => {
  await attack('page', 'a local SVG attachment drawing a sign-in clone; a local HTML attachment with its clone in a srcdoc frame', async () => {
    const svg = await context.newPage();
    await svg.goto(localFile('Scan 0412.svg', svgDocumentClone()));
    await expect.poll(async () => (await readBanner(svg))?.verdict ?? null, DEADLINE).toBe('danger');
    expect((await readBanner(svg))!.findings).toContain('microsoft-branding-local-file');
    const framed = await context.newPage();
    const frame = `<iframe style="position:fixed;inset:0;width:100%;height:100%;border:0" srcdoc="${html(CLONE_TITLE, CLONE_BODY).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"></iframe>`;
    await framed.goto(localFile('Statement.html', html('Statement', frame)));
    // The frame's danger is shown in the top document too (the file's own banner host).
    await expect
      .poll(() => framed.evaluate(() => document.querySelector('[data-consent-guard]')?.getAttribute('data-consent-guard') ?? null), DEADLINE)
      .toBe('danger');
  });
});

test('an ordinary file opened from this computer is looked at and gets no banner', async ({ context, serviceWorker }) => {
  const url = localFile(
    'receipt.html',
    html(
      'Your receipt – Coffee Co',
      '<h1>Thank you for your order</h1><p>2 × coffee beans, 18.00 EUR</p><p>Questions? Sign in to your account at coffee.example.</p>',
    ),
  );
  const page = await context.newPage();
  const scripts = await recordExtensionScripts(page);
  await page.goto(url);
  // The guard has looked (its file was parsed in the page) and found nothing to say.
  await expect.poll(() => scripts().includes(GUARD), DEADLINE).toBe(true);
  await page.waitForTimeout(1500);
  expect(await readBanner(page)).toBeNull();
  expect((await badgeFor(serviceWorker, url))?.text ?? '').toBe('');
});

test('the options page says files opened from this computer are checked (an unpacked install has file access)', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  const section = options.getByRole('region', { name: 'Files opened from this computer' });
  await expect(section).toHaveAttribute('data-file-access', 'allowed');
  await expect(section).toContainText('also checks web pages you open as files from this computer');
});
