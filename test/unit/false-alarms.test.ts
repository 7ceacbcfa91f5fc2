// @vitest-environment happy-dom
/**
 * The false-alarm corpus (test/e2e/false-alarm-pages.ts) through the page-signal logic, fast: every
 * legitimate page's signals, judged with its URL, give no danger from the page, and every clone is still
 * called Microsoft branding off Microsoft, naming its cues. The same pages run in real Chromium in
 * test/e2e/false-alarms.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { collectSignals, detectBranding } from '../../src/content/signals';
import { analyzeUrl, type Analysis } from '../../src/core';
import { CLONE_PAGES, CLOSED_SHADOW_CLONE_BODY, FALSE_ALARM_PAGES } from '../e2e/false-alarm-pages';
import { load } from './load-page';

const PAGE_SIGNAL_FINDINGS = ['microsoft-branding-off-host', 'form-posts-off-host', 'form-posts-insecurely', 'framed-consent-page'];

function judge(url: string, doc: Document, options: Parameters<typeof collectSignals>[2] = {}): Analysis {
  const { isTopFrame, forms, asks, brandingCues } = collectSignals(doc, window, options);
  const result = analyzeUrl(url, { signals: { isTopFrame, forms, asks, brandingCues } });
  if (!result.ok) throw new Error(result.error);
  return result.analysis;
}

describe('the false-alarm corpus', () => {
  it('has at least 60 legitimate pages of every class, each at its own address', () => {
    expect(FALSE_ALARM_PAGES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(FALSE_ALARM_PAGES.map((page) => page.class))).toEqual(
      new Set(['microsoft-hand-off', 'identity-provider', 'partner-app', 'about-microsoft', 'search', 'callback']),
    );
    expect(new Set(FALSE_ALARM_PAGES.map((page) => page.url)).size).toBe(FALSE_ALARM_PAGES.length);
  });

  for (const page of FALSE_ALARM_PAGES) {
    it(`${page.class}: ${page.name} is not called an imitation and gets no page-signal finding`, () => {
      const doc = load(page.html, page.url);
      const evidence = detectBranding(doc);
      // Microsoft's own pages are Microsoft-branded, rightly: on Microsoft's host that is no finding (checked below).
      if (page.class !== 'microsoft-hand-off') expect(evidence.imitatesMicrosoft, `cues ${evidence.cues.join(', ')} (score ${evidence.score})`).toBe(false);
      const analysis = judge(page.url, doc);
      expect(analysis.findings.map((finding) => finding.id).filter((id) => PAGE_SIGNAL_FINDINGS.includes(id))).toEqual([]);
      if (!page.urlSide) {
        expect(analysis.verdict).not.toBe('danger');
        if (!page.azureDevOps) expect(analysis.verdict).not.toBe('warn');
      }
    });
  }
});

describe('clones an attacker would try next', () => {
  for (const clone of CLONE_PAGES.filter((page) => !page.html.includes('attachShadow'))) {
    it(`${clone.name} is Microsoft branding off Microsoft, and the finding names its cues`, () => {
      const doc = load(clone.html, clone.url);
      const evidence = detectBranding(doc);
      expect(evidence.imitatesMicrosoft, `cues ${evidence.cues.join(', ')} (score ${evidence.score})`).toBe(true);
      const finding = judge(clone.url, doc).findings.find((candidate) => candidate.id === 'microsoft-branding-off-host');
      expect(finding?.severity).toBe('danger');
      expect(finding?.message).toMatch(/presents itself as Microsoft's sign-in .*\((?:its|it|a heading)[^)]+\)/);
    });
  }

  it('a clone inside a closed shadow root is read through the injected reader, and missed without it', () => {
    const clone = CLONE_PAGES.find((page) => page.html.includes('attachShadow'))!;
    const doc = load(clone.html, clone.url);
    const closedRoots = new Map<Element, ShadowRoot>();
    const host = doc.getElementById('app')!;
    const root = host.attachShadow({ mode: 'closed' });
    root.innerHTML = CLOSED_SHADOW_CLONE_BODY;
    closedRoots.set(host, root);
    const reader = (element: Element) => closedRoots.get(element) ?? null;
    // Without the extension's reader only the title is left: not enough.
    expect(detectBranding(doc).imitatesMicrosoft).toBe(false);
    const evidence = detectBranding(doc, { shadowRootOf: reader });
    expect(evidence.cues).toEqual(expect.arrayContaining(['brand-logo', 'brand-heading', 'microsoft-title']));
    expect(evidence.imitatesMicrosoft).toBe(true);
    const analysis = judge(clone.url, doc, { shadowRootOf: reader });
    expect(analysis.findings.map((finding) => finding.id)).toEqual(expect.arrayContaining(['microsoft-branding-off-host', 'form-posts-off-host']));
  });
});
