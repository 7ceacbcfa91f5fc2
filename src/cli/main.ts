// The `consent-guard` command: Node wiring around run.ts (streams, files, worker threads, a closed pipe).
// The same bundle is also the scan worker (`--jobs`): a worker thread started on this file runs scanWorker.
import { createReadStream, statSync } from 'node:fs';
import os from 'node:os';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { concat } from './lines';
import { OutputClosed } from './output';
import { linesOfChunk, parallelScanWith, WORKER_MARK, type ChunkReply, type ChunkRequest, type WorkerData } from './parallel';
import { runCli } from './run';
import { LogScanner } from './scanner';

function scanWorker(): void {
  const data = workerData as WorkerData;
  const scanner = new LogScanner(data.options, null, data.cacheBudget);
  parentPort?.on('message', (request: ChunkRequest) => {
    let reply: ChunkReply;
    try {
      scanner.setW3cFields(request.w3cFields);
      const { lines, error } = linesOfChunk(request);
      const hits = scanner.scan(lines, 1);
      reply = { id: request.id, hits, stats: scanner.takeStats(), ...(error ? { error: { kind: 'encoding', message: error.message } } : {}) };
    } catch (error) {
      reply = {
        id: request.id,
        hits: [],
        stats: scanner.takeStats(),
        error: { kind: 'internal', message: `internal error: ${error instanceof Error ? error.message : String(error)}` },
      };
    }
    parentPort?.postMessage(reply);
  });
}

/** Standard output with back-pressure; once the reader has gone (EPIPE), every write throws OutputClosed. */
function stdoutWriter(): (text: string) => void | Promise<void> {
  let closed = false;
  let waiting: { resolve: () => void; reject: (error: Error) => void } | null = null;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    closed = true;
    waiting?.reject(error.code === 'EPIPE' ? new OutputClosed() : error);
    waiting = null;
  });
  process.stdout.on('drain', () => {
    waiting?.resolve();
    waiting = null;
  });
  return (text) => {
    if (closed) throw new OutputClosed();
    if (process.stdout.write(text)) return;
    return new Promise<void>((resolve, reject) => {
      waiting = { resolve, reject };
    });
  };
}

/**
 * The bytes of an input, gunzipped as they come when it is gzip-compressed (a day of proxy logs is kept as
 * `access.log.1.gz`): by its first bytes, not its name, so `zcat` is not needed and a renamed file still reads.
 * Other archive formats get a one-line error from the decoder.
 */
async function* gunzippedIfCompressed(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  let first = await iterator.next();
  // A pipe may deliver the first byte alone.
  while (!first.done && first.value.length < 2) {
    const next = await iterator.next();
    if (next.done) break;
    first = { done: false, value: concat(first.value, next.value) };
  }
  if (first.done) return;
  const head = first.value;
  const rest = async function* (): AsyncGenerator<Uint8Array> {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  };
  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    yield* rest();
    return;
  }
  // The pipeline carries back-pressure, and an early end (a closed output) destroys the file's stream too.
  const gunzip = pipeline(Readable.from(rest()), createGunzip(), () => undefined);
  try {
    for await (const chunk of gunzip) yield chunk as Uint8Array;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // zlib's own words for a damaged or cut file, after the lines before the damage were read.
    if (code?.startsWith('Z_')) throw new Error(`not a valid gzip file (${(error as Error).message})`, { cause: error });
    throw error;
  }
}

async function* fileBytes(path: string): AsyncIterable<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  try {
    yield* gunzippedIfCompressed(stream);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Not the file system's (a damaged gzip file): its own words.
    if (code === undefined) throw error;
    throw new Error(
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot be read (${code ?? 'error'})`,
      {
        cause: error,
      },
    );
  } finally {
    stream.destroy();
  }
}

async function* stdinBytes(): AsyncIterable<Uint8Array> {
  if (process.stdin.isTTY) process.stderr.write('consent-guard: reading from standard input, one per line (Ctrl-D to end)\n');
  yield* gunzippedIfCompressed(process.stdin);
}

async function main(): Promise<void> {
  try {
    const status = await runCli(process.argv.slice(2), {
      stdin: stdinBytes,
      openFile: fileBytes,
      isFile: (path) => {
        try {
          return statSync(path).isFile();
        } catch {
          return false;
        }
      },
      out: stdoutWriter(),
      err: (text) => {
        process.stderr.write(text);
      },
      color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
      progress: Boolean(process.stderr.isTTY),
      cores: os.availableParallelism(),
      parallelScan: parallelScanWith(new URL(import.meta.url)),
    });
    process.exitCode = status;
  } catch (error) {
    // Only a bug gets here; still one line, no stack trace.
    process.stderr.write(`consent-guard: internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    process.exitCode = 3;
  }
  // Standard input may still be open (`| head` closed our output first, or a terminal): do not wait for it.
  process.stdin.destroy();
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_MARK]) scanWorker();
else await main();
