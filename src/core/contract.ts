import type { Analysis } from './types';
import type { WrapperId } from './unwrap';

/** The stable JSON shape of ../shared/DESIGN.md ("CLI (stable)"): scripts depend on every field. */
export interface ContractJson {
  url: string;
  /** Only for a wrapped link: the URL inside the wrappers, which every other field describes. */
  inner?: string;
  /** Only for a wrapped link: the wrappers recognised, outermost first. */
  wrappers?: WrapperId[];
  verdict: Analysis['verdict'];
  flow: Analysis['flow'];
  host: { name: string; unicode: string; trusted: boolean; imitates: string | null };
  scopes: { requested: string[]; effective: string[]; unknown: string[] };
  findings: { id: string; severity: 'info' | 'warn' | 'danger'; message: string }[];
}

/** How the analysed URL was reached from the input, when the input was a wrapped link (see unwrap.ts). */
export interface WrappedInput {
  /** The input as a URL (what `url` shows). */
  readonly inputHref: string;
  readonly wrappers: readonly WrapperId[];
  /** False when no layer could be removed (an opaque wrapper): then there is no `inner`. */
  readonly unwrapped: boolean;
}

export function toContractJson(analysis: Analysis, wrapped?: WrappedInput): ContractJson {
  const isWrapped = wrapped !== undefined && wrapped.wrappers.length > 0;
  return {
    url: isWrapped ? wrapped.inputHref : analysis.url,
    ...(isWrapped && wrapped.unwrapped ? { inner: analysis.url } : {}),
    ...(isWrapped ? { wrappers: [...wrapped.wrappers] } : {}),
    verdict: analysis.verdict,
    flow: analysis.flow,
    host: { name: analysis.host.name, unicode: analysis.host.unicode, trusted: analysis.host.trusted, imitates: analysis.host.imitates },
    scopes: {
      requested: analysis.scopes.requested.map((scope) => scope.name),
      effective: [...analysis.scopes.effective],
      unknown: [...analysis.scopes.unknown],
    },
    findings: analysis.findings.map(({ id, severity, message }) => ({ id, severity, message })),
  };
}
