/**
 * Browser measurements in Debian's Chromium (headless, through Playwright) with the built extension, each
 * against the same browser with no extension where that is the question:
 *   - page cost: main-thread script time the extension adds on a large ordinary page (DevTools protocol
 *     `Performance.getMetrics` ScriptDuration, thread CPU time), with and without, interleaved;
 *   - memory: JS heap the extension adds on that page (`Runtime.getHeapUsage` after a forced GC: the page
 *     renderer's whole V8 heap, so the content script's isolated world is included);
 *   - banner delay: DOMContentLoaded to the banner host element being attached, on the Azure DevOps approval page;
 *   - popup: 500 authorizations from the fake API rendered (`manager:render`, marked by the popup itself).
 * Every page is served by the loopback fixture server under a real-looking host name; nothing leaves the machine.
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { adoAuthorizeUrl } from '../test/e2e/guard-helpers';
import { createFakeAdoApi, manyAuthorizations } from '../test/e2e/harness/fake-ado-api';
import { startFixtureServer, type FixtureServer, type Route } from '../test/e2e/harness/fixture-server';
import { launchChromium } from '../test/e2e/harness/launch';
import { round, summarize, type Measurement } from './report';

export type BrowserGroup = 'page' | 'memory' | 'banner' | 'popup';

export interface BrowserBenchOptions {
  readonly dist: string;
  readonly quick: boolean;
  readonly groups: ReadonlySet<BrowserGroup>;
  readonly command: (group: BrowserGroup) => string;
}

/** The large ordinary page: an article site with no script of its own and nothing the pre-check looks for. */
export const LARGE_PAGE_URL = 'https://www.evening-gazette.example/2025/11/city-budget-review';
const POPUP_COUNT = 500;

/** A news article of about `target` elements: header, navigation, paragraphs with links, figures, lists, a comment form, a footer. */
export function largeArticle(target = 5000): string {
  const pixel = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
  const nav = Array.from({ length: 40 }, (_, index) => `<li><a href="/section/${index}">Section ${index}</a></li>`).join('');
  const parts: string[] = [];
  let elements = 60 + 40 * 2;
  for (let index = 0; elements < target; index++) {
    parts.push(
      `<section id="part-${index}"><h2>Part ${index}: what the council decided</h2>` +
        `<p>The council met on Tuesday to review <a href="/topic/budget-${index}">the budget</a>; members raised <em>several</em> questions about <strong>transport</strong> and housing.</p>` +
        `<figure><img alt="Photo ${index}" src="${pixel}" width="640" height="360" loading="lazy"><figcaption>Photo ${index}: the town hall. <span class="credit">Staff photographer</span></figcaption></figure>` +
        `<p>Residents can read <a href="/documents/${index}.pdf">the full report</a> or <a href="/live/${index}">follow the meeting</a>.</p>` +
        `<ul class="related"><li><a href="/story/${index}-a">Related story A</a></li><li><a href="/story/${index}-b">Related story B</a></li></ul></section>`,
    );
    elements += 18;
  }
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>City budget review: what changes next year - The Evening Gazette</title>` +
    `<meta name="viewport" content="width=device-width"><style>body{font:16px/1.5 Georgia,serif;margin:0}main{max-width:720px;margin:auto}img{background:#ddd;max-width:100%;height:auto}nav ul{display:flex;flex-wrap:wrap;gap:8px;list-style:none}</style></head>` +
    `<body><header><a href="/">The Evening Gazette</a><nav><ul>${nav}</ul></nav><form action="/search"><input name="q" type="search" aria-label="Search"><button>Search</button></form></header>` +
    `<main><article><h1>City budget review: what changes next year</h1><p class="byline">By a staff reporter</p>${parts.join('')}</article>` +
    `<form action="/comments" method="post"><label>Your comment <textarea name="comment"></textarea></label><label>Name <input name="name"></label><button>Post</button></form></main>` +
    `<footer><p>© The Evening Gazette</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>`
  );
}

const html =
  (host: string, pathname: string, body: string): Route =>
  (request) =>
    request.host === host && request.pathname === pathname ? { headers: { 'content-type': 'text/html; charset=utf-8' }, body } : undefined;

async function cdpFor(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}

