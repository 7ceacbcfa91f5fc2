import { clean as stripInvisibleMarks, confusablesMap } from 'confusables';
// The npm package, by its file: a bare 'punycode' resolves to Node's deprecated built-in in the CLI build.
import punycode from 'punycode/punycode.js';
import { parse as parseDomain } from 'tldts';
import {
  IMITATED_SERVICE_HOSTS,
  MICROSOFT_REGISTRABLE_DOMAINS,
  TRUSTED_AUTHORIZATION_HOSTS,
  TRUSTED_PROXY_SUFFIXES,
  isTrustedHostName,
  type TrustedHost,
} from './hosts';
import {
  CUSTOMER_LABELLED_DOMAINS,
  DEFENDER_ACCESS_LABEL,
  DEFENDER_REGIONAL_PROXY_SUFFIX,
  MICROSOFT_BRAND_TLDS,
  type CustomerLabelledDomain,
} from './microsoft-domains';

export type LookalikeTechnique = 'homoglyph' | 'embedded' | 'glue' | 'typo';

export type HostAssessment = {
  /** ASCII (punycode) form, lowercase, without a trailing dot. */
  readonly name: string;
  /** The name as a person reads it (punycode decoded). */
  readonly unicode: string;
  readonly registrableDomain: string | null;
  /**
   * Set when the host sits under a Microsoft-run domain whose labels a customer picks (an App Service app, a
   * B2C tenant, an Azure DevOps organization, ...): Microsoft runs the domain, not the site.
   */
  readonly customerDomain?: { readonly suffix: string; readonly service: string };
} & (
  | { readonly kind: 'trusted' }
  | { readonly kind: 'proxy'; readonly proxied: string }
  | { readonly kind: 'microsoft' }
  | { readonly kind: 'lookalike'; readonly imitates: string; readonly technique: LookalikeTechnique }
  | { readonly kind: 'ip' }
  | { readonly kind: 'other' }
);

/** DNS names are at most 253 characters; anything longer is not a real site and not worth a skeleton. */
const MAX_HOST_LENGTH = 253;

/** `extraTrustedHosts`: hosts an organization's policy adds (e.g. its own Entra custom sign-in domain). */
export function assessHost(rawHostname: string, extraTrustedHosts: readonly string[] = []): HostAssessment {
  const name = rawHostname.toLowerCase().replace(/\.$/, '');
  // The common case, checked before any parsing: the page is on a trusted host.
  if (isTrustedHostName(name) || extraTrustedHosts.includes(name))
    return { name, unicode: name, registrableDomain: trustedRegistrableDomains.get(name) ?? null, kind: 'trusted' };
  let known = assessed.get(name);
  if (known === undefined) {
    known = assessUntrustedHost(name, 0);
    // Bounded: a page full of links to hostile names must not grow it without end.
    if (assessed.size >= maxRememberedHosts) assessed.clear();
    assessed.set(name, known);
  }
  return known;
}

/**
 * Host assessments already made, by name: the same hosts come back all the time (a tab's navigations, a
 * request's redirect, a log's lines), and judging one costs microseconds. A host's assessment depends on
 * nothing but its name (policy-trusted hosts are checked before this), so remembering it changes no answer.
 */
const assessed = new Map<string, HostAssessment>();
let maxRememberedHosts = 2048;

/**
 * How many host assessments to remember. A browser sees a few hundred hosts a day; a proxy log's scan sees a
 * new one every few lines, and with the default each burst of new names would push out the hosts it keeps
 * coming back to.
 */
export function rememberHosts(count: number): void {
  maxRememberedHosts = count;
  if (assessed.size >= count) assessed.clear();
}

