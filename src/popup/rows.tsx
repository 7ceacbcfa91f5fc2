/**
 * The rows of the authorization list, built outside Preact's diff: every row is a clone of one static
 * skeleton, filled with text (never HTML) and the few attributes that differ. Building 500 rows as
 * Preact elements (about 7,300 elements, each created, diffed and given its attributes one by one) took
 * most of the popup's render budget; cloning the skeleton does the same in a fraction of that time
 * (`npm run bench -- --only=popup`). The DOM is the same as a Preact rendering of it would be; only the
 * expanded details (rare, one row at a time) are rendered by Preact, into the row.
 */
import { render } from 'preact';
import { formatDate, formatTime, t } from '../platform/i18n';
import type { AuthorizationView } from '../manager/model';
import { GrantedScopes, TIER_LABEL } from './GrantedScopes';

export interface RowStatus {
  readonly state: 'revoking' | 'waiting' | 'failed' | 'still-listed';
  readonly reason?: string;
  /** waiting: when Azure DevOps said to try again (epoch ms). */
  readonly until?: number;
}

export interface RowState {
  readonly checked: boolean;
  readonly open: boolean;
  readonly busy: boolean;
  readonly status: RowStatus | undefined;
}

interface Row {
  readonly view: AuthorizationView;
  readonly li: HTMLLIElement;
  readonly checkbox: HTMLInputElement;
  readonly details: HTMLButtonElement;
  readonly revoke: HTMLButtonElement;
  /** Where the expanded details and the status line go (after the details button). */
  readonly body: HTMLElement;
  detailsHost: HTMLDivElement | null;
  statusLine: HTMLParagraphElement | null;
  /** null until the first update. */
  open: boolean | null;
  statusKey: string;
}

/** In the browser's language (Intl); "unknown" for the service's placeholder dates. */
const day = (time: number | null) => (time === null ? t('managerUnknownDate') : formatDate(time));

let skeleton: HTMLLIElement | null = null;
/** One static row, built once with DOM calls (no markup parsing at all) and cloned for every row. */
function rowSkeleton(): HTMLLIElement {
  if (skeleton) return skeleton;
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Node[]) => {
    const created = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
    created.append(...children);
    return created;
  };
  skeleton = make(
    'li',
    {},
    make('input', { type: 'checkbox', 'data-action': 'select' }),
    make(
      'div',
      { class: 'body' },
      make('h3'),
      make('p', { class: 'badges' }, make('span')),
      make('p', { class: 'meta' }),
      make('p', { class: 'scopes-inline' }),
      make('p', { class: 'meta' }),
      make('p', { class: 'meta answered-by' }),
      make('button', { type: 'button', class: 'link', 'data-action': 'details', 'aria-expanded': 'false' }),
    ),
    make('button', { type: 'button', class: 'danger', 'data-action': 'revoke' }, document.createTextNode(t('managerRevoke'))),
  );
  return skeleton;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string | null, text: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  created.textContent = text;
  return created;
}

function flagText(view: AuthorizationView): string {
  const flags: string[] = [];
  if (view.expired) flags.push(t('managerExpired'));
  else if (!view.valid) flags.push(t('managerNoLongerValid'));
  if (view.neverUsed) flags.push(t('managerNeverUsed'));
  return flags.join(' · ');
}

function buildRow(view: AuthorizationView): Row {
  const li = rowSkeleton().cloneNode(true) as HTMLLIElement;
  const titleId = `app-${view.id}`;
  li.className = `authorization tier-edge-${view.tier}${view.fullAccess || view.highPrivilege ? ' privileged' : ''}${view.stale ? ' stale' : ''}`;
  li.setAttribute('aria-labelledby', titleId);
  li.setAttribute('data-authorization-id', view.id);
  const checkbox = li.firstChild as HTMLInputElement;
  checkbox.setAttribute('aria-label', t('managerSelectApp', view.appName));
  const body = checkbox.nextSibling as HTMLElement;
  const title = body.firstChild as HTMLHeadingElement;
  title.id = titleId;
  title.textContent = view.appName;
  const badges = title.nextSibling as HTMLParagraphElement;
  const tier = badges.firstChild as HTMLSpanElement;
  tier.className = `tier tier-${view.tier}`;
  tier.textContent = TIER_LABEL[view.tier];
  if (view.fullAccess) badges.append(element('span', 'flag flag-full', t('managerFullAccess')));
  else if (view.highPrivilege) badges.append(element('span', 'flag', t('managerHighPrivilege')));
  const flags = flagText(view);
  if (flags) badges.append(element('span', 'flag flag-stale', flags));
  const publisher = badges.nextSibling as HTMLParagraphElement;
  // The sites are links, so they live in the details: a row keeps three tab stops (select, details, revoke).
  publisher.textContent = view.publisher ? t('managerBy', view.publisher) : t('managerPublisherNotStated');
  const scopes = publisher.nextSibling as HTMLParagraphElement;
  for (const scope of view.scopes) scopes.append(element('code', `chip tier-edge-${scope.tier}`, scope.id));
  const dates = scopes.nextSibling as HTMLParagraphElement;
  dates.textContent = [
    t('managerGranted', day(view.grantedAt)),
    t('managerExpires', day(view.expiresAt)),
    view.used ? t('managerUsed') : t('managerNeverUsed'),
    view.valid ? t('managerValid') : t('managerNotValid'),
  ].join(' · ');
  const answered = dates.nextSibling as HTMLParagraphElement;
  answered.textContent =
    view.answeredBy.length > 0 ? t('managerAnsweredBy', view.answeredBy.map((by) => by.organization ?? t('managerAnsweredBySession')).join(', ')) : '';
  if (view.answeredBy.length === 0) answered.hidden = true;
  const details = answered.nextSibling as HTMLButtonElement;
  // Its label ("What can it do?") is the same on every row: the app's name is read after it.
  details.setAttribute('aria-describedby', titleId);
  const revoke = body.nextSibling as HTMLButtonElement;
  revoke.setAttribute('aria-label', t('managerRevokeApp', view.appName));
  const row: Row = { view, li, checkbox, details, revoke, body, detailsHost: null, statusLine: null, open: null, statusKey: '-' };
  return row;
}

