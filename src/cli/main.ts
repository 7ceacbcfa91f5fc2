// The `consent-guard` command: Node wiring around the pure analyzer (see run.ts).
import { runCli } from './run';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('consent-guard: reading URLs from standard input, one per line (Ctrl-D to end)\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    readStdin,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  });
} catch (error) {
  // Only a bug gets here; still one line, no stack trace.
  process.stderr.write(`consent-guard: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
}
