/**
 * The log scanner's engine: lines in, hits (already formatted) and summary counts out. The same engine runs
 * in the main thread (one job) and in each worker (`--jobs`); its state is plain data so workers can send it.
 */
import { analyzeLink, assessHost, type Verdict } from '../core';
import { rememberHosts } from '../core/host-assessment';
import { contractOf, csvCell, csvCells, csvRow, formatReport, printable, safeJson, type AnalyzedLink, type OutputFormat } from './format';
import { OverlongLine, type LineItem } from './lines';
import { LogUrlFinder } from './log-urls';

export const VERDICT_RANK: Record<Verdict, number> = { none: 0, ok: 1, warn: 2, danger: 3 };
export const VERDICTS: readonly Verdict[] = ['danger', 'warn', 'ok', 'none'];

export interface ScanOptions {
  readonly format: OutputFormat;
  /** Only URLs at or above this verdict are reported (all still count in the summary). */
  readonly min: Verdict;
  readonly color: boolean;
}

/** Counts a scan adds up; merged across chunks and workers. */
export interface ScanStats {
  lines: number;
  urls: number;
  overlongLines: number;
  byVerdict: Record<Verdict, number>;
  /** Lookalike host → [the host it imitates, times seen]. */
  lookalikes: Record<string, [string, number]>;
  /** High-privilege scope → times requested. */
  highPrivilegeScopes: Record<string, number>;
  worst: Verdict;
}

export function emptyStats(): ScanStats {
  return { lines: 0, urls: 0, overlongLines: 0, byVerdict: { danger: 0, warn: 0, ok: 0, none: 0 }, lookalikes: {}, highPrivilegeScopes: {}, worst: 'none' };
}

export function mergeStats(into: ScanStats, from: ScanStats): void {
  into.lines += from.lines;
  into.urls += from.urls;
  into.overlongLines += from.overlongLines;
  for (const verdict of VERDICTS) into.byVerdict[verdict] += from.byVerdict[verdict];
  for (const [host, [imitates, count]] of Object.entries(from.lookalikes)) {
    const seen = into.lookalikes[host];
    if (seen) seen[1] += count;
    else into.lookalikes[host] = [imitates, count];
  }
  for (const [scope, count] of Object.entries(from.highPrivilegeScopes)) into.highPrivilegeScopes[scope] = (into.highPrivilegeScopes[scope] ?? 0) + count;
  if (VERDICT_RANK[from.worst] > VERDICT_RANK[into.worst]) into.worst = from.worst;
}

/** What one distinct URL came to: kept small, because proxy logs have millions of distinct URLs. */
interface Verdicted {
  readonly verdict: Verdict;
  readonly lookalike: readonly [string, string] | null;
  readonly highPrivilege: readonly string[];
  /** Only for reportable URLs: the hit's output, rendered once. */
  readonly body: string | null;
}

/**
 * Characters of URLs and rendered hits one scanner remembers (URLs are ASCII, so about a byte each, plus
 * ENTRY_OVERHEAD for the entry itself); beyond it the least recently seen are forgotten (and re-analysed if they
 * come back).
 * Counted in characters, not entries: a rendered hit is a kilobyte, a tunnel's URL thirty characters. With
 * `--jobs` the workers share it (each remembers its share), so memory is the same whatever the number of jobs.
 */
export const CACHE_BUDGET_CHARS = 32_000_000;
/** What an entry costs besides its characters: the map's slot, the verdict's object, the strings' headers. */
const ENTRY_OVERHEAD = 120;
/** Host assessments the analyzer keeps while a scan runs (about 150 bytes each): a log's tunnels bring many new hosts. */
const SCAN_REMEMBERED_HOSTS = 32_768;
/** Longer URLs are not remembered: each would pin up to 2 MiB. */
const CACHE_KEY_LENGTH = 4096;

/** The verdict of every URL that has nothing to report and nothing to count: one object, shared. */
const NOTHING_FOUND: Verdicted = Object.freeze({ verdict: 'none', lookalike: null, highPrivilege: Object.freeze([]), body: null });

/**
 * A tunnel's URL as the log finder writes it for `CONNECT host:443` (`https://host/`), on a host name of plain
 * lowercase ASCII labels, the last one starting with a letter (so the URL parser reads it as it is written, not
 * as an IPv4 address), and no punycode (which the URL parser may refuse).
 */
