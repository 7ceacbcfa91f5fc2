import { DARK_PALETTE_CSS, PALETTE_CSS, SHARED_CSS } from '../../ui/styles';

/**
 * Host styles. Inside the shadow root, `!important` on :host beats even the page's `!important` rules
 * for the host element (CSS cascade: for important declarations the inner context wins), and the same
 * declarations are repeated inline on the host.
 */
export const HOST_DECLARATIONS = [
  'all: initial',
  'display: block',
  'position: fixed',
  'inset: 0 0 auto 0',
  'top: 0',
  'left: 0',
  'right: auto',
  'bottom: auto',
  'width: 100vw',
  'max-width: 100vw',
  'height: auto',
  'max-height: 70vh',
  'margin: 0',
  'padding: 0',
  'border: 0',
  'overflow: auto',
  'z-index: 2147483647',
  'visibility: visible',
  'opacity: 1',
  'transform: none',
  'filter: none',
  'clip-path: none',
  'mask: none',
  'pointer-events: auto',
  'contain: none',
  'content-visibility: visible',
  'background: transparent',
  'color-scheme: light dark',
]
  .map((declaration) => `${declaration} !important;`)
  .join(' ');

export const BANNER_CSS = `
:host { ${HOST_DECLARATIONS} }
:host::backdrop { display: none !important; }
.cg-banner { ${PALETTE_CSS}
  box-sizing: border-box; font: 14px/1.45 system-ui, sans-serif; color: var(--cg-fg);
  background: var(--cg-bg); border-bottom: 4px solid var(--cg-accent); box-shadow: 0 4px 18px rgba(0,0,0,.35);
  padding: 12px 16px; text-align: left; direction: ltr; }
@media (prefers-color-scheme: dark) { .cg-banner { ${DARK_PALETTE_CSS} } }
.cg-danger { --cg-accent: var(--cg-danger); background: linear-gradient(var(--cg-danger-bg), var(--cg-danger-bg)), var(--cg-bg); }
.cg-warn { --cg-accent: var(--cg-warn); background: linear-gradient(var(--cg-warn-bg), var(--cg-warn-bg)), var(--cg-bg); }
.cg-head { display: flex; gap: 12px; align-items: flex-start; }
.cg-icon { flex: none; width: 28px; height: 28px; border-radius: 50%; display: grid; place-items: center; font-weight: 700;
  color: #fff; background: var(--cg-accent); }
.cg-title { margin: 0; font-size: 17px; font-weight: 700; color: var(--cg-accent); }
.cg-host { margin: 2px 0 0; }
.cg-body { margin-top: 8px; max-height: 42vh; overflow: auto; overscroll-behavior: contain; padding-right: 4px; }
.cg-section { margin: 10px 0 4px; font-size: 14px; font-weight: 700; }
.cg-findings { margin: 0; padding-left: 20px; }
.cg-sev { font-weight: 700; }
.cg-sev-danger .cg-sev { color: var(--cg-danger); } .cg-sev-warn .cg-sev { color: var(--cg-warn); }
.cg-claims, .cg-note { margin: 6px 0; }
.cg-actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.cg-button { font: inherit; font-weight: 600; padding: 6px 14px; border-radius: 6px; border: 1px solid var(--cg-line);
  background: var(--cg-bg); color: var(--cg-fg); cursor: pointer; }
.cg-primary { background: var(--cg-accent); border-color: var(--cg-accent); color: #fff; }
@media (prefers-color-scheme: dark) { .cg-primary { color: #111; } }
.cg-quiet { border-color: transparent; background: transparent; text-decoration: underline; }
.cg-button:focus-visible { outline: 3px solid var(--cg-focus); outline-offset: 2px; }
${SHARED_CSS}
`;
