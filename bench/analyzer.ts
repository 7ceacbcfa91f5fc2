/**
 * Analyzer throughput in Node: the same pure core the extension and CLI run.
 * Figures are medians over repeated runs, so one slow GC pause does not decide a budget.
 */
import { analyzeUrl } from '../src/core';
import corpus from '../test/corpus/urls.json' with { type: 'json' };
import type { Measurement } from './report';

const LEGACY = 'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median milliseconds of `work` over `rounds` runs, after a warm-up so the JIT has settled. */
function time(work: () => void, rounds: number): number {
  for (let index = 0; index < Math.min(rounds, 20); index++) work();
  const samples: number[] = [];
  for (let index = 0; index < rounds; index++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function generatedMix(count: number): string[] {
  const kinds = [
    (index: number) => `${LEGACY}&scope=vso.work%20vso.code&nonce=${index}`,
    (index: number) =>
      `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=${index}&response_type=code&state=s&scope=499b84ac-1321-427f-aa17-267ca6975798%2Fvso.code_write%20offline_access`,
    (index: number) => `https://app-vssps-visualstudio${index % 7}.com/oauth2/authorize?response_type=Assertion&scope=vso.code_full`,
    (index: number) => `https://login.micros0ftonline.com/common/oauth2/v2.0/authorize?scope=openid&i=${index}`,
    (index: number) => `https://news.example${index}.org/articles/${index}?utm_source=mail`,
    (index: number) => `${LEGACY}&scope=${Array.from({ length: 40 }, (_, scope) => `vso.scope${scope}`).join('+')}&i=${index}`,
  ];
  return Array.from({ length: count }, (_, index) => (kinds[index % kinds.length] as (index: number) => string)(index));
}

export function benchAnalyzer(quick: boolean): Measurement[] {
  const corpusUrls = (corpus as { url: string }[]).map((entry) => entry.url);
  const mix = generatedMix(quick ? 600 : 3000);
  const typical = `${LEGACY}&scope=vso.work%20vso.code_write`;
  const results: Measurement[] = [];

  const corpusRounds = quick ? 20 : 100;
  const corpusMs = time(() => corpusUrls.forEach((url) => analyzeUrl(url)), corpusRounds);
  results.push({ name: 'analyzer: corpus throughput', value: Math.round((corpusUrls.length / corpusMs) * 1000), unit: 'URLs/s', command: 'npm run bench' });
  const mixMs = time(() => mix.forEach((url) => analyzeUrl(url)), quick ? 5 : 20);
  results.push({ name: 'analyzer: generated mix throughput', value: Math.round((mix.length / mixMs) * 1000), unit: 'URLs/s', command: 'npm run bench' });

  const typicalMicros = time(() => analyzeUrl(typical), quick ? 2000 : 20000) * 1000;
  results.push({ name: 'analyzer: median, one typical URL', value: round(typicalMicros), unit: 'µs', budget: { max: 20 }, command: 'npm run bench' });

  const megabyte = `${LEGACY}&scope=vso.work&pad=${'a'.repeat(1024 * 1024)}`;
  results.push({ name: 'analyzer: one 1 MB URL', value: round(time(() => analyzeUrl(megabyte), quick ? 5 : 20)), unit: 'ms', command: 'npm run bench' });

  const scopesUrl = (count: number) =>
    `${LEGACY}&scope=${Array.from({ length: count }, (_, index) => (index % 3 ? `vso.x${index}` : 'vso.code_write')).join('%20')}`;
  const tenThousand = time(() => analyzeUrl(scopesUrl(10_000)), quick ? 5 : 20);
  results.push({ name: 'analyzer: 10,000 scopes', value: round(tenThousand), unit: 'ms', budget: { max: 20 }, command: 'npm run bench' });

  // Growth: time per scope at 10 and at 10,000 scopes. Linear (or better) keeps the ratio near 1.
  const perScopeSmall = time(() => analyzeUrl(scopesUrl(10)), quick ? 500 : 2000) / 10;
  const perScopeLarge = tenThousand / 10_000;
  results.push({
    name: 'analyzer: per-scope cost, 10,000 vs 10 scopes',
    value: round(perScopeLarge / perScopeSmall),
    unit: '×',
    budget: { max: 3 },
    command: 'npm run bench',
  });
  return results;
}

const round = (value: number): number => Math.round(value * 100) / 100;
