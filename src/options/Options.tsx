/**
 * Settings and policy view: the organization's effective policy (and what of it was ignored), the user's
 * trusted apps and dismissals where policy does not fix them, and the local activity log with export.
 * Everything is read from and changed through the background (one writer for each storage key).
 */
import { useEffect, useState } from 'preact/hooks';
import type { OptionsState } from '../messaging/policy-messages';
import { activityToCsv, activityToJson } from '../policy/activity';
import type { ManagedPolicy } from '../policy/policy';
import { sendToBackground } from '../platform/messaging';
import { downloadText } from '../popup/download';

export interface OptionsProps {
  readonly send?: <T>(message: unknown) => Promise<T>;
  readonly download?: (filename: string, text: string, type: string) => void;
  readonly confirm?: (question: string) => boolean;
}

const POLICY_LABELS: Record<keyof ManagedPolicy, string> = {
  companyName: 'Company name',
  blockDanger: 'Block likely phishing',
  allowOverride: 'Users may continue past a block',
  forbiddenScopes: 'Forbidden scopes',
  approvedClientIds: 'Approved apps (client ids)',
  approvedRedirectHosts: 'Approved redirect hosts',
  extraTrustedHosts: 'Extra trusted sign-in hosts',
  helpUrl: 'Help page',
  reportUrl: 'Report to',
  webhookUrl: 'Activity webhook',
};

const SOURCE_TEXT = {
  managed: 'Set by your organization (managed policy).',
  development: 'Developer policy from storage.local "devPolicy": honoured only because this is an unpacked development install, and never when a managed policy exists.',
  none: 'Your organization has not set a policy for Consent Guard. The defaults apply: warnings, never blocks.',
} as const;

const SHOWN_ENTRIES = 200;

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '(empty)' : value.join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

