/**
 * `consent-guard scan` on a synthetic 1,000,000-line proxy log, as whole processes of the built CLI: one job and
 * `--jobs` (a worker per core) in turn, A B A B ..., so each ratio is taken from runs a moment apart; and a naive
 * loop that starts one `consent-guard check` per line, the way a shell script would call a URL checker.
 * Peak memory is the process's own peak resident set (worker threads included), written by a preload at exit.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { round, summarize, type Measurement } from './report';

const CLI = path.resolve('dist-cli/consent-guard.js');
const LINES = 1_000_000;
/** Raise when the generator changes, so a kept log of the old mix is not measured. */
const GENERATOR_VERSION = 1;

// --- the synthetic log --------------------------------------------------------------------------------

/** A small deterministic generator (the log is the same on every machine and every run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const LOOKALIKES = [
  'login.micros0ftonline.com',
  'app-vssps-visualstudio.com',
  'login.microsoftonline.com.account-check.net',
  'app.vssps.visualstudio.co',
  'xn--login-microsoftonlne-gic.com',
];

/**
 * One Squid access-log line. The mix is a working day of a proxy with TLS inspection: most lines are HTTPS tunnels
 * (`CONNECT host:443`, only the host is logged), then plain-HTTP requests, Microsoft sign-ins with their full
 * authorization URLs, Azure DevOps authorizations and a few lookalikes. Popular hosts and URLs come back far more
 * often than rare ones (a skewed pick from each pool), and some requests carry a cache-buster: every one new.
 */
function logLine(index: number, next: () => number): string {
  const pick = (size: number) => Math.floor(size * next() ** 3);
  const kind = next();
  let request: string;
  if (kind < 0.55) request = `CONNECT ${pick(4) === 0 ? 'login.microsoftonline.com' : `cdn${pick(4000)}.example${pick(60)}.com`}:443`;
  else if (kind < 0.75) request = `GET http://www.site${pick(2000)}.example.org/assets/${pick(30)}/app.js`;
  else if (kind < 0.8) request = `GET http://news${pick(200)}.example.net/story/${index}?utm_source=newsletter`;
  else if (kind < 0.9)
    request = `GET https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=${pick(40)}&response_type=code&scope=openid%20profile%20offline_access&state=${pick(3000)}`;
  else if (kind < 0.97)
    request = `GET https://app.vssps.visualstudio.com/oauth2/authorize?client_id=${pick(30)}&response_type=Assertion&scope=vso.code_write%20vso.work&state=${pick(1000)}&redirect_uri=https%3A%2F%2Fapp${pick(30)}.example%2Fcb`;
  else if (kind < 0.995) request = `GET https://aka.ms/${pick(500)}`;
  else request = `GET https://${LOOKALIKES[pick(LOOKALIKES.length)]}/common/oauth2/v2.0/authorize?client_id=${pick(10)}&scope=vso.code_full&state=${pick(200)}`;
  const time = (1_764_000_000 + index / 50).toFixed(3);
  return `${time} ${String(pick(2000)).padStart(6)} 10.1.${pick(64)}.${pick(250)} TCP_MISS/200 ${pick(90_000)} ${request} - HIER_DIRECT/203.0.113.${pick(250)} text/html\n`;
}

