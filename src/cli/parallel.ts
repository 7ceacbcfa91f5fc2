/**
 * `scan --jobs`: the main thread decodes the input and cuts it into chunks of whole lines; worker threads find
 * and judge the URLs (each with its own cache); hits come back per chunk and are written in input order with
 * their line numbers. At most two chunks per worker are in flight, so memory stays bounded and a slow reader
 * of our output slows the input down (back-pressure all the way).
 */
import { Worker } from 'node:worker_threads';
import { InputEncodingError, MAX_LINE_LENGTH, OverlongLine, StreamDecoder, type LineItem } from './lines';
import type { ParallelScan, ScanInput } from './run';
import { emptyStats, formatHit, mergeStats, type Hit, type ScanOptions, type ScanStats } from './scanner';

/** Text per chunk: big enough that messaging costs little, small enough to keep every worker busy. */
const CHUNK_CHARACTERS = 256 * 1024;
const IN_FLIGHT_PER_WORKER = 2;

export interface ChunkRequest {
  readonly id: number;
  /** Whole lines (ends with a separator), or one overlong line that was not kept. */
  readonly text: string;
  readonly overlong: number;
  readonly w3cFields: readonly string[] | null;
}
export interface ChunkReply {
  readonly id: number;
  readonly hits: Hit[];
  readonly stats: ScanStats;
  readonly error?: string;
}
export const WORKER_MARK = 'consent-guard-scan-worker';

interface Pending {
  readonly input: string;
  reply: ChunkReply | null;
}

export function parallelScanWith(workerUrl: URL): ParallelScan {
  return async (inputs, options, sink) => {
    const workers = Array.from(
      { length: options.jobs },
      () => new Worker(workerUrl, { workerData: { [WORKER_MARK]: true, options: { format: options.format, min: options.min, color: options.color } } }),
    );
    const busy = new Map<Worker, number>(workers.map((worker) => [worker, 0]));
    const pending = new Map<number, Pending>();
    const total = emptyStats();
    let nextId = 0;
    let nextToWrite = 0;
    let lineBase = 0;
    let currentInput: string | null = null;
    let failure: Error | null = null;
    // A reply can arrive while we are writing: the flag keeps it from being missed.
    let arrived = false;
    let wake: (() => void) | null = null;
    const signal = () => {
      arrived = true;
      const resume = wake;
      wake = null;
      resume?.();
    };

    for (const worker of workers) {
      worker.on('message', (reply: ChunkReply) => {
        busy.set(worker, (busy.get(worker) ?? 1) - 1);
        const entry = pending.get(reply.id);
        if (entry) entry.reply = reply;
        signal();
      });
      worker.on('error', (error) => {
        failure = error;
        signal();
      });
    }

    /** Writes every finished chunk that is next in input order. */
    const drain = async () => {
      for (let entry = pending.get(nextToWrite); entry?.reply; entry = pending.get(nextToWrite)) {
        pending.delete(nextToWrite);
        nextToWrite++;
        if (entry.input !== currentInput) {
          currentInput = entry.input;
          lineBase = 0;
        }
        const reply = entry.reply;
        if (reply.error) sink.inputError(entry.input, reply.error);
        for (const hit of reply.hits) {
          const wait = sink.write(formatHit(hit, entry.input, lineBase + hit.line, options));
          if (wait) await wait;
        }
        lineBase += reply.stats.lines;
        mergeStats(total, reply.stats);
        sink.progress(total);
      }
    };
    const waitForReply = async () => {
      if (failure) throw failure;
      if (!arrived) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      arrived = false;
      if (failure) throw failure;
      await drain();
    };
    const send = async (input: string, request: Omit<ChunkRequest, 'id'>) => {
      for (;;) {
        let idlest: Worker | null = null;
        for (const [worker, count] of busy) if (count < IN_FLIGHT_PER_WORKER && (idlest === null || count < (busy.get(idlest) ?? 0))) idlest = worker;
        if (idlest) {
          const id = nextId++;
          pending.set(id, { input, reply: null });
          busy.set(idlest, (busy.get(idlest) ?? 0) + 1);
          idlest.postMessage({ id, ...request } satisfies ChunkRequest);
          return;
        }
        await waitForReply();
      }
    };

    try {
      for (const input of inputs) await cutIntoChunks(input, send, sink.inputError);
      while (nextToWrite < nextId) await waitForReply();
    } finally {
      await Promise.all(workers.map((worker) => worker.terminate()));
    }
    return total;
  };
}

