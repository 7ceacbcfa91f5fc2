import type { Route } from './fixture-server';
import { page } from './fixture-server';

/**
 * Consent-page fixtures (owned by the consent-page guard). Query strings are ignored: tests choose the
 * scopes in the URL they open.
 */
export const consentPageRoutes: readonly Route[] = [
  // The genuine Azure DevOps approval page (served over https and, for the downgrade test, http).
  page('app.vssps.visualstudio.com', '/oauth2/authorize', 'ado-approval.html'),
  // Entra ID: the authorize URL shows the sign-in form, which POSTs to /common/login: the consent screen.
  page('login.microsoftonline.com', '/common/oauth2/v2.0/authorize', 'entra-signin.html'),
  page('login.microsoftonline.com', '/common/login', 'entra-consent.html'),
  // Clones: on a hyphen-glued lookalike of the ADO host, and on an unrelated host with no telltale URL.
  page('app-vssps-visualstudio.com', '/oauth2/authorize', 'ado-approval.html'),
  page('devtools-portal.example', '/approve', 'ado-approval.html'),
  // A clone that fights the banner.
  page('app-vssps-visualstudio.com', '/hostile/oauth2/authorize', 'hostile-clone.html'),
  // An article about Microsoft with a sign-in form in its header: not a clone.
  page('news.example.test', '/article', 'news.html'),
];
