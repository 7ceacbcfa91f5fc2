import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { catalogSchema, type CatalogScope, type RiskTier } from '../../src/catalog/schema';
import { scopeCatalog } from '../../src/catalog/scopes';
import { boundedOperations, powerfulOperations, powerfulScopesWithoutOperations } from '../../src/catalog/powers';
import { scopeCatalog as englishCatalog } from '../../src/core/scopes';
import { analyzeUrl } from '../../src/core';
import restSpecs from './rest-operation-scopes.json' with { type: 'json' };

interface TableRow {
  category: string;
  scope: string;
  name: string;
  highPrivilege: boolean;
  inherits: string;
}

function readTable(): TableRow[] {
  const text = readFileSync(new URL('../../../shared/reference/ado-scopes.tsv', import.meta.url), 'utf8');
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
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

function readMessages(language: 'en' | 'de'): Record<string, { message: string }> {
  return JSON.parse(readFileSync(new URL(`../../public/_locales/${language}/messages.json`, import.meta.url), 'utf8')) as Record<string, { message: string }>;
}

const tierRank: Record<RiskTier, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const byId = new Map(scopeCatalog.map((entry) => [entry.id, entry]));
const azureDevOps = scopeCatalog.filter((entry) => entry.resource === 'azure-devops');
/** operation key (`area/operationId`) → scope (lowercase) → newest API version that declares it. */
const declaredScopes = new Map(
  Object.entries(restSpecs.operations as Record<string, Record<string, string>>).map(([key, scopes]) => [
    key,
    new Set(Object.keys(scopes).map((scope) => scope.toLowerCase())),
  ]),
);

/** The scope and everything it includes, through the whole hierarchy. */
function closure(id: string): Set<string> {
  const seen = new Set<string>();
  const pending = [id];
  while (pending.length > 0) {
    const next = pending.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...(byId.get(next)?.includes ?? []));
  }
  return seen;
}