function statusLine(status: RowStatus | undefined): HTMLParagraphElement | null {
  if (status?.state === 'failed') return element('p', 'row-error', t('managerNotRevoked', status.reason ?? t('managerUnknownReason')));
  if (status?.state === 'still-listed') return element('p', 'row-error', status.reason ?? '');
  if (status?.state === 'waiting' && status.until) return element('p', 'row-wait', t('managerRowWaiting', formatTime(status.until)));
  if (status?.state === 'revoking') return element('p', 'muted', t('managerRevokingRow'));
  return null;
}

const external = { target: '_blank', rel: 'noopener noreferrer' } as const;

function Details({ view }: { view: AuthorizationView }) {
  return (
    <>
      {view.appDescription ? <p>{view.appDescription}</p> : null}
      {view.publisherSite || view.website ? (
        <p class="meta sites">
          {view.publisherSite ? (
            <a href={view.publisherSite} {...external}>
              {t('managerPublisherSite')}
            </a>
          ) : null}
          {view.website ? (
            <a href={view.website} {...external}>
              {t('managerAppWebsite')}
            </a>
          ) : null}
        </p>
      ) : null}
      <GrantedScopes view={view} />
    </>
  );
}

function updateRow(row: Row, state: RowState): void {
  row.checkbox.checked = state.checked;
  row.revoke.disabled = state.busy;
  if (row.open !== state.open) {
    row.open = state.open;
    row.details.setAttribute('aria-expanded', String(state.open));
    row.details.textContent = state.open ? t('hideDetails') : t('managerWhatCanItDo');
    if (state.open) {
      const host = document.createElement('div');
      host.className = 'details';
      row.details.after(host);
      render(<Details view={row.view} />, host);
      row.detailsHost = host;
    } else if (row.detailsHost) {
      render(null, row.detailsHost);
      row.detailsHost.remove();
      row.detailsHost = null;
    }
  }
  const statusKey = `${state.status?.state ?? ''}|${state.status?.reason ?? ''}|${state.status?.until ?? ''}`;
  if (row.statusKey !== statusKey) {
    row.statusKey = statusKey;
    row.statusLine?.remove();
    row.statusLine = statusLine(state.status);
    if (row.statusLine) row.body.append(row.statusLine);
  }
}

function dropRow(row: Row): void {
  if (row.detailsHost) render(null, row.detailsHost);
  row.li.remove();
}

/** Keeps `list`'s children in step with `views` (in that order), reusing each authorization's row while its view object is unchanged. */
export function syncRows(
  list: HTMLUListElement,
  rows: Map<string, Row>,
  views: readonly AuthorizationView[],
  stateOf: (view: AuthorizationView) => RowState,
): void {
  const keep = new Set<string>();
  let cursor = list.firstChild;
  for (const view of views) {
    keep.add(view.id);
    let row = rows.get(view.id);
    if (row && row.view !== view) {
      if (row.li === cursor) cursor = cursor.nextSibling;
      dropRow(row);
      row = undefined;
    }
    if (!row) {
      row = buildRow(view);
      rows.set(view.id, row);
    }
    updateRow(row, stateOf(view));
    if (row.li === cursor) cursor = cursor.nextSibling;
    else list.insertBefore(row.li, cursor);
  }
  for (const [id, row] of rows) {
    if (keep.has(id)) continue;
    dropRow(row);
    rows.delete(id);
  }
}

export function dropAllRows(rows: Map<string, Row>): void {
  for (const row of rows.values()) if (row.detailsHost) render(null, row.detailsHost);
  rows.clear();
}

export type { Row };