interface PageSample {
  /** Main-thread script time for the navigation, ms. */
  readonly scriptMs: number;
  /** Used JS heap of the page's renderer after a forced GC, bytes. */
  readonly heap: number;
}

/** Loads `url` in a fresh tab (so a fresh renderer process) and reads the metrics once the page has loaded and settled. */
async function samplePage(context: BrowserContext, url: string): Promise<PageSample> {
  const page = await context.newPage();
  try {
    const cdp = await cdpFor(page);
    // Thread CPU time rather than wall time: another process on a busy machine does not inflate it.
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' } as never).catch(() => cdp.send('Performance.enable'));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(150);
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const script = metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? Number.NaN;
    return { scriptMs: script * 1000, heap: usedSize };
  } finally {
    await page.close();
  }
}

/** Count of elements on the large page, for the note. */
async function elementCount(context: BrowserContext): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(LARGE_PAGE_URL);
    return await page.evaluate(() => document.getElementsByTagName('*').length);
  } finally {
    await page.close();
  }
}

async function measurePageCost(withExtension: BrowserContext, without: BrowserContext, options: BrowserBenchOptions): Promise<Measurement[]> {
  const runs = options.quick ? 9 : 21;
  const warmups = 2;
  const samples: { with: PageSample; without: PageSample }[] = [];
  for (let run = 0; run < warmups + runs; run++) {
    // Interleaved, alternating which goes first, so drift in machine load hits both sides alike.
    let a: PageSample;
    let b: PageSample;
    if (run % 2 === 0) {
      a = await samplePage(withExtension, LARGE_PAGE_URL);
      b = await samplePage(without, LARGE_PAGE_URL);
    } else {
      b = await samplePage(without, LARGE_PAGE_URL);
      a = await samplePage(withExtension, LARGE_PAGE_URL);
    }
    if (run >= warmups) samples.push({ with: a, without: b });
  }
  const elements = await elementCount(without);
  const results: Measurement[] = [];
  if (options.groups.has('page')) {
    const added = summarize(samples.map((sample) => sample.with.scriptMs - sample.without.scriptMs));
    const withMs = summarize(samples.map((sample) => sample.with.scriptMs));
    const withoutMs = summarize(samples.map((sample) => sample.without.scriptMs));
    results.push({
      name: `page cost: script time added, ordinary page (${elements} elements)`,
      value: round(added.median),
      unit: 'ms',
      budget: { max: 1 },
      spread: `IQR ${round(added.q1)} to ${round(added.q3)}, n=${added.n}`,
      note: `median ScriptDuration with ${round(withMs.median)} ms, without ${round(withoutMs.median)} ms`,
      command: options.command('page'),
    });
  }
  if (options.groups.has('memory')) {
    const added = summarize(samples.map((sample) => (sample.with.heap - sample.without.heap) / 1024));
    const withKb = summarize(samples.map((sample) => sample.with.heap / 1024));
    const withoutKb = summarize(samples.map((sample) => sample.without.heap / 1024));
    results.push({
      name: 'memory: JS heap added, ordinary page',
      value: round(added.median / 1024, 3),
      unit: 'MB',
      budget: { max: 1 },
      spread: `IQR ${round(added.q1 / 1024, 3)} to ${round(added.q3 / 1024, 3)}, n=${added.n}`,
      note: `renderer heap after GC with ${Math.round(withKb.median)} KB, without ${Math.round(withoutKb.median)} KB`,
      command: options.command('memory'),
    });
  }
  return results;
}

