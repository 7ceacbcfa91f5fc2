/**
 * `import { analyzeUrl } from 'consent-guard'`: the analyzer as a library, for a team's own pipeline or SOAR
 * playbook. It answers with exactly what `consent-guard check --json` prints (the contract of DESIGN.md,
 * "CLI (stable)"), so a script can move between the command and the library without a translation.
 *
 * The public types are declared here, not imported, so the built `index.d.ts` stands alone and the
 * analyzer's internal types stay free to change; the compiler checks that what the analyzer produces fits them.
 */
import { analyzeLink } from '../core';
import { contractOf } from './format';

export type Verdict = 'ok' | 'warn' | 'danger' | 'none';
export type Flow = 'azure-devops-oauth' | 'entra-v2' | 'entra-v1';
export type Severity = 'info' | 'warn' | 'danger';

/** One analysed URL: the object `consent-guard check --json` prints for it. */
export interface UrlReport {
  /** The input as a URL (for a wrapped link: the wrapper's URL, as given). */
  url: string;
  /** Only for a wrapped link that could be read offline: the URL inside, which every other field describes. */
  inner?: string;
  /**
   * Only for a wrapped link: the mail-security wrappers recognised, outermost first (ids such as
   * `microsoft-safe-links`, `proofpoint-url-defense-v2`, `mimecast`; new ids may be added). An opaque wrapper
   * (Mimecast's short links keep the destination on Mimecast's servers) is named here without an `inner`.
   */
  wrappers?: string[];
  verdict: Verdict;
  flow: Flow | null;
  host: {
    /** ASCII (punycode) form. */
    name: string;
    /** Decoded form, as a person reads it. */
    unicode: string;
    /** One of Microsoft's authorization hosts (or a host the options trust). */
    trusted: boolean;
    /** The trusted host this one imitates, when it is a lookalike. */
    imitates: string | null;
  };
  scopes: {
    /** Azure DevOps scopes by their bare names; `.default`, `user_impersonation` and other resources' scopes as written. */
    requested: string[];
    /** The Azure DevOps scopes those include (sorted, no duplicates). */
    effective: string[];
    unknown: string[];
  };
  /** Worst first; `id` is stable kebab-case, `message` plain English. */
  findings: { id: string; severity: Severity; message: string }[];
}

export type AnalyzeUrlResult = { readonly ok: true; readonly report: UrlReport } | { readonly ok: false; readonly error: string };

export interface AnalyzeUrlOptions {
  /** Hosts your organization trusts in addition to Microsoft's (as an enterprise policy's trustedHosts). */
  readonly extraTrustedHosts?: readonly string[];
}

/**
 * Judges one link: unwraps mail-security wrappers (Safe Links, URL Defense, ...) and analyses the URL inside.
 * Never throws for any string; an input that is not a web address is `{ ok: false, error }` (one line).
 * Pure and synchronous: no network, no file, no global state a call leaves behind.
 */
export function analyzeUrl(input: string, options: AnalyzeUrlOptions = {}): AnalyzeUrlResult {
  if (typeof input !== 'string') return { ok: false, error: 'expected a string' };
  const result = analyzeLink(input, options.extraTrustedHosts ? { extraTrustedHosts: options.extraTrustedHosts.map((host) => host.toLowerCase()) } : {});
  if (!result.ok) return { ok: false, error: result.error };
  const report: UrlReport = contractOf(result);
  return { ok: true, report };
}

/** `verdict` ordered from harmless to worst, for a `--min` of your own. */
export const VERDICT_ORDER: readonly Verdict[] = ['none', 'ok', 'warn', 'danger'];
