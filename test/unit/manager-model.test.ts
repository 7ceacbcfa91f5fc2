import { describe, expect, it } from 'vitest';
import { authorizationDetailsSchema } from '../../src/manager/api/schemas';
import { toCsv, toJson } from '../../src/manager/export';
import { csvCell } from '../../src/ui/csv';
import { applyQuery, DEFAULT_QUERY, toView } from '../../src/manager/model';
import { authorizationDetails, sampleAuthorizations, SAMPLE_IDS } from '../e2e/harness/fake-ado-api';

const NOW = Date.parse('2026-03-01T00:00:00Z');
const views = sampleAuthorizations().map((details) => toView(authorizationDetailsSchema.parse(details), NOW));
const byId = (id: string) => views.find((view) => view.id === id)!;

describe('authorization view', () => {
  it('explains each granted scope from the catalog and lists the effective scopes', () => {
    const pipeline = byId(SAMPLE_IDS.pipeline);
    expect(pipeline.scopes.map((scope) => scope.id)).toEqual(['vso.build', 'vso.code']);
    expect(pipeline.scopes[1]?.canDo.length).toBeGreaterThan(20);
    expect(pipeline.effectiveScopes).toContain('vso.hooks_write');
    expect(pipeline.publisher).toBe('Contoso Ltd');
    expect(pipeline.website).toBe('https://insights.contoso.example/');
  });

  it('marks full access and token-minting grants as critical', () => {
    expect(byId(SAMPLE_IDS.everything)).toMatchObject({ fullAccess: true, tier: 'critical', highPrivilege: true });
    expect(byId(SAMPLE_IDS.deploy)).toMatchObject({ fullAccess: false, tier: 'critical', highPrivilege: true });
  });

  it('flags stale grants: never used, expired or no longer valid', () => {
    expect(byId(SAMPLE_IDS.backlog)).toMatchObject({ neverUsed: true, stale: true, expired: false });
    expect(byId(SAMPLE_IDS.reporter)).toMatchObject({ expired: true, valid: false, stale: true });
    expect(byId(SAMPLE_IDS.pipeline).stale).toBe(false);
  });

  it('drops non-https links and keeps unknown scopes visible as unknown', () => {
    const hostile = byId(SAMPLE_IDS.hostile);
    expect(hostile.website).toBeNull();
    expect(hostile.scopes.find((scope) => scope.id === 'vso.mystery_scope')).toMatchObject({ known: false, tier: 'unknown' });
  });

  it('sorts by risk first and filters by name and by staleness', () => {
    const sorted = applyQuery(views, DEFAULT_QUERY).map((view) => view.appName);
    expect(sorted.slice(0, 2)).toEqual(['Everything App', 'Deploy Bot']);
    expect(applyQuery(views, { ...DEFAULT_QUERY, text: 'backlog' }).map((view) => view.id)).toEqual([SAMPLE_IDS.backlog]);
    expect(applyQuery(views, { ...DEFAULT_QUERY, risk: 'stale' }).every((view) => view.stale)).toBe(true);
    expect(applyQuery(views, { ...DEFAULT_QUERY, sort: 'name' })[0]?.appName).toBe('<img src=x onerror="window.pwned=1">Helper');
  });

  it('treats .NET minimum dates as unknown', () => {
    const view = toView(
      authorizationDetailsSchema.parse(
        authorizationDetails({ name: 'X', scopes: 'vso.code', validFrom: '0001-01-01T00:00:00', validTo: '9999-12-31T23:59:59' }),
      ),
      NOW,
    );
    expect(view.grantedAt).toBeNull();
    expect(view.expiresAt).toBeNull();
  });
});

describe('exports', () => {
  it('neutralises spreadsheet formulas in CSV cells', () => {
    for (const value of ['=1+1', '+1', '-1', '@SUM(A1)']) expect(csvCell(value).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
    const csv = toCsv(views);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(csv.split('\r\n')[0]).toContain('authorizationId,clientId,app,publisher');
    expect(csv.trim().split('\r\n')).toHaveLength(views.length + 1);
  });

  it('exports JSON with one record per authorization', () => {
    const exported = JSON.parse(toJson(views, new Date(NOW), 'https://app.vssps.visualstudio.com'));
    expect(exported.count).toBe(views.length);
    expect(exported.authorizations.find((record: { authorizationId: string }) => record.authorizationId === SAMPLE_IDS.everything)).toMatchObject({
      fullAccess: true,
      riskTier: 'critical',
      everUsed: true,
    });
  });
});
