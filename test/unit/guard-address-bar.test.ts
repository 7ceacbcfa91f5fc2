// @vitest-environment happy-dom
/**
 * Browser-in-the-browser: a page that draws a browser window of its own, with Microsoft's sign-in address in
 * its fake address bar and the sign-in or consent dialog inside, presents itself as Microsoft's page (the
 * cue `sign-in-address-bar`). Pages that merely show that address (a link, a code sample, a settings form's
 * "Authority" field, a tutorial) do not.
 */
import { describe, expect, it } from 'vitest';
import { collectSignals, detectBranding, drawsSignInWindow, pageRoots, SIGN_IN_HOSTS } from '../../src/content/signals';
import { analyzeUrl } from '../../src/core';
import { TRUSTED_AUTHORIZATION_HOSTS } from '../../src/core/hosts';

function load(html: string, url = 'https://shared-files.example/'): Document {
  return new DOMParser().parseFromString(
    `<!doctype html><html><head><base href="${url}"><title>Shared files</title></head><body>${html}</body></html>`,
    'text/html',
  );
}

const LOGO = '<img alt="Microsoft" width="108" height="24" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">';
const ADDRESS = '🔒 https://login.microsoftonline.com/common/oauth2/v2.0/authorize';
const windowOf = (bar: string, inside: string, style = 'position:fixed;left:20%;top:10%;width:480px') =>
  `<h1>Shared files</h1><p>Sign in to view the shared document.</p><div style="${style}"><div class="titlebar">Sign in to your account <button>✕</button></div>${bar}<div style="padding:24px">${inside}</div></div>`;
const SIGN_IN = `${LOGO}<h2>Sign in</h2><input type="email" placeholder="Email, phone, or Skype"><input type="password"><button>Next</button>`;
const CONSENT = `${LOGO}<h2>Permissions requested</h2><p>Deploy Bot would like to read and write your code.</p><button>Cancel</button><button>Accept</button>`;

const cuesOf = (doc: Document) => detectBranding(doc).cues;

describe('a drawn browser window with a Microsoft sign-in address bar', () => {
  it("knows every trusted sign-in host (the content script's copy of src/core/hosts.ts)", () => {
    expect([...SIGN_IN_HOSTS].sort()).toEqual(TRUSTED_AUTHORIZATION_HOSTS.map((entry) => entry.host).sort());
  });

  it('over a sign-in form: the page imitates Microsoft, and the finding names the fake window', () => {
    const doc = load(windowOf(`<div class="address">${ADDRESS}</div>`, SIGN_IN));
    expect(cuesOf(doc)).toEqual(expect.arrayContaining(['brand-logo', 'sign-in-address-bar']));
    expect(detectBranding(doc).imitatesMicrosoft).toBe(true);
    const { isTopFrame, forms, asks, brandingCues } = collectSignals(doc, window);
    const result = analyzeUrl('https://shared-files.example/', { signals: { isTopFrame, forms, asks, brandingCues } });
    if (!result.ok) throw new Error(result.error);
    const finding = result.analysis.findings.find((candidate) => candidate.id === 'microsoft-branding-off-host');
    expect(finding?.severity).toBe('danger');
    expect(finding?.message).toContain('address bar');
  });

  it('over a consent dialog, with the address split across spans and no scheme', () => {
    const bar = '<div><span>🔒</span> <span class="host">login.microsoftonline.com</span><span>/common/oauth2/authorize?client_id=x</span></div>';
    const doc = load(windowOf(bar, CONSENT));
    expect(cuesOf(doc)).toContain('sign-in-address-bar');
    expect(detectBranding(doc).imitatesMicrosoft).toBe(true);
  });

  it('drawn as a read-only field, in a dialog element, inside a closed-looking wrapper', () => {
    const bar = '<input readonly value="https://login.live.com/oauth20_authorize.srf">';
    const doc = load(`<dialog open><p>Sign in</p>${bar}${SIGN_IN}</dialog>`);
    expect(drawsSignInWindow(doc, pageRoots(doc))).toBe(true);
  });

  it('inside an open shadow root', () => {
    const doc = load('<div id="app"></div>');
    doc.getElementById('app')!.attachShadow({ mode: 'open' }).innerHTML = windowOf(`<div>${ADDRESS}</div>`, SIGN_IN);
    expect(drawsSignInWindow(doc, pageRoots(doc))).toBe(true);
  });

  it('is not the cue for another host in the bar, or a window that asks nothing', () => {
    expect(cuesOf(load(windowOf('<div>🔒 https://login.shared-files.example/</div>', SIGN_IN)))).not.toContain('sign-in-address-bar');
    expect(cuesOf(load(windowOf('<div>🔒 https://login.microsoftonline.com.evil.example/</div>', SIGN_IN)))).not.toContain('sign-in-address-bar');
    expect(cuesOf(load(windowOf(`<div>${ADDRESS}</div>`, `${LOGO}<p>You are signed out.</p>`)))).not.toContain('sign-in-address-bar');
  });
});

describe('pages that show the sign-in address without drawing a window', () => {
  const cases: [string, string][] = [
    [
      'a link to the sign-in page above a login form',
      `${LOGO}<a href="https://login.microsoftonline.com/">https://login.microsoftonline.com/</a><form><input type="password"><button>Log in</button></form>`,
    ],
    [
      'a tutorial quoting the authorize endpoint in code, with a login form in its header',
      `<header>${LOGO}<form><input type="email" name="email"><input type="password"><button>Log in</button></form></header><main><h1>Calling the Microsoft identity platform</h1><p>Send the user to</p><pre><code>https://login.microsoftonline.com/common/oauth2/v2.0/authorize</code></pre></main>`,
    ],
    [
      "an app's single sign-on settings, the authority shown next to the client secret",
      `<h1>Single sign-on</h1><section class="card">${LOGO}<h2>Microsoft Entra ID</h2><dl><dt>Authority</dt><dd>https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0</dd></dl><label>Client secret <input type="password" name="secret"></label><button>Save</button></section>`,
    ],
    [
      'the same settings in a modal, where the authority comes after other fields',
      `<div role="dialog" style="position:fixed;inset:10%">${LOGO}<h2>Connect Microsoft Entra ID</h2><p>Tenant ID and application (client) ID come from the app registration in the Entra admin center. Paste them here exactly as shown there, then the client secret you created for this app.</p><label>Tenant <input name="tenant"></label><div>https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0</div><label>Client secret <input type="password" name="secret"></label><button>Save</button></div>`,
    ],
    [
      'a floating help panel (page furniture) naming the address above a password field',
      `<aside style="position:fixed;right:0;top:0"><p>login.microsoftonline.com</p><input type="password"></aside>`,
    ],
  ];
  for (const [name, body] of cases) {
    it(name, () => {
      const doc = load(body);
      expect(cuesOf(doc)).not.toContain('sign-in-address-bar');
      expect(detectBranding(doc).imitatesMicrosoft).toBe(false);
    });
  }
});
