/**
 * Helpers for the consent-guard e2e tests. The banner lives in a closed shadow root, which page scripts
 * (and Playwright's locators) cannot see into; the tests read it the way assistive technology does,
 * through the DevTools protocol (DOM.getDocument with pierce), and click its buttons with the real mouse.
 */
import type { CDPSession, Page, Worker } from '@playwright/test';

export const ADO_RESOURCE = '499b84ac-1321-427f-aa17-267ca6975798';

export function adoAuthorizeUrl(scopes: string, host = 'app.vssps.visualstudio.com', scheme = 'https', path = '/oauth2/authorize'): string {
  const query = new URLSearchParams({
    client_id: '7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11',
    response_type: 'Assertion',
    state: 'st-123',
    scope: scopes,
    redirect_uri: 'https://deploybot.contoso.example/oauth/callback',
  });
  return `${scheme}://${host}${path}?${query}`;
}

export function entraAuthorizeUrl(scopes: string[]): string {
  const query = new URLSearchParams({
    client_id: '3b1f2c4d-0000-4c5e-8f9a-112233445566',
    response_type: 'code',
    redirect_uri: 'https://release-helper.fabrikam.example/callback',
    scope: scopes.join(' '),
    state: 'st-456',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  });
  return `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?${query}`;
}

/** The toolbar badge for the tab showing `url`, found through the background's own per-tab record. */
export async function badgeFor(worker: Worker, url: string): Promise<{ text: string; title: string; color: number[] } | null> {
  return worker.evaluate(async (target) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const chrome = (globalThis as unknown as { chrome: any }).chrome;
    const strip = (value: string) => value.split('#')[0];
    const items = (await chrome.storage.session.get(null)) as Record<string, { url?: string }>;
    const entry = Object.entries(items).find(([key, record]) => key.startsWith('tab:') && record?.url === strip(target));
    if (!entry) return null;
    const tabId = Number(entry[0].slice(4));
    return {
      text: (await chrome.action.getBadgeText({ tabId })) as string,
      title: (await chrome.action.getTitle({ tabId })) as string,
      color: (await chrome.action.getBadgeBackgroundColor({ tabId })) as number[],
    };
  }, url);
}

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  localName: string;
  nodeValue: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: (CdpNode & { shadowRootType?: string })[];
}

function walk(node: CdpNode, visit: (node: CdpNode) => void): void {
  visit(node);
  for (const child of node.shadowRoots ?? []) walk(child, visit);
  for (const child of node.children ?? []) walk(child, visit);
}

function textOf(node: CdpNode): string {
  let text = '';
  walk(node, (current) => {
    if (current.nodeType === 3) text += current.nodeValue;
  });
  return text;
}

export interface BannerSnapshot {
  verdict: string;
  shadowRootType: string | undefined;
  text: string;
  buttons: { label: string; backendNodeId: number }[];
  scopes: string[];
  findings: string[];
}

/** The banner as the browser holds it (closed shadow root included), or null when there is none. */
export async function readBanner(page: Page): Promise<BannerSnapshot | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as unknown as { root: CdpNode };
    let host: CdpNode | null = null;
    walk(root, (node) => {
      if (!host && node.attributes && node.attributes.includes('data-consent-guard') && node.attributes.indexOf('data-consent-guard') % 2 === 0) host = node;
    });
    if (host === null) return null;
    const found = host as CdpNode;
    const attributes = found.attributes ?? [];
    const shadow = found.shadowRoots?.[0];
    const buttons: BannerSnapshot['buttons'] = [];
    const scopes: string[] = [];
    const findings: string[] = [];
    let text = '';
    if (shadow) {
      walk(shadow, (node) => {
        if (node.localName === 'button') buttons.push({ label: textOf(node).trim(), backendNodeId: node.backendNodeId });
        const attrs = node.attributes ?? [];
        const scopeIndex = attrs.indexOf('data-scope');
        if (scopeIndex >= 0 && scopeIndex % 2 === 0) scopes.push(`${attrs[scopeIndex + 1]}|${attrs[attrs.indexOf('data-tier') + 1]}`);
        const findingIndex = attrs.indexOf('data-finding');
        if (findingIndex >= 0 && findingIndex % 2 === 0) findings.push(attrs[findingIndex + 1] ?? '');
      });
      for (const child of shadow.children ?? []) if (child.localName !== 'style') text += textOf(child);
    }
    return { verdict: attributes[attributes.indexOf('data-consent-guard') + 1] ?? '', shadowRootType: shadow?.shadowRootType, text, buttons, scopes, findings };
  } finally {
    await cdp.detach();
  }
}

