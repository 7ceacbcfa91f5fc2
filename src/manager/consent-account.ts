/**
 * Where a consent recorded in this browser is revoked. Its own module so the popup can ask without loading
 * the analyzer (src/manager/consent-outcome.ts reads requests with it; the popup only shows records).
 */
import type { ConsentRecord } from '../messaging/manager-messages';

/** Personal Microsoft accounts revoke consents on their account page, work and school accounts in My Apps. */
export function consentAccountKind(record: Pick<ConsentRecord, 'kind' | 'host' | 'tenant'>): 'azure-devops' | 'personal' | 'work' | 'either' {
  if (record.kind === 'azure-devops-oauth') return 'azure-devops';
  const tenant = (record.tenant ?? '').toLowerCase();
  // 9188040d-…: the tenant id of personal Microsoft accounts.
  if (record.host === 'login.live.com' || tenant === 'consumers' || tenant === '9188040d-6c67-4c5b-b112-36a304b66dad') return 'personal';
  if (tenant === 'common' || tenant === '') return 'either';
  return 'work';
}