/** Decodes one input and sends it as chunks of whole lines, carrying the W3C `#Fields:` in force. */
async function cutIntoChunks(
  input: ScanInput,
  send: (input: string, request: Omit<ChunkRequest, 'id'>) => Promise<void>,
  inputError: (name: string, message: string) => void,
): Promise<void> {
  const decoder = new StreamDecoder();
  let carry = '';
  let overlong = 0;
  let w3cFields: readonly string[] | null = null;
  const emit = async (text: string) => {
    const fieldsAtStart = w3cFields;
    w3cFields = lastW3cFields(text) ?? w3cFields;
    await send(input.name, { text, overlong: 0, w3cFields: fieldsAtStart });
  };
  const take = async (text: string, final: boolean) => {
    let buffer = carry + text;
    carry = '';
    if (overlong > 0) {
      // Inside a line that is too long: drop text up to its end.
      const end = firstSeparatorEnd(buffer);
      if (end < 0) {
        overlong += buffer.length;
        if (final) await send(input.name, { text: '', overlong, w3cFields });
        return;
      }
      await send(input.name, { text: '', overlong: overlong + end, w3cFields });
      overlong = 0;
      buffer = buffer.slice(end);
    }
    if (final) {
      if (buffer !== '') await emit(buffer);
      return;
    }
    const cut = lastCut(buffer);
    if (cut > 0) {
      await emit(buffer.slice(0, cut));
      buffer = buffer.slice(cut);
    }
    if (buffer.length > MAX_LINE_LENGTH) overlong = buffer.length;
    else carry = buffer;
  };
  try {
    let gathered = '';
    for await (const chunk of input.open()) {
      gathered += typeof chunk === 'string' ? chunk : decoder.decode(chunk);
      if (gathered.length >= CHUNK_CHARACTERS) {
        await take(gathered, false);
        gathered = '';
      }
    }
    await take(gathered + decoder.end(), true);
  } catch (error) {
    if (carry !== '') await emit(`${carry}\n`);
    inputError(
      input.name,
      error instanceof InputEncodingError ? error.message : ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''),
    );
  }
}

/** After the last line separator (not a CR that may be the first half of a CRLF still to come). */
function lastCut(text: string): number {
  const lastCr = text.lastIndexOf('\r', text.length - 2);
  const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\u2028'), text.lastIndexOf('\u2029'), lastCr);
  return cut < 0 ? -1 : cut + 1;
}

function firstSeparatorEnd(text: string): number {
  const match = /\r\n|[\n\r\u2028\u2029]/.exec(text);
  return match ? match.index + match[0].length : -1;
}

/** The fields of the last `#Fields:` directive in a chunk, if any. */
function lastW3cFields(text: string): readonly string[] | null {
  let at = text.lastIndexOf('#Fields:');
  while (at > 0 && !/[\n\r\u2028\u2029]/.test(text[at - 1] ?? '')) at = text.lastIndexOf('#Fields:', at - 1);
  if (at < 0) return null;
  const end = text.slice(at).search(/[\n\r\u2028\u2029]/);
  const line = end < 0 ? text.slice(at) : text.slice(at, at + end);
  return line
    .slice('#Fields:'.length)
    .trim()
    .split(/\s+/)
    .map((field) => field.toLowerCase());
}

/** Each chunk's lines, as the worker sees them (exported for tests of the cutting). */
export function linesOfChunk(request: ChunkRequest): LineItem[] {
  if (request.overlong > 0) return [new OverlongLine(request.overlong)];
  return splitWhole(request.text).map((line) => (line.length > MAX_LINE_LENGTH ? new OverlongLine(line.length) : line));
}

function splitWhole(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|[\n\r\u2028\u2029]/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export type { ScanOptions };
