import { scopeCatalog as catalogData, scopeTextKey } from '../catalog/scopes';
import type { CatalogScope } from '../catalog/schema';
import { AZURE_DEVOPS_RESOURCE_NAME, MICROSOFT_ACCOUNT_SCOPES_NAME, findMicrosoftResource } from './microsoft-resources';
import { englishText } from './text';
import type { ScopeOwner } from './types';

/** Entra ID's application id for Azure DevOps; scopes qualified with it (or its URI) are Azure DevOps scopes. */
export const AZURE_DEVOPS_RESOURCE_ID = '499b84ac-1321-427f-aa17-267ca6975798';
const AZURE_DEVOPS_RESOURCE_PREFIXES = [`${AZURE_DEVOPS_RESOURCE_ID}/`, 'https://app.vssps.visualstudio.com/', `api://${AZURE_DEVOPS_RESOURCE_ID}/`];
const GRAPH_RESOURCE_PREFIXES = ['https://graph.microsoft.com/', '00000003-0000-0000-c000-000000000000/'];

export type ScopeResource = 'azure-devops' | 'microsoft-graph' | 'other';

export interface RequestedScope {
  /** How the request wrote it. */
  readonly raw: string;
  /** Azure DevOps: the bare lowercase name (`vso.code`, `.default`, `user_impersonation`); others: as written. */
  readonly name: string;
  readonly resource: ScopeResource;
  /** The catalog entry when we know the scope. */
  readonly entry: ScopeEntry | undefined;
  /** For a scope of another Microsoft service or of an app's own API: who defines it. Absent when nobody we know does. */
  readonly owner?: ScopeOwner;
  /**
   * A Microsoft Graph permission the catalog does not list, whose name says it writes, sends, manages or
   * reads across the whole organization (`Group.ReadWrite.All`, `Sites.FullControl.All`): high privilege by
   * Microsoft's naming convention, so it is never milder than a catalogued one of the same kind.
   */
  readonly inferredHighPrivilege?: true;
}

/**
 * A catalog entry with its words in English, for the CLI and its JSON contract. The extension never
 * reads these: it says the same messages (scopeTextKey) in the browser's language.
 */
export interface ScopeEntry extends CatalogScope {
  /** Microsoft's display name. */
  readonly name: string;
  /** What an app holding this scope can do to you and your organizations. */
  readonly canDo: string;
  /** What an attacker would do with it. */
  readonly attackerUse: string;
}

/**
 * The English words are rendered when first read, not at import: the extension loads this module in every
 * context and never reads them (it says the messages in the user's language), the CLI reads a few.
 */
export const scopeCatalog: readonly ScopeEntry[] = catalogData.map((data) => {
  const rendered: Partial<Record<'name' | 'can' | 'misuse', string>> = {};
  const english = (part: 'name' | 'can' | 'misuse'): string => (rendered[part] ??= englishText({ key: scopeTextKey(data.id, part), args: [] }));
  return Object.freeze({
    ...data,
    get name() {
      return english('name');
    },
    get canDo() {
      return english('can');
    },
    get attackerUse() {
      return english('misuse');
    },
  });
});

export const catalogById: ReadonlyMap<string, ScopeEntry> = new Map(scopeCatalog.map((entry) => [entry.id.toLowerCase(), entry]));

export function lookupScope(id: string): ScopeEntry | undefined {
  return catalogById.get(id.toLowerCase());
}

/**
 * Splits scope parameters into tokens. OAuth separates scopes with spaces; `+` and `%20` already
 * decode to spaces, but a doubly encoded `%2B` leaves a literal `+` that servers also split on.
 */
export function splitScopeValues(values: readonly string[]): string[] {
  const tokens: string[] = [];
  for (const value of values) {
    for (const token of value.split(/[\s+]+/)) if (token) tokens.push(token);
  }
  return tokens;
}

/**
 * Classifies one scope token. `bareNamesAreAzureDevOps` is true on the legacy Azure DevOps flow, where
 * every scope is an Azure DevOps scope; on Entra an unqualified name belongs to Microsoft Graph, except
 * `vso.*` names, which only Azure DevOps defines.
 */
