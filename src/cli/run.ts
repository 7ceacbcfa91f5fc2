/**
 * `consent-guard check` and `consent-guard scan`: argument handling, inputs (arguments, standard input, files,
 * e-mails), streaming, output formats, exit status. Node-free except through `CliIo`, so tests run it directly.
 */
import { analyzeLink, parseWebUrl, type Verdict } from '../core';
import { linksInEmail, looksLikeEmail, MAX_EML_BYTES } from './eml';
import {
  CHECK_CSV_HEADER,
  contractOf,
  csvCells,
  csvRow,
  formatFound,
  formatReport,
  printable,
  safeJson,
  SCAN_CSV_HEADER,
  type FoundAt,
  type OutputFormat,
} from './format';
import { encodingErrorAfter, InputEncodingError, MAX_LINE_LENGTH, OverlongLine, readLines, type LineItem } from './lines';
import { schemelessUrlOf } from './log-urls';
import { BufferedWriter, OutputClosed } from './output';
import { formatHit, LogScanner, mergeStats, VERDICT_RANK, VERDICTS, emptyStats, type ScanOptions, type ScanStats } from './scanner';

export { printable, formatReport } from './format';
export { OutputClosed } from './output';

export const USAGE = `Usage: consent-guard check [--json|--csv] <url|file>...
       consent-guard check [--json|--csv] [-]          (one URL per line from standard input)
       consent-guard check [--json|--csv] --eml [report.eml|-]
       consent-guard scan  [--json|--csv] [--min=warn] [--jobs[=N]] [FILE...|-]

check  Checks Azure DevOps / Microsoft Entra authorization links: the host (real or lookalike),
       HTTPS, and what each requested permission allows. Links wrapped by mail security
       (Safe Links, URL Defense, ...) are unwrapped and the inner URL is judged. A file argument
       is read as one URL per line, or as an e-mail when it is one (every link of every part).
scan   Finds URLs in log lines (proxy, W3C/IIS, CSV, JSON lines) and reports those at or above
       --min (none|ok|warn|danger; default warn) with their line numbers, then a summary.
       --jobs uses every core (--jobs=N: N worker threads).
Output: a readable report; --json one JSON object per line; --csv (formula-safe).
Exit status: 0 ok or none, 1 warn, 2 danger, 3 usage error or an input that is not a URL.`;

export const EXIT_USAGE = 3;
const EXIT_BY_VERDICT: Record<Verdict, number> = { none: 0, ok: 0, warn: 1, danger: 2 };

export interface CliIo {
  /** Standard input, as it arrives. */
  readonly stdin: () => AsyncIterable<Uint8Array | string>;
  /** A file's bytes as they are read; throws an Error whose message is one line when it cannot be read. */
  readonly openFile: (path: string) => AsyncIterable<Uint8Array>;
  readonly isFile: (path: string) => boolean;
  /** Standard output; a returned promise means "wait before writing more". Throws OutputClosed once the reader is gone. */
  readonly out: (text: string) => void | Promise<void>;
  readonly err: (text: string) => void;
  readonly color: boolean;
  /** A progress line on stderr (set only when stderr is a terminal). */
  readonly progress?: boolean;
  /** The number of cores, for `--jobs`. */
  readonly cores?: number;
  /** Runs a scan on worker threads (Node wiring), one job included; without it every scan runs in this thread. */
  readonly parallelScan?: ParallelScan;
  readonly now?: () => number;
}

/** One input of a scan, as the parallel runner gets it. */
export interface ScanInput {
  readonly name: string;
  readonly open: () => AsyncIterable<Uint8Array | string>;
}
export type ParallelScan = (
  inputs: readonly ScanInput[],
  options: ScanOptions & { readonly jobs: number },
  sink: {
    /** Called in input order with each batch of hits already formatted. */
    readonly write: (text: string) => Promise<void> | undefined;
    readonly inputError: (name: string, message: string) => void;
    readonly progress: (stats: ScanStats) => void;
  },
) => Promise<ScanStats>;

