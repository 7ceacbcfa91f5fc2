/**
 * Hosting where anyone gets a subdomain (and a valid certificate) for free, in minutes. Microsoft's March
 * 2026 advisory on OAuth error-redirect phishing names several of them as where the lure lands. Genuine
 * apps live here too, so a redirect to one is a note on its own and a danger only with the lure's other signs.
 * Sources: Microsoft Threat Intelligence, OAuth redirection abuse advisory (March 2026); the providers'
 * own documentation of their default domains. Checked 2026-12.
 */
export const FREE_HOSTING_SUFFIXES: readonly string[] = [
  'github.io',
  'gitlab.io',
  'surge.sh',
  'workers.dev',
  'pages.dev',
  'r2.dev',
  'trycloudflare.com',
  'netlify.app',
  'vercel.app',
  'powerappsportals.com',
  'glitch.me',
  'web.app',
  'firebaseapp.com',
  'appspot.com',
  'herokuapp.com',
  'onrender.com',
  'fly.dev',
  'deno.dev',
  'replit.app',
  'replit.dev',
  'repl.co',
  'ngrok.io',
  'ngrok.app',
  'ngrok-free.app',
  'loca.lt',
  'azurewebsites.net',
  'azurestaticapps.net',
  'web.core.windows.net',
  'blob.core.windows.net',
  'amplifyapp.com',
  'storage.googleapis.com',
  's3.amazonaws.com',
  'wixsite.com',
  'weebly.com',
  'webflow.io',
  'framer.app',
  'godaddysites.com',
  '000webhostapp.com',
  'codeanyapp.com',
  'glitch.io',
  // Tunnels and cloud editors that put a local or throwaway server on a public name in seconds.
  'devtunnels.ms',
  'app.github.dev',
  'csb.app',
  // Google Translate's proxy serves any site under `<site-with-dashes>.translate.goog`.
  'translate.goog',
  // IPFS gateways: content nobody can take down, a favourite of phishing kits.
  'ipfs.dweb.link',
  'ipfs.w3s.link',
];

/** True when `hostname` (lowercase) is a free-hosting subdomain (not the provider's own bare domain). */
export function isFreeHostingHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  for (const suffix of FREE_HOSTING_SUFFIXES) {
    if (host.length > suffix.length + 1 && host.endsWith(suffix) && host[host.length - suffix.length - 1] === '.') return true;
  }
  return false;
}

/** The redirect's host when it is on free hosting, else null. */
export function freeHostingRedirectHost(redirect: string): string | null {
  try {
    const target = new URL(redirect);
    return isFreeHostingHost(target.hostname) ? target.hostname : null;
  } catch {
    return null;
  }
}
