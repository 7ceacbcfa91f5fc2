/**
 * The one in-memory browser for unit tests: the same shape as the real one (src/platform/background-platform.ts),
 * so tests run the background's real wiring (src/background/index.ts) and drive it the way the browser does:
 * navigation events, tab changes, asset requests and runtime messages from a page or one of our pages.
 * It records what the background did to the browser: badges, tab navigations, guard injections, the
 * thorough mode's registration, opened pages.
 */
import type { MessageSpec, ExtensionPage } from '../../src/messaging/define';
import { EXTENSION_PAGE_PATHS } from '../../src/messaging/define';
import { wantsBanner, type PageView } from '../../src/messaging/page-view';
import { checkReply, sendWith, type FieldsArgument, type Send } from '../../src/messaging/checked';
import type { BadgeState } from '../../src/platform/action';
import type { BackgroundPlatform } from '../../src/platform/background-platform';
import type { MenuClickInfo } from '../../src/platform/menus';
import type { NavigationEvent } from '../../src/platform/navigation';
import type { MessageSenderInfo } from '../../src/platform/runtime';
import type { InjectionTarget } from '../../src/platform/scripting';
import type { StorageArea, StorageChanges } from '../../src/platform/storage';
import type { OpenTab, TabChange } from '../../src/platform/tabs';
import type { AssetRequest } from '../../src/platform/web-request';

export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const EXTENSION_BASE = `chrome-extension://${EXTENSION_ID}/`;

/** One storage area in memory. Values go in and come out as copies, as the browser's do; every write is announced. */
export class MemoryArea implements StorageArea {
  constructor(
    private readonly announce: (changes: StorageChanges) => void = () => undefined,
    readonly data = new Map<string, unknown>(),
  ) {}
  async get(key: string): Promise<unknown> {
    const value = this.data.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }
  async set(key: string, value: unknown): Promise<void> {
    this.data.set(key, structuredClone(value));
    this.announce({ [key]: structuredClone(value) });
  }
  async remove(keys: string | readonly string[]): Promise<void> {
    const removed: Record<string, undefined> = {};
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      if (this.data.delete(key)) removed[key] = undefined;
    }
    if (Object.keys(removed).length > 0) this.announce(removed);
  }
}

export interface FakePlatformOptions {
  /** The clock's start (ms since the epoch). */
  readonly start?: number;
  /** storage.managed (the organization's policy). */
  readonly managed?: unknown;
  /** An unpacked install (honours the developer policy). */
  readonly development?: boolean;
  /** What the browser says of the "Allow access to file URLs" switch. */
  readonly fileAccess?: 'allowed' | 'off' | 'unavailable';
  /** storage.local at start. */
  readonly local?: Readonly<Record<string, unknown>>;
  readonly openTabs?: readonly OpenTab[];
  /** Tabs a page opened (window.open). */
  readonly openedByPage?: readonly number[];
  readonly fetch?: typeof fetch;
  /** The storage of an earlier run (a restarted service worker sees what the stopped one stored). */
  readonly storageOf?: { readonly session: MemoryArea; readonly local: MemoryArea };
}

type Listener<T> = (value: T) => void;

