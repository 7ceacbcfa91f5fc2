/**
 * `scan --jobs`: worker threads decode, split and judge; the main thread only moves bytes. It reads each input,
 * cuts it into chunks of whole lines at a line-separator byte (UTF-8 never has those bytes inside a character)
 * and hands each chunk's memory to a worker without copying it. Replies (the hits, already rendered, and the
 * counts) are written in input order with their line numbers. At most IN_FLIGHT_PER_WORKER chunks per worker
 * are out at a time, so memory stays bounded whatever the input's length, and a slow reader of our output
 * slows the reading of the input (back-pressure all the way).
 *
 * The main thread doing so little is what makes `--jobs` pay on two cores: when it decoded and copied the text
 * itself, it took a core's share of the work from the workers.
 */
import { Buffer, isAscii, isUtf8 } from 'node:buffer';
import { Worker } from 'node:worker_threads';
import {
  beforeInvalidByte,
  concat,
  detectEncoding,
  encodingErrorAfter,
  MARK_PEEK_BYTES,
  InputEncodingError,
  invalidByteMessage,
  MAX_LINE_LENGTH,
  OverlongLine,
  StreamDecoder,
  type LineItem,
} from './lines';
import { w3cFieldsOf } from './log-urls';
import type { ParallelScan, ScanInput } from './run';
import { CACHE_BUDGET_CHARS, emptyStats, formatHit, mergeStats, type Hit, type ScanOptions, type ScanStats } from './scanner';

/** Bytes per chunk: big enough that messaging costs little, small enough to keep every worker busy. */
const CHUNK_BYTES = 256 * 1024;
const IN_FLIGHT_PER_WORKER = 2;
/**
 * A line without a separator after this many bytes is longer than MAX_LINE_LENGTH characters whatever it holds
 * (UTF-8 takes at most three bytes per UTF-16 unit); it is skipped while reading. Shorter ones are measured in
 * characters by the worker, as one job does.
 */
const SURELY_OVERLONG_BYTES = 3 * MAX_LINE_LENGTH;
/** A worker's young generation: small, so each worker's resident memory stays small (its garbage is short-lived). */
const WORKER_YOUNG_GENERATION_MB = 8;
/**
 * A worker's old generation: what the analyzer's own data takes, plus its share of the scan cache (a cached
 * character costs about 1.5 bytes with its entry). Bounded, because V8 otherwise lets a heap that allocates as
 * fast as the analyzer does grow to several times what it holds: the bound is what keeps the process's peak
 * within its budget, and the margin above what is held keeps the worker far from running out.
 */
const workerOldGenerationMb = (cacheBudget: number) => 40 + Math.ceil((1.5 * cacheBudget) / 1e6);

export interface ChunkRequest {
  readonly id: number;
  /** UTF-8 bytes of whole lines; the last may lack its separator only at the end of the input. */
  readonly bytes: Uint8Array;
  /** Where the chunk starts in the input, in bytes (for the message about an invalid byte). */
  readonly offset: number;
  /** True for a line that was too long to keep: it is counted, not read. */
  readonly overlong: boolean;
  /** The W3C `#Fields:` in force where the chunk starts. */
  readonly w3cFields: readonly string[] | null;
}
export interface ChunkReply {
  readonly id: number;
  readonly hits: Hit[];
  readonly stats: ScanStats;
  /** `encoding`: the input is not valid text from here on (its reading stops); `read`: it could not be read. */
  readonly error?: { readonly kind: 'encoding' | 'read' | 'internal'; readonly message: string };
}
export const WORKER_MARK = 'consent-guard-scan-worker';
export interface WorkerData {
  readonly [WORKER_MARK]: true;
  readonly options: ScanOptions;
  /** The worker's share of the scan cache (CACHE_BUDGET_CHARS over the workers). */
  readonly cacheBudget: number;
}

interface Pending {
  /** Index into the inputs (the same file may be given twice). */
  readonly input: number;
  reply: ChunkReply | null;
}

type Send = (input: number, request: Omit<ChunkRequest, 'id'>) => Promise<void>;