async function measureBanner(context: BrowserContext, options: BrowserBenchOptions): Promise<Measurement[]> {
  const runs = options.quick ? 9 : 21;
  const url = adoAuthorizeUrl('vso.code_full vso.work');
  const delays: number[] = [];
  for (let run = 0; run < 1 + runs; run++) {
    const page = await context.newPage();
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      const timing = await page.waitForFunction(
        () => {
          const recorded = (window as unknown as { __timing?: { dcl: number | null; banner: number | null } }).__timing;
          return recorded && recorded.dcl !== null && recorded.banner !== null ? recorded : null;
        },
        undefined,
        { timeout: 10_000 },
      );
      const { dcl, banner } = (await timing.jsonValue()) as { dcl: number; banner: number };
      if (run > 0) delays.push(banner - dcl);
    } catch {
      if (run > 0) delays.push(Number.POSITIVE_INFINITY); // no banner within 10 s
    } finally {
      await page.close();
    }
  }
  const missing = delays.filter((delay) => !Number.isFinite(delay)).length;
  const stats = summarize(delays);
  return [
    {
      name: 'banner: DOMContentLoaded → banner attached (ADO approval page)',
      value: missing > delays.length / 2 ? Number.NaN : round(stats.median, 1),
      unit: 'ms',
      budget: { max: 100 },
      spread: `min ${round(stats.min, 1)}, max ${missing ? 'no banner' : round(stats.max, 1)}, n=${delays.length}`,
      note: `negative: banner attached before DOMContentLoaded${missing ? `; ${missing} run(s) without a banner in 10 s` : ''}`,
      command: options.command('banner'),
    },
  ];
}

async function measurePopup(context: BrowserContext, server: FixtureServer, options: BrowserBenchOptions): Promise<Measurement[]> {
  server.use(createFakeAdoApi({ authorizations: manyAuthorizations(POPUP_COUNT) }).route);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const runs = options.quick ? 5 : 11;
  const totals: number[] = [];
  const phases: { views: number; commit: number; paint: number }[] = [];
  for (let run = 0; run < 1 + runs; run++) {
    const popup = await context.newPage();
    try {
      await popup.setViewportSize({ width: 780, height: 600 });
      await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
      const result = await popup.evaluate(async () => {
        for (let tries = 0; tries < 1000; tries++) {
          const entry = performance.getEntriesByName('manager:render')[0];
          const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
          if (entry) {
            return {
              rows: document.querySelectorAll('li[data-authorization-id]').length,
              total: entry.duration,
              views: mark('manager:views') - mark('manager:data'),
              commit: mark('manager:committed') - mark('manager:views'),
              paint: mark('manager:rendered') - mark('manager:committed'),
            };
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return null;
      });
      if (run === 0) continue; // warm-up: the first opening also starts the service worker's caches
      if (result === null || result.rows === 0) {
        totals.push(Number.POSITIVE_INFINITY);
        continue;
      }
      totals.push(result.total);
      phases.push(result);
    } finally {
      await popup.close();
    }
  }
  const stats = summarize(totals);
  const mid = (key: 'views' | 'commit' | 'paint') => round(summarize(phases.map((phase) => phase[key])).median, 1);
  return [
    {
      name: `popup: render ${POPUP_COUNT} authorizations (data → painted)`,
      value: totals.some((total) => !Number.isFinite(total)) ? Number.NaN : round(stats.median, 1),
      unit: 'ms',
      budget: { max: 150 },
      spread: `max ${round(stats.max, 1)}, n=${stats.n}`,
      note: `median phases: views ${mid('views')} ms, DOM commit ${mid('commit')} ms, to paint ${mid('paint')} ms`,
      command: options.command('popup'),
    },
  ];
}

export async function benchBrowser(options: BrowserBenchOptions): Promise<Measurement[]> {
  const approval = readFileSync(path.resolve('test/e2e/pages/ado-approval.html'), 'utf8');
  const server = await startFixtureServer([
    html(new URL(LARGE_PAGE_URL).host, new URL(LARGE_PAGE_URL).pathname, largeArticle()),
    html('app.vssps.visualstudio.com', '/oauth2/authorize', approval),
  ]);
  const withExtension = await launchChromium(server, { extension: true, dist: options.dist });
  const without = options.groups.has('page') || options.groups.has('memory') ? await launchChromium(server, { extension: false, dist: options.dist }) : null;
  const results: Measurement[] = [];
  try {
    // The service worker must be up before anything is measured.
    if (withExtension.context.serviceWorkers().length === 0) await withExtension.context.waitForEvent('serviceworker');
    if (without) results.push(...(await measurePageCost(withExtension.context, without.context, options)));
    if (options.groups.has('banner')) results.push(...(await measureBanner(withExtension.context, options)));
    if (options.groups.has('popup')) results.push(...(await measurePopup(withExtension.context, server, options)));
  } finally {
    await without?.close();
    await withExtension.close();
    await server.close();
  }
  return results;
}