/** Runs the CLI and returns its exit status. Never throws for bad input; a closed output ends it quietly. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    await io.out(`${USAGE}\n`);
    return 0;
  }
  if (command !== 'check' && command !== 'scan') {
    io.err(`consent-guard: ${command === undefined ? 'missing command' : `unknown command "${printable(command, 40)}"`}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const parsed = parseArguments(command, rest);
  if (typeof parsed === 'string') {
    io.err(`consent-guard: ${parsed}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (parsed.help) {
    await io.out(`${USAGE}\n`);
    return 0;
  }
  const state = { status: 0 };
  const writer = new BufferedWriter(io.out);
  try {
    if (command === 'check') await runCheck(parsed, io, writer, state);
    else await runScan(parsed, io, writer, state);
    await writer.flush();
  } catch (error) {
    if (!(error instanceof OutputClosed)) throw error;
  }
  return state.status;
}

interface Arguments {
  readonly help: boolean;
  readonly format: OutputFormat;
  readonly eml: boolean;
  readonly min: Verdict;
  readonly jobs: number | 'all';
  readonly inputs: readonly string[];
}

function parseArguments(command: 'check' | 'scan', rest: readonly string[]): Arguments | string {
  let format: OutputFormat = 'human';
  let eml = false;
  let min: Verdict = 'warn';
  let jobs: number | 'all' = 1;
  let help = false;
  const inputs: string[] = [];
  let optionsEnded = false;
  for (const argument of rest) {
    if (optionsEnded || !argument.startsWith('-') || argument === '-') {
      inputs.push(argument);
      continue;
    }
    const [name, value] = argument.includes('=')
      ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)]
      : [argument, undefined];
    if (name === '--') optionsEnded = true;
    else if (name === '--help' || name === '-h') help = true;
    else if (name === '--json' && value === undefined) format = 'json';
    else if (name === '--csv' && value === undefined) format = 'csv';
    else if (name === '--eml' && value === undefined && command === 'check') eml = true;
    else if (name === '--min' && command === 'scan') {
      if (!value || !(VERDICTS as readonly string[]).includes(value)) return `--min takes one of ${VERDICTS.join(', ')}`;
      min = value as Verdict;
    } else if (name === '--jobs' && command === 'scan') {
      if (value === undefined) jobs = 'all';
      else if (/^[1-9][0-9]{0,2}$/.test(value)) jobs = Number(value);
      else return '--jobs takes a number of worker threads (or nothing: every core)';
    } else return `unknown option "${printable(argument, 40)}"`;
  }
  return { help, format, eml, min, jobs, inputs };
}

type State = { status: number };
const raise = (state: State, status: number) => {
  if (status > state.status) state.status = status;
};
const wait = async (pending: Promise<void> | undefined) => {
  if (pending) await pending;
};

// --- check ------------------------------------------------------------------------------------------------

async function runCheck(args: Arguments, io: CliIo, writer: BufferedWriter, state: State): Promise<void> {
  if (args.format === 'csv') await wait(writer.write(csvRow(CHECK_CSV_HEADER)));
  const inputs = args.inputs.length === 0 ? ['-'] : args.inputs;
  let analysed = 0;
  const report = async (input: string, label: string, found?: readonly FoundAt[]) => {
    const result = analyzeLink(input);
    if (!result.ok) {
      // What a proxy console shows has no scheme: say which URL to check, but judge only what was given.
      const schemeless = schemelessUrlOf(input);
      const hint = schemeless === null ? '' : `; written without its scheme? check ${printable(schemeless, 160)}`;
      io.err(`consent-guard: ${label}${printable(input, 120)}: ${result.error}${hint}\n`);
      raise(state, EXIT_USAGE);
      return;
    }
    analysed++;
    raise(state, EXIT_BY_VERDICT[result.analysis.verdict]);
    const json = args.format === 'human' ? null : contractOf(result);
    const text =
      json === null
        ? formatReport(result.analysis, io.color, { link: result.link, ...(found ? { found } : {}) })
        : args.format === 'json'
          ? `${safeJson(found ? { ...json, found } : json)}\n`
          : csvRow([...csvCells(json), found ? formatFound(found) : '']);
    await wait(writer.write(text));
  };

  for (const input of inputs) {
    if (args.eml) {
      await checkEmail(input === '-' ? 'standard input' : input, input === '-' ? io.stdin() : io.openFile(input), io, writer, state, report);
      continue;
    }
    if (input === '-') {
      await checkStream('standard input', io.stdin(), io, writer, state, report);
      continue;
    }
    if (typeof parseWebUrl(input) === 'string' && io.isFile(input)) {
      await checkStream(input, io.openFile(input), io, writer, state, report);
      continue;
    }
    await report(input, '');
  }
  await writer.flush();
  if (analysed === 0 && state.status === 0) {
    io.err('consent-guard: no URL given (pass URLs as arguments, a file, or one per line on standard input)\n');
    raise(state, EXIT_USAGE);
  }
}

type Report = (input: string, label: string, found?: readonly FoundAt[]) => Promise<void>;

/** One URL per line; an e-mail when the first bytes are a header block. */
async function checkStream(
  name: string,
  source: AsyncIterable<Uint8Array | string>,
  io: CliIo,
  writer: BufferedWriter,
  state: State,
  report: Report,
): Promise<void> {
  let lineNumber = 0;
  try {
    const peeked = await peek(source, 8192);
    if (peeked.head.length > 0 && looksLikeEmail(peekText(peeked.head))) {
      await checkEmail(name, peeked.source, io, writer, state, report);
      return;
    }
    for await (const lines of readLines(peeked.source)) {
      for (const line of lines) {
        lineNumber++;
        if (line instanceof OverlongLine) {
          io.err(
            `consent-guard: ${name}:${lineNumber}: a line of ${line.length} characters, longer than any URL a browser accepts (${MAX_LINE_LENGTH}); skipped\n`,
          );
          raise(state, EXIT_USAGE);
          continue;
        }
        const trimmed = line.trim();
        if (trimmed === '') continue;
        await report(trimmed, `${name}:${lineNumber}: `);
      }
      // Each batch goes out as soon as it is analysed: a pipeline sees results while input still arrives.
      await writer.flush();
    }
  } catch (error) {
    // The input could not be read on (not text, a damaged gzip file, a file the system refuses): one line.
    if (error instanceof OutputClosed) throw error;
    io.err(`consent-guard: ${name}: ${error instanceof InputEncodingError ? error.message : oneLine(error)}\n`);
    raise(state, EXIT_USAGE);
  }
}

