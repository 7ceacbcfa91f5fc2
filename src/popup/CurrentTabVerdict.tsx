/** The current tab's verdict and scope explanations (owned by the consent-page guard). Takes no props. */
import { useEffect, useState } from 'preact/hooks';
import type { PageView } from '../messaging/page-view';
import { popupTabVerdict } from '../messaging/popup-messages';
import { send } from '../messaging/send';
import { t } from '../platform/i18n';
import { activeTabId } from '../platform/tabs';
import { ScopeList } from '../ui/ScopeList';
import { PALETTE_CSS, DARK_PALETTE_CSS, SHARED_CSS } from '../ui/styles';
import { VERDICT_HEADLINE } from '../ui/tiers';

type State = { status: 'loading' } | { status: 'ready'; view: PageView | null };

const CSS = `
.cg-tab { ${PALETTE_CSS} color: var(--cg-fg); border: 1px solid var(--cg-line); border-left: 6px solid var(--cg-accent, var(--cg-line));
  border-radius: 8px; padding: 8px 10px; margin: 0 0 12px; }
@media (prefers-color-scheme: dark) { .cg-tab { ${DARK_PALETTE_CSS} } }
.cg-tab[data-verdict="danger"] { --cg-accent: var(--cg-danger); }
.cg-tab[data-verdict="warn"] { --cg-accent: var(--cg-warn); }
.cg-tab[data-verdict="ok"] { --cg-accent: var(--cg-ok); }
.cg-tab h2 { font-size: 15px; margin: 0 0 4px; color: var(--cg-accent, inherit); }
.cg-tab-findings { margin: 4px 0 8px; padding-left: 18px; }
${SHARED_CSS}
`;

export function CurrentTabVerdict() {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    let cancelled = false;
    void (async () => {
      const tabId = await activeTabId().catch(() => null);
      if (cancelled) return;
      if (tabId === null) {
        setState({ status: 'ready', view: null });
        return;
      }
      // The background owns the tab's state; the popup asks through the message protocol, and asks again while
      // it is open (a page can turn into a clone after the popup opened).
      const ask = async () => {
        const reply = await send(popupTabVerdict, { tabId }).catch(() => null);
        if (cancelled) return;
        const view = reply?.view ?? null;
        setState((previous) => (previous.status === 'ready' && JSON.stringify(previous.view) === JSON.stringify(view) ? previous : { status: 'ready', view }));
      };
      await ask();
      if (!cancelled) timer = setInterval(() => void ask(), 1000);
    })();
    return () => {
      cancelled = true;
      if (timer !== undefined) clearInterval(timer);
    };
  }, []);

  if (state.status === 'loading') return <section aria-label={t('popupThisTab')}>{t('popupCheckingTab')}</section>;
  const view = state.view;
  const verdict = view?.verdict ?? 'none';
  return (
    <section class="cg-tab" aria-label={t('popupThisTab')} data-verdict={verdict}>
      <style>{CSS}</style>
      <h2>{VERDICT_HEADLINE[verdict]}</h2>
      {view && verdict !== 'none' ? (
        <>
          <p>
            {view.host.unicode}
            {` ${view.host.trusted ? t('popupHostTrusted') : view.host.local ? t('popupHostLocalFile') : t('popupHostUntrusted')}`}
          </p>
          {view.decision?.notes.length ? (
            <p class="cg-tab-notes" data-policy-notes>
              {view.decision.notes.join(' ')}
            </p>
          ) : null}
          {view.findings.length > 0 ? (
            <ul class="cg-tab-findings">
              {view.findings.map((finding) => (
                <li key={finding.id} data-finding={finding.id}>
                  {finding.message}
                </li>
              ))}
            </ul>
          ) : null}
          {view.scopes.length > 0 ? <ScopeList scopes={view.scopes} includes={view.includes} /> : null}
        </>
      ) : (
        <p>{t('popupNotAsking')}</p>
      )}
    </section>
  );
}