export function parallelScanWith(workerUrl: URL): ParallelScan {
  return async (inputs, options, sink) => {
    const cacheBudget = Math.floor(CACHE_BUDGET_CHARS / options.jobs);
    const workers = Array.from(
      { length: options.jobs },
      () =>
        new Worker(workerUrl, {
          workerData: {
            [WORKER_MARK]: true,
            options: { format: options.format, min: options.min, color: options.color },
            cacheBudget,
          } satisfies WorkerData,
          resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: workerOldGenerationMb(cacheBudget) },
        }),
    );
    const busy = new Map<Worker, number>(workers.map((worker) => [worker, 0]));
    const pending = new Map<number, Pending>();
    const total = emptyStats();
    /** Inputs that ended with an error: what was already sent of them is dropped, their reading stops. */
    const stopped = new Set<number>();
    let nextId = 0;
    let nextToWrite = 0;
    let lineBase = 0;
    let currentInput = -1;
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
        if (stopped.has(entry.input)) continue;
        if (entry.input !== currentInput) {
          currentInput = entry.input;
          lineBase = 0;
        }
        const reply = entry.reply;
        const name = (inputs[entry.input] as ScanInput).name;
        for (const hit of reply.hits) {
          const wait = sink.write(formatHit(hit, name, lineBase + hit.line, options));
          if (wait) await wait;
        }
        lineBase += reply.stats.lines;
        mergeStats(total, reply.stats);
        sink.progress(total);
        if (reply.error) {
          // The same words as one job: an encoding error names the last line read.
          sink.inputError(name, reply.error.kind === 'encoding' ? encodingErrorAfter(reply.error, lineBase) : reply.error.message);
          if (reply.error.kind !== 'internal') stopped.add(entry.input);
        }
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
    const send: Send = async (input, request) => {
      for (;;) {
        let idlest: Worker | null = null;
        for (const [worker, count] of busy) if (count < IN_FLIGHT_PER_WORKER && (idlest === null || count < (busy.get(idlest) ?? 0))) idlest = worker;
        if (idlest) {
          const id = nextId++;
          pending.set(id, { input, reply: null });
          busy.set(idlest, (busy.get(idlest) ?? 0) + 1);
          const message: ChunkRequest = { id, ...request };
          // The chunk's memory moves to the worker: nothing is copied (a chunk owns its whole buffer).
          idlest.postMessage(message, request.bytes.byteLength > 0 ? [request.bytes.buffer as ArrayBuffer] : []);
          return;
        }
        await waitForReply();
      }
    };
    /** An error found while reading: it takes its place in the output order like a chunk. */
    const readError = (input: number, kind: 'encoding' | 'read', message: string) => {
      const id = nextId++;
      pending.set(id, { input, reply: { id, hits: [], stats: emptyStats(), error: { kind, message } } });
      signal();
    };

    try {
      for (const [index, input] of inputs.entries()) {
        await cutIntoChunks(input, index, send, readError, () => stopped.has(index));
        // Replies keep coming while the next input is read; the writing catches up in waitForReply.
      }
      while (nextToWrite < nextId) await waitForReply();
    } finally {
      await Promise.all(workers.map((worker) => worker.terminate()));
    }
    return total;
  };
}

// --- the main thread: bytes into chunks of whole lines --------------------------------------------------

const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
/** U+2028 and U+2029 in UTF-8. */
const LINE_SEPARATOR = Buffer.from([0xe2, 0x80, 0xa8]);
const PARAGRAPH_SEPARATOR = Buffer.from([0xe2, 0x80, 0xa9]);

const view = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Where the last whole line ends (after its separator), or -1. A CR at the very end may be half of a CRLF, unless
 * nothing follows (`final`).
 */
function lastCut(bytes: Uint8Array, final = false): number {
  const buffer = view(bytes);
  const lf = buffer.lastIndexOf(LF);
  if (lf >= 0) return lf + 1;
  const cr = buffer.lastIndexOf(CR, final ? buffer.length - 1 : buffer.length - 2);
  if (cr >= 0) return cr + 1;
  const unicode = Math.max(buffer.lastIndexOf(LINE_SEPARATOR), buffer.lastIndexOf(PARAGRAPH_SEPARATOR));
  return unicode >= 0 ? unicode + 3 : -1;
}

