/**
 * The view of one page: what the background made of it, the guard's banner shows, the popup, block page and
 * link check page render. The one verdict order and the one rule for whether a view gets a banner live here.
 *
 * zod/mini, not zod: the guard carries this schema into every page it starts in (its size budget is
 * test/e2e/guard-budget.spec.ts), and checks every view it is handed with it.
 */
import * as z from 'zod/mini';
import type { DeepReadonly } from './define';

export const VERDICTS = ['none', 'ok', 'warn', 'danger'] as const;
export type ViewVerdict = (typeof VERDICTS)[number];
export type ViewTier = 'low' | 'medium' | 'high' | 'critical' | 'unknown';

/** The one verdict order: none < ok < warn < danger. */
export function verdictRank(verdict: ViewVerdict): number {
  return VERDICTS.indexOf(verdict);
}

export function worseVerdict(a: ViewVerdict, b: ViewVerdict): ViewVerdict {
  return verdictRank(a) >= verdictRank(b) ? a : b;
}

/** A request key: 16 hex digits of a hash of the request URL (src/background/view.ts requestKeyOf). */
export const REQUEST_KEY_PATTERN = /^[0-9a-f]{16}$/;

const nullableString = z.nullable(z.string());

const viewScopeSchema = z.strictObject({
  /** As the request names it (`vso.code_write`, `.default`, `Mail.Read`). */
  id: z.string(),
  /** Microsoft's display name, or the id when unknown. */
  title: z.string(),
  resource: z.enum(['azure-devops', 'microsoft-graph', 'other']),
  tier: z.enum(['low', 'medium', 'high', 'critical', 'unknown']),
  highPrivilege: z.boolean(),
  canDo: nullableString,
  attackerUse: nullableString,
});
export type ViewScope = DeepReadonly<z.output<typeof viewScopeSchema>>;

const viewFindingSchema = z.strictObject({ id: z.string(), severity: z.enum(['info', 'warn', 'danger']), message: z.string() });
export type ViewFinding = DeepReadonly<z.output<typeof viewFindingSchema>>;

/** decide()'s answer (src/policy/decide.ts) as the banner, popup and block page see it. */
const viewDecisionSchema = z.strictObject({
  /** none: nothing on the page (ok/none, or an approved/trusted app's warn); banner; block: the full-page interstitial. */
  action: z.enum(['none', 'banner', 'block']),
  canOverride: z.boolean(),
  /** Why the action differs from the plain verdict ("Contoso has approved this app."). */
  notes: z.array(z.string()),
  forbiddenScopes: z.array(z.string()),
  /** Which list (blockedClientIds or a threat feed) made the request a known threat, and why (src/policy/decide.ts ListedBy). */
  listedBy: z.optional(
    z.array(
      z.strictObject({
        source: z.enum(['policy', 'feed']),
        feed: nullableString,
        url: nullableString,
        kind: z.enum(['app', 'redirect', 'host']),
        value: z.string(),
        reason: nullableString,
      }),
    ),
  ),
  /** The organization's own words (policy companyName, warningMessage, helpUrl), shown as text on the banner and block page. */
  branding: z.optional(z.strictObject({ organization: nullableString, message: nullableString, supportUrl: nullableString })),
});
export type ViewDecision = DeepReadonly<z.output<typeof viewDecisionSchema>>;

export const pageViewSchema = z.strictObject({
  verdict: z.enum(VERDICTS),
  /** Identifies the authorization request (hash of its URL) for "Dismiss for this request". */
  requestKey: z.string().check(z.regex(REQUEST_KEY_PATTERN)),
  url: z.string(),
  /** `local`: the page is a file on this computer, and `name` is the file's. */
  host: z.strictObject({ name: z.string(), unicode: z.string(), trusted: z.boolean(), imitates: nullableString, local: z.optional(z.literal(true)) }),
  flow: nullableString,
  /** The scopes came from the authorize URL that started this tab's flow, not from this page's address. */
  fromTrackedFlow: z.boolean(),
  findings: z.array(viewFindingSchema),
  scopes: z.array(viewScopeSchema),
  /** What the requested scopes include beyond themselves (Azure DevOps hierarchy), as ids and titles. */
  includes: z.array(z.strictObject({ id: z.string(), title: z.string() })),
  /** What the page itself claims (page-controlled text). */
  pageClaims: z.strictObject({ appName: nullableString, publisher: nullableString }),
  dismissed: z.boolean(),
  /** The request's client id (lowercase) when it names one: "Trust this app" and the activity log use it. */
  clientId: z.optional(nullableString),
  /** The host of the request's redirect_uri (for the admin report; never the full URI). */
  redirectHost: z.optional(nullableString),
  /** What policy and the user's choices made of the verdict. */
  decision: z.optional(viewDecisionSchema),
});

/** The compact view model the background carries into the page with the guard, and answers the popup with. */
export type PageView = DeepReadonly<z.output<typeof pageViewSchema>>;

/**
 * The one rule for whether a view gets the in-page banner: warn or danger, not dismissed, not waived by
 * policy (an approved or trusted app). The background carries only such views into a page; the guard
 * shows only such views.
 */
export function wantsBanner(view: PageView): view is PageView & { readonly verdict: 'warn' | 'danger' } {
  return (view.verdict === 'warn' || view.verdict === 'danger') && !view.dismissed && view.decision?.action !== 'none';
}
