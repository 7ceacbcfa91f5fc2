/** Typed results of API calls: the UI never sees a raw exception. */
import type { ApiError } from '../../messaging/azure-devops';
import { formatNumber, t } from '../../platform/i18n';

export type { ApiError };

export type ApiErrorKind = ApiError['kind'];

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

/** One plain sentence per error in the user's language, for rows and banners. Server messages are untrusted text: shown as text only. */
export function describeError(error: ApiError): string {
  switch (error.kind) {
    case 'signed-out':
      return t('errorSignedOut');
    case 'forbidden':
      return error.message ? t('errorForbiddenBecause', error.message) : t('errorForbidden');
    case 'not-found':
      return t('errorNotFound');
    case 'throttled':
      return t('errorThrottled', formatNumber(error.retryAfterSeconds));
    case 'server-error':
      return t('errorServer', String(error.status));
    case 'rejected':
      return error.message ? t('errorRejectedBecause', String(error.status), error.message) : t('errorRejected', String(error.status));
    case 'network':
      return t('errorNetwork');
    case 'timeout':
      return t('errorTimeout', formatNumber(Math.round(error.afterMs / 1000)));
    case 'unexpected-shape':
      return t('errorUnexpectedShape');
  }
}

/**
 * An error as said for one sign-in: a 401 through an organization's token means Azure DevOps refused that
 * token there (another organization's, a global one, expired, or without vso.tokens), not "signed out".
 */
export function describeSourceError(error: ApiError, organization: string | null): string {
  if (organization && error.kind === 'signed-out') return t('managerTokenRefused', organization);
  return describeError(error);
}
