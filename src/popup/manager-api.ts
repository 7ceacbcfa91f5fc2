/** The popup's typed client for the background's manager handlers. */
import type { ManagerRequest, ManagerResponses } from '../messaging/manager-messages';
import type { ManagerSettings } from '../manager/settings';
import { openTab, sendRuntimeMessage } from '../platform/manager-platform';

export interface ManagerApi {
  list(): Promise<ManagerResponses['manager/list']>;
  revoke(ids: readonly string[]): Promise<ManagerResponses['manager/revoke']>;
  status(): Promise<ManagerResponses['manager/status']>;
  saveSettings(settings: ManagerSettings): Promise<ManagerResponses['manager/settings']>;
  setToken(token: string, remember: boolean): Promise<ManagerResponses['manager/token/set']>;
  clearToken(): Promise<ManagerResponses['manager/token/clear']>;
  openTab(url: string): Promise<void>;
}

async function call<T extends ManagerRequest['type']>(message: Extract<ManagerRequest, { type: T }>): Promise<ManagerResponses[T]> {
  const response = await sendRuntimeMessage(message);
  // The router answers `{error: 'rejected'}` when it refuses a message; no answer at all means no handler ran.
  if (response === undefined || response === null || (typeof response === 'object' && 'error' in response && !('ok' in response) && !('job' in response))) {
    throw new Error('The background did not answer.');
  }
  return response as ManagerResponses[T];
}

export const runtimeManagerApi: ManagerApi = {
  list: () => call({ type: 'manager/list' }),
  revoke: (ids) => call({ type: 'manager/revoke', ids: [...ids] }),
  status: () => call({ type: 'manager/status' }),
  saveSettings: (settings) => call({ type: 'manager/settings', settings }),
  setToken: (token, remember) => call({ type: 'manager/token/set', token, remember }),
  clearToken: () => call({ type: 'manager/token/clear' }),
  openTab,
};