/** Where the first line ends (after its separator), or -1; `crAtEnd` when it ends with a CR that is the last byte. */
function firstSeparatorEnd(bytes: Uint8Array): { end: number; crAtEnd: boolean } {
  const buffer = view(bytes);
  const candidates = [buffer.indexOf(LF), buffer.indexOf(CR), buffer.indexOf(LINE_SEPARATOR), buffer.indexOf(PARAGRAPH_SEPARATOR)].filter((at) => at >= 0);
  if (candidates.length === 0) return { end: -1, crAtEnd: false };
  const at = Math.min(...candidates);
  if (buffer[at] === LF) return { end: at + 1, crAtEnd: false };
  if (buffer[at] === CR) {
    if (at === buffer.length - 1) return { end: at + 1, crAtEnd: true };
    return { end: buffer[at + 1] === LF ? at + 2 : at + 1, crAtEnd: false };
  }
  return { end: at + 3, crAtEnd: false };
}

/** The `#Fields:` in force after these whole lines, given those in force before them. */
function w3cFieldsAfter(bytes: Uint8Array, before: readonly string[] | null): readonly string[] | null {
  const buffer = view(bytes);
  let fields = before;
  for (let at = buffer.indexOf(HASH); at >= 0; at = buffer.indexOf(HASH, at + 1)) {
    const previous = at === 0 ? LF : buffer[at - 1];
    if (previous !== LF && previous !== CR && previous !== 0xa8 && previous !== 0xa9) continue;
    if (buffer.toString('latin1', at + 1, at + 8).toLowerCase() !== 'fields:') continue;
    const { end } = firstSeparatorEnd(bytes.subarray(at));
    const line = buffer.toString('utf8', at, end < 0 ? buffer.length : at + end).replace(/[\r\n\u2028\u2029]+$/, '');
    fields = w3cFieldsOf(line) ?? fields;
  }
  return fields;
}

/**
 * An input's bytes as UTF-8: UTF-8 passes through (its mark dropped, its validity left to the workers); UTF-16
 * with a mark is decoded and re-encoded here. `onStart` learns how many bytes the mark took.
 */
async function* utf8Of(source: AsyncIterable<Uint8Array | string>, onStart: (markLength: number) => void): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let head: Uint8Array | null = new Uint8Array(0);
  let utf16: StreamDecoder | null = null;
  const start = (bytes: Uint8Array): Uint8Array => {
    head = null;
    const { encoding, markLength } = detectEncoding(bytes);
    if (encoding === 'utf-8') {
      onStart(markLength);
      return bytes.subarray(markLength);
    }
    onStart(0);
    utf16 = new StreamDecoder();
    return encoder.encode(utf16.decode(bytes));
  };
  for await (const chunk of source) {
    let bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    if (head !== null) {
      // Wait for the longest byte-order mark's bytes; a pipe may deliver one at a time.
      bytes = concat(head, bytes);
      if (bytes.length < MARK_PEEK_BYTES) {
        head = bytes;
        continue;
      }
      bytes = start(bytes);
    } else if (utf16) bytes = encoder.encode((utf16 as StreamDecoder).decode(bytes));
    if (bytes.length > 0) yield bytes;
  }
  if (head !== null && (head as Uint8Array).length > 0) yield start(head);
  if (utf16) {
    const rest = encoder.encode((utf16 as StreamDecoder).end());
    if (rest.length > 0) yield rest;
  }
}

