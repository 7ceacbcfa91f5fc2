// @vitest-environment happy-dom
/**
 * A sign-in or consent clone opened from a file on this computer (an HTML attachment, HTML smuggling): no host to
 * judge, so what the page shows decides. Every clone of the corpus opened as a file is a phishing attachment; the
 * legitimate pages of the false-alarm corpus saved and opened as files are not.
 */
import { describe, expect, it } from 'vitest';
import { startBackground } from '../../src/background/index';
import { collectSignals } from '../../src/content/signals';
import { analyzeLocalFile } from '../../src/core';
import { localFileName } from '../../src/core/local-file';
import { pageCheck } from '../../src/messaging/page-messages';
import { CLONE_PAGES, FALSE_ALARM_PAGES } from '../e2e/false-alarm-pages';
import { load } from './load-page';
import { createFakePlatform, fromPage } from './fake-platform';

const ATTACHMENT = 'file:///C:/Users/ana/Downloads/Remittance%20advice%20%2304.html';

function signalsOf(html: string, url: string) {
  const { isTopFrame, forms, asks, brandingCues } = collectSignals(load(html, url), window);
  return { isTopFrame, forms, asks, brandingCues };
}

describe('a document opened from a file', () => {
  for (const clone of CLONE_PAGES.filter((page) => !page.html.includes('attachShadow'))) {
    it(`${clone.name}, opened as a file, is a phishing attachment that names the file and the cues`, () => {
      const analysis = analyzeLocalFile(ATTACHMENT, signalsOf(clone.html, ATTACHMENT));
      expect(analysis.verdict).toBe('danger');
      expect(analysis.host).toMatchObject({ name: 'Remittance advice #04.html', trusted: false, local: true });
      const finding = analysis.findings.find((candidate) => candidate.id === 'microsoft-branding-local-file');
      expect(finding?.message).toMatch(/presents itself as Microsoft's sign-in .*\(.+\), but it is a file on this computer \(Remittance advice #04\.html\)/);
    });
  }

  for (const page of FALSE_ALARM_PAGES.filter((candidate) => candidate.class !== 'microsoft-hand-off')) {
    it(`${page.class}: ${page.name}, saved and opened as a file, gets no finding`, () => {
      const analysis = analyzeLocalFile('file:///home/ana/saved.html', signalsOf(page.html, 'file:///home/ana/saved.html'));
      expect(analysis.findings).toEqual([]);
      expect(analysis.verdict).toBe('none');
    });
  }

  it('says where its form sends the password, and nothing before the guard has looked', () => {
    const clone = CLONE_PAGES[0]!;
    const signals = signalsOf(clone.html, ATTACHMENT);
    const posting = { ...signals, forms: [{ action: 'https://collect.evil.example/p', asks: 'credentials' as const }] };
    expect(analyzeLocalFile(ATTACHMENT, posting).findings.map((finding) => finding.id)).toEqual(['microsoft-branding-local-file', 'form-posts-off-host']);
    // Posting to Microsoft's own sign-in is still a file asking for a password, but sends it nowhere else.
    const toMicrosoft = { ...signals, forms: [{ action: 'https://login.microsoftonline.com/common/login', asks: 'credentials' as const }] };
    expect(analyzeLocalFile(ATTACHMENT, toMicrosoft).findings.map((finding) => finding.id)).toEqual(['microsoft-branding-local-file']);
    expect(analyzeLocalFile(ATTACHMENT, undefined)).toMatchObject({ verdict: 'none', findings: [] });
  });

  it.each([
    ['file:///home/ana/Downloads/invoice.html', 'invoice.html'],
    ['file:///C:/Users/ana/Desktop/Zahlung%20%C3%BCberf%C3%A4llig.htm?x=1#top', 'Zahlung überfällig.htm'],
    ['file://server/share/scan.html', 'scan.html'],
    ['file:///home/ana/Downloads/', 'home/ana/Downloads/'],
    ['file:///tmp/%E0%A4%A.html', '%E0%A4%A.html'],
    [`file:///tmp/${'a'.repeat(200)}.html`, `${'a'.repeat(79)}…`],
  ])('reads %s as the file name %s', (url, name) => {
    expect(localFileName(url)).toBe(name);
  });

  it('the background looks inside a file as soon as it opens, and answers its guard with a danger banner that says it is a file', async () => {
    const fake = createFakePlatform();
    const background = startBackground(fake.platform);
    const clone = CLONE_PAGES[0]!;
    fake.load(ATTACHMENT);
    await background.whenIdle();
    // No verdict from the address: the guard is started to look, with no banner yet.
    expect(fake.injections).toEqual([expect.objectContaining({ tabId: 5, frameId: 0, verdict: null, banner: false })]);
    const view = await fake.send(pageCheck, fromPage(ATTACHMENT), {
      // happy-dom has no isSecureContext; a file is one in Chromium and Firefox.
      signals: { ...collectSignals(load(clone.html, ATTACHMENT), window), isSecureContext: true },
    });
    expect(view).toMatchObject({ verdict: 'danger', host: { name: 'Remittance advice #04.html', local: true, trusted: false } });
    await background.whenIdle();
    expect(fake.badges.get(5)?.text).toBe('✕');
  });

  it("a clone in a srcdoc frame of the file is the file's, and its danger is shown in the top frame too", async () => {
    const fake = createFakePlatform();
    const background = startBackground(fake.platform);
    fake.load(ATTACHMENT);
    await background.whenIdle();
    const signals = { ...collectSignals(load(CLONE_PAGES[0]!.html, 'about:srcdoc'), window), isSecureContext: true, isTopFrame: false };
    const view = await fake.send(pageCheck, fromPage('about:srcdoc', { frameId: 3 }), { signals });
    expect(view).toMatchObject({ verdict: 'danger', host: { name: 'Remittance advice #04.html', local: true } });
    await background.whenIdle();
    expect(fake.injections).toContainEqual(expect.objectContaining({ frameId: 0, verdict: 'danger', banner: true }));
  });
});
