import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { catalogSchema, type RiskTier } from '../../src/catalog/schema';
import { scopeCatalog } from '../../src/catalog/scopes';

interface TableRow {
  category: string;
  scope: string;
  name: string;
  highPrivilege: boolean;
  inherits: string;
}

function readTable(): TableRow[] {
  const text = readFileSync(
    new URL('../../../shared/reference/ado-scopes.tsv', import.meta.url),
    'utf8',
  );
  const lines = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const [header, ...rows] = lines;
  expect(header?.split('\t')).toEqual(['category', 'scope', 'name', 'high_privilege', 'inherits']);
  return rows.map((line) => {
    const [category = '', scope = '', name = '', hp = '', inherits = ''] = line.split('\t');
    expect(['yes', 'no']).toContain(hp);
    return {
      category: category.trim(),
      scope: scope.trim(),
      name: name.trim(),
      highPrivilege: hp === 'yes',
      inherits: inherits.trim(),
    };
  });
}

const tierRank: Record<RiskTier, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const byId = new Map(scopeCatalog.map((entry) => [entry.id, entry]));

describe('scope catalog', () => {
  it('parses with catalogSchema', () => {
    expect(() => catalogSchema.parse(scopeCatalog)).not.toThrow();
  });

  it('has unique ids', () => {
    const ids = scopeCatalog.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('only includes scopes that exist in the catalog', () => {
    for (const entry of scopeCatalog) {
      for (const target of entry.includes) {
        expect(byId.has(target), `${entry.id} includes unknown ${target}`).toBe(true);
        expect(target, `${entry.id} includes itself`).not.toBe(entry.id);
      }
    }
  });

  it('never rates a scope lower than a scope it includes', () => {
    for (const entry of scopeCatalog) {
      for (const target of entry.includes) {
        const included = byId.get(target);
        if (!included) continue;
        expect(
          tierRank[entry.tier],
          `${entry.id} (${entry.tier}) < ${target} (${included.tier})`,
        ).toBeGreaterThanOrEqual(tierRank[included.tier]);
      }
    }
  });

  it("contains every row of Microsoft's Azure DevOps scope table, unchanged and in order", () => {
    const rows = readTable();
    expect(rows.length).toBeGreaterThan(70);
    for (const row of rows) {
      const entry = byId.get(row.scope);
      expect(entry, `missing ${row.scope}`).toBeDefined();
      if (!entry) continue;
      expect(entry.resource, row.scope).toBe('azure-devops');
      expect(entry.category, row.scope).toBe(row.category);
      expect(entry.name, row.scope).toBe(row.name);
      expect(entry.highPrivilege, row.scope).toBe(row.highPrivilege);
      expect(entry.includes, row.scope).toEqual(row.inherits ? [row.inherits] : []);
    }
    const adoIds = scopeCatalog.filter((e) => e.resource === 'azure-devops').map((e) => e.id);
    expect(adoIds).toEqual(rows.map((row) => row.scope));
  });

  it('rates every high-privilege scope high or critical', () => {
    for (const entry of scopeCatalog.filter((e) => e.highPrivilege)) {
      expect(['high', 'critical'], entry.id).toContain(entry.tier);
    }
  });

  it('rates the most dangerous scopes critical', () => {
    const critical = [
      'user_impersonation',
      'vso.tokens',
      'vso.tokenadministration',
      'vso.security_manage',
      'vso.code_full',
      'Directory.AccessAsUser.All',
      'Mail.Send',
      'Mail.ReadWrite',
      'Files.ReadWrite.All',
      'Sites.ReadWrite.All',
    ];
    for (const id of critical) {
      expect(byId.get(id)?.tier, id).toBe('critical');
    }
  });

  it('includes the Graph scopes most abused in consent phishing', () => {
    const graph = [
      'openid', 'profile', 'email', 'offline_access', 'User.Read', 'User.ReadBasic.All',
      'User.Read.All', 'Mail.Read', 'Mail.ReadBasic', 'Mail.ReadWrite', 'Mail.Send',
      'MailboxSettings.ReadWrite', 'Contacts.Read', 'Calendars.Read', 'Calendars.ReadWrite',
      'Files.Read', 'Files.Read.All', 'Files.ReadWrite', 'Files.ReadWrite.All', 'Sites.Read.All',
      'Sites.ReadWrite.All', 'Notes.Read.All', 'Chat.Read', 'ChannelMessage.Send',
      'Directory.Read.All', 'Directory.AccessAsUser.All', 'People.Read',
    ];
    const graphIds = scopeCatalog.filter((e) => e.resource === 'microsoft-graph').map((e) => e.id);
    expect([...graphIds].sort()).toEqual([...graph].sort());
    for (const id of graph) {
      expect(byId.get(id)?.category, id).toMatch(/^Microsoft Graph: /);
      expect(byId.get(id)?.includes, id).toEqual([]);
    }
    expect(byId.get('offline_access')?.highPrivilege).toBe(false);
    expect(byId.get('offline_access')?.tier).toBe('medium');
  });

  it('has distinct, plain-language canDo and attackerUse text', () => {
    const seen = new Map<string, string>();
    for (const entry of scopeCatalog) {
      for (const text of [entry.canDo, entry.attackerUse]) {
        expect(text.trim().length, entry.id).toBeGreaterThan(0);
        expect(text.length, `${entry.id}: ${text}`).toBeLessThanOrEqual(220);
        // Plain ASCII, no markdown or HTML.
        expect(text, entry.id).toMatch(/^[\x20-\x7E]+$/);
        expect(text, entry.id).not.toMatch(/[<>*`#[\]_]/);
        const key = text.trim().toLowerCase();
        expect(seen.get(key), `${entry.id} repeats text from ${seen.get(key)}`).toBeUndefined();
        seen.set(key, entry.id);
      }
    }
  });
});