function assessUntrustedHost(name: string, proxyDepth: number): HostAssessment {
  const unicode = decodePunycode(name);
  const parsed = parseDomain(name, { allowPrivateDomains: true });
  const registrableDomain = parsed.domain;
  const base = { name, unicode, registrableDomain };

  if (parsed.isIp || name.startsWith('[')) return { ...base, kind: 'ip' };

  // Defender for Cloud Apps serves `<host>.mcas.ms`: the page is <host>'s, seen through Microsoft's proxy.
  const proxied = proxyDepth < 2 ? proxiedHostOf(name) : null;
  if (proxied === DEFENDER_OWN_SERVICE) return { ...base, kind: 'microsoft' };
  if (proxied !== null) {
    if (isTrustedHostName(proxied)) return { ...base, kind: 'proxy', proxied };
    const inner = assessUntrustedHost(proxied, proxyDepth + 1);
    if (inner.kind === 'lookalike') return { ...base, kind: 'lookalike', imitates: inner.imitates, technique: inner.technique };
    // What is left is no name on the internet (`mcasproxy.cdn`, `contoso.us2` of `contoso.us2.access-control.cas.ms`):
    // Defender's own endpoints, as Microsoft's as the proxy itself.
    if (inner.kind === 'other' && !isInternetName(proxied)) return { ...base, kind: 'microsoft' };
    return { ...base, kind: inner.kind === 'microsoft' ? 'microsoft' : 'other', ...(inner.customerDomain ? { customerDomain: inner.customerDomain } : {}) };
  }

  // A customer's label under a Microsoft-run domain: judged on that label, never trusted, never "Microsoft's".
  const customer = customerLabelledPartOf(name);
  if (customer === 'microsoft') {
    // Still one letter off a trusted host is suspicious even where only Microsoft can make names.
    const nearMiss = findWholeNameNearMiss(unicode);
    return nearMiss ? { ...base, kind: 'lookalike', ...nearMiss } : { ...base, kind: 'microsoft' };
  }
  if (customer !== null) {
    const customerDomain = { suffix: customer.domain.suffix, service: customer.domain.service };
    if (name.length > MAX_HOST_LENGTH) return { ...base, kind: 'other', customerDomain };
    const imitation = findImitation(decodePunycode(customer.part), true) ?? findWholeNameNearMiss(unicode);
    if (imitation) return { ...base, kind: 'lookalike', ...imitation, customerDomain };
    return { ...base, kind: 'other', customerDomain };
  }

  // The bare name of a domain where customers pick labels (visualstudio.com, azurewebsites.net) is Microsoft's own site.
  if (customerDomains.has(name)) return { ...base, kind: 'microsoft' };
  if (registrableDomain !== null && MICROSOFT_REGISTRABLE_DOMAINS.has(registrableDomain)) return { ...base, kind: 'microsoft' };
  if (parsed.publicSuffix !== null && microsoftBrandTlds.has(parsed.publicSuffix)) return { ...base, kind: 'microsoft' };
  if (name.length > MAX_HOST_LENGTH) return { ...base, kind: 'other' };

  const imitation = findImitation(unicode, false, unicode === name ? parsed : null);
  if (imitation) return { ...base, kind: 'lookalike', ...imitation };
  return { ...base, kind: 'other' };
}

/** Top-level names reserved for tests and examples (RFC 2606, RFC 6761): names of another site in our fixtures. */
const RESERVED_TLDS: ReadonlySet<string> = new Set(['example', 'test', 'invalid', 'localhost', 'local']);

/** A name that can exist on the internet: its suffix is on the Public Suffix List (or reserved for examples). */
export function isInternetName(host: string): boolean {
  const parsed = parseDomain(host, { allowPrivateDomains: true });
  return parsed.isIcann === true || parsed.isPrivate === true || RESERVED_TLDS.has(parsed.publicSuffix ?? '');
}

const microsoftBrandTlds: ReadonlySet<string> = new Set(MICROSOFT_BRAND_TLDS);
const proxySuffixes: ReadonlySet<string> = new Set(TRUSTED_PROXY_SUFFIXES);
const customerDomains: ReadonlyMap<string, CustomerLabelledDomain> = new Map(CUSTOMER_LABELLED_DOMAINS.map((entry) => [entry.suffix, entry]));

/** What proxiedHostOf answers for a Defender service of its own, which proxies no host. */
const DEFENDER_OWN_SERVICE = '';

