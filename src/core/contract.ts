import type { Analysis } from './types';

/** The stable JSON shape of ../shared/DESIGN.md ("CLI (stable)"): scripts depend on every field. */
export interface ContractJson {
  url: string;
  verdict: Analysis['verdict'];
  flow: Analysis['flow'];
  host: { name: string; unicode: string; trusted: boolean; imitates: string | null };
  scopes: { requested: string[]; effective: string[]; unknown: string[] };
  findings: { id: string; severity: 'info' | 'warn' | 'danger'; message: string }[];
}

export function toContractJson(analysis: Analysis): ContractJson {
  return {
    url: analysis.url,
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
