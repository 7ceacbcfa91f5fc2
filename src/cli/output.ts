/** Standard output with back-pressure, for the CLI and the scanner. */

/** The reader of standard output has gone (`| head`): stop quietly, the exit status stays what was analysed. */
export class OutputClosed extends Error {
  constructor() {
    super('standard output was closed');
  }
}

/** Sends text out in pieces of about 64 KB; `flush` waits when the reader is slower than we are. */
export class BufferedWriter {
  private buffer = '';

  constructor(private readonly out: (text: string) => void | Promise<void>) {}

  /** Returns a promise only when the caller should wait before writing more. */
  write(text: string): Promise<void> | undefined {
    this.buffer += text;
    return this.buffer.length >= 65536 ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    await this.out(text);
  }
}