/** `<host>.mcas.ms` (and the other Defender suffixes), `<host>.cas.ms`, `<host>.<region>.cas.ms` → `<host>`. */
function proxiedHostOf(name: string): string | null {
  // Defender suffixes are two labels (mcas.ms, rs-mcas.ms, mcas-gov.us, ...).
  const lastDot = name.lastIndexOf('.');
  const secondDot = lastDot > 0 ? name.lastIndexOf('.', lastDot - 1) : -1;
  if (secondDot <= 0) return null;
  const suffix = name.slice(secondDot + 1);
  if (proxySuffixes.has(suffix)) {
    // Access controls put one more label in front of the suffix: `<host>.access.mcas.ms`.
    const proxied = name.slice(0, secondDot);
    const accessForm = proxied.endsWith(`.${DEFENDER_ACCESS_LABEL}`) ? proxied.slice(0, -DEFENDER_ACCESS_LABEL.length - 1) : null;
    return accessForm !== null && accessForm.includes('.') ? accessForm : proxied;
  }
  if (suffix !== DEFENDER_REGIONAL_PROXY_SUFFIX) return null;
  const inner = name.slice(0, secondDot);
  if (isTrustedHostName(inner)) return inner;
  // Defender's own services (`<tenant>.<region>.saml.cas.ms`, `….access-control.cas.ms`) proxy nothing.
  if (/\.(?:saml|access-control)$/.test(inner)) return DEFENDER_OWN_SERVICE;
  // The regional form: one region label between the host and cas.ms.
  const regionDot = inner.lastIndexOf('.');
  const withoutRegion = regionDot > 0 ? inner.slice(0, regionDot) : inner;
  return withoutRegion.includes('.') ? withoutRegion : inner;
}

/**
 * The customer's part of a host under a customer-labelled Microsoft domain (longest suffix wins), or null;
 * 'microsoft' for a name deeper than the one label a customer may pick there.
 */
function customerLabelledPartOf(name: string): { part: string; domain: CustomerLabelledDomain } | 'microsoft' | null {
  for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) {
    const domain = customerDomains.get(name.slice(dot + 1));
    if (domain === undefined) continue;
    let part = name.slice(0, dot);
    // Microsoft's own labels next to the suffix (the region in <label>.<region>.cloudapp.azure.com).
    for (let skip = domain.microsoftLabels ?? 0; skip > 0; skip--) {
      const cut = part.lastIndexOf('.');
      part = cut === -1 ? '' : part.slice(0, cut);
    }
    const lastCut = part.lastIndexOf('.');
    const nextToSuffix = part.slice(lastCut + 1);
    if (lastCut !== -1 && (domain.optionalMicrosoftLabel?.test(nextToSuffix) || domain.serviceLabels?.has(nextToSuffix))) part = part.slice(0, lastCut);
    if (domain.singleCustomerLabel && part.includes('.')) return 'microsoft';
    return part === '' ? null : { part, domain };
  }
  return null;
}

function decodePunycode(asciiHost: string): string {
  if (!asciiHost.includes('xn--')) return asciiHost;
  return asciiHost
    .split('.')
    .map((label) => {
      if (!label.startsWith('xn--')) return label;
      try {
        return punycode.toUnicode(label);
      } catch {
        // Invalid punycode cannot be displayed faithfully; show it as it came.
        return label;
      }
    })
    .join('.');
}

/**
 * A "skeleton" in the spirit of Unicode UTS #39: two names that look the same to a person get the same
 * skeleton. NFKC folds compatibility forms (fullwidth, math letters, roman numerals), the confusables
 * table folds Cyrillic/Greek/etc. look-alikes to Latin, and a few ASCII tricks that survive both
 * (rn→m, vv→w, 0→o, 1→l) are folded last.
 */
/**
 * The confusables table applied character by character. Not the package's `remove()`: its ES build keeps every
 * string it was given in a module-level Map that never shrinks, which a log of unique non-ASCII hosts grows without
 * bound. The table and the clean-up step are the package's own.
 */
function replaceConfusables(text: string): string {
  let replaced = '';
  for (const character of stripInvisibleMarks(text)) replaced += confusablesMap.get(character) ?? character;
  return replaced;
}

export function skeleton(text: string): string {
  // Lowercase ASCII letters, digits, dots and hyphens (nearly every host) are left as they are by NFKC and by
  // the confusables table (which passes plain ASCII through): only the letter pairs below change them.
  const letters = PLAIN_ASCII_HOST.test(text) ? text : replaceConfusables(text.normalize('NFKC')).toLowerCase();
  return letters.replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/0/g, 'o').replace(/[1|]/g, 'l');
}

const PLAIN_ASCII_HOST = /^[a-z0-9.-]*$/;

