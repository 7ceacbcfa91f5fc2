/**
 * Signing in with a personal access token, one organization at a time: since 2026-12-01 Azure DevOps
 * accepts a token only in the organization it was created in, so the form asks which one and says why.
 * The background checks the token there before keeping it; a refusal is explained, not stored.
 */
import { useState } from 'preact/hooks';
import { GLOBAL_PAT_END_DATE, organizationNameSchema, tokenSettingsUrl } from '../manager/settings';
import { formatDate, t } from '../platform/i18n';
import type { ManagerSource } from '../messaging/manager-messages';
import type { ManagerApi } from './manager-api';

/** The organization as typed: a name, or the address of the organization (https://dev.azure.com/fabrikam/…). */
function organizationFrom(input: string): string {
  return input
    .trim()
    .replace(/^https?:\/\/dev\.azure\.com\//i, '')
    .replace(/\/.*$/, '');
}

export function TokenForm({ api, onSaved, idPrefix }: { api: ManagerApi; onSaved: () => void; idPrefix: string }) {
  const [organization, setOrganization] = useState('');
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const named = organizationNameSchema.safeParse(organizationFrom(organization));
  const submit = async (event: Event) => {
    event.preventDefault();
    const name = named;
    if (!name.success) {
      setError(t('managerTokenOrganizationInvalid'));
      return;
    }
    setBusy(true);
    setSaved('');
    const response = await api.setToken(name.data, token.trim(), remember).catch(() => ({ ok: false as const, reason: t('managerTokenNotSaved') }));
    setBusy(false);
    if (!response.ok) {
      setError(response.reason || t('managerTokenInvalid'));
      return;
    }
    setToken('');
    setOrganization('');
    setError('');
    setSaved(t('managerTokenSaved', name.data.toLowerCase()));
    onSaved();
  };
  const errorId = `${idPrefix}-token-error`;
  return (
    <form class="token-form" onSubmit={(event) => void submit(event)} aria-describedby={`${idPrefix}-token-why`}>
      <p id={`${idPrefix}-token-why`} class="muted">
        {t('managerTokenPerOrganization', formatDate(GLOBAL_PAT_END_DATE))}
      </p>
      <label>
        {t('managerTokenOrganizationLabel')}
        <input
          type="text"
          autocomplete="off"
          spellcheck={false}
          value={organization}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? errorId : undefined}
          onInput={(event) => setOrganization(event.currentTarget.value)}
        />
      </label>
      {named.success ? (
        // Where this organization's tokens are made: the token must come from there.
        <a href={tokenSettingsUrl(named.data.toLowerCase())} target="_blank" rel="noopener noreferrer">
          {t('managerTokenCreateLink', named.data.toLowerCase())}
        </a>
      ) : null}
      <label>
        {t('managerTokenLabel')}
        <input type="password" autocomplete="off" spellcheck={false} value={token} onInput={(event) => setToken(event.currentTarget.value)} />
      </label>
      <label class="inline">
        <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.currentTarget.checked)} />
        {t('managerRememberToken')}
      </label>
      <p class="muted">{t('managerTokenHint')}</p>
      {error ? (
        <p class="row-error" role="alert" id={errorId}>
          {error}
        </p>
      ) : null}
      {saved ? <p role="status">{saved}</p> : null}
      <button type="submit" disabled={busy || token.trim().length === 0 || organization.trim().length === 0}>
        {busy ? t('managerTokenChecking') : t('managerUseToken')}
      </button>
    </form>
  );
}

/** The organizations signed in with a token, each with a way to forget it. */
export function TokenSignins({ api, sources, onChanged }: { api: ManagerApi; sources: readonly ManagerSource[]; onChanged: () => void }) {
  const tokens = sources.filter((source) => source.auth === 'pat' && source.organization);
  if (tokens.length === 0) return null;
  return (
    <div class="token-signins">
      <h3>{t('managerTokenSigninsTitle')}</h3>
      <ul>
        {tokens.map((source) => (
          <li key={source.key}>
            <span>
              {source.organization} · {t(source.tokenRemembered ? 'managerAuthPatRemembered' : 'managerAuthPatSession')}
            </span>{' '}
            <button type="button" onClick={() => void api.clearToken(source.organization ?? '').then(onChanged)}>
              {t('managerForgetTokenOf', source.organization ?? '')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
