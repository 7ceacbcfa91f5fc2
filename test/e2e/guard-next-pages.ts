/**
 * Fixture pages for mechanisms an attacker who read docs/guard.md would try next (test/e2e/guard-next.spec.ts):
 * documents replaced or written after load, popups written by their opener, data: frames, clones shown late,
 * prerendered and back/forward-cached clones, and the ordinary pages that must stay silent.
 */
import { CLONE_TITLE, INLINE_CLONE_BODY, html } from './guard-attack-pages';
import { adoAuthorizeUrl } from './guard-helpers';

/** `value` as a JavaScript literal that is safe inside an inline <script> (no `</script>` to end it early). */
export function scriptLiteral(value: unknown): string {
  return JSON.stringify(value).replace(/<\//g, '<\\/');
}

/** An authorize address on the page's own (innocuous) host: what a phishing site routes its clone to. */
export function ownAuthorizePath(scope = 'vso.code_full'): string {
  const url = new URL(adoAuthorizeUrl(scope, 'placeholder.test'));
  return `${url.pathname}${url.search}`;
}

/** The inline clone as a whole document (no request for Microsoft's assets: only its DOM and title tell). */
export const INLINE_CLONE_PAGE = html(CLONE_TITLE, INLINE_CLONE_BODY);

/** An innocuous page whose button opens a blank popup and writes the clone into it. */
export function popupWriter(url: string): string {
  return html(
    'Shared document',
    `<p>A document was shared with you.</p><button id="open">Open document</button>
<script>document.getElementById('open').addEventListener('click', () => {
  const popup = window.open(${JSON.stringify(url)}, 'viewer', 'popup,width=640,height=640');
  popup.document.open();
  popup.document.write(${scriptLiteral(INLINE_CLONE_PAGE)});
  popup.document.close();
});</script>`,
  );
}

/** A full-page iframe holding `page` as a data: URL. */
export function dataFrame(page: string): string {
  const src = `data:text/html;base64,${Buffer.from(page).toString('base64')}`;
  return `<iframe src="${src}" style="position:fixed;inset:0;width:100%;height:100%;border:0"></iframe>`;
}

/** Replaces the whole document with `page` through document.open()/write() once loaded. */
export function rewriteAfterLoad(page: string, delayMs = 300): string {
  return `<script>addEventListener('load', () => setTimeout(() => {
  document.open();
  document.write(${scriptLiteral(page)});
  document.close();
}, ${delayMs}));</script>`;
}

/** A script (for a written page) that re-opens its own full-screen popover in every animation frame, with a ticking counter. */
export const POPOVER_EVERY_FRAME = `<div id="tick" style="position:fixed;bottom:8px;left:8px;font:14px monospace;color:#123">0</div>
<script>(function () {
  const cover = document.createElement('div');
  cover.setAttribute('popover', 'manual');
  cover.style.cssText = 'inset:0;width:100vw;height:100vh;max-width:none;max-height:none;margin:0;border:0;background:#fff;color:#000';
  cover.textContent = 'Verified by Microsoft';
  document.body.append(cover);
  (function again() {
    document.getElementById('tick').textContent = String(performance.now() | 0);
    try { if (cover.matches(':popover-open')) cover.hidePopover(); cover.showPopover(); } catch (error) {}
    requestAnimationFrame(again);
  })();
})();</script>`;