const squash = (host: string): string => host.replace(/[.-]/g, '');

/**
 * i, l, 1, | and a dotless ı are all one thin stroke to a reader, and the browser lowercases a look-alike
 * capital I to i. Names are compared with these folded together, so swapping any of them counts as
 * no change at all rather than as an edit.
 */
const foldThinStrokes = (text: string): string => text.replace(/i/g, 'l');

interface TrustedHostShape {
  readonly trusted: TrustedHost;
  /** Skeleton with thin strokes folded: what names are compared by. */
  readonly folded: string;
  readonly registrableDomain: string;
  readonly nameWithoutSuffix: string;
  readonly subdomain: string;
  readonly squashed: string;
  /** The trusted host's distinctive parts, thin strokes folded. */
  readonly distinctive: readonly string[];
  readonly foldedRegistrableDomain: string;
  /** The host without its public suffix, squashed and folded (`loginlive` for login.live.com). */
  readonly squashedWithoutSuffix: string;
  /** Its labels without the public suffix, folded and sorted (`live`, `login`): the same words in any order. */
  readonly sortedWords: string;
  /**
   * The whole squashed name where it ends a word of a host (`login.live.com.evil`, `login-live-com-x`), not where it
   * runs on into a company's own name (`login.livecomics.com`, `login.windowsnetwork.example`).
   */
  readonly squashedAtWordEnd: RegExp;
  readonly wordCount: number;
  /** allowedEdits of its name without the suffix, worked out once. */
  readonly allowedEdits: number;
}

function withoutSuffix(host: string, publicSuffix: string | null): string {
  return publicSuffix ? host.slice(0, -publicSuffix.length - 1) : host;
}

/** Every host a lookalike may imitate: the authorization hosts, then the service hosts phishing names itself after. */
const trustedShapes: readonly TrustedHostShape[] = [...TRUSTED_AUTHORIZATION_HOSTS, ...IMITATED_SERVICE_HOSTS].map((trusted) => {
  const parsed = parseDomain(trusted.host);
  return {
    trusted,
    folded: foldThinStrokes(skeleton(trusted.host)),
    registrableDomain: parsed.domain ?? trusted.host,
    nameWithoutSuffix: foldThinStrokes(parsed.domainWithoutSuffix ?? trusted.host),
    subdomain: parsed.subdomain ?? '',
    squashed: foldThinStrokes(squash(trusted.host)),
    distinctive: trusted.distinctive.map(foldThinStrokes),
    foldedRegistrableDomain: foldThinStrokes(parsed.domain ?? trusted.host),
    squashedWithoutSuffix: foldThinStrokes(squash(withoutSuffix(trusted.host, parsed.publicSuffix))),
    sortedWords: foldThinStrokes(withoutSuffix(trusted.host, parsed.publicSuffix)).split('.').sort().join('.'),
    wordCount: withoutSuffix(trusted.host, parsed.publicSuffix).split('.').length,
    squashedAtWordEnd: wordEndPattern(foldThinStrokes(squash(withoutSuffix(trusted.host, parsed.publicSuffix))), foldThinStrokes(parsed.publicSuffix ?? '')),
    allowedEdits: allowedEdits(foldThinStrokes(parsed.domainWithoutSuffix ?? trusted.host)),
  };
});

/**
 * The name's letters with any dots and hyphens between them, then its suffix: after a dot, as the suffix is
 * read (`login.live.comsecure`), or glued on and ending the word (`loginlive-com.example`), so that a company's
 * own word that merely starts with the suffix's letters (`livecomics`, `windowsnetwork`) is not the suffix.
 */
