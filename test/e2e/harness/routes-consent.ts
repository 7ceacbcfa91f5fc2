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
  // A plain page that records every change to its DOM: on an ordinary host, and on a typo-squatted
  // lookalike whose URL and title carry nothing the pre-check looks for (only the background's analysis catches it).
  page('plain.example.test', '/', 'plain.html'),
  page('app.vsspz.visualstudlo.com', '/', 'plain.html'),
  // A large ordinary page (5,000 elements) for cost measurements.
  largeOrdinaryPage('large.example.test', '/'),
];

/** An ordinary article-like page with about `count` elements (sections of 7: section, h2, p, a, em, img, input). */
export function largeOrdinaryPage(host: string, pathname: string, count = 5000): Route {
  const sections: string[] = [];
  for (let index = 0; index * 7 < count; index++) {
    sections.push(
      `<section id="s${index}"><h2>Section ${index}</h2>` +
        `<p>Paragraph ${index} of an ordinary page with a <a href="/page/${index}">link</a> and <em>emphasis</em>.</p>` +
        `<img alt="Picture ${index}" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1"><input name="field${index}" type="text"></section>`,
    );
  }
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A large ordinary page</title></head><body><main>${sections.join('')}</main></body></html>`;
  return (request) => (request.host === host && request.pathname === pathname ? { headers: { 'content-type': 'text/html; charset=utf-8' }, body } : undefined);
}
