/**
 * The log scanner's engine: lines in, hits (already formatted) and summary counts out. The same engine runs
 * in the main thread (one job) and in each worker (`--jobs`); its state is plain data so workers can send it.
 */
import { analyzeLink, type Verdict } from '../core';
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

/** Distinct URLs remembered; beyond it the oldest are forgotten (and re-analysed if they come back). */
const CACHE_ENTRIES = 50_000;
/** Longer URLs are not remembered: each would pin up to 2 MiB. */
const CACHE_KEY_LENGTH = 4096;

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
  private readonly cache = new Map<string, Verdicted>();
  private finder: LogUrlFinder;
  stats = emptyStats();

  constructor(
    private readonly options: ScanOptions,
    w3cFields: readonly string[] | null = null,
  ) {
    this.finder = new LogUrlFinder(w3cFields);
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
    const cached = this.cache.get(url);
    if (cached) return cached;
    const result = analyzeLink(url);
    if (!result.ok) return null; // text that only looked like a URL
    const analysis = result.analysis;
    const verdicted: Verdicted = {
      verdict: analysis.verdict,
      lookalike: analysis.host.imitates === null ? null : [analysis.host.unicode, analysis.host.imitates],
      highPrivilege: analysis.scopes.requested.filter((scope) => scope.entry?.highPrivilege).map((scope) => scope.name),
      body: VERDICT_RANK[analysis.verdict] >= minRank ? renderBody(result, this.options) : null,
    };
    if (url.length <= CACHE_KEY_LENGTH) {
      if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(url, verdicted);
    }
    return verdicted;
  }
}