export function Options({ send = sendToBackground, download = downloadText, confirm = (question) => window.confirm(question) }: OptionsProps) {
  const [state, setState] = useState<OptionsState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const load = () =>
    send<OptionsState>({ type: 'options/state' })
      .then((reply) => {
        if (reply && 'policy' in reply) {
          setState(reply);
          setError(null);
        } else setError('Consent Guard could not read its settings.');
      })
      .catch(() => setError('Consent Guard could not read its settings.'));
  useEffect(() => void load(), []);

  const act = async (message: unknown, done: string) => {
    await send(message).catch(() => undefined);
    await load();
    setStatus(done);
  };

  if (error) return <main><h1>Consent Guard settings</h1><p role="alert">{error}</p></main>;
  if (!state) return <main aria-busy="true"><h1>Consent Guard settings</h1><p>Loading…</p></main>;

  const { policy, problems, source, user, dismissals, activity } = state;
  const policyKeys = (Object.keys(POLICY_LABELS) as (keyof ManagedPolicy)[]).filter((key) => policy[key] !== undefined);
  const approved = policy.approvedClientIds ?? [];
  const recent = [...activity].reverse().slice(0, SHOWN_ENTRIES);
  const stamp = new Date().toISOString().slice(0, 10);

  return (
    <main>
      <h1>Consent Guard settings</h1>
      <p class="cg-sr-only" role="status" aria-live="polite">
        {status}
      </p>

      <section aria-labelledby="policy-title" data-section="policy">
        <h2 id="policy-title">Your organization’s policy</h2>
        <p data-policy-source={source}>{SOURCE_TEXT[source]}</p>
        {problems.length > 0 ? (
          <div role="alert">
            {problems.map((problem) => (
              <p key={problem.key} class="cg-problem" data-problem={problem.key}>
                This policy setting was ignored: <code>{problem.key}</code>: {problem.message}
              </p>
            ))}
          </div>
        ) : null}
        {policyKeys.length > 0 ? (
          <table>
            <caption>Effective policy (policy always wins over your own settings)</caption>
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {policyKeys.map((key) => (
                <tr key={key} data-policy-key={key}>
                  <th scope="row">{POLICY_LABELS[key]}</th>
                  <td>
                    <code>{formatValue(policy[key])}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <section aria-labelledby="trusted-title" data-section="trusted">
        <h2 id="trusted-title">Trusted apps</h2>
        <p class="cg-muted">
          A trusted app’s warnings are not shown on the page (the toolbar button still shows them). Trust never silences a phishing page, and
          your organization’s forbidden scopes and blocks still apply.
        </p>
        {approved.length === 0 && user.trustedClientIds.length === 0 ? <p>No trusted apps.</p> : null}
        <ul>
          {approved.map((id) => (
            <li key={`policy-${id}`} data-trusted={id} data-by="policy">
              <code>{id}</code> <span class="cg-badge">Set by your organization</span>
            </li>
          ))}
          {user.trustedClientIds
            .filter((id) => !approved.includes(id))
            .map((id) => (
              <li key={id} data-trusted={id} data-by="user">
                <code>{id}</code>{' '}
                <button type="button" aria-label={`Stop trusting app ${id}`} onClick={() => void act({ type: 'options/untrust', clientId: id }, `No longer trusting ${id}.`)}>
                  Remove
                </button>
              </li>
            ))}
        </ul>
      </section>

      <section aria-labelledby="dismissed-title" data-section="dismissals">
        <h2 id="dismissed-title">Dismissed warnings</h2>
        <p class="cg-muted">“Dismiss for this request” lasts for the tab until the browser closes.</p>
        {dismissals.length === 0 ? (
          <p>No dismissed warnings.</p>
        ) : (
          <ul>
            {dismissals.map((item) => (
              <li key={`${item.tabId}-${item.requestKey}`} data-dismissal={item.requestKey}>
                {new Date(item.time).toLocaleString()}: <strong>{item.host}</strong>
                {item.clientId ? (
                  <>
                    {' '}
                    app <code>{item.clientId}</code>
                  </>
                ) : null}
                {item.scopes.length > 0 ? <> asking for <code>{item.scopes.join(' ')}</code></> : null}{' '}
                <button
                  type="button"
                  aria-label={`Show the warning for ${item.host} again`}
                  onClick={() => void act({ type: 'options/undismiss', tabId: item.tabId, requestKey: item.requestKey }, 'The warning will show again.')}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="activity-title" data-section="activity">
        <h2 id="activity-title">Activity log</h2>
        <p class="cg-muted">
          Every warning and block on this device (the last 1,000), kept in this browser only
          {policy.webhookUrl ? '; your organization also receives each event (host, app, scopes, verdict; never page content)' : ''}.
        </p>
        <div class="cg-actions">
          <button type="button" disabled={activity.length === 0} onClick={() => download(`consent-guard-activity-${stamp}.json`, activityToJson(activity, new Date()), 'application/json')}>
            Export JSON
          </button>
          <button type="button" disabled={activity.length === 0} onClick={() => download(`consent-guard-activity-${stamp}.csv`, activityToCsv(activity), 'text/csv')}>
            Export CSV
          </button>
          <button
            type="button"
            disabled={activity.length === 0}
            onClick={() => {
              if (confirm('Clear the whole activity log on this device?')) void act({ type: 'options/clear-activity' }, 'Activity log cleared.');
            }}
          >
            Clear log
          </button>
        </div>
        {activity.length === 0 ? (
          <p>No activity yet.</p>
        ) : (
          <table>
            <caption>
              {activity.length > SHOWN_ENTRIES ? `The latest ${SHOWN_ENTRIES} of ${activity.length} entries (export for all)` : `${activity.length} entries, latest first`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Host</th>
                <th scope="col">App</th>
                <th scope="col">Scopes</th>
                <th scope="col">Verdict</th>
                <th scope="col">Action</th>
                <th scope="col">Your choice</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((entry) => (
                <tr key={entry.id} data-activity={entry.verdict}>
                  <td>{new Date(entry.time).toLocaleString()}</td>
                  <td>{entry.host}</td>
                  <td>{entry.clientId ? <code>{entry.clientId}</code> : '—'}</td>
                  <td>
                    <code>{entry.scopes.join(' ')}</code>
                  </td>
                  <td>{entry.verdict}</td>
                  <td>{entry.action}</td>
                  <td>{entry.choice}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
