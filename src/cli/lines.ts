/**
 * Text input as SOCs have it: bytes from a pipe or a file in any chunking, decoded and cut into lines as they
 * arrive, so memory stays constant however long the input is.
 */
import { Buffer, isUtf8 } from 'node:buffer';

/** Lines longer than this are not read into memory; a browser refuses longer URLs anyway. */
export const MAX_LINE_LENGTH = 2 * 1024 * 1024;

/** Thrown for input that is neither UTF-8 nor UTF-16 with a byte-order mark. Its message is one line. */
export class InputEncodingError extends Error {}

/** What a scan says of an encoding error: where in the input it stopped, when it had read any line at all. */
export function encodingErrorAfter(error: { readonly message: string }, linesRead: number): string {
  return linesRead > 0 ? `${error.message} (after line ${linesRead})` : error.message;
}

/** A line that was longer than the limit: only its length is kept. */
export class OverlongLine {
  constructor(readonly length: number) {}
}
export type LineItem = string | OverlongLine;

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The compressed or archive format an input's first bytes announce (logs are kept rotated and compressed). */
function archiveFormat(head: Uint8Array): string | null {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte);
  if (starts(0x1f, 0x8b)) return 'gzip';
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'zip';
  // `BZh` and the block size, 1 to 9: the one mark here that is printable (each other one is invalid UTF-8 or a control).
  if (starts(0x42, 0x5a, 0x68) && (head[3] ?? 0) >= 0x31 && (head[3] ?? 0) <= 0x39) return 'bzip2';
  if (starts(0xfd, 0x37, 0x7a, 0x58)) return 'xz';
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return 'zstd';
  if (starts(0x37, 0x7a, 0xbc, 0xaf)) return '7-Zip';
  return null;
}

/** Bytes an input's start is read from before its encoding is decided: the longest byte-order mark (UTF-32's). */
export const MARK_PEEK_BYTES = 4;

/**
 * The encoding of an input from its first bytes (MARK_PEEK_BYTES, unless the input is shorter): the byte-order mark
 * decides, UTF-8 without one. Throws InputEncodingError for what is not text we can read.
 */
export function detectEncoding(head: Uint8Array): { encoding: Encoding; markLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', markLength: 3 };
  // UTF-32's little-endian mark starts with UTF-16LE's: read as UTF-16 it would be lines of NULs between the
  // letters, and a lookalike in it would pass unseen. (`FF FE 00 00` as UTF-16 is a text starting with NUL: no text.)
  const utf32 =
    head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0
      ? 'little-endian'
      : head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff
        ? 'big-endian'
        : null;
  if (utf32 !== null) throw new InputEncodingError(`is UTF-32 (${utf32}), which is not read here; save it as UTF-8, or as UTF-16 with a byte-order mark`);
  const archive = archiveFormat(head);
  if (archive !== null) throw new InputEncodingError(`is a ${archive} archive, not text; unpack it first (gzip is read as it is)`);
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', markLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', markLength: 2 };
  // UTF-16 without a mark decodes as "valid" UTF-8 full of NULs: say what it is instead.
  if (head.subarray(0, 4096).includes(0)) {
    throw new InputEncodingError('contains NUL bytes: UTF-16 without a byte-order mark, or not text; save it as UTF-8 or as UTF-16 with a byte-order mark');
  }
  return { encoding: 'utf-8', markLength: 0 };
}

const ENCODING_NAMES: Record<Encoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE' };

/** The one-line message for a byte that is not valid in the input's encoding (`at`: its offset from the input's first byte, 0). */
export function invalidByteMessage(encoding: Encoding, at: number): string {
  return `not valid ${ENCODING_NAMES[encoding]} (at byte offset ${at}); save it as UTF-8, or as UTF-16 with a byte-order mark`;
}

