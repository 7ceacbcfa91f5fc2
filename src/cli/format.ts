/** The three output formats: the human report, JSON lines (the DESIGN contract) and formula-safe CSV. */
import { toContractJson, WRAPPER_NAMES, type Analysis, type ContractJson, type LinkResult, type Verdict } from '../core';

export type OutputFormat = 'human' | 'json' | 'csv';

/** Where in an e-mail a link was found. */
export interface FoundAt {
  /** e.g. `body`, `attachment "invoice.html"`, `attachment "fwd.eml" > body`. */
  readonly part: string;
  /** `href`: the address a click goes to; `text`: an address written in the text. */
  readonly as: 'href' | 'text';
}

export type AnalyzedLink = Extract<LinkResult, { ok: true }>;

/**
 * Text from a URL is attacker-chosen: escape control characters (C0, DEL, C1) so a link from a phishing
 * report cannot move the cursor, rewrite earlier lines or retitle the terminal. Long text is shortened.
 */
export function printable(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  const clipped = text.length > maxLength ? `${text.slice(0, maxLength)}… (${text.length} characters)` : text;
  return clipped.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** JSON.stringify leaves C1 controls, line separators and bidi overrides raw; escape them too. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function contractOf(result: AnalyzedLink): ContractJson {
  return toContractJson(result.analysis, { inputHref: result.link.inputHref, wrappers: result.link.wrappers, unwrapped: result.link.unwrapped });
}

// --- CSV -------------------------------------------------------------------------------------------------

/**
 * One CSV cell. A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR; OWASP's list)
 * gets a leading apostrophe, so a hostile URL cannot run `=HYPERLINK(...)` in the analyst's Excel.
 */
export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : printable(String(value));
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | boolean | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const CHECK_CSV_HEADER = [
  'url',
  'inner',
  'wrappers',
  'verdict',
  'flow',
  'host',
  'host_unicode',
  'trusted',
  'imitates',
  'requested',
  'effective',
  'unknown',
  'findings',
  'found',
] as const;
export const SCAN_CSV_HEADER = ['file', 'line', ...CHECK_CSV_HEADER.slice(0, -1)] as const;

export function csvCells(json: ContractJson): (string | boolean | null)[] {
  return [
    json.url,
    json.inner ?? null,
    (json.wrappers ?? []).join(' '),
    json.verdict,
    json.flow,
    json.host.name,
    json.host.unicode,
    json.host.trusted,
    json.host.imitates,
    json.scopes.requested.join(' '),
    json.scopes.effective.join(' '),
    json.scopes.unknown.join(' '),
    json.findings.map((finding) => finding.id).join(' '),
  ];
}

export function formatFound(found: readonly FoundAt[]): string {
  return found.map((where) => `${where.part} (${where.as})`).join('; ');
}

// --- Human report ----------------------------------------------------------------------------------------

const VERDICT_LABEL: Record<Verdict, string> = {
  danger: 'DANGER: likely phishing',
  warn: 'WARNING: real Microsoft page, risky request',
  ok: 'OK: real Microsoft page, low-risk request',
  none: 'NONE: not an authorization request',
};
const VERDICT_COLOR: Record<Verdict, string> = { danger: '31;1', warn: '33;1', ok: '32;1', none: '2' };
const SEVERITY_MARK = { danger: '✕', warn: '!', info: 'i' } as const;

export function paint(color: boolean, code: string, text: string): string {
  return color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export interface ReportContext {
  /** How the input reached the analysed URL (wrappers), when it was a wrapped link. */
  readonly link?: AnalyzedLink['link'];
  readonly found?: readonly FoundAt[];
  /** `file:line` of a log hit. */
  readonly source?: string;
}

export function formatReport(analysis: Analysis, color: boolean, context: ReportContext = {}): string {
  const lines: string[] = [];
  const link = context.link;
  lines.push(printable(link && link.wrappers.length > 0 ? link.inputHref : analysis.url, 300));
  if (context.source) lines.push(`  Line:    ${printable(context.source, 300)}`);
  if (link && link.wrappers.length > 0) {
    lines.push(`  Wrapped: ${link.wrappers.map((id) => WRAPPER_NAMES[id]).join(' → ')}${link.tooDeep ? ' → … (more layers than are unwrapped)' : ''}`);
    if (link.unwrapped) lines.push(`  Inner:   ${printable(analysis.url, 300)}   (the address judged below)`);
    if (link.opaque)
      lines.push(`  Note:    ${WRAPPER_NAMES[link.opaque]} keeps the destination on its servers: it cannot be read offline, so the link is judged as it is`);
  }
  if (context.found && context.found.length > 0) lines.push(`  Found:   ${printable(formatFound(context.found), 600)}`);
  lines.push(`  Verdict: ${paint(color, VERDICT_COLOR[analysis.verdict], VERDICT_LABEL[analysis.verdict])}`);
  const host = analysis.host;
  const hostShown = host.unicode === host.name ? host.name : `${host.unicode} (${host.name})`;
  const hostStatus = host.trusted
    ? 'a trusted Microsoft authorization host'
    : host.imitates
      ? `NOT Microsoft: imitates ${host.imitates}`
      : 'not a Microsoft authorization host';
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
      lines.push(
        `    ${paint(color, finding.severity === 'danger' ? '31' : finding.severity === 'warn' ? '33' : '2', SEVERITY_MARK[finding.severity])} ${finding.id}: ${printable(finding.message, 400)}`,
      );
    }
  }
  return `${lines.join('\n')}\n\n`;
}