export function createFakePlatform(options: FakePlatformOptions = {}) {
  let now = options.start ?? Date.parse('2026-01-01T00:00:00Z');
  let ids = 0;
  const storageListeners: ((area: string, changes: StorageChanges) => void)[] = [];
  // The browser announces a change after the write, as an event of its own.
  const announce = (area: string) => (changes: StorageChanges) => queueMicrotask(() => storageListeners.forEach((listener) => listener(area, changes)));
  const session = new MemoryArea(announce('session'), options.storageOf?.session.data);
  const local = new MemoryArea(announce('local'), options.storageOf?.local.data);
  for (const [key, value] of Object.entries(options.local ?? {})) local.data.set(key, structuredClone(value));
  let managed = options.managed;

  const listeners = {
    message: [] as ((message: unknown, sender: MessageSenderInfo) => Promise<unknown> | undefined)[],
    navigation: [] as Listener<NavigationEvent>[],
    tabUpdated: [] as Listener<TabChange>[],
    tabRemoved: [] as Listener<number>[],
    asset: [] as { hosts: readonly string[]; listener: Listener<AssetRequest> }[],
    online: [] as (() => void)[],
    menu: [] as Listener<MenuClickInfo>[],
  };
  const alarms = new Map<string, () => void>();

  /** What the background did to the browser. */
  const badges = new Map<number, BadgeState>();
  const navigations: { tabId: number; url: string }[] = [];
  /** Each injection of the guard, with the verdict of the view it carried and whether that view asks for a banner. */
  const injections: { tabId: number; frameId: number; documentId?: string; verdict: PageView['verdict'] | null; banner: boolean }[] = [];
  const openedPages: string[] = [];
  const logs: string[] = [];
  const state = { pageScan: false, failInjection: null as ((target: InjectionTarget) => Error | null) | null };

  const platform: BackgroundPlatform = {
    storage: {
      session,
      local,
      readManaged: async () => structuredClone(managed),
      onChanged: (listener) => void storageListeners.push(listener),
    },
    runtime: {
      id: EXTENSION_ID,
      baseUrl: EXTENSION_BASE,
      version: '0.1.0',
      family: 'chromium',
      pageUrl: (path) => `${EXTENSION_BASE}${path}`,
      onMessage: (listener) => void listeners.message.push(listener),
      onBackOnline: (listener) => void listeners.online.push(listener),
    },
    tabs: {
      navigate: async (tabId, url) => void navigations.push({ tabId, url }),
      openTabs: async () => [...(options.openTabs ?? [])],
      hasOpener: async (tabId) => (options.openedByPage ?? []).includes(tabId),
      openExtensionPage: async (path) => void openedPages.push(path),
      onRemoved: (listener) => void listeners.tabRemoved.push(listener),
      onUpdated: (listener) => void listeners.tabUpdated.push(listener),
    },
    navigation: { onNavigation: (listener) => void listeners.navigation.push(listener) },
    webRequest: { onAssetRequest: (hosts, listener) => void listeners.asset.push({ hosts, listener }) },
    action: { setBadge: async (tabId, badge) => void badges.set(tabId, badge) },
    scripting: {
      injectGuard: async (target, view, guardRunning) => {
        const failure = state.failInjection?.(target);
        if (failure) throw failure;
        injections.push({
          tabId: target.tabId,
          frameId: target.frameId,
          ...(target.documentId ? { documentId: target.documentId } : {}),
          verdict: view?.verdict ?? null,
          banner: view !== null && wantsBanner(view),
        });
        return !guardRunning;
      },
      setPageScan: async (enabled) => void (state.pageScan = enabled),
      // A guard with a runtime: nothing to collect (test/unit/guard-outbox.test.ts covers one without).
      collectOutbox: async () => null,
      answerGuardOutbox: async () => undefined,
    },
    alarms: {
      onAlarm: (name, handler) => void alarms.set(name, handler),
      alarmAt: () => undefined,
      alarmEvery: async () => undefined,
    },
    menus: { registerLinkCheckMenu: (onClick) => void listeners.menu.push(onClick) },
    management: { isDevelopmentInstall: async () => options.development ?? true, fileAccess: async () => options.fileAccess ?? 'off' },
    fetch: options.fetch ?? (async () => new Response(null, { status: 204 })),
    now: () => now,
    randomId: () => `b${++ids}`,
    log: (message) => void logs.push(message),
  };

  let documents = 0;

  return {
    platform,
    session,
    local,
    badges,
    navigations,
    injections,
    openedPages,
    logs,
    state,
    advance: (ms: number) => (now += ms),

    /** The admin changes the policy (storage.managed), and the browser says so. */
    setManaged(value: unknown): void {
      managed = value;
      announce('managed')({});
    },

    /** One navigation event of one frame, as the browser reports it. */
    navigation(event: Partial<NavigationEvent> & Pick<NavigationEvent, 'kind' | 'url'>): void {
      const frameId = event.frameId ?? 0;
      const full: NavigationEvent = {
        tabId: 5,
        frameId,
        parentFrameId: frameId === 0 ? -1 : 0,
        documentId: undefined,
        timeStamp: now,
        transitionType: undefined,
        ...event,
      };
      for (const listener of listeners.navigation) listener(full);
    },

    /** A page load of one frame: start, commit (a new document), DOMContentLoaded. Returns the document id. */
    load(
      url: string,
      options: { tabId?: number; frameId?: number; kinds?: NavigationEvent['kind'][]; documentId?: string; transitionType?: string } = {},
    ): string {
      const documentId = options.documentId ?? `doc-${++documents}`;
      for (const kind of options.kinds ?? ['before', 'committed', 'dom-ready']) {
        this.navigation({ kind, url, tabId: options.tabId ?? 5, frameId: options.frameId ?? 0, documentId, transitionType: options.transitionType ?? 'link' });
      }
      return documentId;
    },

    tabUpdated(change: TabChange): void {
      for (const listener of listeners.tabUpdated) listener(change);
    },
    tabRemoved(tabId: number): void {
      for (const listener of listeners.tabRemoved) listener(tabId);
    },
    assetRequested(request: AssetRequest): void {
      for (const { hosts, listener } of listeners.asset) if (hosts.some((host) => request.url.includes(`//${host}/`))) listener(request);
    },
    menuClicked(info: MenuClickInfo): void {
      for (const listener of listeners.menu) listener(info);
    },
    fireAlarm(name: string): void {
      alarms.get(name)?.();
    },

    /** A raw runtime message as the browser delivers it (anything a page or another extension might send). */
    async deliver(message: unknown, sender: MessageSenderInfo): Promise<unknown> {
      const replies = listeners.message.map((listener) => listener(message, sender)).filter((reply) => reply !== undefined);
      return replies[0];
    },

    /** A message of the protocol from `sender`; the reply is checked against its schema, as send() does. */
    async send<S extends MessageSpec>(spec: S, sender: MessageSenderInfo, ...[fields]: FieldsArgument<S>) {
      return checkReply(spec, await this.deliver({ ...(fields as object | undefined), type: spec.type }, sender));
    },
  };
}

