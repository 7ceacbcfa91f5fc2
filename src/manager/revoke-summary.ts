/**
 * The sentence after a revoke, from what happened and nothing else: how many Azure DevOps revoked and no
 * longer lists, how many it says it revoked but still lists, and how many were not revoked, with the
 * reason when they share one. No DOM, no browser API but the i18n lookup.
 */
import { formatTime, t } from '../platform/i18n';
import type { RevokeItem } from '../messaging/manager-messages';

/**
 * Why a revoke was not sent when Azure DevOps asked for a wait longer than is waited out: until when, as a
 * time of day in the user's language (a count of seconds is stale by the time the popup is read again).
 */
export function throttledRevokeReason(retryAfterSeconds: number, now: number): string {
  return t('managerRevokeThrottledUntil', formatTime(now + retryAfterSeconds * 1000));
}

export function summarizeRevoke(items: readonly RevokeItem[], stillListed: ReadonlySet<string>): string {
  const total = items.length;
  const revoked = items.filter((item) => item.state === 'revoked');
  const lingering = revoked.filter((item) => stillListed.has(item.id)).length;
  const gone = revoked.length - lingering;
  const failed = items.filter((item) => item.state !== 'revoked');
  const reasons = [...new Set(failed.map((item) => item.reason ?? t('managerUnknownReasonSentence')))];
  const oneReason = reasons.length === 1 ? reasons[0] : undefined;
  if (total > 0 && failed.length === total) return oneReason ? t('managerSummaryAllFailedBecause', oneReason) : t('managerSummaryAllFailedSee');
  const parts: string[] = [];
  if (gone > 0) parts.push(t(gone === 1 ? 'managerSummaryGoneOne' : 'managerSummaryGoneMany', String(gone), String(total)));
  if (lingering > 0) parts.push(t(lingering === 1 ? 'managerSummaryLingeringOne' : 'managerSummaryLingeringMany', String(lingering)));
  if (failed.length > 0)
    parts.push(oneReason ? t('managerSummaryFailedBecause', String(failed.length), oneReason) : t('managerSummaryFailedSee', String(failed.length)));
  return parts.join(' ');
}
