import type { LookalikeTechnique } from './host-assessment';
import type { ScopeEntry } from './scopes';
import type { Text } from './text';

export type Verdict = 'ok' | 'warn' | 'danger' | 'none';
export type Severity = 'info' | 'warn' | 'danger';
export type Flow = 'azure-devops-oauth' | 'entra-v2' | 'entra-v1';
/**
 * Which sign-in service runs the flow. Microsoft account (`login.live.com/oauth20_authorize.srf`) speaks
 * the v2 protocol, so its flow is `entra-v2` in the contract; this says it is the personal-account service.
 */
export type RequestService = 'azure-devops' | 'entra' | 'microsoft-account';

export interface Finding {
  /** Stable kebab-case id: scripts, tests and policies rely on it. */
  readonly id: string;
  readonly severity: Severity;
  /** Plain language for a non-expert, in English (the CLI and its JSON contract). */
  readonly message: string;
  /** The same sentence as a message key and substitutions, for the extension to say in the user's language. */
  readonly text: Text;
}

/** What a form, or the page as a whole, asks of the user. */
export type PageAsk = 'credentials' | 'consent' | 'nothing';

/**
 * What makes a page look like Microsoft's sign-in or Azure DevOps' approval page (src/core/branding.ts
 * weighs them). Identity cues say the page *is* Microsoft's; look cues copy how Microsoft's pages look.
 */
export type BrandingCue =
  | 'brand-title'
  | 'brand-logo'
  | 'brand-heading'
  | 'sign-in-address-bar'
  | 'microsoft-title'
  | 'microsoft-assets'
  | 'sign-in-markup'
  | 'sign-in-wording'
  | 'consent-wording';

export interface FormSignal {
  /** Absolute URL the form (or a button's `formaction`) submits to. */
  readonly action: string;
  /** `nothing`: no field to type into and no approve button (a hand-off of a token or SAML response, a search box ...). */
  readonly asks: PageAsk;
}

/** What the content script saw on the page. All of it is page-controlled, hence only ever used to add warnings. */
export interface PageSignals {
  /** False when the page is shown inside a frame of another page. */
  readonly isTopFrame: boolean;
  /** The page's forms and `formaction` buttons: where each submits and what it asks for. */
  readonly forms: readonly FormSignal[];
  /** What the page asks of the user anywhere (a password field, an approve button), outside "Sign in with Microsoft" buttons and cookie banners. */
  readonly asks: PageAsk;
  /** The branding cues that fired (empty: the page does not look like Microsoft's). */
  readonly brandingCues: readonly BrandingCue[];
}

export interface ScopeReport {
  /** As the contract names them: ADO scopes bare, `.default` / `user_impersonation` as such, others as written. */
  readonly name: string;
  readonly resource: 'azure-devops' | 'microsoft-graph' | 'other';
  readonly entry: ScopeEntry | undefined;
  /** Who defines a scope that is not Azure DevOps' or a known Graph permission (absent when unknown). */
  readonly owner?: ScopeOwner;
}

/** A Microsoft service other than Azure DevOps (by name), or an API an app or organization defines itself. */
export type ScopeOwner = { readonly kind: 'microsoft'; readonly name: string } | { readonly kind: 'own-api'; readonly name: string };

export interface AuthorizationRequest {
  readonly flow: Flow;
  readonly tenant: string | null;
  readonly clientId: string | null;
  readonly responseType: string | null;
  readonly redirectUri: string | null;
  readonly prompt: string | null;
  readonly hasState: boolean;
  readonly hasPkce: boolean;
  /** Entra v1 `resource=` parameter. */
  readonly resource: string | null;
  /** Which service runs the flow (absent on analyses made before it existed). */
  readonly service?: RequestService;
  /** The tenant-wide administrator consent endpoint (`/adminconsent`), or `prompt=admin_consent`. */
  readonly adminConsent?: boolean;
}

/** A request found inside a parameter of a sign-in step, and what it was judged. */
export interface NestedRequest {
  /** The parameter it was found in (lowercase), at the outermost level. */
  readonly parameter: string;
  readonly url: string;
  readonly verdict: Verdict;
  readonly flow: Flow | null;
}

export interface HostReport {
  readonly name: string;
  readonly unicode: string;
  readonly trusted: boolean;
  readonly imitates: string | null;
  readonly technique: LookalikeTechnique | null;
  /** The page is a file on this computer (src/core/local-file.ts): `name` is the file's name, not a host. */
  readonly local?: true;
}

export interface Analysis {
  readonly url: string;
  readonly verdict: Verdict;
  readonly flow: Flow | null;
  readonly host: HostReport;
  readonly request: AuthorizationRequest | null;
  readonly scopes: {
    readonly requested: readonly ScopeReport[];
    /** Transitive closure of the Azure DevOps scopes, sorted. */
    readonly effective: readonly string[];
    readonly unknown: readonly string[];
  };
  /** Worst first. */
  readonly findings: readonly Finding[];
  /** Requests nested in this sign-in step's parameters that were judged (worst first). */
  readonly nested?: readonly NestedRequest[];
}
