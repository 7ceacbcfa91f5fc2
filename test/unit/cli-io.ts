// An in-memory CliIo for running the CLI in tests: standard input and files as byte chunks, output collected.
import type { CliIo } from '../../src/cli/run';
import { runCli } from '../../src/cli/run';

export type Chunks = string | Uint8Array | readonly (string | Uint8Array)[];

async function* bytesOf(input: Chunks): AsyncIterable<Uint8Array> {
  const encoder = new TextEncoder();
  for (const chunk of typeof input === 'string' || input instanceof Uint8Array ? [input] : input)
    yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}

export interface CliRun {
  status: number;
  out: string;
  err: string;
}

export async function cli(argv: string[], stdin: Chunks = '', files: Record<string, Chunks> = {}, extra: Partial<CliIo> = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const status = await runCli(argv, {
    stdin: () => bytesOf(stdin),
    openFile: (path) => {
      const content = files[path];
      if (content === undefined) throw new Error('no such file');
      return bytesOf(content);
    },
    isFile: (path) => path in files,
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    color: false,
    ...extra,
  });
  return { status, out, err };
}
