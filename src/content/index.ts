/**
 * The pre-check content script: declared for every http(s) page except Microsoft's sign-in hosts, at
 * document_end. It reads `location.href` and `document.title` (precheck.ts explains why only those)
 * and, on a match, asks the background to inject the full guard (guard-main.ts) into this frame.
 * No Preact, no polyfill, no zod: on an ordinary page this is all the extension runs.
 */
import { sendPrecheckHit } from '../platform/content-bridge';
import { pageLooksRelevant } from './precheck';

let relevant: boolean;
try {
  relevant = pageLooksRelevant(location.href, document.title);
} catch {
  // Anything odd enough to break the pre-check deserves the full check.
  relevant = true;
}
if (relevant) sendPrecheckHit();