async function checkEmail(
  name: string,
  source: AsyncIterable<Uint8Array | string>,
  io: CliIo,
  writer: BufferedWriter,
  state: State,
  report: Report,
): Promise<void> {
  let raw: Uint8Array;
  try {
    raw = await readAll(source, MAX_EML_BYTES);
  } catch (error) {
    io.err(`consent-guard: ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    raise(state, EXIT_USAGE);
    return;
  }
  let links;
  try {
    links = await linksInEmail(raw);
  } catch (error) {
    io.err(`consent-guard: ${name}: not a readable e-mail (${oneLine(error)})\n`);
    raise(state, EXIT_USAGE);
    return;
  }
  if (links.length === 0) io.err(`consent-guard: ${name}: the e-mail contains no web links\n`);
  for (const link of links) await report(link.url, `${name}: `, link.found);
}

// --- scan -------------------------------------------------------------------------------------------------

async function runScan(args: Arguments, io: CliIo, writer: BufferedWriter, state: State): Promise<void> {
  const options: ScanOptions = { format: args.format, min: args.min, color: io.color };
  const inputs: ScanInput[] = (args.inputs.length === 0 ? ['-'] : args.inputs).map((input) =>
    input === '-' ? { name: 'stdin', open: () => io.stdin() } : { name: input, open: () => io.openFile(input) },
  );
  if (args.format === 'csv') await wait(writer.write(csvRow(SCAN_CSV_HEADER)));
  const now = io.now ?? (() => Date.now());
  const started = now();
  let lastProgress = started;
  const progress = (stats: ScanStats) => {
    if (!io.progress) return;
    const at = now();
    if (at - lastProgress < 250) return;
    lastProgress = at;
    const perSecond = Math.round(stats.lines / Math.max((at - started) / 1000, 0.001));
    const hits = VERDICTS.filter((verdict) => VERDICT_RANK[verdict] >= VERDICT_RANK[args.min]).reduce((sum, verdict) => sum + stats.byVerdict[verdict], 0);
    io.err(
      `\r\u001b[2Kconsent-guard: ${stats.lines.toLocaleString('en-US')} lines, ${perSecond.toLocaleString('en-US')} lines/s, ${hits.toLocaleString('en-US')} hits`,
    );
  };
  const inputError = (name: string, message: string) => {
    if (io.progress) io.err('\r\u001b[2K');
    io.err(`consent-guard: ${name}: ${message}\n`);
    raise(state, EXIT_USAGE);
  };

  const jobs = args.jobs === 'all' ? Math.max(1, io.cores ?? 1) : args.jobs;
  let stats: ScanStats;
  // The binary judges in worker threads even for one job: a worker's heap can be bounded, the main thread's
  // cannot from inside (see parallel.ts); and the main thread's reading then overlaps the judging.
  if (io.parallelScan) {
    stats = await io.parallelScan(inputs, { ...options, jobs }, { write: (text) => writer.write(text), inputError, progress });
  } else {
    stats = emptyStats();
    const scanner = new LogScanner(options);
    for (const input of inputs) {
      scanner.setW3cFields(null);
      let lineNumber = 1;
      try {
        for await (const lines of readLines(input.open())) {
          for (const hit of scanner.scan(lines, lineNumber)) await wait(writer.write(formatHit(hit, input.name, hit.line, options)));
          lineNumber += lines.length;
          mergeStats(stats, scanner.takeStats());
          progress(stats);
        }
      } catch (error) {
        if (error instanceof InputEncodingError) inputError(input.name, encodingErrorAfter(error, lineNumber - 1));
        else if (error instanceof OutputClosed) throw error;
        else inputError(input.name, oneLine(error));
      }
      mergeStats(stats, scanner.takeStats());
    }
  }
  if (io.progress) io.err('\r\u001b[2K');
  raise(state, EXIT_BY_VERDICT[stats.worst]);
  await wait(writer.write(formatSummary(stats, args.format, (now() - started) / 1000)));
}

export function formatSummary(stats: ScanStats, format: OutputFormat, seconds: number): string {
  const lookalikes = Object.entries(stats.lookalikes)
    .sort((a, b) => b[1][1] - a[1][1])
    .slice(0, 20);
  const scopes = Object.entries(stats.highPrivilegeScopes)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10);
  if (format === 'json') {
    return `${safeJson({
      summary: {
        lines: stats.lines,
        urls: stats.urls,
        overlongLines: stats.overlongLines,
        verdicts: stats.byVerdict,
        lookalikes: lookalikes.map(([host, [imitates, count]]) => ({ host, imitates, count })),
        highPrivilegeScopes: scopes.map(([scope, count]) => ({ scope, count })),
      },
    })}\n`;
  }
  if (format === 'csv') return ''; // a CSV file holds one table; the summary is for the JSON and human forms
  const number = (value: number) => value.toLocaleString('en-US');
  const lines = [
    `Summary: ${number(stats.lines)} lines, ${number(stats.urls)} URLs (${VERDICTS.map((verdict) => `${verdict} ${number(stats.byVerdict[verdict])}`).join(', ')}) in ${seconds.toFixed(1)} s`,
  ];
  if (stats.overlongLines > 0) lines.push(`  ${number(stats.overlongLines)} lines longer than ${number(MAX_LINE_LENGTH)} characters were skipped`);
  if (lookalikes.length > 0) {
    lines.push('  Lookalike hosts seen:');
    for (const [host, [imitates, count]] of lookalikes) lines.push(`    ${printable(host, 200)} imitates ${imitates} (${number(count)}×)`);
  }
  if (scopes.length > 0) {
    lines.push('  Most requested high-privilege scopes:');
    for (const [scope, count] of scopes) lines.push(`    ${printable(scope, 200)} (${number(count)}×)`);
  }
  return `${lines.join('\n')}\n`;
}

// --- helpers ----------------------------------------------------------------------------------------------

/** Reads the first bytes of a source without losing them: the returned source replays them first. */
async function peek(source: AsyncIterable<Uint8Array | string>, bytes: number): Promise<{ head: Uint8Array; source: AsyncIterable<Uint8Array | string> }> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: (Uint8Array | string)[] = [];
  let size = 0;
  let done = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    size += next.value.length;
  }
  const encoder = new TextEncoder();
  const head = concatBytes(seen.map((chunk) => (typeof chunk === 'string' ? encoder.encode(chunk) : chunk)));
  const replay = async function* () {
    yield* seen;
    if (done) return;
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  };
  return { head, source: replay() };
}

/** The head of an input as text for sniffing (a UTF-16 e-mail does not exist in practice; a BOM is skipped). */
function peekText(head: Uint8Array): string {
  return new TextDecoder('utf-8').decode(head.subarray(0, 8192));
}

async function readAll(source: AsyncIterable<Uint8Array | string>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const encoder = new TextEncoder();
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    size += bytes.length;
    if (size > limit) throw new Error(`larger than ${limit / 1024 / 1024} MB: not read (reported e-mails are smaller)`);
    chunks.push(bytes);
  }
  return concatBytes(chunks);
}

function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

function oneLine(error: unknown): string {
  return printable((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '', 200);
}

export type { LineItem };