export function classifyScope(raw: string, bareNamesAreAzureDevOps: boolean): RequestedScope {
  const lower = raw.toLowerCase();
  // Fast path for the common case; a request can carry thousands of scopes.
  if (lower.startsWith('vso.')) return { raw, name: lower, resource: 'azure-devops', entry: catalogById.get(lower) };
  if (lower.includes('/')) return classifyQualifiedScope(raw, lower);
  if (bareNamesAreAzureDevOps) {
    const name = normalizeAzureDevOpsName(lower);
    return { raw, name, resource: 'azure-devops', entry: catalogById.get(name) };
  }
  if (isMicrosoftAccountScope(lower)) return { raw, name: raw, resource: 'other', entry: undefined, owner: MICROSOFT_ACCOUNT_OWNER };
  const entry = lower.includes(':') ? undefined : catalogById.get(lower);
  if (entry === undefined && GRAPH_PERMISSION_SHAPE.test(raw)) return graphPermission(raw, raw);
  return { raw, name: raw, resource: lower.includes(':') ? 'other' : (entry?.resource ?? 'microsoft-graph'), entry };
}

/**
 * Microsoft Graph's permission names: `<Resource>.<Operation>[.<Constraint>]` (User.Read, Mail.ReadWrite,
 * Sites.Read.All, RoleManagement.ReadWrite.Directory). A bare word or a host-like name is not one.
 * Source: Microsoft Graph permissions reference, "Permission names" (learn.microsoft.com/graph/permissions-overview).
 */
const GRAPH_PERMISSION_SHAPE = /^[a-z][a-z0-9]*\.(?:read|readwrite|readbasic|write|send|manage|create|fullcontrol|accessasuser|selected)[a-z]*(?:\.[a-z]+)*$/i;
/** Operations that change, send or administer. */
const GRAPH_WRITING_OPERATION = /^(?:readwrite|write|send|manage|create|fullcontrol|accessasuser)/i;
/** Reading that reaches past the signed-in person: the whole organization, or others' shared items. */
const GRAPH_BROAD_CONSTRAINT = /^(?:all|directory|shared)$/i;

/** A Graph permission outside the catalog: Graph's, by its name; high privilege when the name says so. */
function graphPermission(raw: string, name: string): RequestedScope {
  const [, operation = '', ...constraints] = name.split('.');
  const broad =
    GRAPH_WRITING_OPERATION.test(operation) || (operation.toLowerCase() === 'read' && constraints.some((part) => GRAPH_BROAD_CONSTRAINT.test(part)));
  return broad
    ? { raw, name: raw, resource: 'microsoft-graph', entry: undefined, owner: GRAPH_OWNER, inferredHighPrivilege: true }
    : { raw, name: raw, resource: 'microsoft-graph', entry: undefined, owner: GRAPH_OWNER };
}

const MICROSOFT_ACCOUNT_OWNER: ScopeOwner = { kind: 'microsoft', name: MICROSOFT_ACCOUNT_SCOPES_NAME };
const GRAPH_OWNER: ScopeOwner = { kind: 'microsoft', name: 'Microsoft Graph' };

/** Live Connect (`wl.basic`), service tickets (`service::outlook.office.com::MBI_SSL`) and Xbox Live sign-in. */
function isMicrosoftAccountScope(lower: string): boolean {
  return lower.startsWith('wl.') || lower.startsWith('service::') || lower.startsWith('xboxlive.');
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Who defines a qualified scope (`<resource>/<permission>`) outside Azure DevOps and Graph: a Microsoft
 * service we know by id or URI, or else an API identified like an app registration's own (`api://…`,
 * an https App ID URI, a GUID). Anything else is left unknown.
 */
function ownerOfQualifiedScope(raw: string, lower: string): ScopeOwner | undefined {
  const cut = lower.lastIndexOf('/');
  if (cut <= 0) return undefined;
  const resourcePart = lower.slice(0, cut);
  const microsoft = findMicrosoftResource(resourcePart);
  if (microsoft) return { kind: 'microsoft', name: microsoft.name };
  const apiName = raw.slice(0, cut).replace(/\/+$/, '');
  if (/^(api|https):\/\/[^/\s]+/.test(resourcePart) || GUID.test(resourcePart)) return { kind: 'own-api', name: apiName };
  return undefined;
}