function wordEndPattern(nameSquashed: string, suffix: string): RegExp {
  const spread = (letters: string): string => [...letters].map((letter) => letter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[.-]*');
  return new RegExp(`${spread(nameSquashed)}(?:\\.${spread(suffix)}|[.-]*${spread(suffix.replace(/\./g, ''))}(?![^.-]))`);
}

/** A trusted host's whole name inside `folded` (ending a word), or one of its distinctive parts anywhere in `squashedHost`. */
function borrowsName(shape: TrustedHostShape, folded: string, squashedHost: string): boolean {
  return shape.distinctive.some((part) => (part === shape.squashed ? shape.squashedAtWordEnd.test(folded) : squashedHost.includes(part)));
}

const MAX_TRUSTED_SQUASHED_LENGTH = Math.max(...trustedShapes.map((shape) => shape.squashedWithoutSuffix.length));

const trustedRegistrableDomains: ReadonlyMap<string, string> = new Map(trustedShapes.map((shape) => [shape.trusted.host, shape.registrableDomain]));

/** The skeleton of every trusted host's Defender proxy form, built once (`login.microsoftonline.com.mcas.ms`, ...). */
const trustedProxySkeletons: ReadonlyMap<string, string> = new Map(
  trustedShapes.flatMap((shape) =>
    TRUSTED_PROXY_SUFFIXES.map((suffix): [string, string] => [foldThinStrokes(`${shape.folded}.${suffix}`), shape.trusted.host]),
  ),
);

type Imitation = { imitates: string; technique: LookalikeTechnique };

/**
 * `insideCustomerDomain`: the text is the customer's part of a host under a Microsoft-run domain (the `x` of
 * `x.azurewebsites.net`); a trusted name there is borrowed, not a typo, and its labels are the names to compare.
 */
function findImitation(unicodeHost: string, insideCustomerDomain: boolean, parsedHost: ReturnType<typeof parseDomain> | null = null): Imitation | null {
  const hostSkeleton = skeleton(unicodeHost);
  const hostLooksAltered = hostSkeleton !== unicodeHost;
  const folded = foldThinStrokes(hostSkeleton);
  const unaltered: LookalikeTechnique = insideCustomerDomain ? 'embedded' : 'typo';

  // 1. Same skeleton as a trusted host (or its Defender proxy form): only the letters' shapes differ.
  for (const shape of trustedShapes) {
    if (folded === shape.folded) return { imitates: shape.trusted.host, technique: hostLooksAltered ? 'homoglyph' : unaltered };
  }
  const proxyForm = trustedProxySkeletons.get(folded);
  if (proxyForm !== undefined) return { imitates: proxyForm, technique: hostLooksAltered ? 'homoglyph' : unaltered };

  // 2. The same letters with the dots turned into hyphens (app-vssps-visualstudio.com).
  const squashedHost = squash(folded);
  const glued = trustedShapes.find((shape) => squashedHost === shape.squashed);
  if (glued) return { imitates: glued.trusted.host, technique: hostLooksAltered ? 'homoglyph' : 'glue' };
  // Under a Microsoft domain the suffix is Microsoft's already: `login-live.azurewebsites.net` needs no `.com`.
  if (insideCustomerDomain) {
    // Within one label the words are glued (login-live, loginlive); across labels the name is set in (login.live.x).
    const gluedWords = folded
      .split('.')
      .map(trustedNameAmongWords)
      .find((shape) => shape !== null);
    if (gluedWords) return { imitates: gluedWords.trusted.host, technique: hostLooksAltered ? 'homoglyph' : 'glue' };
    const named = trustedNameAmongWords(folded);
    if (named) return { imitates: named.trusted.host, technique: hostLooksAltered ? 'homoglyph' : 'embedded' };
  }

  // 3. The whole name is a near-miss of a trusted host, within the edits its distinctive part allows.
  const nearMiss = nearMissOfTrustedHost(folded);
  if (nearMiss !== null) return { imitates: nearMiss, technique: hostLooksAltered ? 'homoglyph' : 'typo' };

  // 4. A distinctive part of a trusted name appears inside this one (as labels, or glued with - and .).
  const borrowed =
    trustedShapes.find((shape) => squashedHost.includes(shape.squashed) && shape.squashedAtWordEnd.test(folded)) ??
    trustedShapes.find((shape) => borrowsName(shape, folded, squashedHost));
  if (borrowed) {
    const labelled = folded.includes(borrowed.folded) || folded.includes(`${borrowed.foldedRegistrableDomain}.`);
    return { imitates: borrowed.trusted.host, technique: labelled ? 'embedded' : hostLooksAltered ? 'homoglyph' : 'glue' };
  }

  // 5. The registrable name is a typo (or the same name under another suffix) of a trusted one. Under a
  // customer domain every label of the customer's part plays that role (visua1studio.azurewebsites.net).
  // The words of a hyphenated label count too (login-microsofonline): the words before one play the subdomain.
  if (insideCustomerDomain) {
    const labels = hostSkeleton.split('.');
    for (let index = 0; index < labels.length; index++) {
      const imitated = registrableNameTypo(foldThinStrokes(labels[index] ?? ''), labels.slice(0, index).join('.')) ?? wordTypo(labels[index] ?? '', null);
      if (imitated !== null) return { imitates: imitated, technique: hostLooksAltered ? 'homoglyph' : 'typo' };
    }
    return null;
  }
  // Parsed unfolded: folding would turn suffixes such as .io into ones that do not exist.
  const unchanged = hostSkeleton === unicodeHost;
  const parsed = unchanged && parsedHost !== null ? parsedHost : parseDomain(hostSkeleton, { allowPrivateDomains: true });
  if (!parsed.domainWithoutSuffix) return null;
  // Off Microsoft's domains a word must be misspelt to count: visualstudio-tips.example is a blog's name.
  const written = !parsed.domainWithoutSuffix.includes('-')
    ? null
    : unchanged
      ? parsed.domainWithoutSuffix
      : parseDomain(unicodeHost.toLowerCase(), { allowPrivateDomains: true }).domainWithoutSuffix;
  const imitated =
    registrableNameTypo(foldThinStrokes(parsed.domainWithoutSuffix), parsed.subdomain ?? '') ?? wordTypo(parsed.domainWithoutSuffix, written ?? '');
  return imitated === null ? null : { imitates: imitated, technique: hostLooksAltered ? 'homoglyph' : 'typo' };
}

/** The trusted hosts' registrable names as written (visualstudio, microsoftonline, live, ...). */
const TRUSTED_NAMES_AS_WRITTEN: ReadonlySet<string> = new Set(
  [...TRUSTED_AUTHORIZATION_HOSTS, ...IMITATED_SERVICE_HOSTS].map((entry) => parseDomain(entry.host).domainWithoutSuffix ?? ''),
);

/**
 * A trusted name, misspelt or look-alike, among the hyphen-separated words of one label (login-microsofonline),
 * the words before it standing in for its subdomain. `written` is the label as the host spells it, off
 * Microsoft's domains (null under them): there a word spelt exactly like a trusted name is a site's own name
 * (visualstudio-tips.example), unless the words before it are the trusted subdomain (login-windows.com).
 */
function wordTypo(label: string, written: string | null): string | null {
  if (!label.includes('-')) return null;
  const words = label.split('-');
  const writtenWords = written?.split('-');
  for (let index = 0; index < words.length; index++) {
    const subdomain = words.slice(0, index).join('.');
    const exact = writtenWords !== undefined && writtenWords.length === words.length && TRUSTED_NAMES_AS_WRITTEN.has(writtenWords[index] ?? '');
    const word = foldThinStrokes(words[index] ?? '');
    const imitated = registrableNameTypo(word, subdomain, exact ? 1 : 0);
    if (imitated !== null) return imitated;
    // The exact name after its own subdomain is the dot turned into a hyphen (login-windows.com).
    const glued = exact ? trustedShapes.find((shape) => shape.subdomain === subdomain && shape.nameWithoutSuffix === word) : undefined;
    if (glued) return glued.trusted.host;
  }
  return null;
}

/**
 * The trusted host whose name without its suffix (`login` + `live`) a run of whole words of `folded` spells,
 * in its order or another (`live-login`), words being what hyphens and dots separate: `secure-login-live`
 * does, `bloginlive` does not.
 */
function trustedNameAmongWords(folded: string): TrustedHostShape | null {
  const words = folded.split(/[.-]+/).filter((word) => word !== '');
  for (let start = 0; start < words.length; start++) {
    let run = '';
    for (let end = start; end < words.length && run.length < MAX_TRUSTED_SQUASHED_LENGTH; end++) {
      run += words[end];
      const count = end - start + 1;
      const sorted =
        count > 1
          ? words
              .slice(start, end + 1)
              .sort()
              .join('.')
          : null;
      const shape = trustedShapes.find(
        (candidate) => candidate.squashedWithoutSuffix === run || (candidate.wordCount === count && candidate.sortedWords === sorted),
      );
      if (shape) return shape;
    }
  }
  return null;
}

/** Step 3 alone, for a whole host under a customer domain (app.vsps.visualstudio.com: one letter off the real one). */
function findWholeNameNearMiss(unicodeHost: string): Imitation | null {
  const hostSkeleton = skeleton(unicodeHost);
  const nearMiss = nearMissOfTrustedHost(foldThinStrokes(hostSkeleton));
  return nearMiss === null ? null : { imitates: nearMiss, technique: hostSkeleton !== unicodeHost ? 'homoglyph' : 'typo' };
}

function nearMissOfTrustedHost(folded: string): string | null {
  let closest: string | null = null;
  let closestDistance = Infinity;
  for (const shape of trustedShapes) {
    // The edits may fall anywhere, but it is the registrable name (live, microsoftonline) that is being imitated:
    // login.lime.com is one letter from login.live.com, and so are a hundred innocent companies' sign-in pages.
    const allowed = shape.allowedEdits;
    if (allowed === 0) continue;
    const distance = editDistanceWithin(folded, shape.folded, allowed);
    if (distance <= allowed && distance < closestDistance) {
      closest = shape.trusted.host;
      closestDistance = distance;
    }
  }
  if (closest === null) return null;
  // Only the last label differs (login.microsoftonline.コム): the name is the trusted one, and the first host listed
  // with it (the global .com, not the .us two edits away) is what a reader takes it for.
  const withoutLastLabel = folded.slice(0, folded.lastIndexOf('.'));
  return trustedShapes.find((shape) => shape.folded.slice(0, shape.folded.lastIndexOf('.')) === withoutLastLabel)?.trusted.host ?? closest;
}

function registrableNameTypo(candidate: string, subdomain: string, minimumEdits = 0): string | null {
  if (candidate === '') return null;
  for (const shape of trustedShapes) {
    const allowed = shape.allowedEdits;
    const distance = editDistanceWithin(candidate, shape.nameWithoutSuffix, allowed);
    if (distance > allowed || distance < minimumEdits) continue;
    const sameSubdomain = subdomain === shape.subdomain;
    // Short, common names ("live", "windows") only count together with the trusted subdomain.
    if (shape.nameWithoutSuffix.length < 8 && !sameSubdomain) continue;
    // Microsoft owns its name under many country suffixes (microsoft.de): the same name alone is not enough.
    if (distance === 0 && shape.nameWithoutSuffix.length < 12 && !sameSubdomain) continue;
    return shape.trusted.host;
  }
  return null;
}

/**
 * How many edits (letters changed, added, dropped) a name may be off a trusted registrable name and still
 * count as imitating it. A short name has many innocent neighbours: one edit from "live" are lime, life,
 * like, love, give, hive, five, line, olive, ... (real companies' own sign-in hosts), while nothing innocent
 * sits one or two edits from "microsoftonline". So the allowance grows with the length of the name:
 * up to 4 letters none (only look-alike letters count), 5 to 8 letters one, 9 or more two.
 */
export function allowedEdits(trustedName: string): number {
  if (trustedName.length >= 9) return 2;
  if (trustedName.length >= 5) return 1;
  return 0;
}

/** The two rows editDistanceWithin works in, kept between calls: a host is compared with every trusted name. */
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/**
 * Levenshtein distance, giving up as soon as it must exceed `limit` (returns limit + 1 then).
 * Bounded so that a hostile 250-character label costs the same as a normal one: only the cells within `limit`
 * of the diagonal are computed (any other is more than `limit` edits away), and every value is capped at
 * limit + 1, which changes no value up to `limit`.
 */
export function editDistanceWithin(a: string, b: string, limit: number): number {
  const over = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return over;
  const width = b.length + 1;
  if (previousRow.length < width + 1) {
    previousRow = new Int32Array(2 * width);
    currentRow = new Int32Array(2 * width);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j < width; j++) previous[j] = Math.min(j, over);
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    const left = from === 1 ? Math.min(i, over) : over;
    current[from - 1] = left;
    let rowMinimum = left;
    const letter = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const substitution = (previous[j - 1] as number) + (letter === b.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution, over);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    // The next row reads one cell further right, which lies outside this row's band.
    if (to < b.length) current[to + 1] = over;
    if (rowMinimum > limit) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length] as number, over);
}
