/**
 * A fake of the DelegatedAuth API (shared/reference/ado-api.md §1-2) for both host forms:
 *   GET  https://app.vssps.visualstudio.com/_apis/DelegatedAuth/Authorizations?api-version=…
 *   POST https://app.vssps.visualstudio.com/_apis/DelegatedAuth/Authorizations?authorizationId=…&api-version=…
 *   and https://vssps.dev.azure.com/{org}/_apis/DelegatedAuth/Authorizations…
 * Stateful: a revoke removes the authorization, a second revoke answers 404. Personal access tokens are
 * per organization (as since 2026-12-01): a token is accepted only on the host of the organization it
 * belongs to (`organizationTokens`), anywhere else it gets 401. Tests make their own
 * instance (`createFakeAdoApi()`) and mount it with `server.use(api.route)`; the default instance below
 * backs every server (and the demo) when a test does not.
 */
import type { FixtureRequest, Route } from './fixture-server';

export type Behaviour =
  | 'normal'
  | 'empty'
  /** 401 with WWW-Authenticate: TFS-Federated */
  | 'unauthorized'
  /** 203 with an HTML sign-in page */
  | 'sign-in-page'
  | 'forbidden'
  | 'not-found'
  /** 400 AccessDenied (revoking someone else's authorization) */
  | 'access-denied'
  | 'throttled'
  | 'server-error'
  | 'malformed-json'
  /** valid JSON of the wrong shape */
  | 'wrong-shape'
  /** never answers */
  | 'stall';

export interface FakeCall {
  readonly method: string;
  readonly host: string;
  readonly organization: string | null;
  readonly authorizationId: string | null;
  readonly apiVersion: string | null;
  readonly auth: 'cookie' | 'pat' | 'none';
  readonly fedAuthRedirect: string | null;
  /** Whether the request was let in (cookie or the right token for this host). */
  readonly accepted: boolean;
}

export interface FakeAdoApiOptions {
  readonly authorizations?: readonly FakeDetails[];
  /** When set, a request needs this cookie (`name=value`) or a token below, else 401. */
  readonly sessionCookie?: string;
  /** A global token (before 2026-12-01): accepted only on the organization-less host. */
  readonly pat?: string;
  /** Each organization's own token, accepted on `vssps.dev.azure.com/{organization}` only. */
  readonly organizationTokens?: Readonly<Record<string, string>>;
  /** An organization whose account sees other authorizations than the shared list (another identity). */
  readonly organizationAuthorizations?: Readonly<Record<string, readonly FakeDetails[]>>;
  readonly delayMs?: number;
  readonly retryAfterSeconds?: number;
}

export type FakeDetails = Record<string, unknown> & { authorization: Record<string, unknown> & { authorizationId: string } };

interface Scripted {
  behaviour: Behaviour;
  times: number;
}

export interface FakeAdoApi {
  readonly route: Route;
  readonly authorizations: Map<string, FakeDetails>;
  /** The lists of organizations given their own in `organizationAuthorizations`. */
  readonly organizationLists: Map<string, Map<string, FakeDetails>>;
  readonly calls: FakeCall[];
  /** The most revoke requests that were being answered at the same moment. */
  readonly maxRevokesInFlight: number;
  delayMs: number;
  retryAfterSeconds: number;
  /** How the list answers: for the next `times` requests (default: every request from now on). */
  onList(behaviour: Behaviour, times?: number): void;
  onRevoke(behaviour: Behaviour, times?: number): void;
  /** How a revoke of this one authorization answers, every time. */
  onRevokeOf(authorizationId: string, behaviour: Behaviour): void;
}

const RESOURCE = /^(?:\/([A-Za-z0-9-]+))?\/_apis\/DelegatedAuth\/Authorizations\/?$/i;
const HOSTS = new Set(['app.vssps.visualstudio.com', 'vssps.dev.azure.com']);

