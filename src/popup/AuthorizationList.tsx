/** The list of authorizations: sort, filter, select, revoke, export. Untrusted API strings render as text only. */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { applyQuery, DEFAULT_QUERY, type AuthorizationView, type ListQuery, type RiskFilter, type SortKey } from '../manager/model';
import { t } from '../platform/i18n';
import type { ManagerSource } from '../messaging/manager-messages';
import { dropAllRows, syncRows, type Row, type RowStatus } from './rows';
import { SharedScopeStyles } from './GrantedScopes';

export type { RowStatus };

interface Props {
  readonly views: readonly AuthorizationView[];
  /** The sign-ins that were asked (the summary names those that answered). */
  readonly sources?: readonly ManagerSource[];
  readonly busy: boolean;
  readonly rowStatus: ReadonlyMap<string, RowStatus>;
  readonly onRevoke: (ids: string[]) => void;
  readonly onExport: (format: 'json' | 'csv', views: readonly AuthorizationView[]) => void;
}

export function AuthorizationList({ views, sources = [], busy, rowStatus, onRevoke, onExport }: Props) {
  const [query, setQuery] = useState<ListQuery>(DEFAULT_QUERY);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => applyQuery(views, query), [views, query]);
  const counts = useMemo(
    () => ({
      high: views.filter((view) => view.highPrivilege).length,
      full: views.filter((view) => view.fullAccess).length,
      stale: views.filter((view) => view.stale).length,
    }),
    [views],
  );
  const answeredBy = useMemo(() => {
    const labels = new Map<string, string>();
    for (const view of views) for (const by of view.answeredBy) labels.set(by.key, by.organization ?? t('managerAnsweredBySession'));
    // In the order the sign-ins were asked: the browser session first, then the organizations.
    const order = sources.map((source) => source.key as string);
    return [...labels.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([, label]) => label);
  }, [views, sources]);
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
      <h2 id="list-title" tabIndex={-1}>
        {t('managerListTitle')}
      </h2>
      <p class="summary">
        {[
          t(views.length === 1 ? 'managerSummaryOne' : 'managerSummaryMany', String(views.length)),
          t('managerSummaryHigh', String(counts.high)),
          t('managerSummaryFull', String(counts.full)),
          t('managerSummaryStale', String(counts.stale)),
        ].join(' ')}
      </p>
      {answeredBy.length > 0 ? <p class="summary muted">{t('managerListedThrough', answeredBy.join(', '))}</p> : null}
      <div class="toolbar">
        <div class="field">
          <label for="manager-filter-text">{t('managerFilterByName')}</label>
          <input id="manager-filter-text" type="search" value={query.text} onInput={(event) => setQuery({ ...query, text: event.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="manager-filter-risk">{t('managerShow')}</label>
          <select id="manager-filter-risk" value={query.risk} onChange={(event) => setQuery({ ...query, risk: event.currentTarget.value as RiskFilter })}>
            <option value="all">{t('managerFilterAll')}</option>
            <option value="high">{t('managerFilterHigh')}</option>
            <option value="critical">{t('managerFilterCritical')}</option>
            <option value="stale">{t('managerFilterStale')}</option>
          </select>
        </div>
        <div class="field">
          <label for="manager-sort">{t('managerSortBy')}</label>
          <select id="manager-sort" value={query.sort} onChange={(event) => setQuery({ ...query, sort: event.currentTarget.value as SortKey })}>
            <option value="risk">{t('managerSortRisk')}</option>
            <option value="name">{t('managerSortName')}</option>
            <option value="granted">{t('managerSortGranted')}</option>
            <option value="expires">{t('managerSortExpires')}</option>
          </select>
        </div>
      </div>
      <div class="toolbar" id="list-actions" tabIndex={-1} role="group" aria-label={t('managerListActions')}>
        <label class="inline">
          <input type="checkbox" checked={allShownSelected} onChange={toggleAll} disabled={shown.length === 0} />
          {t('managerSelectAllShown')}
        </label>
        <button type="button" class="danger" disabled={busy || selectedShown.length === 0} onClick={() => onRevoke(selectedShown.map((view) => view.id))}>
          {t('managerRevokeSelected', String(selectedShown.length))}
        </button>
        <button type="button" onClick={() => onExport('json', shown)}>
          {t('exportJson')}
        </button>
        <button type="button" onClick={() => onExport('csv', shown)}>
          {t('exportCsv')}
        </button>
      </div>
      {shown.length === 0 ? (
        <p class="muted">{t('managerNoMatch')}</p>
      ) : (
        <Rows views={shown} selected={selected} open={open} busy={busy} rowStatus={rowStatus} onListEvent={onListEvent} />
      )}
    </section>
  );
}

interface RowsProps {
  readonly views: readonly AuthorizationView[];
  readonly selected: ReadonlySet<string>;
  readonly open: ReadonlySet<string>;
  readonly busy: boolean;
  readonly rowStatus: ReadonlyMap<string, RowStatus>;
  readonly onListEvent: (event: Event) => void;
}

/**
 * The list itself. Its rows are built by src/popup/rows.tsx (clones of one skeleton, not Preact elements):
 * 500 rows must render within the budget (`npm run bench -- --only=popup`). Runs in a layout effect, so the
 * rows are in the DOM before the browser paints and before the parent's layout effects run.
 */
function Rows({ views, selected, open, busy, rowStatus, onListEvent }: RowsProps) {
  const list = useRef<HTMLUListElement>(null);
  const rows = useRef(new Map<string, Row>());
  useLayoutEffect(() => {
    if (list.current)
      syncRows(list.current, rows.current, views, (view) => ({
        checked: selected.has(view.id),
        open: open.has(view.id),
        busy,
        status: rowStatus.get(view.id),
      }));
  });
  useEffect(() => () => dropAllRows(rows.current), []);
  // One listener for all rows (500 rows × 3 controls would be 1,500 listeners): each control names its action.
  return <ul ref={list} class="authorizations" aria-label={t('managerListLabel')} onClick={onListEvent} onChange={onListEvent} />;
}
