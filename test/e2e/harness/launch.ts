/**
 * Launching Debian's Chromium against the loopback fixture server, with or without the built extension.
 * No test-runner imports: the e2e fixtures (extension.ts) and the benchmarks (bench/browser.ts) both use it.
 */
import { chromium, type BrowserContext } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FixtureServer } from './fixture-server';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  /** Load the built extension from `dist`. */
  readonly extension: boolean;
  /** The build to load (an absolute path). */
  readonly dist: string;
  /** Default true; `npm run demo` opens a real window when there is a display. */
  readonly headless?: boolean;
  /**
   * The browser's UI language (e.g. "de"), which the extension's i18n follows. Chromium on Linux takes it
   * from LANGUAGE and needs Debian's chromium-l10n for anything but English.
   */
  readonly language?: string;
  /**
   * A profile directory to use and keep (a browser restart: launch again with the same one). The caller
   * removes it; by default each launch gets a fresh profile that close() removes.
   */
  readonly profile?: string;
}

export async function launchChromium(server: FixtureServer, options: LaunchOptions): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const dist = options.dist;
  if (options.extension && !existsSync(path.join(dist, 'manifest.json'))) throw new Error(`${dist} has no build: run \`npm run build\` first`);
  const profile = options.profile ?? mkdtempSync(path.join(tmpdir(), 'consent-guard-profile-'));
  const args = [
    // Every name resolves to the fixture server; loopback itself stays loopback.
    `--host-resolver-rules=MAP * 127.0.0.1:${server.port}, EXCLUDE 127.0.0.1`,
    `--ignore-certificate-errors-spki-list=${server.spkiHash}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-gpu',
    '--no-sandbox',
  ];
  if (options.extension) args.push(`--disable-extensions-except=${dist}`, `--load-extension=${dist}`);
  if (options.language) args.push(`--lang=${options.language}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args,
    ...(options.language ? { env: { ...process.env, LANGUAGE: options.language }, locale: options.language } : {}),
    ignoreDefaultArgs: options.extension ? ['--disable-extensions'] : [],
  });
  return {
    context,
    close: async () => {
      await context.close();
      if (!options.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
