/**
 * Every message the guard's banner shows by key (src/content/banner, src/ui/ScopeList.tsx, src/ui/tiers.ts):
 * the background sends their templates along with the guard (src/platform/scripting.ts), so the banner does
 * not wait for the browser's message bundle. A key missing here still works, only its first lookup is slower.
 */
import type { MessageKey } from '../platform/i18n';

export const GUARD_MESSAGE_KEYS: readonly MessageKey[] = [
  'bannerAsks',
  'bannerClaimApp',
  'bannerClaimPublisher',
  'bannerClaimUnnamed',
  'bannerClaimWarning',
  'bannerFromFlow',
  'bannerWhy',
  'brandingMessageFrom',
  'dismissRequest',
  'helpFrom',
  'hideDetails',
  'hostImitates',
  'hostLocalFile',
  'hostOnOther',
  'hostOnTrusted',
  'hostReally',
  'leavePage',
  'messagesLanguage',
  'scopeAlsoIncludes',
  'scopeTierCritical',
  'scopeTierHigh',
  'scopeTierLow',
  'scopeTierMedium',
  'scopeTierUnknown',
  'scopeUnknown',
  'scopeWrongHands',
  'severityDanger',
  'severityInfo',
  'severityWarn',
  'showDetails',
  'trustApp',
  'verdictDanger',
  'verdictNone',
  'verdictOk',
  'verdictWarn',
  'yourOrganization',
];
