/**
 * Text input as SOCs have it: bytes from a pipe or a file in any chunking, decoded and cut into lines as they
 * arrive, so memory stays constant however long the input is.
 */
import { Buffer, isUtf8 } from 'node:buffer';

/** Lines longer than this are not read into memory; a browser refuses longer URLs anyway. */
export const MAX_LINE_LENGTH = 2 * 1024 * 1024;

/** Thrown for input that is neither UTF-8 nor UTF-16 with a byte-order mark. Its message is one line. */
export class InputEncodingError extends Error {}

/** A line that was longer than the limit: only its length is kept. */
export class OverlongLine {
  constructor(readonly length: number) {}
}
export type LineItem = string | OverlongLine;

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * Bytes → text. The encoding is decided by the byte-order mark (UTF-8 when there is none); invalid sequences
 * are an error rather than replacement characters, because a replaced byte inside a host name would change
 * what we judge.
 */
export class StreamDecoder {
  private decoder: TextDecoder | null = null;
  private head: Uint8Array = new Uint8Array(0);
  private bytesSeen = 0;
  encoding: Encoding | null = null;

  decode(bytes: Uint8Array): string {
    if (this.decoder === null) {
      // The mark is up to three bytes; wait for them (a pipe may deliver one byte at a time).
      this.head = concat(this.head, bytes);
      if (this.head.length < 3) return '';
      bytes = this.start(this.head);
    }
    return this.run(bytes, true);
  }

  end(): string {
    if (this.decoder === null) {
      if (this.head.length === 0) return '';
      return this.run(this.start(this.head), false);
    }
    return this.run(new Uint8Array(0), false);
  }

  private start(head: Uint8Array): Uint8Array {
    let skip = 0;
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
      this.encoding = 'utf-8';
      skip = 3;
    } else if (head[0] === 0xff && head[1] === 0xfe) {
      this.encoding = 'utf-16le';
      skip = 2;
    } else if (head[0] === 0xfe && head[1] === 0xff) {
      this.encoding = 'utf-16be';
      skip = 2;
    } else {
      this.encoding = 'utf-8';
      // UTF-16 without a mark decodes as "valid" UTF-8 full of NULs: say what it is instead.
      const sample = head.subarray(0, 4096);
      if (sample.includes(0)) {
        throw new InputEncodingError('contains NUL bytes: UTF-16 without a byte-order mark, or not text; save it as UTF-8 or as UTF-16 with a byte-order mark');
      }
    }
    this.decoder = new TextDecoder(this.encoding, { fatal: true, ignoreBOM: true });
    return head.subarray(skip);
  }

  private utf8Tail: Uint8Array = new Uint8Array(0);

  private run(bytes: Uint8Array, stream: boolean): string {
    if (this.encoding === 'utf-8') return this.runUtf8(bytes, stream);
    try {
      const text = (this.decoder as TextDecoder).decode(bytes, { stream });
      this.bytesSeen += bytes.length;
      return text;
    } catch {
      throw new InputEncodingError(
        `not valid ${this.encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} (an invalid byte sequence within bytes ${this.bytesSeen}–${this.bytesSeen + bytes.length}); save it as UTF-8, or as UTF-16 with a byte-order mark`,
      );
    }
  }

  /**
   * UTF-8 through Node's validator and decoder (several times faster than a fatal TextDecoder on log-sized
   * input): a character cut by the chunk boundary waits for the next chunk.
   */
  private runUtf8(bytes: Uint8Array, stream: boolean): string {
    const joined = concat(this.utf8Tail, bytes);
    const complete = stream ? completeUtf8Length(joined) : joined.length;
    this.utf8Tail = joined.slice(complete);
    const body = joined.subarray(0, complete);
    if (!isUtf8(body)) {
      throw new InputEncodingError(
        `not valid UTF-8 (an invalid byte sequence within bytes ${this.bytesSeen}–${this.bytesSeen + body.length}); save it as UTF-8, or as UTF-16 with a byte-order mark`,
      );
    }
    this.bytesSeen += body.length;
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  }
}

/** How many bytes from the start hold whole characters (at most three bytes of a cut one are left). */
function completeUtf8Length(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(4, length); back++) {
    const byte = bytes[length - back] as number;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? length - back : length;
  }
  return length;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

/** LF, CRLF, a bare CR (old Mac tools, some log shippers), and the Unicode line and paragraph separators. */
const SEPARATOR = /\r\n|[\n\r\u2028\u2029]/g;

/**
 * Text → lines, across chunk boundaries (a CRLF split between two chunks is one separator). A line longer
 * than `maxLength` is never held: its text is dropped as it arrives and it is reported as an OverlongLine.
 */
export class LineSplitter {
  private pending = '';
  private pendingLength = 0;
  private overlong = false;
  private endsWithCr = false;

  constructor(private readonly maxLength = MAX_LINE_LENGTH) {}

  /** The complete lines in `text` (and before it). */
  push(text: string): LineItem[] {
    const lines: LineItem[] = [];
    if (text === '') return lines;
    let from = 0;
    if (this.endsWithCr) {
      this.endsWithCr = false;
      if (text.charCodeAt(0) === 10) from = 1; // the LF of a CRLF cut in two
    }
    SEPARATOR.lastIndex = from;
    for (let match = SEPARATOR.exec(text); match !== null; match = SEPARATOR.exec(text)) {
      this.append(text, from, match.index);
      lines.push(this.take());
      from = match.index + match[0].length;
    }
    if (text.charCodeAt(text.length - 1) === 13) this.endsWithCr = true;
    this.append(text, from, text.length);
    return lines;
  }

  /** The last line, when the input does not end with a separator. */
  end(): LineItem[] {
    if (this.pendingLength === 0 && !this.overlong) return [];
    return [this.take()];
  }

  private append(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.pendingLength += to - from;
    if (this.overlong) return;
    if (this.pendingLength > this.maxLength) {
      this.overlong = true;
      this.pending = '';
      return;
    }
    this.pending = this.pending === '' ? text.slice(from, to) : this.pending + text.slice(from, to);
  }

  private take(): LineItem {
    const line = this.overlong ? new OverlongLine(this.pendingLength) : this.pending;
    this.pending = '';
    this.pendingLength = 0;
    this.overlong = false;
    return line;
  }
}

/** Batches of lines from a byte source, decoded and split as the bytes arrive. */
export async function* readLines(source: AsyncIterable<Uint8Array | string>, maxLength = MAX_LINE_LENGTH): AsyncGenerator<LineItem[]> {
  const decoder = new StreamDecoder();
  const splitter = new LineSplitter(maxLength);
  for await (const chunk of source) {
    const lines = splitter.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk));
    if (lines.length > 0) yield lines;
  }
  const rest = [...splitter.push(decoder.end()), ...splitter.end()];
  if (rest.length > 0) yield rest;
}