export type FakePlatform = ReturnType<typeof createFakePlatform>;

/** The guard (a content script) in a document of a tab. */
export function fromPage(url: string, options: { tabId?: number; frameId?: number; origin?: string } = {}): MessageSenderInfo {
  return { id: EXTENSION_ID, url, tab: { id: options.tabId ?? 5 }, frameId: options.frameId ?? 0, ...(options.origin ? { origin: options.origin } : {}) };
}

/** One of our own pages; the toolbar popup has no tab. */
export function fromExtensionPage(page: ExtensionPage, tabId: number | null = page === 'popup' ? null : 9, query = ''): MessageSenderInfo {
  return { id: EXTENSION_ID, url: `${EXTENSION_BASE}${EXTENSION_PAGE_PATHS[page]}${query}`, ...(tabId === null ? {} : { tab: { id: tabId } }), frameId: 0 };
}

/**
 * The background as one of our pages sees it, for a page's own tests: `answer` gets each message as it
 * goes over the wire ({ type, ...fields }) and its answer is checked against the reply schema, as send() does.
 */
export function fakeBackground(answer: (message: { readonly type: string } & Record<string, unknown>) => unknown): Send & { readonly sent: unknown[] } {
  const sent: unknown[] = [];
  const send = sendWith(async (message) => {
    sent.push(message);
    return answer(message as { type: string } & Record<string, unknown>);
  });
  return Object.assign(send, { sent });
}

/** One storage area on its own (no platform around it) holding `initial`, for a module's own tests. */
export function memoryArea(initial: Readonly<Record<string, unknown>> = {}): MemoryArea {
  return new MemoryArea(undefined, new Map(Object.entries(structuredClone(initial))));
}
