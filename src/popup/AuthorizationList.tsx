/** The list of authorizations: sort, filter, select, revoke, export. Untrusted API strings render as text only. */
import { useMemo, useState } from 'preact/hooks';
import { applyQuery, DEFAULT_QUERY, type AuthorizationView, type ListQuery, type RiskFilter, type SortKey } from '../manager/model';
import { GrantedScopes, SharedScopeStyles, TIER_LABEL } from './ScopeList';

export interface RowStatus {
  readonly state: 'revoking' | 'failed' | 'still-listed';
  readonly reason?: string;
}

interface Props {
  readonly views: readonly AuthorizationView[];
  readonly busy: boolean;
  readonly rowStatus: ReadonlyMap<string, RowStatus>;
  readonly onRevoke: (ids: string[]) => void;
  readonly onExport: (format: 'json' | 'csv', views: readonly AuthorizationView[]) => void;
}

const day = (time: number | null) => (time === null ? 'unknown' : new Date(time).toISOString().slice(0, 10));

export function AuthorizationList({ views, busy, rowStatus, onRevoke, onExport }: Props) {
  const [query, setQuery] = useState<ListQuery>(DEFAULT_QUERY);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => applyQuery(views, query), [views, query]);
  const counts = useMemo(
    () => ({ high: views.filter((view) => view.highPrivilege).length, full: views.filter((view) => view.fullAccess).length, stale: views.filter((view) => view.stale).length }),
    [views],
  );
  const selectedShown = shown.filter((view) => selected.has(view.id));
  const allShownSelected = shown.length > 0 && selectedShown.length === shown.length;

  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleOpen = (id: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  // One listener for all rows (500 rows × 3 controls would be 1,500 listeners): each control names its action.
  const onListEvent = (event: Event) => {
    const control = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
    const row = control?.closest<HTMLElement>('[data-authorization-id]');
    const id = row?.dataset.authorizationId;
    if (!control || !id) return;
    const action = control.dataset.action;
    if (event.type === 'change' && action === 'select') toggle(id);
    if (event.type === 'click' && action === 'details') toggleOpen(id);
    if (event.type === 'click' && action === 'revoke' && !busy) onRevoke([id]);
  };
  const toggleAll = () => setSelected(allShownSelected ? new Set() : new Set(shown.map((view) => view.id)));

  return (
    <section aria-labelledby="list-title">
      <SharedScopeStyles />
      <h2 id="list-title">Authorized apps</h2>
      <p class="summary">
        {`${views.length} ${views.length === 1 ? 'authorization' : 'authorizations'}: ${counts.high} high privilege, ${counts.full} full access, ${counts.stale} stale (never used, expired or no longer valid).`}
      </p>
      <div class="toolbar">
        <div class="field">
          <label for="manager-filter-text">Filter by name</label>
          <input id="manager-filter-text" type="search" value={query.text} onInput={(event) => setQuery({ ...query, text: (event.currentTarget as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="manager-filter-risk">Show</label>
          <select id="manager-filter-risk" value={query.risk} onChange={(event) => setQuery({ ...query, risk: (event.currentTarget as HTMLSelectElement).value as RiskFilter })}>
            <option value="all">All</option>
            <option value="high">High privilege and above</option>
            <option value="critical">Critical only</option>
            <option value="stale">Stale (never used or expired)</option>
          </select>
        </div>
        <div class="field">
          <label for="manager-sort">Sort by</label>
          <select id="manager-sort" value={query.sort} onChange={(event) => setQuery({ ...query, sort: (event.currentTarget as HTMLSelectElement).value as SortKey })}>
            <option value="risk">Risk (highest first)</option>
            <option value="name">Name</option>
            <option value="granted">Granted (newest first)</option>
            <option value="expires">Expires (soonest first)</option>
          </select>
        </div>
      </div>
      <div class="toolbar">
        <label class="inline">
          <input type="checkbox" checked={allShownSelected} onChange={toggleAll} disabled={shown.length === 0} />
          Select all shown
        </label>
        <button type="button" class="danger" disabled={busy || selectedShown.length === 0} onClick={() => onRevoke(selectedShown.map((view) => view.id))}>
          Revoke selected ({selectedShown.length})
        </button>
        <button type="button" onClick={() => onExport('json', shown)}>
          Export JSON
        </button>
        <button type="button" onClick={() => onExport('csv', shown)}>
          Export CSV
        </button>
      </div>
      {shown.length === 0 ? (
        <p class="muted">No authorization matches this filter.</p>
      ) : (
        <ul class="authorizations" aria-label="Authorizations" onClick={onListEvent} onChange={onListEvent}>
          {shown.map((view) => (
            // A plain call, not a component: 500 component instances cost more than the rows themselves.
            renderRow({ view, checked: selected.has(view.id), open: open.has(view.id), busy, status: rowStatus.get(view.id) })
          ))}
        </ul>
      )}
    </section>
  );
}

interface RowProps {
  readonly view: AuthorizationView;
  readonly checked: boolean;
  readonly busy: boolean;
  readonly status: RowStatus | undefined;
  readonly open: boolean;
}

function renderRow({ view, checked, open, busy, status }: RowProps) {
  const titleId = `app-${view.id}`;
  const classes = `authorization tier-edge-${view.tier}${view.fullAccess || view.highPrivilege ? ' privileged' : ''}${view.stale ? ' stale' : ''}`;
  const flags = flagText(view);
  // Kept lean on purpose: 500 rows must render within the budget (`npm run bench -- --only=popup`).
  return (
    <li key={view.id} class={classes} aria-labelledby={titleId} data-authorization-id={view.id}>
      <input type="checkbox" data-action="select" checked={checked} aria-label={`Select ${view.appName}`} />
      <div class="body">
        <h3 id={titleId}>{view.appName}</h3>
        <p class="badges">
          <span class={`tier tier-${view.tier}`}>{TIER_LABEL[view.tier]}</span>
          {view.fullAccess ? <span class="flag flag-full">Full access</span> : view.highPrivilege ? <span class="flag">High privilege</span> : null}
          {flags ? <span class="flag flag-stale">{flags}</span> : null}
        </p>
        <p class="meta">
          {view.publisher ? `By ${view.publisher}` : 'Publisher not stated'}
          {view.publisherSite ? (
            <a href={view.publisherSite} target="_blank" rel="noopener noreferrer">
              publisher site
            </a>
          ) : null}
          {view.website ? (
            <a href={view.website} target="_blank" rel="noopener noreferrer">
              app website
            </a>
          ) : null}
        </p>
        <p class="scopes-inline">
          {view.scopes.map((scope) => (
            <code key={scope.id} class={`chip tier-edge-${scope.tier}`}>
              {scope.id}
            </code>
          ))}
        </p>
        <p class="meta">{`Granted ${day(view.grantedAt)} · Expires ${day(view.expiresAt)} · ${view.used ? 'Used' : 'Never used'} · ${view.valid ? 'Valid' : 'Not valid'}`}</p>
        <button type="button" class="link" data-action="details" aria-expanded={open}>
          {open ? 'Hide details' : 'What can it do?'}
        </button>
        {open ? (
          <div class="details">
            {view.appDescription ? <p>{view.appDescription}</p> : null}
            <GrantedScopes view={view} />
          </div>
        ) : null}
        {status?.state === 'failed' ? <p class="row-error">{`Not revoked: ${status.reason ?? 'unknown reason'}`}</p> : null}
        {status?.state === 'still-listed' ? <p class="row-error">{status.reason}</p> : null}
        {status?.state === 'revoking' ? <p class="muted">Revoking…</p> : null}
      </div>
      <button type="button" class="danger" data-action="revoke" disabled={busy} aria-label={`Revoke ${view.appName}`}>
        Revoke
      </button>
    </li>
  );
}

function flagText(view: AuthorizationView): string {
  const flags: string[] = [];
  if (view.expired) flags.push('Expired');
  else if (!view.valid) flags.push('No longer valid');
  if (view.neverUsed) flags.push('Never used');
  return flags.join(' · ');
}