/** Writes the log once into .bench-out/ and keeps it for the next run (and for timing it by hand). */
export async function syntheticProxyLog(lines = LINES): Promise<string> {
  const file = path.resolve('.bench-out', `proxy-${lines}-v${GENERATOR_VERSION}.log`);
  if (existsSync(file)) return file;
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  const next = random(20261202);
  let buffer = '';
  for (let index = 0; index < lines; index++) {
    buffer += logLine(index, next);
    if (buffer.length >= 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  renameSync(partial, file);
  return file;
}

// --- runs ---------------------------------------------------------------------------------------------

interface Run {
  readonly seconds: number;
  readonly peakMb: number;
  /** CPU time of the whole process (every thread), user + system: what a loaded machine does not distort. */
  readonly cpuSeconds: number;
  readonly status: number | null;
}

/** Loaded before the CLI: at exit, the process's peak resident set (threads included) goes to a file. */
function peakPreload(directory: string): string {
  const preload = path.join(directory, 'peak-rss.mjs');
  writeFileSync(
    preload,
    `import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
if (isMainThread && process.env.CONSENT_GUARD_PEAK_FILE) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(process.env.CONSENT_GUARD_PEAK_FILE, JSON.stringify({ maxRss: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime }));
  });
}
`,
  );
  return preload;
}

async function runScan(args: readonly string[], preload: string, peakFile: string): Promise<Run> {
  const devNull = openSync(os.devNull, 'w');
  const started = performance.now();
  try {
    const child = spawn(process.execPath, [`--import=${preload}`, CLI, 'scan', ...args], {
      stdio: ['ignore', devNull, 'ignore'],
      env: { ...process.env, CONSENT_GUARD_PEAK_FILE: peakFile },
    });
    const [status] = (await once(child, 'exit')) as [number | null];
    const seconds = (performance.now() - started) / 1000;
    const usage = JSON.parse(readFileSync(peakFile, 'utf8')) as { maxRss: number; cpu: number };
    return { seconds, peakMb: usage.maxRss / 1024, cpuSeconds: usage.cpu / 1e6, status };
  } finally {
    closeSync(devNull);
  }
}

/** The URL of each line as a naive script would pass it on: the request's target (a tunnel as https://host/). */
function naiveUrls(file: string, count: number): string[] {
  const bytes = Buffer.alloc(400 * count);
  const fd = openSync(file, 'r');
  const length = readSync(fd, bytes, 0, bytes.length, 0);
  closeSync(fd);
  const head = bytes.toString('utf8', 0, length).split('\n').slice(0, count);
  return head.map((line) => {
    const connect = / CONNECT ([^ :]+):443 /.exec(line);
    return connect ? `https://${connect[1]}/` : (/ GET (\S+) /.exec(line)?.[1] ?? '');
  });
}

/** Lines per second of `consent-guard check --json URL`, one process per line. */
function naiveLoop(urls: readonly string[]): number {
  const started = performance.now();
  for (const url of urls) spawnSync(process.execPath, [CLI, 'check', '--json', url], { stdio: 'ignore' });
  return urls.length / ((performance.now() - started) / 1000);
}

export async function benchCli(quick: boolean, command: string): Promise<Measurement[]> {
  // The CLI as the sources are now (`npm run bench` builds the extension and the bench, not the CLI).
  const build = spawnSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.node.config.ts', '--logLevel', 'warn'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0 || !existsSync(CLI)) throw new Error('building the CLI failed');
  const file = await syntheticProxyLog();
  const scratch = path.resolve('.bench-out');
  const preload = peakPreload(scratch);
  const peakFile = path.join(scratch, 'peak-rss.txt');
  const jobs = os.availableParallelism();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const naiveSample = naiveUrls(file, quick ? 30 : 100);
  const one: Run[] = [];
  const all: Run[] = [];
  const naive: number[] = [];
  const rounds = quick ? 3 : 7;
  // A warm-up pair (page cache, the CLI's code on disk), not counted.
  await runScan(['--json', file], preload, peakFile);
  await runScan(['--json', '--jobs', file], preload, peakFile);
  for (let index = 0; index < rounds; index++) {
    one.push(await runScan(['--json', file], preload, peakFile));
    all.push(await runScan(['--json', '--jobs', file], preload, peakFile));
    naive.push(naiveLoop(naiveSample.slice(0, quick ? 10 : 20)));
  }
  const failed = [...one, ...all].filter((run) => run.status !== 2);
  if (failed.length > 0) throw new Error(`consent-guard scan exited ${failed[0]?.status} (expected 2: the log holds lookalikes)`);

  const linesPerSecond = (runs: readonly Run[]) => summarize(runs.map((run) => LINES / run.seconds));
  const oneRate = linesPerSecond(one);
  const allRate = linesPerSecond(all);
  const naiveRate = summarize(naive);
  const speedup = summarize(one.map((run, index) => run.seconds / (all[index] as Run).seconds));
  const versusNaive = summarize(all.map((run, index) => LINES / run.seconds / (naive[index] as number)));
  const peak = (runs: readonly Run[]) => Math.max(...runs.map((run) => run.peakMb));
  const spread = (figure: { q1: number; q3: number }, digits = 0) => `IQR ${round(figure.q1, digits)}–${round(figure.q3, digits)}`;
  const cpu = (runs: readonly Run[]) => summarize(runs.map((run) => run.cpuSeconds));
  const oneCpu = cpu(one);
  const allCpu = cpu(all);
  const load = os.loadavg()[0] ?? 0;
  const runs = `${rounds} pairs, ${LINES.toLocaleString('en-US')} lines, ${Math.round(statSync(file).size / 1e6)} MB, load average ${round(loadAtStart, 1)} → ${round(load, 1)}`;
  return [
    { name: 'cli: scan --json, 1 job', value: Math.round(oneRate.median), unit: 'lines/s', spread: spread(oneRate), note: runs, command },
    {
      name: `cli: scan --json --jobs (${jobs} workers)`,
      value: Math.round(allRate.median),
      unit: 'lines/s',
      spread: spread(allRate),
      note: `median ${round(LINES / allRate.median, 2)} s per 1,000,000 lines`,
      command,
    },
    {
      name: 'cli: --jobs vs 1 job, paired',
      value: round(speedup.median),
      unit: '×',
      spread: spread(speedup, 2),
      note: 'time of 1 job / time with --jobs',
      command,
    },
    {
      name: 'cli: CPU time, 1 job',
      value: round(oneCpu.median, 2),
      unit: 's',
      spread: spread(oneCpu, 2),
      note: `all threads, user + system: ${Math.round(LINES / oneCpu.median).toLocaleString('en-US')} lines per CPU-second`,
      command,
    },
    {
      name: `cli: CPU time, --jobs (${jobs} workers)`,
      value: round(allCpu.median, 2),
      unit: 's',
      spread: spread(allCpu, 2),
      note: `all threads, user + system: ${Math.round(LINES / allCpu.median).toLocaleString('en-US')} lines per CPU-second`,
      command,
    },
    { name: 'cli: peak RSS, 1 job', value: round(peak(one), 0), unit: 'MB', budget: { max: 300 }, command },
    { name: `cli: peak RSS, --jobs (${jobs} workers)`, value: round(peak(all), 0), unit: 'MB', budget: { max: 300 }, command },
    {
      name: 'cli: naive loop, one `check` process per line',
      value: round(naiveRate.median, 1),
      unit: 'lines/s',
      spread: spread(naiveRate, 1),
      note: `${quick ? 10 : 20} lines a round`,
      command,
    },
    { name: 'cli: scan --jobs vs the naive loop, paired', value: Math.round(versusNaive.median), unit: '×', spread: spread(versusNaive), command },
  ];
}
