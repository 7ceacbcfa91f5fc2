import { analyzeUrl, toContractJson, type Analysis, type Verdict } from '../core';

export const USAGE = `Usage: consent-guard check [--json] <url>...
       consent-guard check [--json] [-]      (reads one URL per line from standard input)

Checks Azure DevOps / Microsoft Entra authorization links: the host (real or lookalike),
HTTPS, and what each requested permission allows.
Exit status: 0 ok or none, 1 warn, 2 danger, 3 usage error or an input that is not a URL.`;

export const EXIT_USAGE = 3;
const EXIT_BY_VERDICT: Record<Verdict, number> = { none: 0, ok: 0, warn: 1, danger: 2 };

export interface CliIo {
  readonly readStdin: () => Promise<string>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly color: boolean;
}

/** Runs the CLI and returns its exit status. Never throws for bad input. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (command !== 'check') {
    io.err(`consent-guard: ${command === undefined ? 'missing command' : `unknown command "${printable(command, 40)}"`}\n${USAGE}\n`);
    return EXIT_USAGE;
  }

  let json = false;
  let readFromStdin = false;
  const inputs: string[] = [];
  let optionsEnded = false;
  for (const argument of rest) {
    if (!optionsEnded && argument === '--') optionsEnded = true;
    else if (!optionsEnded && argument === '--json') json = true;
    else if (!optionsEnded && (argument === '--help' || argument === '-h')) {
      io.out(`${USAGE}\n`);
      return 0;
    } else if (argument === '-') readFromStdin = true;
    else if (!optionsEnded && argument.startsWith('--')) {
      io.err(`consent-guard: unknown option "${printable(argument, 40)}"\n${USAGE}\n`);
      return EXIT_USAGE;
    } else inputs.push(argument);
  }
  if (inputs.length === 0) readFromStdin = true;
  if (readFromStdin) {
    const text = await io.readStdin();
    inputs.push(...text.split(/\r?\n/).filter((line) => line.trim() !== ''));
  }
  if (inputs.length === 0) {
    io.err('consent-guard: no URL given (pass URLs as arguments or one per line on standard input)\n');
    return EXIT_USAGE;
  }

  let status = 0;
  for (const input of inputs) {
    const result = analyzeUrl(input);
    if (!result.ok) {
      io.err(`consent-guard: ${printable(input, 120)}: ${result.error}\n`);
      status = Math.max(status, EXIT_USAGE);
      continue;
    }
    status = Math.max(status, EXIT_BY_VERDICT[result.analysis.verdict]);
    io.out(json ? `${safeJson(toContractJson(result.analysis))}\n` : formatReport(result.analysis, io.color));
  }
  return status;
}

/**
 * Text from a URL is attacker-chosen: escape control characters (C0, DEL, C1) so a link from a phishing
 * report cannot move the cursor, rewrite earlier lines or retitle the terminal. Long text is shortened.
 */
export function printable(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  const clipped = text.length > maxLength ? `${text.slice(0, maxLength)}… (${text.length} characters)` : text;
  return clipped.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON.stringify leaves C1 controls and bidi overrides raw; escape them too. */
function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const VERDICT_LABEL: Record<Verdict, string> = {
  danger: 'DANGER: likely phishing',
  warn: 'WARNING: real Microsoft page, risky request',
  ok: 'OK: real Microsoft page, low-risk request',
  none: 'NONE: not an authorization request',
};
const VERDICT_COLOR: Record<Verdict, string> = { danger: '31;1', warn: '33;1', ok: '32;1', none: '2' };
const SEVERITY_MARK = { danger: '✕', warn: '!', info: 'i' } as const;

export function formatReport(analysis: Analysis, color: boolean): string {
  const paint = (code: string, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  lines.push(printable(analysis.url, 300));
  lines.push(`  Verdict: ${paint(VERDICT_COLOR[analysis.verdict], VERDICT_LABEL[analysis.verdict])}`);
  const host = analysis.host;
  const hostShown = host.unicode === host.name ? host.name : `${host.unicode} (${host.name})`;
  const hostStatus = host.trusted ? 'a trusted Microsoft authorization host' : host.imitates ? `NOT Microsoft: imitates ${host.imitates}` : 'not a Microsoft authorization host';
  lines.push(`  Host:    ${printable(hostShown, 300)}: ${hostStatus}`);
  if (analysis.flow) lines.push(`  Flow:    ${analysis.flow}`);

  const requested = analysis.scopes.requested;
  if (requested.length > 0) {
    lines.push(`  Requested access (${requested.length}):`);
    for (const scope of requested) {
      const entry = scope.entry;
      if (!entry) {
        const note = scope.name === '.default' ? 'every permission the app registered: cannot be known here' : 'unknown to Consent Guard: cannot explain';
        lines.push(`    - ${printable(scope.name, 200)}  [${scope.name === '.default' ? 'critical' : 'unknown'}] ${note}`);
        continue;
      }
      lines.push(`    - ${printable(scope.name, 200)}  [${entry.tier}${entry.highPrivilege ? ', high privilege' : ''}] ${entry.name}`);
      lines.push(`        ${entry.canDo}`);
      lines.push(`        Misuse: ${entry.attackerUse}`);
    }
    const extra = analysis.scopes.effective.filter((name) => !requested.some((scope) => scope.name === name));
    if (extra.length > 0) lines.push(`  Also included by those: ${extra.join(', ')}`);
  }
  if (analysis.findings.length > 0) {
    lines.push('  Findings:');
    for (const finding of analysis.findings) {
      lines.push(`    ${paint(finding.severity === 'danger' ? '31' : finding.severity === 'warn' ? '33' : '2', SEVERITY_MARK[finding.severity])} ${finding.id}: ${printable(finding.message, 400)}`);
    }
  }
  return `${lines.join('\n')}\n\n`;
}
