/**
 * Fixture pages for the guard's e2e cases: one page per way a clone tries to get past the guard (served by
 * the loopback fixture server under made-up hosts; Microsoft's asset CDN host is served a logo too).
 */
import type { FixtureServer, Route } from './harness/fixture-server';

/** The body of a Microsoft sign-in clone: the brand, sign-in wording, a password field and a hotlinked logo. */
export const CLONE_BODY = `<div id="clone"><img alt="Microsoft" src="https://aadcdn.msftauth.net/shared/1.0/content/images/microsoft_logo.svg" width="108" height="24">
<h1>Sign in to your Microsoft account</h1><form action="/collect" method="post"><input type="email" name="loginfmt" placeholder="Email">
<input type="password" name="passwd"><button type="submit">Sign in</button></form></div>`;
export const CLONE_TITLE = 'Sign in to your account';

export function html(title: string, body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;
}

const htmlHeaders = { 'content-type': 'text/html; charset=utf-8' };

/** Serves `body` for one host and path. */
export function servePage(server: FixtureServer, host: string, pathname: string, body: string): void {
  server.use((request) => (request.host === host && request.pathname === pathname ? { headers: htmlHeaders, body } : undefined));
}

/** Serves the first part of a page and never finishes the response. */
export function serveNeverFinishing(server: FixtureServer, host: string, pathname: string, start: string): void {
  server.use((request) => (request.host === host && request.pathname === pathname ? { headers: htmlHeaders, stream: start } : undefined));
}

/** Microsoft's sign-in asset CDN, as clones hotlink it (any path: a small logo). */
export const microsoftAssets: Route = (request) =>
  request.host === 'aadcdn.msftauth.net'
    ? {
        headers: { 'content-type': 'image/svg+xml', 'access-control-allow-origin': '*' },
        body: '<svg xmlns="http://www.w3.org/2000/svg" width="108" height="24"><rect width="24" height="24" fill="#f25022"/></svg>',
      }
    : undefined;
