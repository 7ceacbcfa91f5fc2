import { remove as replaceConfusables } from 'confusables';
import { toUnicode } from 'punycode';
import { parse as parseDomain } from 'tldts';
import {
  MICROSOFT_REGISTRABLE_DOMAINS,
  TRUSTED_AUTHORIZATION_HOSTS,
  TRUSTED_PROXY_SUFFIXES,
  isTrustedHostName,
  type TrustedHost,
} from './hosts';

export type LookalikeTechnique = 'homoglyph' | 'embedded' | 'glue' | 'typo';

export type HostAssessment = {
  /** ASCII (punycode) form, lowercase, without a trailing dot. */
  readonly name: string;
  /** The name as a person reads it (punycode decoded). */
  readonly unicode: string;
  readonly registrableDomain: string | null;
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
  if (isTrustedHostName(name) || extraTrustedHosts.includes(name)) return { name, unicode: name, registrableDomain: trustedRegistrableDomains.get(name) ?? null, kind: 'trusted' };
  const unicode = decodePunycode(name);
  const parsed = parseDomain(name, { allowPrivateDomains: true });
  const registrableDomain = parsed.domain;
  const base = { name, unicode, registrableDomain };

  if (parsed.isIp || name.startsWith('[')) return { ...base, kind: 'ip' };
  for (const suffix of TRUSTED_PROXY_SUFFIXES) {
    if (name.endsWith(`.${suffix}`)) {
      const proxied = name.slice(0, -suffix.length - 1);
      if (isTrustedHostName(proxied)) return { ...base, kind: 'proxy', proxied };
    }
  }
  if (registrableDomain !== null && MICROSOFT_REGISTRABLE_DOMAINS.has(registrableDomain)) return { ...base, kind: 'microsoft' };
  if (name.length > MAX_HOST_LENGTH) return { ...base, kind: 'other' };

  const imitation = findImitation(unicode);
  if (imitation) return { ...base, kind: 'lookalike', ...imitation };
  return { ...base, kind: 'other' };
}

function decodePunycode(asciiHost: string): string {
  if (!asciiHost.includes('xn--')) return asciiHost;
  return asciiHost
    .split('.')
    .map((label) => {
      if (!label.startsWith('xn--')) return label;
      try {
        return toUnicode(label);
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
export function skeleton(text: string): string {
  return replaceConfusables(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/0/g, 'o')
    .replace(/[1|]/g, 'l');
}

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
}

const trustedShapes: readonly TrustedHostShape[] = TRUSTED_AUTHORIZATION_HOSTS.map((trusted) => {
  const parsed = parseDomain(trusted.host);
  return {
    trusted,
    folded: foldThinStrokes(skeleton(trusted.host)),
    registrableDomain: parsed.domain ?? trusted.host,
    nameWithoutSuffix: foldThinStrokes(parsed.domainWithoutSuffix ?? trusted.host),
    subdomain: parsed.subdomain ?? '',
    squashed: foldThinStrokes(squash(trusted.host)),
  };
});

const trustedRegistrableDomains: ReadonlyMap<string, string> = new Map(trustedShapes.map((shape) => [shape.trusted.host, shape.registrableDomain]));

function findImitation(unicodeHost: string): { imitates: string; technique: LookalikeTechnique } | null {
  const hostSkeleton = skeleton(unicodeHost);
  const hostLooksAltered = hostSkeleton !== unicodeHost;
  const folded = foldThinStrokes(hostSkeleton);

  // 1. Same skeleton as a trusted host (or its Defender proxy form): only the letters' shapes differ.
  for (const shape of trustedShapes) {
    if (folded === shape.folded || TRUSTED_PROXY_SUFFIXES.some((suffix) => folded === foldThinStrokes(`${shape.folded}.${suffix}`))) {
      return { imitates: shape.trusted.host, technique: hostLooksAltered ? 'homoglyph' : 'typo' };
    }
  }

  // 2. The same letters with the dots turned into hyphens (app-vssps-visualstudio.com).
  const squashedHost = squash(folded);
  const glued = trustedShapes.find((shape) => squashedHost === shape.squashed);
  if (glued) return { imitates: glued.trusted.host, technique: hostLooksAltered ? 'homoglyph' : 'glue' };

  // 3. The whole name is a near-miss of a trusted host (one or two letters changed, added or dropped).
  let closest: { host: string; distance: number } | null = null;
  for (const shape of trustedShapes) {
    const distance = editDistanceWithin(folded, shape.folded, 2);
    if (distance <= 2 && (closest === null || distance < closest.distance)) closest = { host: shape.trusted.host, distance };
  }
  if (closest) return { imitates: closest.host, technique: hostLooksAltered ? 'homoglyph' : 'typo' };

  // 4. A distinctive part of a trusted name appears inside this one (as labels, or glued with - and .).
  const borrowed =
    trustedShapes.find((shape) => squashedHost.includes(shape.squashed)) ??
    trustedShapes.find((shape) => shape.trusted.distinctive.some((part) => squashedHost.includes(foldThinStrokes(part))));
  if (borrowed) {
    const labelled = folded.includes(foldThinStrokes(borrowed.trusted.host)) || folded.includes(foldThinStrokes(`${borrowed.registrableDomain}.`));
    return { imitates: borrowed.trusted.host, technique: labelled ? 'embedded' : hostLooksAltered ? 'homoglyph' : 'glue' };
  }

  // 5. The registrable name is a typo (or the same name under another suffix) of a trusted one.
  // Parsed unfolded: folding would turn suffixes such as .io into ones that do not exist.
  const parsed = parseDomain(hostSkeleton, { allowPrivateDomains: true });
  if (!parsed.domainWithoutSuffix) return null;
  const candidate = foldThinStrokes(parsed.domainWithoutSuffix);
  for (const shape of trustedShapes) {
    const allowed = allowedEdits(shape.nameWithoutSuffix);
    const distance = editDistanceWithin(candidate, shape.nameWithoutSuffix, allowed);
    if (distance > allowed) continue;
    const sameSubdomain = parsed.subdomain === shape.subdomain;
    // Short, common names ("live", "windows") only count together with the trusted subdomain.
    if (shape.nameWithoutSuffix.length < 8 && !sameSubdomain) continue;
    // Microsoft owns its name under many country suffixes (microsoft.de): the same name alone is not enough.
    if (distance === 0 && shape.nameWithoutSuffix.length < 12 && !sameSubdomain) continue;
    return { imitates: shape.trusted.host, technique: hostLooksAltered ? 'homoglyph' : 'typo' };
  }
  return null;
}

/** Longer names tolerate more edits before a resemblance is a coincidence. */
function allowedEdits(trustedName: string): number {
  if (trustedName.length >= 8) return 2;
  if (trustedName.length >= 5) return 1;
  return 0;
}

/**
 * Levenshtein distance, giving up as soon as it must exceed `limit` (returns limit + 1 then).
 * Bounded so that a hostile 250-character label costs the same as a normal one.
 */
export function editDistanceWithin(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    previous = current;
  }
  return Math.min(previous[b.length] ?? limit + 1, limit + 1);
}
