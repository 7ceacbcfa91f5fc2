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

/** The same clone with everything inline (logo as a data: URL): no request a background could notice. */
export const INLINE_CLONE_BODY = CLONE_BODY.replace(/src="https:\/\/aadcdn[^"]*"/, 'src="data:image/gif;base64,R0lGODlhAQABAAAAACw="');

/** A consent clone: Microsoft's wording and logo, an approval button, no field to type into. */
export const CONSENT_CLONE_BODY = `<div id="consent"><img alt="Microsoft" width="108" height="24" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<h1>Permissions requested</h1><p>Deploy Bot would like to access your account.</p><ul><li>Read and write your code</li></ul>
<button>Cancel</button><button>Accept</button></div>`;

/**
 * Browser-in-the-browser: an ordinary page that draws a browser window of its own, with Microsoft's sign-in address in
 * a fake address bar and `content` (a sign-in form or a consent dialog) inline.
 */
export function drawnWindow(content: string): string {
  return `<div style="position:fixed;left:20%;top:10%;width:480px;border:1px solid #999;box-shadow:0 8px 30px #0005;background:#fff">
  <div style="background:#ddd;padding:4px 8px;font:12px sans-serif">Sign in to your account <span style="float:right">✕</span></div>
  <div style="background:#eee;padding:4px 8px;font:12px sans-serif">🔒 https://login.microsoftonline.com/common/oauth2/v2.0/authorize</div>
  <div style="padding:24px">${content}</div></div>`;
}

/** `content` rendered by the page's script into a closed shadow root of `#app`, which no page script can open again. */
export function inClosedShadowRoot(content: string): string {
  return `<div id="app"></div><script>document.getElementById('app').attachShadow({ mode: 'closed' }).innerHTML = ${JSON.stringify(content)};</script>`;
}

/**
 * A sign-in clone as an SVG document (served as image/svg+xml): its HTML sits in a foreignObject of a drawing scaled
 * to a hundredth of its units; its style hides the first foreignObject (where a guard might put its banner), and its
 * script keeps switching off whatever element holds the banner (a language no reader has, no size, no display).
 */
export function svgDocumentClone(): string {
  const xhtml = CLONE_BODY.replace(/<(input|img)([^>]*)>/g, '<$1$2/>');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="100%" viewBox="0 0 80000 60000"><title>${CLONE_TITLE}</title>
<style>foreignObject:first-child, svg > :first-child { display: none !important; }</style>
<foreignObject width="80000" height="60000"><div xmlns="http://www.w3.org/1999/xhtml" style="zoom:100">${xhtml}</div></foreignObject>
<script>setInterval(() => {
  const holder = document.querySelector('[data-consent-guard]')?.parentNode;
  if (!holder || holder === document.documentElement) return;
  holder.setAttribute('systemLanguage', 'x-none');
  holder.setAttribute('width', '0');
  holder.setAttribute('style', 'display: none');
}, 20);</script></svg>`;
}

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