type Answer = { status: number; headers?: Record<string, string>; body?: string };
const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});
const errorBody = (message: string, typeKey: string) => ({
  $id: '1',
  innerException: null,
  message,
  typeName: `Microsoft.VisualStudio.Services.${typeKey}`,
  typeKey,
  errorCode: 0,
  eventId: 3000,
});

export function createFakeAdoApi(options: FakeAdoApiOptions = {}): FakeAdoApi {
  const toMap = (list: readonly FakeDetails[]) =>
    new Map<string, FakeDetails>(list.map((details) => [details.authorization.authorizationId.toLowerCase(), details]));
  const authorizations = toMap(options.authorizations ?? sampleAuthorizations());
  const organizationLists = new Map(
    Object.entries(options.organizationAuthorizations ?? {}).map(([organization, list]) => [organization.toLowerCase(), toMap(list)]),
  );
  const listFor = (organization: string | null) => (organization !== null ? organizationLists.get(organization.toLowerCase()) : undefined) ?? authorizations;
  const calls: FakeCall[] = [];
  const scripts: Record<'list' | 'revoke', Scripted[]> = { list: [], revoke: [] };
  const perId = new Map<string, Behaviour>();
  let inFlight = 0;
  let maxRevokesInFlight = 0;

  const next = (kind: 'list' | 'revoke'): Behaviour => {
    const queue = scripts[kind];
    const head = queue[0];
    if (!head) return 'normal';
    if (Number.isFinite(head.times)) {
      head.times -= 1;
      if (head.times <= 0) queue.shift();
    }
    return head.behaviour;
  };

  const authOf = (request: FixtureRequest): FakeCall['auth'] => {
    const header = String(request.headers.authorization ?? '');
    if (header.startsWith('Basic ')) return 'pat';
    if (options.sessionCookie ? String(request.headers.cookie ?? '').includes(options.sessionCookie) : request.headers.cookie) return 'cookie';
    return 'none';
  };
  const basic = (token: string) => `Basic ${Buffer.from(`:${token}`).toString('base64')}`;
  const authorized = (request: FixtureRequest, organization: string | null): boolean => {
    if (!options.sessionCookie && !options.pat && !options.organizationTokens) return true;
    const header = String(request.headers.authorization ?? '');
    if (header.startsWith('Basic ')) {
      // A token works only where it belongs: its organization's host, or (a global one) the organization-less host.
      if (organization !== null) {
        const own = options.organizationTokens?.[organization.toLowerCase()];
        return own !== undefined && header === basic(own);
      }
      return Boolean(options.pat && header === basic(options.pat));
    }
    return Boolean(options.sessionCookie && String(request.headers.cookie ?? '').includes(options.sessionCookie));
  };

  function answer(behaviour: Behaviour, kind: 'list' | 'revoke', request: FixtureRequest, api: FakeAdoApi, organization: string | null): Answer {
    switch (behaviour) {
      case 'unauthorized':
        return json(401, errorBody("TF400813: The user '' is not authorized to access this resource.", 'UnauthorizedRequestException'), {
          'www-authenticate': 'TFS-Federated',
        });
      case 'sign-in-page':
        return {
          status: 203,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: '<!doctype html><html><head><title>Sign in to your account</title></head><body><form action="https://login.microsoftonline.com/">Sign in</form></body></html>',
        };
      case 'forbidden':
        return json(403, errorBody('TF400409: You do not have permission to perform this action.', 'AccessCheckException'));
      case 'not-found':
        return json(404, errorBody('The authorization was not found.', 'AuthorizationNotFoundException'));
      case 'access-denied':
        return json(400, errorBody('AccessDenied: this authorization belongs to another user.', 'AccessDeniedException'));
      case 'throttled':
        return json(429, errorBody('Request was blocked due to exceeding usage of resource.', 'RequestBlockedException'), {
          'retry-after': String(api.retryAfterSeconds),
          'x-ratelimit-resource': 'ATCPU',
          'x-ratelimit-delay': '0',
          'x-ratelimit-limit': '200',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + api.retryAfterSeconds),
        });
      case 'server-error':
        return json(500, errorBody('An unexpected error occurred.', 'VssServiceException'));
      case 'malformed-json':
        return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"count": 2, "value": [{"authorization": {"authorizationId": ' };
      case 'wrong-shape':
        return json(200, { count: 1, value: [{ authorization: { authorizationId: 42, scopes: ['vso.code'] } }] });
      case 'empty':
        return kind === 'list' ? json(200, { count: 0, value: [] }) : { status: 200, body: '' };
      case 'stall':
      case 'normal': {
        const list = listFor(organization);
        if (kind === 'list') {
          const value = [...list.values()];
          return json(200, { count: value.length, value });
        }
        const id = (request.query.get('authorizationId') ?? '').toLowerCase();
        if (!list.delete(id)) return json(404, errorBody(`Authorization ${id} was not found.`, 'AuthorizationNotFoundException'));
        return { status: 200, body: '' };
      }
    }
  }

  const api: FakeAdoApi = {
    authorizations,
    organizationLists,
    calls,
    get maxRevokesInFlight() {
      return maxRevokesInFlight;
    },
    delayMs: options.delayMs ?? 0,
    retryAfterSeconds: options.retryAfterSeconds ?? 2,
    onList: (behaviour, times = Infinity) => void scripts.list.push({ behaviour, times }),
    onRevoke: (behaviour, times = Infinity) => void scripts.revoke.push({ behaviour, times }),
    onRevokeOf: (authorizationId, behaviour) => void perId.set(authorizationId.toLowerCase(), behaviour),
    route: async (request) => {
      if (!HOSTS.has(request.host) || !request.secure) return undefined;
      const match = RESOURCE.exec(request.pathname);
      if (!match) return undefined;
      const organization = match[1] ?? null;
      if ((request.host === 'vssps.dev.azure.com') !== (organization !== null)) return undefined;
      const accepted = authorized(request, organization);
      calls.push({
        accepted,
        method: request.method,
        host: request.host,
        organization,
        authorizationId: request.query.get('authorizationId'),
        apiVersion: request.query.get('api-version'),
        auth: authOf(request),
        fedAuthRedirect: (request.headers['x-tfs-fedauthredirect'] as string | undefined) ?? null,
      });
      const kind = request.method === 'GET' ? 'list' : request.method === 'POST' && request.query.has('authorizationId') ? 'revoke' : null;
      if (!kind) return json(405, errorBody('Method not allowed.', 'HttpMethodNotAllowedException'));
      if (kind === 'revoke') maxRevokesInFlight = Math.max(maxRevokesInFlight, ++inFlight);
      try {
        if (api.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, api.delayMs));
        if (!accepted) return answer('unauthorized', kind, request, api, organization);
        const behaviour = (kind === 'revoke' && perId.get((request.query.get('authorizationId') ?? '').toLowerCase())) || next(kind);
        if (behaviour === 'stall') return 'stall';
        return answer(behaviour, kind, request, api, organization);
      } finally {
        if (kind === 'revoke') inFlight -= 1;
      }
    },
  };
  return api;
}

let serial = 0;
/** A deterministic GUID for test data. */
export function fakeGuid(n: number, prefix = 'a'): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${prefix.repeat(8)}-0000-4000-8000-${hex}`;
}

export function authorizationDetails(input: {
  id?: string;
  name: string;
  company?: string;
  website?: string;
  companySite?: string;
  scopes: string;
  used?: boolean;
  valid?: boolean;
  validFrom?: string;
  validTo?: string;
}): FakeDetails {
  const id = input.id ?? fakeGuid(++serial, 'b');
  const registrationId = fakeGuid(serial + 1000, 'c');
  const authorization: FakeDetails['authorization'] = {
    authorizationId: id,
    registrationId,
    identityId: 'd0d0d0d0-0000-4000-8000-000000000001',
    scopes: input.scopes,
    validFrom: input.validFrom ?? '2025-01-15T10:00:00Z',
    validTo: input.validTo ?? '2099-01-15T10:00:00Z',
    redirectUri: 'https://app.example.test/callback',
    source: 'OAuth',
  };
  // The service omits members that are false.
  if (input.used ?? true) authorization.isAccessUsed = true;
  if (input.valid ?? true) authorization.isValid = true;
  return {
    authorization,
    clientRegistration: {
      registrationId,
      registrationName: input.name,
      registrationDescription: `${input.name} integrates with Azure DevOps.`,
      ...(input.company ? { organizationName: input.company } : {}),
      ...(input.companySite ? { organizationLocation: input.companySite } : {}),
      ...(input.website ? { registrationLocation: input.website } : {}),
      clientType: 'confidential',
      isValid: true,
      redirectUris: ['https://app.example.test/callback'],
      extraFieldTheClientIgnores: { nested: true },
    },
    scopeDescriptions: input.scopes.split(' ').map((scope) => ({ title: scope, description: `Description of ${scope}`, market: 'en-US' })),
  };
}

export const SAMPLE_IDS = {
  pipeline: '11111111-1111-4111-8111-111111111111',
  backlog: '22222222-2222-4222-8222-222222222222',
  deploy: '33333333-3333-4333-8333-333333333333',
  reporter: '44444444-4444-4444-8444-444444444444',
  everything: '55555555-5555-4555-8555-555555555555',
  hostile: '66666666-6666-4666-8666-666666666666',
} as const;

export function sampleAuthorizations(): FakeDetails[] {
  return [
    authorizationDetails({
      id: SAMPLE_IDS.pipeline,
      name: 'Pipeline Insights',
      company: 'Contoso Ltd',
      companySite: 'https://contoso.example/',
      website: 'https://insights.contoso.example/',
      scopes: 'vso.build vso.code',
    }),
    authorizationDetails({ id: SAMPLE_IDS.backlog, name: 'Backlog Sync', company: 'Fabrikam', scopes: 'vso.work_write', used: false }),
    authorizationDetails({ id: SAMPLE_IDS.deploy, name: 'Deploy Bot', company: 'Northwind', scopes: 'vso.code_full vso.release_manage vso.tokens' }),
    authorizationDetails({
      id: SAMPLE_IDS.reporter,
      name: 'Old Reporter',
      company: 'Tailspin',
      scopes: 'vso.analytics',
      validTo: '2021-06-01T00:00:00Z',
      valid: false,
    }),
    authorizationDetails({ id: SAMPLE_IDS.everything, name: 'Everything App', company: 'Woodgrove', scopes: 'user_impersonation' }),
    authorizationDetails({
      id: SAMPLE_IDS.hostile,
      name: '<img src=x onerror="window.pwned=1">Helper',
      company: '=HYPERLINK("https://evil.example")',
      website: 'javascript:window.pwned=2',
      scopes: 'vso.profile vso.mystery_scope',
    }),
  ];
}

/** `count` authorizations with a spread of scopes, for the rendering budget. */
export function manyAuthorizations(count: number): FakeDetails[] {
  const scopeSets = [
    'vso.code',
    'vso.work_write vso.build',
    'vso.code_full vso.tokens',
    'user_impersonation',
    'vso.analytics',
    'vso.release_manage vso.serviceendpoint_manage vso.variablegroups_manage',
  ];
  return Array.from({ length: count }, (_, index) =>
    authorizationDetails({
      id: fakeGuid(index + 1),
      name: `App ${String(index + 1).padStart(3, '0')}`,
      company: `Publisher ${index % 37}`,
      website: `https://app${index}.example/`,
      scopes: scopeSets[index % scopeSets.length] as string,
      used: index % 3 !== 0,
      valid: index % 11 !== 0,
      validTo: index % 7 === 0 ? '2022-01-01T00:00:00Z' : '2099-01-01T00:00:00Z',
    }),
  );
}

const defaultApi = createFakeAdoApi();
/** Mounted by routes.ts for every host. */
export const fakeAzureDevOpsApi: Route = (request) => defaultApi.route(request);
