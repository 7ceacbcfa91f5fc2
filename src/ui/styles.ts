/**
 * Styles shared by the banner (inside its shadow root) and the popup. Light by default, dark when the user prefers it.
 * Fonts by generic family only (`system-ui`, `sans-serif`, `monospace`): a page's `@font-face` rules reach into the
 * banner's shadow root, and any family *name* (`Menlo`, `Segoe UI`, even `ui-monospace` in Chromium) can be taken
 * over by the page with a font that draws `vso.code_full` as anything it likes. Generic families cannot be.
 */
export const SHARED_CSS = `
.cg-scope-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
.cg-scope { border: 1px solid var(--cg-line); border-left-width: 4px; border-radius: 6px; padding: 6px 8px; }
.cg-tier-critical { border-left-color: #b71c1c; } .cg-tier-high { border-left-color: #e65100; }
.cg-tier-medium { border-left-color: #f9a825; } .cg-tier-low { border-left-color: #2e7d32; } .cg-tier-unknown { border-left-color: #6d4c41; }
.cg-scope-head { display: flex; flex-wrap: wrap; gap: 6px; align-items: baseline; }
.cg-tier { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; padding: 1px 6px; border-radius: 9px; background: var(--cg-chip); }
.cg-scope-title { font-weight: 600; }
.cg-scope-id, .cg-includes code { font: 12px monospace; opacity: .85; }
.cg-can, .cg-abuse, .cg-includes { margin: 4px 0 0; }
.cg-label { font-weight: 600; }
`;
export const PALETTE_CSS = `
  --cg-fg: #1b1b1f; --cg-bg: #ffffff; --cg-line: #d0d0d7; --cg-chip: #eeeef2; --cg-focus: #1a5fd1;
  --cg-danger: #b71c1c; --cg-danger-bg: #fdecea; --cg-warn: #8a5300; --cg-warn-bg: #fff4e0; --cg-ok: #1b5e20;
`;
export const DARK_PALETTE_CSS = `
  --cg-fg: #ececf1; --cg-bg: #1e1f24; --cg-line: #45464f; --cg-chip: #2d2e35; --cg-focus: #8ab4ff;
  --cg-danger: #ff8a80; --cg-danger-bg: #3b1614; --cg-warn: #ffcc80; --cg-warn-bg: #3a2a10; --cg-ok: #a5d6a7;
`;