describe('scope catalog', () => {
  it('parses with catalogSchema, and says which entry and field are wrong when it does not', () => {
    const result = catalogSchema.safeParse(scopeCatalog);
    // The issues themselves, so a failure names the entry and field instead of "expected not to throw".
    expect(result.success ? [] : result.error.issues).toEqual([]);

    const broken = [
      { ...scopeCatalog[0], tier: 'severe' },
      { ...scopeCatalog[1], sources: { operations: [{ area: 'git', operation: '' }] } },
    ];
    const rejected = catalogSchema.safeParse(broken);
    expect(rejected.success).toBe(false);
    expect(rejected.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['0.tier', '1.sources.operations.0.operation']);
  });

  it('is data: no module of the catalog imports core or any other code of ours', () => {
    const folder = new URL('../../src/catalog/', import.meta.url);
    for (const file of readdirSync(folder)) {
      const source = readFileSync(new URL(file, folder), 'utf8');
      for (const [, specifier] of source.matchAll(/\bfrom\s+'([^']+)'/g)) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(/^(zod|\.\/[a-z-]+|\.\.\/\.\.\/public\/_locales\/en\/messages\.json)$/);
      }
    }
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

  it('never rates a scope lower than anything it includes, however deep', () => {
    for (const entry of scopeCatalog) {
      for (const target of closure(entry.id)) {
        const included = byId.get(target);
        if (!included) continue;
        expect(tierRank[entry.tier], `${entry.id} (${entry.tier}) includes ${target} (${included.tier})`).toBeGreaterThanOrEqual(tierRank[included.tier]);
      }
    }
  });

  it("contains every row of Microsoft's Azure DevOps scope table, unchanged and in order", () => {
    const rows = readTable();
    expect(rows.length).toBeGreaterThan(70);
    for (const row of rows) {
      const entry = englishCatalog.find((candidate) => candidate.id === row.scope);
      expect(entry, `missing ${row.scope}`).toBeDefined();
      if (!entry) continue;
      expect(entry.resource, row.scope).toBe('azure-devops');
      expect(entry.category, row.scope).toBe(row.category);
      // Microsoft's title as its consent screen shows it; where the title misleads, followed by our note.
      if (entry.titleNote === undefined) expect(entry.name, row.scope).toBe(row.name);
      else expect(entry.name.startsWith(`${row.name} — `), `${row.scope}: ${entry.name}`).toBe(true);
      expect(entry.highPrivilege, row.scope).toBe(row.highPrivilege);
      expect(entry.includes, row.scope).toEqual(row.inherits ? [row.inherits] : []);
      expect(entry.outsideScopeTable, row.scope).toBeUndefined();
    }
    // Beyond the table, only the scopes that say where else they are defined.
    const inTable = azureDevOps.filter((entry) => entry.outsideScopeTable === undefined).map((entry) => entry.id);
    expect(inTable).toEqual(rows.map((row) => row.scope));
    expect(azureDevOps.filter((entry) => entry.outsideScopeTable !== undefined).map((entry) => entry.id)).toEqual(['vso.pats', 'vso.pats_manage']);
  });

  it('knows the Entra-only personal access token scopes of 2025', () => {
    expect(byId.get('vso.pats')).toMatchObject({ category: 'Tokens', includes: [], tier: 'low', highPrivilege: false });
    expect(byId.get('vso.pats_manage')).toMatchObject({ category: 'Tokens', includes: ['vso.pats'], tier: 'critical', highPrivilege: true });
    // The specifications declare them only for Entra ID tokens, from API version 7.2.
    expect(restSpecs.operations['tokens/Pats_Create']).toEqual({ 'vso.pats_manage': '7.2' });
    expect(restSpecs.operations['tokens/Pats_Get']).toEqual({ 'vso.pats': '7.2' });
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
      'vso.pats_manage',
      'vso.security_manage',
      'vso.graph_manage',
      'vso.identity_manage',
      'vso.memberentitlementmanagement_write',
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
      'openid',
      'profile',
      'email',
      'offline_access',
      'User.Read',
      'User.ReadBasic.All',
      'User.Read.All',
      'Mail.Read',
      'Mail.ReadBasic',
      'Mail.ReadWrite',
      'Mail.Send',
      'MailboxSettings.ReadWrite',
      'Contacts.Read',
      'Calendars.Read',
      'Calendars.ReadWrite',
      'Files.Read',
      'Files.Read.All',
      'Files.ReadWrite',
      'Files.ReadWrite.All',
      'Sites.Read.All',
      'Sites.ReadWrite.All',
      'Notes.Read.All',
      'Chat.Read',
      'ChannelMessage.Send',
      'Directory.Read.All',
      'Directory.AccessAsUser.All',
      'People.Read',
    ];
    const graphIds = scopeCatalog.filter((e) => e.resource === 'microsoft-graph').map((e) => e.id);
    expect([...graphIds].sort()).toEqual([...graph].sort());
    for (const id of graph) {
      expect(byId.get(id)?.category, id).toMatch(/^Microsoft Graph: /);
      expect(byId.get(id)?.includes, id).toEqual([]);
      expect(byId.get(id)?.sources, id).toBeUndefined();
    }
    expect(byId.get('offline_access')?.highPrivilege).toBe(false);
    expect(byId.get('offline_access')?.tier).toBe('medium');
  });
});

