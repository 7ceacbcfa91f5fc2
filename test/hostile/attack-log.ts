/**
 * Records each attack a hostile test tries and whether Consent Guard defeated it, so the test run can
 * end with a table (scripts/test-summary.mjs prints it). Both vitest and Playwright tests append here.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const LOG = path.resolve(import.meta.dirname, '../../reports/attacks.jsonl');

export type AttackSurface = 'page' | 'url' | 'api' | 'messaging' | 'storage';

/**
 * Runs `attempt` (which must throw, e.g. through a failed expect, when the attack succeeds) and records
 * the outcome. The failure is re-thrown, so the test still fails.
 */
export async function attack(surface: AttackSurface, name: string, attempt: () => unknown | Promise<unknown>): Promise<void> {
  let defeated = false;
  try {
    await attempt();
    defeated = true;
  } finally {
    recordAttack(surface, name, defeated);
  }
}

/** Records an attack whose outcome a test hook already knows (e.g. a whole property-based test). */
export function recordAttack(surface: AttackSurface, name: string, defeated: boolean): void {
  mkdirSync(path.dirname(LOG), { recursive: true });
  appendFileSync(LOG, `${JSON.stringify({ surface, name, defeated })}\n`);
}
