// @vitest-environment happy-dom
/**
 * What the popup says during and after a revoke: the summary says only what happened, and a row waiting
 * out Retry-After says that Azure DevOps asked to wait and until when, in the browser's language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { throttledRevokeReason, summarizeRevoke } from '../../src/manager/revoke-summary';
import { toView } from '../../src/manager/model';
import type { AuthorizationDetails } from '../../src/manager/api/schemas';
import type { RevokeItem } from '../../src/messaging/manager-messages';
import { syncRows, type Row, type RowStatus } from '../../src/popup/rows';
import { sampleAuthorizations, SAMPLE_IDS } from '../e2e/harness/fake-ado-api';
import { speak } from './browser-language';

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
  document.body.replaceChildren();
});

describe('the summary after a revoke', () => {
  const revoked = (id: string): RevokeItem => ({ id, state: 'revoked' });
  const failed = (id: string, reason?: string): RevokeItem => ({ id, state: 'failed', ...(reason ? { reason } : {}) });

  it('one refused revoke: nothing was revoked, and why; never "0 of 1" or "no longer listed"', () => {
    const text = summarizeRevoke([failed('a', 'Azure DevOps refused access (403).')], new Set(['a']));
    expect(text).toBe('Nothing was revoked: Azure DevOps refused access (403).');
    expect(text).not.toMatch(/0 of|no longer listed/);
  });

  it('failures with different reasons point to the rows', () => {
    expect(summarizeRevoke([failed('a', 'one reason'), failed('b', 'another')], new Set())).toBe('Nothing was revoked: see the reason on each row.');
  });

  it('a mix: how many are gone, how many Azure DevOps still lists, how many were not revoked and why', () => {
    const items = [revoked('a'), revoked('b'), revoked('c'), failed('d', 'Azure DevOps refused access (403).')];
    expect(summarizeRevoke(items, new Set(['c', 'd']))).toBe(
      'Revoked 2 of 4; they are no longer listed. 1 revoked, but Azure DevOps still lists it: see its row. 1 not revoked: Azure DevOps refused access (403).',
    );
  });

  it('all gone', () => {
    expect(summarizeRevoke([revoked('a')], new Set())).toBe('Revoked 1 of 1; it is no longer listed.');
    expect(summarizeRevoke([revoked('a'), revoked('b')], new Set())).toBe('Revoked 2 of 2; they are no longer listed.');
  });

  it('a failure without a reason still says it failed', () => {
    expect(summarizeRevoke([revoked('a'), failed('b')], new Set())).toBe('Revoked 1 of 2; it is no longer listed. 1 not revoked: Unknown reason.');
  });

  it('a wait too long to wait out says until when, as a time of day', () => {
    const at = new Date(2026, 11, 3, 14, 5, 9).getTime();
    expect(throttledRevokeReason(600, at)).toMatch(/^Azure DevOps asked us to wait until (2:15:09\sPM|14:15:09) \(Retry-After\): try again then\.$/);
  });
});

describe('a row while its revoke waits out Retry-After', () => {
  const details = sampleAuthorizations() as unknown as AuthorizationDetails[];
  const views = details.map((item) => toView(item, Date.UTC(2026, 0, 1)));
  const until = new Date(2026, 11, 3, 14, 5, 9).getTime();

  function renderRows(status: RowStatus) {
    const list = document.createElement('ul');
    document.body.append(list);
    const rows = new Map<string, Row>();
    syncRows(list, rows, views, (view) => ({ checked: false, open: false, busy: true, status: view.id === SAMPLE_IDS.deploy ? status : undefined }));
    const row = list.querySelector<HTMLElement>(`[data-authorization-id="${SAMPLE_IDS.deploy}"]`);
    if (!row) throw new Error('no row');
    return row;
  }

  // Without a browser the time is in the machine's own format (12- or 24-hour).
  it('says Azure DevOps asked to wait and the time it tries again, not "Revoking…"', () => {
    const row = renderRows({ state: 'waiting', until });
    const line = row.querySelector('.row-wait');
    expect(line?.textContent).toMatch(/^Azure DevOps asked us to wait \(Retry-After\): trying again at (2:05:09\sPM|14:05:09)\.$/);
    expect(row.textContent).not.toContain('Revoking…');
  });

  it('in a German browser: German words and a 24-hour time', () => {
    restore = speak('de');
    const row = renderRows({ state: 'waiting', until });
    expect(row.querySelector('.row-wait')?.textContent).toBe('Azure DevOps hat uns gebeten zu warten (Retry-After): neuer Versuch um 14:05:09.');
    expect(throttledRevokeReason(600, until)).toBe('Azure DevOps hat uns gebeten, bis 14:15:09 zu warten (Retry-After): Versuchen Sie es dann erneut.');
  });
});
