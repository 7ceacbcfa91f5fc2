/**
 * Analyzer throughput in Node: the same pure core the extension and CLI run.
 * Figures are medians over repeated runs, so one slow GC pause does not decide a budget.
 * Every budget is a ratio of two workloads sampled in turn (A B A B ...) in one run, so load from elsewhere on
 * the machine slows both alike; absolute times are reported without a budget.
 */
import { analyzeUrl } from '../src/core';
import corpus from '../test/corpus/urls.json' with { type: 'json' };
import { HUGE_HOSTILE_INPUTS } from '../test/hostile/huge-inputs';
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

/** Medians of `a` and `b` sampled in turn, after both have warmed up. */
function paired(a: () => void, b: () => void, rounds: number): { a: number; b: number } {
  for (let index = 0; index < Math.min(rounds, 20); index++) {
    a();
    b();
  }
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  for (let index = 0; index < rounds; index++) {
    let start = performance.now();
    a();
    samplesA.push(performance.now() - start);
    start = performance.now();
    b();
    samplesB.push(performance.now() - start);
  }
  return { a: median(samplesA), b: median(samplesB) };
}

/** What the browser's own URL parser spends on the same input: the floor any analysis of it stands on. */
function parseOnly(input: string): void {
  try {
    const url = new URL(input);
    for (const entry of url.searchParams) void entry;
  } catch {
    // Not a URL: the parser's refusal is the whole of its work.
  }
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

  const typicalPair = paired(
    () => analyzeUrl(typical),
    () => parseOnly(typical),
    quick ? 2000 : 20000,
  );
  results.push({ name: 'analyzer: median, one typical URL', value: round(typicalPair.a * 1000), unit: 'µs', command: 'npm run bench' });
  results.push({
    name: 'analyzer: one typical URL vs parsing it',
    value: round(typicalPair.a / typicalPair.b),
    unit: '×',
    budget: { max: 15 },
    note: `${round(typicalPair.a * 1000)} µs vs ${round(typicalPair.b * 1000)} µs`,
    command: 'npm run bench',
  });

  const megabyte = `${LEGACY}&scope=vso.work&pad=${'a'.repeat(1024 * 1024)}`;
  results.push({ name: 'analyzer: one 1 MB URL', value: round(time(() => analyzeUrl(megabyte), quick ? 5 : 20)), unit: 'ms', command: 'npm run bench' });

  // Inputs built to be slow: the slowest of them against the URL parser's own time on the same input.
  const hostile = HUGE_HOSTILE_INPUTS.map((input) => ({
    input,
    ...paired(
      () => analyzeUrl(input),
      () => parseOnly(input),
      quick ? 5 : 20,
    ),
  }));
  const worstHostile = hostile.reduce((worst, next) => (next.a > worst.a ? next : worst));
  results.push({
    name: 'analyzer: slowest huge hostile input vs parsing it',
    value: round(worstHostile.a / Math.max(worstHostile.b, 0.001)),
    unit: '×',
    budget: { max: 20 },
    note: `${round(worstHostile.a)} ms vs ${round(worstHostile.b)} ms: ${worstHostile.input.slice(0, 40)}…`,
    command: 'npm run bench',
  });

  const scopesUrl = (count: number) =>
    `${LEGACY}&scope=${Array.from({ length: count }, (_, index) => (index % 3 ? `vso.x${index}` : 'vso.code_write')).join('%20')}`;
  const large = scopesUrl(10_000);
  const small = scopesUrl(10);
  // Growth: 10,000 scopes in one URL against 1,000 URLs of 10 scopes (the same scope count). Linear keeps it near 1.
  const growth = paired(
    () => analyzeUrl(large),
    () => {
      for (let index = 0; index < 1000; index++) analyzeUrl(small);
    },
    quick ? 7 : 21,
  );
  results.push({ name: 'analyzer: 10,000 scopes', value: round(growth.a), unit: 'ms', command: 'npm run bench' });
  results.push({
    name: 'analyzer: per-scope cost, 10,000 vs 10 scopes',
    value: round(growth.a / growth.b),
    unit: '×',
    budget: { max: 3 },
    note: `${round(growth.a)} ms vs 1,000 × 10 scopes in ${round(growth.b)} ms`,
    command: 'npm run bench',
  });
  return results;
}

const round = (value: number): number => Math.round(value * 100) / 100;
