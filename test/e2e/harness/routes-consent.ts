import type { Route } from './fixture-server';

// Consent-page fixtures (owned by the consent-page guard).
export const consentPageRoutes: readonly Route[] = [];
