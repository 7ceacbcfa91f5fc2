// The `consent-guard` command: Node wiring around run.ts (streams, files, worker threads, a closed pipe).
// The same bundle is also the scan worker (`--jobs`): a worker thread started on this file runs scanWorker.
import { createReadStream, statSync } from 'node:fs';
import os from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
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

async function* fileBytes(path: string): AsyncIterable<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
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
  for await (const chunk of process.stdin) yield chunk as Uint8Array;
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
