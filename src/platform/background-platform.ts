/**
 * Everything the background asks of the browser, by API area, in one object: the background's parts take
 * what they need from it (src/background/index.ts wires them), and unit tests hand them the in-memory fake
 * of the same shape (test/unit/fake-platform.ts) instead.
 */
import type { PageView } from '../messaging/page-view';
import { setTabBadge, type BadgeState } from './action';
import { alarmAt, alarmEvery, onAlarm } from './alarms';
import { fileAccess, isDevelopmentInstall, type FileAccess } from './management';
import { registerLinkCheckMenu, type MenuClickInfo } from './menus';
import { onNavigation, type NavigationEvent } from './navigation';
import {
  browserFamily,
  extensionBaseUrl,
  extensionPageUrl,
  extensionVersion,
  onBackOnline,
  onRuntimeMessage,
  runtimeId,
  type MessageSenderInfo,
} from './runtime';
import { answerGuardOutbox, collectOutbox, injectGuard, setPageScan, type InjectionTarget, type OutboxContents } from './scripting';
import { onStorageChanged, readManagedStorage, storageArea, type StorageArea, type StorageChanges } from './storage';
import { hasOpener, navigateTab, onTabRemoved, onTabUpdated, openExtensionPage, openTabs, type OpenTab, type TabChange } from './tabs';
import { onAssetRequest, type AssetRequest } from './web-request';

export interface BackgroundPlatform {
  readonly storage: {
    readonly session: StorageArea;
    readonly local: StorageArea;
    readManaged(): Promise<unknown>;
    onChanged(listener: (area: string, changes: StorageChanges) => void): void;
  };
  readonly runtime: {
    readonly id: string;
    /** `chrome-extension://<id>/` (or moz-extension://). */
    readonly baseUrl: string;
    readonly version: string;
    readonly family: 'chromium' | 'firefox';
    pageUrl(path: string): string;
    onMessage(listener: (message: unknown, sender: MessageSenderInfo) => Promise<unknown> | undefined): void;
    onBackOnline(listener: () => void): void;
  };
  readonly tabs: {
    navigate(tabId: number, url: string): Promise<void>;
    openTabs(): Promise<OpenTab[]>;
    hasOpener(tabId: number): Promise<boolean>;
    openExtensionPage(path: string): Promise<void>;
    onRemoved(listener: (tabId: number) => void): void;
    onUpdated(listener: (change: TabChange) => void): void;
  };
  readonly navigation: { onNavigation(listener: (event: NavigationEvent) => void): void };
  readonly webRequest: { onAssetRequest(hosts: readonly string[], listener: (request: AssetRequest) => void): void };
  readonly action: { setBadge(tabId: number, state: BadgeState): Promise<void> };
  readonly scripting: {
    injectGuard(target: InjectionTarget, view: PageView | null, guardRunning: boolean): Promise<boolean>;
    setPageScan(enabled: boolean): Promise<void>;
    /** What a guard without a runtime posted; null when the guard there has one. Rejects when the document is gone. */
    collectOutbox(target: InjectionTarget): Promise<OutboxContents | null>;
    answerGuardOutbox(target: InjectionTarget, replies: string): Promise<void>;
  };
  readonly alarms: {
    onAlarm(name: string, handler: () => void): void;
    alarmAt(name: string, when: number): void;
    alarmEvery(name: string, minutes: number): Promise<void>;
  };
  readonly menus: { registerLinkCheckMenu(onClick: (info: MenuClickInfo) => void, log: (message: string) => void): void };
  readonly management: { isDevelopmentInstall(): Promise<boolean>; fileAccess(): Promise<FileAccess> };
  /** fetch of the service worker: the host permission lets Azure DevOps' session cookies go along. */
  readonly fetch: typeof fetch;
  now(): number;
  /** A random id (block ids, activity log entries). */
  randomId(): string;
  log(message: string): void;
}

/** The real browser. Only the service worker's entry (src/background/main.ts) calls this. */
export function browserBackgroundPlatform(): BackgroundPlatform {
  return {
    storage: { session: storageArea('session'), local: storageArea('local'), readManaged: readManagedStorage, onChanged: onStorageChanged },
    runtime: {
      id: runtimeId(),
      baseUrl: extensionBaseUrl(),
      version: extensionVersion(),
      family: browserFamily(),
      pageUrl: extensionPageUrl,
      onMessage: onRuntimeMessage,
      onBackOnline,
    },
    tabs: { navigate: navigateTab, openTabs, hasOpener, openExtensionPage, onRemoved: onTabRemoved, onUpdated: onTabUpdated },
    navigation: { onNavigation },
    webRequest: { onAssetRequest },
    action: { setBadge: setTabBadge },
    scripting: { injectGuard, setPageScan, collectOutbox, answerGuardOutbox },
    alarms: { onAlarm, alarmAt, alarmEvery },
    menus: { registerLinkCheckMenu },
    management: { isDevelopmentInstall, fileAccess: () => fileAccess(browserFamily()) },
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    randomId: () => crypto.randomUUID().replaceAll('-', '').slice(0, 16),
    log: (message) => console.warn(message),
  };
}
