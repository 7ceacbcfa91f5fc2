/** The popup's client for the background's manager handlers: each call is one message of the protocol, its reply checked. */
import {
  managerClearToken,
  managerConsents,
  managerForgetConsents,
  managerList,
  managerRevoke,
  managerSaveSettings,
  managerSetToken,
  managerStatus,
  type ManagerAckResponse,
  type ManagerConsentsResponse,
  type ManagerListResponse,
  type ManagerRevokeResponse,
  type ManagerStatusResponse,
  type SourceKey,
} from '../messaging/manager-messages';
import type { ManagerSettings } from '../messaging/azure-devops';
import { send as sendToBackground, type Send } from '../messaging/send';
import { openTab } from '../platform/tabs';

export interface RevokeTargetInput {
  readonly id: string;
  readonly source: SourceKey;
}

/** Each call rejects when the background refuses the message or answers something else than its reply schema allows. */
export interface ManagerApi {
  list(): Promise<ManagerListResponse>;
  revoke(targets: readonly RevokeTargetInput[]): Promise<ManagerRevokeResponse>;
  status(): Promise<ManagerStatusResponse>;
  saveSettings(settings: ManagerSettings): Promise<ManagerAckResponse>;
  setToken(organization: string, token: string, remember: boolean): Promise<ManagerAckResponse>;
  /** '' forgets every token. */
  clearToken(organization: string): Promise<ManagerAckResponse>;
  consents(): Promise<ManagerConsentsResponse>;
  forgetConsents(): Promise<ManagerAckResponse>;
  openTab(url: string): Promise<void>;
}

export function managerApi(send: Send = sendToBackground): ManagerApi {
  return {
    list: () => send(managerList),
    revoke: (targets) => send(managerRevoke, { targets: targets.map(({ id, source }) => ({ id, source })) }),
    status: () => send(managerStatus),
    saveSettings: (settings) => send(managerSaveSettings, { settings }),
    setToken: (organization, token, remember) => send(managerSetToken, { organization, token, remember }),
    clearToken: (organization) => send(managerClearToken, { organization }),
    consents: () => send(managerConsents),
    forgetConsents: () => send(managerForgetConsents),
    openTab,
  };
}

export const runtimeManagerApi: ManagerApi = managerApi();
