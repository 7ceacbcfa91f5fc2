/**
 * Imported first by the guard's entry, so the templates the background delivered (src/platform/scripting.ts
 * deliverView) are in place before any module looks a message up. They live in this isolated world, which the
 * page cannot see or set.
 */
import { seedTemplates } from '../platform/i18n';

const DELIVERED_MESSAGES = Symbol.for('consent-guard.messages');
const world = globalThis as unknown as Record<symbol, unknown>;
const delivered = world[DELIVERED_MESSAGES];
delete world[DELIVERED_MESSAGES];
if (typeof delivered === 'string') {
  try {
    seedTemplates(JSON.parse(delivered));
  } catch {
    // Not JSON: every message is asked for as usual.
  }
}