const PLAIN_HOST_URL = /^https?:\/\/((?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*)\/$/;

/**
 * The verdict of a URL that is nothing but a scheme and a plain host, when the host alone settles it: a host
 * that is nobody's in particular ('other': not trusted, not Microsoft's, no lookalike, no customer's label under
 * a Microsoft domain) with no path and no query carries no request, so the analyzer finds nothing there. Null
 * when the full analysis is needed. Most lines of a proxy log are such tunnels, and a busy one sees a new host
 * on every few lines: this skips parsing the URL three times and building an analysis nobody reads.
 * test/unit/cli-scan-fast-path.test.ts holds it to the full analyzer's verdict over the corpus and random hosts.
 */
export function verdictByHostAlone(url: string): Verdict | null {
  const host = PLAIN_HOST_URL.exec(url)?.[1];
  if (host === undefined || host.includes('xn--')) return null;
  const assessment = assessHost(host);
  return assessment.kind === 'other' && assessment.customerDomain === undefined ? 'none' : null;
}

/**
 * A copy of a string found in a line that does not keep the line alive. A substring shares the memory of the
 * string it was cut from (V8 slices strings rather than copying them): a remembered URL would pin its whole
 * chunk of the input, and a full cache every chunk read so far. Joining forces a flat copy of the characters.
 */
const detached = (text: string): string => `${text} `.slice(0, -1);

export interface Hit {
  /** 1-based, counted from the `firstLine` given to `scan`. */
  readonly line: number;
  /** The URL's part of the output, the same for every line it is on (rendered once per distinct URL). */
  readonly body: string;
}

/** What a hit says about its URL, in the chosen format, without its place (see formatHit). */
export function renderBody(result: AnalyzedLink, options: Pick<ScanOptions, 'format' | 'color'>): string {
  switch (options.format) {
    case 'json':
      return safeJson(contractOf(result)).slice(1); // `"url":...}`: the place goes in front
    case 'csv':
      return csvRow(csvCells(contractOf(result)));
    case 'human':
      return formatReport(result.analysis, options.color, { link: result.link });
  }
}

/** One hit: its place (file and line), then its body. */
export function formatHit(hit: Hit, file: string, line: number, options: Pick<ScanOptions, 'format'>): string {
  switch (options.format) {
    case 'json':
      return `{"file":${safeJson(file)},"line":${line},${hit.body}\n`;
    case 'csv':
      return `${csvCell(file)},${line},${hit.body}`;
    case 'human':
      return `${printable(file, 300)}:${line}: ${hit.body}`;
  }
}

export class LogScanner {
  /**
   * Two generations, each up to half the budget: URLs seen since the last turn, and those of the turn before,
   * which move to the newer one when seen again. At a turn the older one is dropped whole, so what keeps coming
   * back is kept, and nothing is deleted one by one (a Map's deleted entries slow every later look-up and walk).
   */
  private recent = new Map<string, Verdicted>();
  private older = new Map<string, Verdicted>();
  private recentChars = 0;
  private finder: LogUrlFinder;
  stats = emptyStats();

  constructor(
    private readonly options: ScanOptions,
    w3cFields: readonly string[] | null = null,
    /** Characters this scanner's cache may hold (a worker of N gets 1/N of CACHE_BUDGET_CHARS). */
    private readonly cacheBudget = CACHE_BUDGET_CHARS,
  ) {
    this.finder = new LogUrlFinder(w3cFields);
    rememberHosts(SCAN_REMEMBERED_HOSTS);
  }

  /** For a worker given a chunk from the middle of a W3C log: the `#Fields:` in force where it starts. */
  setW3cFields(fields: readonly string[] | null): void {
    this.finder = new LogUrlFinder(fields);
  }

  /** The counts since the last call (a worker sends them with each chunk). */
  takeStats(): ScanStats {
    const stats = this.stats;
    this.stats = emptyStats();
    return stats;
  }

  /** Scans lines; each hit carries its line number counted from `firstLine`. */
  scan(lines: readonly LineItem[], firstLine = 1): Hit[] {
    const hits: Hit[] = [];
    const stats = this.stats;
    const minRank = VERDICT_RANK[this.options.min];
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] as LineItem;
      stats.lines++;
      if (line instanceof OverlongLine) {
        stats.overlongLines++;
        continue;
      }
      if (line.length < 10) continue;
      const urls = this.finder.find(line);
      for (const url of urls) {
        const verdicted = this.judge(url, minRank);
        if (verdicted === null) continue;
        stats.urls++;
        stats.byVerdict[verdicted.verdict]++;
        if (VERDICT_RANK[verdicted.verdict] > VERDICT_RANK[stats.worst]) stats.worst = verdicted.verdict;
        if (verdicted.lookalike) {
          const [host, imitates] = verdicted.lookalike;
          const seen = stats.lookalikes[host];
          if (seen) seen[1]++;
          else stats.lookalikes[host] = [imitates, 1];
        }
        for (const scope of verdicted.highPrivilege) stats.highPrivilegeScopes[scope] = (stats.highPrivilegeScopes[scope] ?? 0) + 1;
        if (verdicted.body !== null) hits.push({ line: firstLine + index, body: verdicted.body });
      }
    }
    return hits;
  }

  private judge(url: string, minRank: number): Verdicted | null {
    const cached = this.recent.get(url);
    if (cached) return cached;
    const older = this.older.get(url);
    if (older) return this.remember(url, older);
    // Everything is reported at --min=none: then even a tunnel needs its rendered hit.
    if (minRank > VERDICT_RANK.none && verdictByHostAlone(url) === 'none') return this.remember(url, NOTHING_FOUND);
    const result = analyzeLink(url);
    if (!result.ok) return null; // text that only looked like a URL
    const analysis = result.analysis;
    const lookalike = analysis.host.imitates === null ? null : ([analysis.host.unicode, analysis.host.imitates] as const);
    const highPrivilege = analysis.scopes.requested.filter((scope) => scope.entry?.highPrivilege).map((scope) => scope.name);
    const body = VERDICT_RANK[analysis.verdict] >= minRank ? renderBody(result, this.options) : null;
    const verdicted: Verdicted =
      analysis.verdict === 'none' && lookalike === null && highPrivilege.length === 0 && body === null
        ? NOTHING_FOUND
        : { verdict: analysis.verdict, lookalike, highPrivilege, body };
    return this.remember(url, verdicted);
  }

  private remember(url: string, verdicted: Verdicted): Verdicted {
    if (url.length > CACHE_KEY_LENGTH) return verdicted;
    const cost = url.length + (verdicted.body?.length ?? 0) + ENTRY_OVERHEAD;
    if (this.recentChars + cost > this.cacheBudget / 2) {
      this.older = this.recent;
      this.recent = new Map();
      this.recentChars = 0;
    }
    this.recent.set(detached(url), verdicted);
    this.recentChars += cost;
    return verdicted;
  }
}
