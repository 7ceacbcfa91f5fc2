/** The popup's typed client for the background's manager handlers. */
import type { ManagerRequest, ManagerResponses, SourceKey } from '../messaging/manager-messages';
import type { ManagerSettings } from '../manager/settings';
import { openTab, sendRuntimeMessage } from '../platform/manager-platform';

export interface RevokeTargetInput {
  readonly id: string;
  readonly source: SourceKey;
}

export interface ManagerApi {
  list(): Promise<ManagerResponses['manager/list']>;
  revoke(targets: readonly RevokeTargetInput[]): Promise<ManagerResponses['manager/revoke']>;
  status(): Promise<ManagerResponses['manager/status']>;
  saveSettings(settings: ManagerSettings): Promise<ManagerResponses['manager/settings']>;
  setToken(organization: string, token: string, remember: boolean): Promise<ManagerResponses['manager/token/set']>;
  /** '' forgets every token. */
  clearToken(organization: string): Promise<ManagerResponses['manager/token/clear']>;
  consents(): Promise<ManagerResponses['manager/consents']>;
  forgetConsents(): Promise<ManagerResponses['manager/consents/forget']>;
  openTab(url: string): Promise<void>;
}

async function call<T extends ManagerRequest['type']>(message: Extract<ManagerRequest, { type: T }>): Promise<ManagerResponses[T]> {
  const response = await sendRuntimeMessage(message);
  // The router answers `{error: 'rejected'}` when it refuses a message; no answer at all means no handler ran.
  if (
    response === undefined ||
    response === null ||
    (typeof response === 'object' && 'error' in response && !('ok' in response) && !('job' in response) && !('results' in response))
  ) {
    throw new Error('The background did not answer.');
  }
  return response as ManagerResponses[T];
}

export const runtimeManagerApi: ManagerApi = {
  list: () => call({ type: 'manager/list' }),
  revoke: (targets) => call({ type: 'manager/revoke', targets: targets.map(({ id, source }) => ({ id, source })) }),
  status: () => call({ type: 'manager/status' }),
  saveSettings: (settings) => call({ type: 'manager/settings', settings }),
  setToken: (organization, token, remember) => call({ type: 'manager/token/set', organization, token, remember }),
  clearToken: (organization) => call({ type: 'manager/token/clear', organization }),
  consents: () => call({ type: 'manager/consents' }),
  forgetConsents: () => call({ type: 'manager/consents/forget' }),
  openTab,
};
