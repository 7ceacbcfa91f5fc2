/**
 * Main-thread script time the extension adds to a page load: CDP `Performance.getMetrics` ScriptDuration
 * after `load`, in Chromium with and without the built extension (same fixture server, loads
 * interleaved), median of `runs`. Reusable by `npm run bench`; the e2e suite asserts no timings (it runs
 * two workers in parallel).
 */
import type { BrowserContext } from '@playwright/test';
import { launchChromium } from './extension';
import type { FixtureServer } from './fixture-server';

export interface AddedScriptTime {
  readonly url: string;
  readonly runs: number;
  /** Median ScriptDuration per load, in ms. */
  readonly withExtensionMs: number;
  readonly withoutExtensionMs: number;
  /** withExtensionMs − withoutExtensionMs. */
  readonly addedMs: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function scriptMs(context: BrowserContext, url: string, settleMs: number): Promise<number> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    // Let anything the extension does after load (a pre-check message, an injection) finish.
    await page.waitForTimeout(settleMs);
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return (metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? Number.NaN) * 1000;
  } finally {
    await page.close();
  }
}

/** Measures each URL in one pair of browsers (launching dominates otherwise). */
export async function measureAddedScriptMs(
  server: FixtureServer,
  urls: readonly string[],
  runs = 21,
  options: { warmup?: number; settleMs?: number } = {},
): Promise<AddedScriptTime[]> {
  const warmup = options.warmup ?? 3;
  const settleMs = options.settleMs ?? 150;
  const withExtension = await launchChromium(server, { extension: true });
  const without = await launchChromium(server, { extension: false });
  try {
    // The extension's content scripts are registered once its service worker is up.
    if (withExtension.context.serviceWorkers().length === 0) await withExtension.context.waitForEvent('serviceworker');
    const results: AddedScriptTime[] = [];
    for (const url of urls) {
      const samples = { with: [] as number[], without: [] as number[] };
      for (let run = -warmup; run < runs; run++) {
        // Alternate which browser loads first, so drift on the machine hits both alike.
        const order = run % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
        for (const which of order) {
          const value = await scriptMs(which === 'with' ? withExtension.context : without.context, url, settleMs);
          if (run >= 0) samples[which].push(value);
        }
      }
      const withExtensionMs = median(samples.with);
      const withoutExtensionMs = median(samples.without);
      results.push({ url, runs, withExtensionMs, withoutExtensionMs, addedMs: withExtensionMs - withoutExtensionMs });
    }
    return results;
  } finally {
    await withExtension.close();
    await without.close();
  }
}