/** Reads one input and sends it as chunks of whole lines, each in a buffer of its own. */
async function cutIntoChunks(
  input: ScanInput,
  index: number,
  send: Send,
  readError: (input: number, kind: 'encoding' | 'read', message: string) => void,
  isStopped: () => boolean,
): Promise<void> {
  /** Pieces read since the last chunk was sent (the first may be the start of a line cut by that chunk). */
  let pieces: Uint8Array[] = [];
  let gathered = 0;
  let offset = 0;
  let w3cFields: readonly string[] | null = null;
  /** Inside a line too long to keep: its bytes are dropped until its end. */
  let skipping = false;
  /** The skipped line ended with a CR that was the last byte read: a LF right after it belongs to it. */
  let dropLeadingLf = false;

  const sendChunk = async (chunk: Uint8Array) => {
    const fields = w3cFields;
    w3cFields = w3cFieldsAfter(chunk, fields);
    const start = offset;
    offset += chunk.length;
    await send(index, { bytes: chunk, offset: start, overlong: false, w3cFields: fields });
  };
  const joinPieces = (): Uint8Array => {
    // Always a fresh buffer the chunk owns alone, so it can be handed over whole.
    const joined = new Uint8Array(gathered);
    let at = 0;
    for (const piece of pieces) {
      joined.set(piece, at);
      at += piece.length;
    }
    pieces = [];
    gathered = 0;
    return joined;
  };
  const keep = (rest: Uint8Array) => {
    if (rest.length === 0) return;
    pieces.push(rest.slice());
    gathered += rest.length;
  };
  const skip = async (bytes: Uint8Array): Promise<Uint8Array | null> => {
    const { end, crAtEnd } = firstSeparatorEnd(bytes);
    offset += end < 0 ? bytes.length : end;
    if (end < 0) return null;
    skipping = false;
    dropLeadingLf = crAtEnd;
    await send(index, { bytes: new Uint8Array(0), offset, overlong: true, w3cFields });
    return bytes.subarray(end);
  };

  try {
    for await (let bytes of utf8Of(input.open(), (markLength) => (offset = markLength))) {
      if (isStopped()) return;
      if (dropLeadingLf) {
        dropLeadingLf = false;
        if (bytes[0] === LF) {
          bytes = bytes.subarray(1);
          offset++;
        }
      }
      if (skipping) {
        const rest = await skip(bytes);
        if (rest === null) continue;
        bytes = rest;
      }
      pieces.push(bytes);
      gathered += bytes.length;
      if (gathered < CHUNK_BYTES) continue;
      const joined = joinPieces();
      const cut = lastCut(joined);
      if (cut > 0) {
        keep(joined.subarray(cut));
        // The rest was copied out: the chunk can take the whole buffer.
        await sendChunk(joined.subarray(0, cut));
      } else if (joined.length > SURELY_OVERLONG_BYTES) {
        skipping = true;
        offset += joined.length;
      } else keep(joined);
    }
    if (skipping) await send(index, { bytes: new Uint8Array(0), offset, overlong: true, w3cFields });
    else if (gathered > 0) await sendChunk(joinPieces());
  } catch (error) {
    // The whole lines read before the error are still scanned (the decoder gave them before it failed).
    if (gathered > 0 && !skipping) {
      const joined = joinPieces();
      const cut = lastCut(joined, true);
      if (cut > 0) await sendChunk(joined.subarray(0, cut));
    }
    if (error instanceof InputEncodingError) readError(index, 'encoding', error.message);
    else readError(index, 'read', (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '');
  }
}

// --- the worker: a chunk into lines ----------------------------------------------------------------------

/**
 * Each chunk's lines, as the worker sees them. Bytes that are not UTF-8 end the input there: the whole lines
 * before them are still read, then `error` says where (the same message as one job gives).
 */
export function linesOfChunk(request: ChunkRequest): { lines: LineItem[]; error: InputEncodingError | null } {
  if (request.overlong) return { lines: [new OverlongLine(SURELY_OVERLONG_BYTES)], error: null };
  const buffer = view(request.bytes);
  let text: string;
  let error: InputEncodingError | null = null;
  // ASCII (most logs) is the same text in Latin-1, whose decoding is a copy; UTF-8's checks each byte again.
  if (isAscii(buffer)) text = buffer.toString('latin1');
  else if (isUtf8(buffer)) text = buffer.toString('utf8');
  else {
    const before = beforeInvalidByte(buffer, 'utf-8');
    text = before.text;
    error = new InputEncodingError(invalidByteMessage('utf-8', request.offset + before.at));
  }
  return { lines: splitLines(text), error };
}

function splitLines(text: string): LineItem[] {
  if (text === '') return [];
  const lines: LineItem[] = text.split(/\r\n|[\n\r\u2028\u2029]/);
  if (lines[lines.length - 1] === '') lines.pop();
  for (let line = 0; line < lines.length; line++) {
    const length = (lines[line] as string).length;
    if (length > MAX_LINE_LENGTH) lines[line] = new OverlongLine(length);
  }
  return lines;
}

export type { ScanOptions };
