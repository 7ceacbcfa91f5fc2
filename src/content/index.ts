/**
 * Content script entry. It runs at document_start on Microsoft's sign-in hosts (the banner can be up
 * before the page finishes parsing) and at document_end on every other http(s) page, where it does
 * almost nothing: substring tests on document.URL, its title and one
 * selector (see precheck.ts for why only those). No extension API, no Preact, no polyfill is touched here. Signals, messaging and the banner are
 * evaluated only on a match (the bundler keeps them behind a lazy initialiser).
 */
import { domLooksRelevant, urlLooksRelevant } from './precheck';

const start = () => void import('./guard').then(({ startContentGuard }) => startContentGuard(document, window));
const looksRelevant = (withDom: boolean): boolean => {
  try {
    return urlLooksRelevant(document.URL) || (withDom && domLooksRelevant(document));
  } catch {
    // Anything odd enough to break the pre-check deserves the full check.
    return true;
  }
};

if (document.readyState !== 'loading') {
  // document_end (every site but Microsoft's sign-in hosts): the DOM is there, check everything at once.
  if (looksRelevant(true)) start();
} else if (looksRelevant(false)) {
  // document_start (Microsoft's sign-in hosts): start now, the guard checks again at DOMContentLoaded.
  start();
} else {
  document.addEventListener('DOMContentLoaded', () => looksRelevant(true) && start(), { once: true });
}