/** The text of whole characters; throws for an invalid sequence. */
function decodeWhole(bytes: Uint8Array, encoding: Encoding): string {
  if (encoding === 'utf-8') {
    // Node's validator and decoder: several times faster than a fatal TextDecoder on log-sized input.
    if (!isUtf8(bytes)) throw new TypeError('invalid');
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
}

/**
 * For bytes that do not decode: where the first invalid byte is, and the text of the whole lines before it (a
 * partial line there is not read, as it would not be if the whole line were broken). A prefix decodes in
 * streaming mode exactly when it holds no invalid byte, so halving finds the byte in ~20 decodes.
 */
export function beforeInvalidByte(bytes: Uint8Array, encoding: Encoding): { text: string; at: number } {
  const decodes = (length: number) => {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let valid = 0;
  let invalid = bytes.length;
  if (decodes(invalid)) {
    // Nothing invalid, only a character cut off by the end of the input.
    invalid = encoding === 'utf-8' ? completeUtf8Length(bytes) + 1 : completeUtf16Length(bytes, encoding === 'utf-16be') + 1;
    valid = invalid - 1;
  }
  while (invalid - valid > 1) {
    const middle = (valid + invalid) >>> 1;
    if (decodes(middle)) valid = middle;
    else invalid = middle;
  }
  const text = new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(bytes.subarray(0, valid), { stream: true });
  const lastSeparator = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'), text.lastIndexOf('\u2028'), text.lastIndexOf('\u2029'));
  // The invalid sequence starts where the character being read when decoding failed started.
  const failedAt = invalid - 1;
  const at = encoding === 'utf-8' ? completeUtf8Length(bytes.subarray(0, failedAt)) : completeUtf16Length(bytes.subarray(0, failedAt), encoding === 'utf-16be');
  return { text: text.slice(0, lastSeparator + 1), at };
}

/**
 * Bytes → text. The encoding is decided by the byte-order mark (UTF-8 when there is none); invalid sequences
 * are an error rather than replacement characters, because a replaced byte inside a host name would change
 * what we judge. The whole lines before an invalid byte are still returned; the next call throws.
 */
export class StreamDecoder {
  private head: Uint8Array | null = new Uint8Array(0);
  /** Bytes of a character cut by the end of the last chunk. */
  private tail: Uint8Array = new Uint8Array(0);
  /** Bytes decoded so far, the byte-order mark included. */
  private bytesSeen = 0;
  private failure: InputEncodingError | null = null;
  encoding: Encoding | null = null;

  decode(bytes: Uint8Array): string {
    if (this.failure) throw this.failure;
    if (this.head !== null) {
      // Wait for the longest mark's bytes (a pipe may deliver one byte at a time).
      const head = concat(this.head, bytes);
      if (head.length < MARK_PEEK_BYTES) {
        this.head = head;
        return '';
      }
      bytes = this.start(head);
    }
    return this.run(bytes, true);
  }

  end(): string {
    if (this.failure) throw this.failure;
    if (this.head !== null) {
      if (this.head.length === 0) return '';
      return this.run(this.start(this.head), false);
    }
    const text = this.run(new Uint8Array(0), false);
    if (this.failure) throw this.failure;
    return text;
  }

  private start(head: Uint8Array): Uint8Array {
    const { encoding, markLength } = detectEncoding(head);
    this.encoding = encoding;
    this.head = null;
    this.bytesSeen = markLength;
    return head.subarray(markLength);
  }

  private run(bytes: Uint8Array, stream: boolean): string {
    const encoding = this.encoding as Encoding;
    const joined = concat(this.tail, bytes);
    const complete = !stream ? joined.length : encoding === 'utf-8' ? completeUtf8Length(joined) : completeUtf16Length(joined, encoding === 'utf-16be');
    this.tail = joined.slice(complete);
    const body = joined.subarray(0, complete);
    try {
      const text = decodeWhole(body, encoding);
      this.bytesSeen += body.length;
      return text;
    } catch {
      const { text, at } = beforeInvalidByte(body, encoding);
      this.failure = new InputEncodingError(invalidByteMessage(encoding, this.bytesSeen + at));
      return text;
    }
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

/** The same for UTF-16: whole code units, and a high surrogate waits for its pair. */
function completeUtf16Length(bytes: Uint8Array, bigEndian: boolean): number {
  let length = bytes.length & ~1;
  if (length >= 2) {
    const unit = bigEndian
      ? ((bytes[length - 2] as number) << 8) | (bytes[length - 1] as number)
      : ((bytes[length - 1] as number) << 8) | (bytes[length - 2] as number);
    if (unit >= 0xd800 && unit <= 0xdbff) length -= 2;
  }
  return length;
}

/** `a` then `b` in one buffer (`b` itself when `a` is empty). */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
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