describe('where each Azure DevOps explanation comes from', () => {
  it('every Azure DevOps scope names its source: REST operations, or why there are none', () => {
    const unsourced = azureDevOps
      .filter((entry) => !entry.sources || (entry.sources.operations.length === 0 && !entry.sources.withoutOperations))
      .map((entry) => entry.id);
    expect(unsourced).toEqual([]);
    // A reason for having no operation is only given when there really is none.
    const both = azureDevOps.filter((entry) => entry.sources?.withoutOperations && entry.sources.operations.length > 0).map((entry) => entry.id);
    expect(both).toEqual([]);
  });

  it("every cited operation is in Microsoft's specifications and declares the scope it is cited for", () => {
    const problems: string[] = [];
    for (const entry of azureDevOps) {
      const granted = closure(entry.id);
      for (const { area, operation, via } of entry.sources?.operations ?? []) {
        const declared = declaredScopes.get(`${area}/${operation}`);
        if (!declared) {
          problems.push(`${entry.id}: ${area}/${operation} is not in the specifications`);
          continue;
        }
        if (via !== undefined && !closure(via).has(entry.id)) problems.push(`${entry.id}: via ${via}, which does not include it`);
        // The operation accepts this scope, one it includes, or (via) one that includes it.
        const justified = [...declared].some((scope) => granted.has(scope) || [...granted].some((own) => own.toLowerCase() === scope) || scope === via);
        if (!justified) problems.push(`${entry.id}: ${area}/${operation} declares ${[...declared].join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the operations file holds what the catalog cites, and nothing else', () => {
    const cited = new Set<string>();
    for (const entry of azureDevOps) for (const { area, operation } of entry.sources?.operations ?? []) cited.add(`${area}/${operation}`);
    for (const { area, operation } of [...powerfulOperations, ...boundedOperations]) cited.add(`${area}/${operation}`);
    expect([...declaredScopes.keys()].sort()).toEqual([...cited].sort());
  });
});

describe('scopes that can grant administration or mint credentials', () => {
  const powerful = new Set(powerfulOperations.map(({ area, operation }) => `${area}/${operation}`));

  function powersOf(entry: CatalogScope): string[] {
    const own = (entry.sources?.operations ?? [])
      .filter(({ area, operation }) => powerful.has(`${area}/${operation}`))
      .map(({ area, operation }) => `${area}/${operation}`);
    const named = powerfulScopesWithoutOperations.filter(({ scope }) => scope === entry.id).map(({ scope }) => scope);
    return [...own, ...named];
  }

  it('are critical, and so is every scope that includes one', () => {
    const holders = azureDevOps.filter((entry) => powersOf(entry).length > 0);
    expect(holders.map((entry) => entry.id).sort()).toEqual(
      [
        'user_impersonation',
        'vso.graph_manage',
        'vso.identity_manage',
        'vso.memberentitlementmanagement_write',
        'vso.pats_manage',
        'vso.security_manage',
        'vso.tokens',
      ].sort(),
    );
    for (const entry of azureDevOps) {
      const holder = [...closure(entry.id)].find((id) => {
        const included = byId.get(id);
        return included !== undefined && powersOf(included).length > 0;
      });
      if (holder) expect(entry.tier, `${entry.id} (through ${holder})`).toBe('critical');
    }
  });

  it('every scope the specifications declare for such an operation is critical in the catalog', () => {
    const lowercaseIds = new Map(azureDevOps.map((entry) => [entry.id.toLowerCase(), entry]));
    for (const key of powerful) {
      const declared = declaredScopes.get(key);
      expect(declared, `${key} is not in the specifications`).toBeDefined();
      for (const scope of declared ?? []) {
        const entry = lowercaseIds.get(scope);
        expect(entry, `${key} declares ${scope}, which the catalog lacks`).toBeDefined();
        expect(entry?.tier, `${key} declares ${scope}`).toBe('critical');
        // And the catalog cites the operation, so the power is visible where the scope is explained.
        expect(
          entry?.sources?.operations.map(({ area, operation }) => `${area}/${operation}`),
          scope,
        ).toContain(key);
      }
    }
  });

  it('a named scope without operations says why, and every reason is given', () => {
    for (const { scope, reason } of powerfulScopesWithoutOperations) {
      expect(byId.get(scope)?.sources?.withoutOperations, scope).toMatch(/\S/);
      expect(reason.length, scope).toBeGreaterThan(20);
    }
    for (const { operation, reason } of [...powerfulOperations, ...boundedOperations]) expect(reason.length, operation).toBeGreaterThan(20);
    // The bounded cases are judged not powerful; they must not also be listed as powerful.
    for (const { area, operation } of boundedOperations) expect(powerful.has(`${area}/${operation}`), operation).toBe(false);
  });
});

describe('the words people read', () => {
  it('has distinct, plain-language canDo and attackerUse text', () => {
    const seen = new Map<string, string>();
    for (const entry of englishCatalog) {
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

  // What issue #18 found each text missing or overstating, checked in the English the CLI prints.
  const english = new Map(englishCatalog.map((entry) => [entry.id, entry]));
  const says = (id: string): string => `${english.get(id)?.canDo} / ${english.get(id)?.attackerUse}`;

  it.each([
    ['vso.code_write', [/branch policies/, /complete pull requests/, /required reviewers/, /merge their own change/]],
    ['vso.release_manage', [/approve or reject/, /approve it in your name/, /before production/]],
    ['vso.build_execute', [/create, change and delete pipelines/, /delete builds/, /approve pipeline runs/, /protected resources/]],
    ['vso.pipelineresources_manage', [/delete the approvals and checks/, /environments and service connections/]],
    ['vso.work_write', [/delete work items/, /recycle bin/, /queries, fields, area and iteration paths/]],
    ['vso.work_full', [/already allows deleting work items/, /files attached/]],
    ['vso.tokens', [/secrets of the OAuth apps/, /authorization tokens/]],
    ['vso.memberentitlementmanagement_write', [/service principals/, /project administrators/, /Project Administrators/]],
    ['vso.securefiles_read', [/by name and properties/, /download tickets/]],
    ['vso.auditstreams_manage', [/create, change, pause or delete the audit streams/]],
    ['vso.pats', [/personal access tokens/, /expiry dates/]],
    ['vso.pats_manage', [/Create, change and revoke your personal access tokens/, /keeps working after you remove this app/]],
  ] as const)('%s says what the scope really allows', (id, patterns) => {
    for (const pattern of patterns) expect(says(id)).toMatch(pattern);
  });

  it('no longer says what the scopes do not do', () => {
    expect(says('vso.work_full')).not.toMatch(/including deleting/);
    expect(says('vso.tokens')).not.toMatch(/personal access token/);
    expect(says('vso.securefiles_read')).not.toMatch(/^Read secure files/);
  });

  it('the German texts carry the same corrections', () => {
    const german = readMessages('de');
    expect(german.scope_vso_entitlements_name?.message).toBe('Lizenzen und Zugriffsebenen (Lesen)');
    expect(german.scope_vso_auditstreams_manage_name?.message).toBe('Überwachungsstreams (Lesen) – verwaltet sie trotz des Namens');
    expect(german.scope_vso_code_write_can?.message).toMatch(/Branchrichtlinien/);
    expect(german.scope_vso_work_full_can?.message).toMatch(/angehängten Dateien/);
    expect(german.scope_vso_tokens_can?.message).not.toMatch(/Zugriffstoken \(PAT\)/);
    expect(german.scope_vso_pats_manage_can?.message).toMatch(/funktioniert weiter, nachdem Sie diese App entfernt haben/);
    expect(german.scope_vso_memberentitlementmanagement_write_misuse?.message).toMatch(/Projektadministratoren/);
  });

  it('the "(read)" in the audit-stream scope\'s title never stands alone: the note follows it wherever the name is shown', () => {
    expect(byId.get('vso.auditstreams_manage')?.titleNote).toMatch(/"\(read\)" must not reassure/);
    // Only that scope carries a note: every other name is Microsoft's title as it stands.
    expect(scopeCatalog.filter((entry) => entry.titleNote !== undefined).map((entry) => entry.id)).toEqual(['vso.auditstreams_manage']);
    const result = analyzeUrl('https://app.vssps.visualstudio.com/oauth2/authorize?client_id=x&response_type=Assertion&state=s&scope=vso.auditstreams_manage');
    const finding = result.ok ? result.analysis.findings.find((candidate) => candidate.id === 'high-privilege-scopes') : undefined;
    expect(finding?.message).toContain('Audit Streams (read) — it manages them, despite the title');
  });
});
