/**
 * Where the effective policy comes from, and the user's own settings. Browser access is injected
 * (src/background/policy.ts wires storage.managed, the storage.local area and management.getSelf), so this
 * is unit-tested over the in-memory storage area (test/unit/fake-platform.ts).
 *
 * Sources, in order:
 *   1. storage.managed (the admin's policy): whenever it holds any key, it is the policy. Nothing else is read.
 *   2. storage.local `devPolicy`, ONLY when the extension is an unpacked/development install
 *      (management.getSelf().installType === 'development'): a developer and end-to-end-test aid
 *      (docs/policy.md). It can never override or add to a real managed policy.
 *   3. No policy: the defaults (warn and explain, never block).
 */
import { serialQueue } from '../core/serial';
import type { StorageArea } from '../platform/storage';
import { parseManagedPolicy, parseUserSettings, type ManagedPolicy, type PolicyProblem, type UserSettings } from './policy';

export const USER_SETTINGS_KEY = 'userSettings';
export const DEV_POLICY_KEY = 'devPolicy';
/** The user's trusted apps are bounded like the admin's list. */
export const MAX_TRUSTED_CLIENT_IDS = 1000;

export type PolicySourceKind = 'managed' | 'development' | 'none';

export interface PolicyState {
  readonly policy: ManagedPolicy;
  readonly problems: readonly PolicyProblem[];
  readonly source: PolicySourceKind;
  readonly user: UserSettings;
}

export interface PolicyProviderDependencies {
  /** storage.managed contents; undefined when the browser has none (Firefox without a managed manifest). */
  readManaged(): Promise<unknown>;
  /** Overrides MANAGED_READ_BUDGET_MS (tests). */
  managedReadBudgetMs?: number;
  /** storage.local: the user's settings and the developer policy. */
  readonly local: StorageArea;
  /** management.getSelf().installType === 'development' */
  isDevelopmentInstall(): Promise<boolean>;
  log?(message: string): void;
}

const EMPTY_STATE: PolicyState = { policy: {}, problems: [], source: 'none', user: { trustedClientIds: [] } };

/**
 * How long a verdict may wait for storage.managed. Chromium's first read in a fresh profile has been seen
 * to take ~3 s; the badge and banner must not wait that long.
 */
export const MANAGED_READ_BUDGET_MS = 300;
const SLOW = Symbol('slow');
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function hasKeys(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0;
}

export function createPolicyProvider(deps: PolicyProviderDependencies) {
  let cached: Promise<PolicyState> | null = null;
  const serial = serialQueue();

  const load = async (): Promise<PolicyState> => {
    const managedRead = deps.readManaged().catch(() => undefined);
    const [managed, userRaw] = await Promise.all([
      Promise.race([managedRead, delay(deps.managedReadBudgetMs ?? MANAGED_READ_BUDGET_MS).then(() => SLOW)]),
      deps.local.get(USER_SETTINGS_KEY).catch(() => undefined),
    ]);
    if (managed === SLOW) {
      // Verdicts must not wait for a slow policy store: decide without the managed policy for now, and read
      // everything again once it has answered.
      deps.log?.('consent-guard: managed policy is slow to load; applying it as soon as it arrives');
      void managedRead.then(() => {
        cached = null;
      });
    }
    const user = parseUserSettings(userRaw);
    if (managed !== SLOW && hasKeys(managed)) return { ...parseManagedPolicy(managed), source: 'managed', user };
    if (await deps.isDevelopmentInstall().catch(() => false)) {
      const dev = await deps.local.get(DEV_POLICY_KEY).catch(() => undefined);
      if (dev !== undefined && dev !== null) return { ...parseManagedPolicy(dev), source: 'development', user };
    }
    return { ...EMPTY_STATE, user };
  };

  /** User-settings writes, one at a time (read-modify-write). */
  const updateUser = (change: (settings: UserSettings) => UserSettings): Promise<UserSettings> =>
    serial(async () => {
      const current = parseUserSettings(await deps.local.get(USER_SETTINGS_KEY).catch(() => undefined));
      const updated = change(current);
      await deps.local.set(USER_SETTINGS_KEY, updated);
      cached = null;
      return updated;
    });

  return {
    /** The effective policy and user settings (cached until invalidate()). Never rejects: a failure means defaults. */
    current(): Promise<PolicyState> {
      cached ??= load().catch((error: unknown) => {
        deps.log?.(`consent-guard: policy: ${String(error)}`);
        cached = null;
        return EMPTY_STATE;
      });
      return cached;
    },
    /** Storage changed (managed, devPolicy or user settings): read again next time. */
    invalidate(): void {
      cached = null;
    },
    trustClient(clientId: string): Promise<UserSettings> {
      const id = clientId.toLowerCase();
      return updateUser((settings) =>
        settings.trustedClientIds.includes(id)
          ? settings
          : { ...settings, trustedClientIds: [...settings.trustedClientIds, id].slice(-MAX_TRUSTED_CLIENT_IDS) },
      );
    },
    /** The user's choice for the thorough mode (a managed `scanEveryPage` overrides it). */
    setScanEveryPage(enabled: boolean): Promise<UserSettings> {
      return updateUser((settings) => ({ ...settings, scanEveryPage: enabled }));
    },
    untrustClient(clientId: string): Promise<UserSettings> {
      const id = clientId.toLowerCase();
      return updateUser((settings) => ({ ...settings, trustedClientIds: settings.trustedClientIds.filter((candidate) => candidate !== id) }));
    },
  };
}

export type PolicyProvider = ReturnType<typeof createPolicyProvider>;