function classifyQualifiedScope(raw: string, lower: string): RequestedScope {
  for (const prefix of AZURE_DEVOPS_RESOURCE_PREFIXES) {
    if (lower.startsWith(prefix)) {
      const name = normalizeAzureDevOpsName(lower.slice(prefix.length));
      return { raw, name, resource: 'azure-devops', entry: catalogById.get(name) };
    }
  }
  for (const prefix of GRAPH_RESOURCE_PREFIXES) {
    if (lower.startsWith(prefix)) {
      const permission = lower.slice(prefix.length).replace(/^\/+/, '');
      const entry = catalogById.get(permission);
      const written = raw.slice(prefix.length).replace(/^\/+/, '');
      if (entry === undefined && GRAPH_PERMISSION_SHAPE.test(written)) return { ...graphPermission(raw, written), name: raw };
      // `.default` on Graph: the permissions the app configured, which Entra's own consent screen lists.
      return entry === undefined && permission === '.default'
        ? { raw, name: raw, resource: 'microsoft-graph', entry, owner: GRAPH_OWNER }
        : { raw, name: raw, resource: 'microsoft-graph', entry };
    }
  }
  // Any other spelling of Azure DevOps's resource (`:443`, `http://`, a trailing dot on the host) is read as Azure
  // DevOps: `https://app.vssps.visualstudio.com:443/vso.code_full` must never pass as another service's harmless scope.
  const cut = lower.lastIndexOf('/');
  if (cut > 0 && isAzureDevOpsResource(lower.slice(0, cut))) {
    const name = normalizeAzureDevOpsName(lower.slice(cut + 1));
    return { raw, name, resource: 'azure-devops', entry: catalogById.get(name) };
  }
  const owner = ownerOfQualifiedScope(raw, lower);
  return owner ? { raw, name: raw, resource: 'other', entry: undefined, owner } : { raw, name: raw, resource: 'other', entry: undefined };
}

/**
 * A `resource=` value or a scope's resource part that names Azure DevOps, in any spelling: its application id,
 * `api://` URI or `https://app.vssps.visualstudio.com` with or without a trailing slash, a port, another case,
 * or a `/.default` that belongs on a v2 scope: judged as Azure DevOps, never as something milder.
 */
export function isAzureDevOpsResource(value: string): boolean {
  const lower = value
    .trim()
    .toLowerCase()
    .replace(/\/+\.default$/, '');
  return findMicrosoftResource(lower)?.name === AZURE_DEVOPS_RESOURCE_NAME;
}

/** `/.default` and `//.default` (a common slip) both mean "every permission on the registration". */
function normalizeAzureDevOpsName(name: string): string {
  const trimmed = name.replace(/^\/+/, '');
  return trimmed === '.default' ? '.default' : trimmed;
}

/** Deduplicates by name, case-insensitively, keeping the first spelling. */
export function uniqueScopes(scopes: readonly RequestedScope[]): RequestedScope[] {
  const seen = new Set<string>();
  const unique: RequestedScope[] = [];
  for (const scope of scopes) {
    const key = `${scope.resource}|${scope.name.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(scope);
  }
  return unique;
}

/**
 * The transitive closure of Azure DevOps scopes through Microsoft's hierarchy (`vso.code_write`
 * includes `vso.code`, which includes `vso.hooks_write`, ...), sorted. Unknown names are left out;
 * cycles in the data (older tables had self-references) are harmless.
 */
export function expandScopes(names: Iterable<string>, catalog: ReadonlyMap<string, ScopeEntry> = catalogById): string[] {
  const effective = new Set<string>();
  const pending: string[] = [];
  for (const name of names) {
    const entry = catalog.get(name.toLowerCase());
    if (entry?.resource === 'azure-devops') pending.push(entry.id);
  }
  while (pending.length > 0) {
    const id = pending.pop() as string;
    if (effective.has(id)) continue;
    effective.add(id);
    for (const included of catalog.get(id.toLowerCase())?.includes ?? []) pending.push(included);
  }
  return [...effective].sort();
}
