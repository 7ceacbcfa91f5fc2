/** Typed results of API calls: the UI never sees a raw exception. */

export type ApiError =
  /** 401, a redirect, or a 2xx that is not JSON (the 203 sign-in page). */
  | { readonly kind: 'signed-out'; readonly status: number }
  | { readonly kind: 'forbidden'; readonly status: number; readonly message?: string }
  | { readonly kind: 'not-found'; readonly status: number }
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number }
  | { readonly kind: 'server-error'; readonly status: number }
  /** Another 4xx, e.g. 400 AccessDenied on revoking someone else's authorization. */
  | { readonly kind: 'rejected'; readonly status: number; readonly message?: string }
  | { readonly kind: 'network' }
  | { readonly kind: 'timeout'; readonly afterMs: number }
  | { readonly kind: 'unexpected-shape'; readonly detail: string };

export type ApiErrorKind = ApiError['kind'];

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export const UNEXPECTED_SHAPE_MESSAGE = 'Azure DevOps answered in a form this version does not understand.';

/** One plain sentence per error, for rows and banners. Server messages are untrusted text: shown as text only. */
export function describeError(error: ApiError): string {
  switch (error.kind) {
    case 'signed-out':
      return 'You are not signed in to Azure DevOps in this browser (or the token was not accepted).';
    case 'forbidden':
      return `Azure DevOps refused access (403)${error.message ? `: ${error.message}` : '.'}`;
    case 'not-found':
      return 'Azure DevOps does not know this address (404). Check the organization under Advanced.';
    case 'throttled':
      return `Azure DevOps asked us to slow down. Try again in ${error.retryAfterSeconds} s.`;
    case 'server-error':
      return `Azure DevOps had a server error (${error.status}). Try again later.`;
    case 'rejected':
      return `Azure DevOps rejected the request (${error.status})${error.message ? `: ${error.message}` : '.'}`;
    case 'network':
      return 'Azure DevOps could not be reached. Check your connection.';
    case 'timeout':
      return `Azure DevOps did not answer within ${Math.round(error.afterMs / 1000)} s.`;
    case 'unexpected-shape':
      return UNEXPECTED_SHAPE_MESSAGE;
  }
}
