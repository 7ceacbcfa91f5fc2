// @vitest-environment happy-dom
/** The popup's row builder (src/popup/rows.tsx): rows follow the views in order, survive refreshes and show their state. */
import { describe, expect, it } from 'vitest';
import { toView, type AuthorizationView } from '../../src/manager/model';
import type { AuthorizationDetails } from '../../src/manager/api/schemas';
import { syncRows, type Row, type RowState } from '../../src/popup/rows';
import { manyAuthorizations, sampleAuthorizations, SAMPLE_IDS } from '../e2e/harness/fake-ado-api';

const views = (list = sampleAuthorizations()): AuthorizationView[] =>
  list.map((details) => toView(details as unknown as AuthorizationDetails, Date.parse('2025-06-01T00:00:00Z')));
const idle: RowState = { checked: false, open: false, busy: false, status: undefined };
const ids = (list: HTMLUListElement) => [...list.children].map((row) => row.getAttribute('data-authorization-id'));

describe('syncRows', () => {
  it('renders one row per view, in order, with text only', () => {
    const list = document.createElement('ul');
    const shown = views();
    syncRows(list, new Map<string, Row>(), shown, () => idle);
    expect(ids(list)).toEqual(shown.map((view) => view.id));
    expect(list.querySelector('img')).toBeNull();
    const first = list.children[0] as HTMLElement;
    expect(first.querySelector('h3')?.textContent).toBe(shown[0]!.appName);
    expect(first.querySelector('button[data-action="details"]')?.textContent).toBe('What can it do?');
  });

  it('replaces every row after a refresh (new view objects), drops the missing ones and keeps the state', () => {
    const list = document.createElement('ul');
    const rows = new Map<string, Row>();
    syncRows(list, rows, views(), (view) => ({ ...idle, status: view.id === SAMPLE_IDS.backlog ? { state: 'revoking' } : undefined }));
    const refreshed = views()
      .filter((view) => view.id !== SAMPLE_IDS.reporter)
      .reverse();
    syncRows(list, rows, refreshed, (view) => ({
      ...idle,
      checked: view.id === SAMPLE_IDS.deploy,
      status: view.id === SAMPLE_IDS.backlog ? { state: 'failed', reason: 'refused' } : undefined,
    }));
    expect(ids(list)).toEqual(refreshed.map((view) => view.id));
    const backlog = list.querySelector(`[data-authorization-id="${SAMPLE_IDS.backlog}"]`)!;
    expect(backlog.textContent).toContain('Not revoked: refused');
    expect(backlog.textContent).not.toContain('Revoking');
    expect((list.querySelector(`[data-authorization-id="${SAMPLE_IDS.deploy}"] input`) as HTMLInputElement).checked).toBe(true);
  });

  it('opens and closes the details of one row', () => {
    const list = document.createElement('ul');
    const rows = new Map<string, Row>();
    const shown = views();
    syncRows(list, rows, shown, (view) => ({ ...idle, open: view.id === SAMPLE_IDS.deploy }));
    const deploy = list.querySelector(`[data-authorization-id="${SAMPLE_IDS.deploy}"]`)!;
    expect(deploy.querySelector('.details [data-scope="vso.tokens"]')).not.toBeNull();
    expect(deploy.querySelector('button[data-action="details"]')?.getAttribute('aria-expanded')).toBe('true');
    syncRows(list, rows, shown, () => idle);
    expect(deploy.querySelector('.details')).toBeNull();
    expect(deploy.querySelector('button[data-action="details"]')?.textContent).toBe('What can it do?');
  });

  it('reorders 500 rows without rebuilding them', () => {
    const list = document.createElement('ul');
    const rows = new Map<string, Row>();
    const shown = views(manyAuthorizations(500));
    syncRows(list, rows, shown, () => idle);
    const before = list.children[0];
    syncRows(list, rows, [...shown].reverse(), () => idle);
    expect(ids(list)).toEqual([...shown].reverse().map((view) => view.id));
    expect(list.children[499]).toBe(before);
  });
});