/**
 * Runs `read` over the elements inside the banner's shadow root (its <style> left out), in document order, with a
 * DevTools session that has DOM and CSS enabled: what the browser itself computed for them, whatever the page says.
 */
async function readBannerElements<T>(page: Page, read: (cdp: CDPSession, elements: CdpNode[]) => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as unknown as { root: CdpNode };
    const elements: CdpNode[] = [];
    walk(root, (node) => {
      if (!node.attributes?.includes('data-consent-guard')) return;
      for (const shadow of node.shadowRoots ?? []) walk(shadow, (inner) => inner.nodeType === 1 && inner.localName !== 'style' && elements.push(inner));
    });
    return await read(cdp, elements);
  } finally {
    await cdp.detach();
  }
}

/** The fonts the browser drew the banner's text with (family names), as DevTools reports them: what the user reads. */
export function bannerFonts(page: Page): Promise<string[]> {
  return readBannerElements(page, async (cdp, elements) => {
    const families = new Set<string>();
    for (const node of elements) {
      if (!(node.children ?? []).some((child) => child.nodeType === 3 && child.nodeValue.trim())) continue;
      const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId: node.nodeId })) as { fonts: { familyName: string }[] };
      for (const font of fonts) families.add(font.familyName);
    }
    return [...families];
  });
}

/** The computed colour, background and border colour of every element in the banner, in document order. */
export function bannerColours(page: Page): Promise<string[]> {
  return readBannerElements(page, async (cdp, elements) => {
    const colours: string[] = [];
    for (const node of elements) {
      const { computedStyle } = (await cdp.send('CSS.getComputedStyleForNode', { nodeId: node.nodeId })) as {
        computedStyle: { name: string; value: string }[];
      };
      const value = (name: string) => computedStyle.find((property) => property.name === name)?.value ?? '';
      colours.push(`${node.localName} ${value('color')} / ${value('background-color')} ${value('background-image')} / ${value('border-left-color')}`);
    }
    return colours;
  });
}

/** Clicks a banner button with the real mouse (a trusted click), by its label. */
export async function clickBannerButton(page: Page, label: string): Promise<void> {
  const banner = await readBanner(page);
  const button = banner?.buttons.find((candidate) => candidate.label === label);
  if (!button) throw new Error(`no banner button "${label}" (have: ${banner?.buttons.map((b) => b.label).join(', ')})`);
  const cdp = await page.context().newCDPSession(page);
  try {
    const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: button.backendNodeId })) as { model: { content: number[] } };
    const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.content;
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await cdp.detach();
  }
}

/** What the page's own scripts see: is the host there, on top at its top edge, and styled as ours? */
export async function hostState(page: Page) {
  return page.evaluate(() => {
    const host = document.querySelector('[data-consent-guard]') as HTMLElement | null;
    if (!host) return null;
    const rect = host.getBoundingClientRect();
    const style = getComputedStyle(host);
    return {
      verdict: host.getAttribute('data-consent-guard'),
      topmost: document.elementFromPoint(20, 10) === host,
      display: style.display,
      visibility: style.visibility,
      opacity: style.opacity,
      top: rect.top,
      height: rect.height,
      inTopLayer: host.matches(':popover-open'),
      shadowVisibleToPage: host.shadowRoot !== null,
    };
  });
}

/**
 * Starts recording which of the extension's files the page's renderer parses (content scripts and
 * injected scripts alike, through the DevTools protocol's Debugger.scriptParsed). Call before goto.
 */
export async function recordExtensionScripts(page: Page): Promise<() => string[]> {
  const cdp = await page.context().newCDPSession(page);
  const files: string[] = [];
  cdp.on('Debugger.scriptParsed', (event: { url: string }) => {
    if (event.url.startsWith('chrome-extension://')) files.push(new URL(event.url).pathname.slice(1));
  });
  await cdp.send('Debugger.enable');
  return () => [...files];
}
