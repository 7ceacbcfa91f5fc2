/** Test pages parsed in happy-dom as the guard would read them. */

/** Parses a page as if served from `url` (a <base> element stands in for the document's address); scripts do not run. */
export function load(html: string, url: string): Document {
  const withoutScripts = html.replace(/<script[\s\S]*?<\/script>/gi, '');
  const base = `<base href="${url.replace(/"/g, '&quot;')}">`;
  return new DOMParser().parseFromString(
    /<head>/i.test(withoutScripts) ? withoutScripts.replace(/<head>/i, `<head>${base}`) : base + withoutScripts,
    'text/html',
  );
}
