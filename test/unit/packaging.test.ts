/**
 * Packaging: the Firefox build (derived from manifest.config.ts by manifest.targets.ts) passes Mozilla's own
 * addons-linter as the store zip `npm run package` makes; the Chromium build keeps its service worker and gets
 * minimum_chrome_version; the zips are deterministic; the README states the minimum versions the manifests enforce.
 * Builds fresh copies of both into a temporary folder (dist/ and dist-firefox/ may be mid-rebuild by someone else).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_ONLY_KEYS, GECKO_ID, MIN_CHROMIUM_VERSION, MIN_FIREFOX_VERSION } from '../../manifest.targets';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface LintMessage {
  code: string;
  message: string;
  description?: string | string[];
  file?: string;
}
interface LintResult {
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}
interface AddonsLinter {
  createInstance(options: { config: Record<string, unknown>; runAsBinary: boolean }): { run(): Promise<LintResult> };
}
const addonsLinter = createRequire(import.meta.url)('addons-linter') as AddonsLinter;

async function lint(target: string, options: { scanScripts?: boolean } = {}): Promise<LintResult> {
  const config: Record<string, unknown> = {
    _: [target],
    logLevel: 'fatal',
    stack: false,
    pretty: false,
    warningsAsErrors: false,
    metadata: false,
    output: 'none',
    boring: true,
    selfHosted: false,
  };
  if (options.scanScripts === false) config.shouldScanFile = (file: string) => !file.endsWith('.js');
  return addonsLinter.createInstance({ config, runAsBinary: false }).run();
}

/**
 * Warnings the linter gives for code from our bundled dependencies; each one looked at and accepted, and nothing else:
 * a new warning (any warning about the manifest but the Android one) fails the test.
 */
const ACCEPTED_WARNINGS: Record<string, string> = {
  // Preact's renderer assigns innerHTML only for dangerouslySetInnerHTML, which our code never passes (checked below).
  UNSAFE_VAR_ASSIGNMENT: 'Preact dangerouslySetInnerHTML path',
  // zod 4 probes `Function('')` inside try/catch to decide on its JIT; MV3's CSP refuses it and zod runs without.
  DANGEROUS_EVAL: 'zod allowsEval probe',
  // Firefox for Android reads gecko.data_collection_permissions from 142 on (desktop: 140, our minimum); older ignore it.
  KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION: 'data_collection_permissions on Firefox for Android < 142',
};

const summary = (messages: LintMessage[]) => messages.map((message) => `${message.code} (${message.file ?? '-'}): ${message.message}`);

let work: string;
const chromiumDir = () => path.join(work, 'chromium');
const firefoxDir = () => path.join(work, 'firefox');
const packagesDir = () => path.join(work, 'packages');
const readManifest = (directory: string) => JSON.parse(readFileSync(path.join(directory, 'manifest.json'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function build(mode: 'production' | 'firefox', outDir: string): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--mode', mode, '--outDir', outDir, '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: 'pipe',
  });
}

function runPackager(out: string): string {
  return execFileSync(process.execPath, [path.join(ROOT, 'scripts/package.mjs'), '--out', out, '--chromium', chromiumDir(), '--firefox', firefoxDir()], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

/** Entry names from a zip's central directory, in stored order. */
function zipEntries(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let offset = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let index = 0; index < zip.readUInt16LE(end + 10); index++) {
    expect(zip.readUInt32LE(offset)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extra = zip.readUInt16LE(offset + 30);
    const comment = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extra + comment;
  }
  return names;
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'consent-guard-packaging-'));
  build('production', chromiumDir());
  build('firefox', firefoxDir());
  runPackager(packagesDir());
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('Firefox build', () => {
  test('its manifest: MV3, the background as an event page (background.scripts), a gecko id and strict_min_version', () => {
    const manifest = readManifest(firefoxDir());
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background.service_worker).toBeUndefined();
    expect(manifest.background.scripts).toHaveLength(1);
    expect(existsSync(path.join(firefoxDir(), manifest.background.scripts[0]))).toBe(true);
    expect(manifest.browser_specific_settings.gecko).toMatchObject({ id: GECKO_ID, strict_min_version: `${MIN_FIREFOX_VERSION}.0` });
    expect(GECKO_ID).toMatch(/^[a-z0-9-]+@[a-z0-9.-]+\.example$/);
    expect(manifest.minimum_chrome_version).toBeUndefined();
  });

  test('derived from the same manifest as the Chromium build: only the browser-specific keys differ', () => {
    const chromium = readManifest(chromiumDir());
    const firefox = readManifest(firefoxDir());
    const strip = (manifest: Record<string, unknown>) => {
      const rest = { ...manifest };
      for (const key of ['background', 'browser_specific_settings', ...CHROMIUM_ONLY_KEYS]) delete rest[key];
      // Firefox calls the context-menu permission "menus"; the rest of the list is the same.
      if (Array.isArray(rest.permissions))
        rest.permissions = rest.permissions.map((permission: string) => (permission === 'menus' ? 'contextMenus' : permission));
      return rest;
    };
    expect(Object.keys(chromium).length).toBeGreaterThan(8);
    expect(strip(firefox)).toEqual(strip(chromium));
    expect(firefox.permissions).toContain('menus');
    expect(firefox.permissions).not.toContain('contextMenus');
    // Every file a manifest names is in its build.
    for (const directory of [chromiumDir(), firefoxDir()]) {
      const manifest = readManifest(directory);
      const files = [
        ...Object.values(manifest.icons as Record<string, string>),
        manifest.action.default_popup as string,
        ...(manifest.options_ui ? [manifest.options_ui.page as string] : []),
        ...(manifest.content_scripts as { js: string[] }[]).flatMap((script) => script.js),
        ...(manifest.background.scripts ?? [manifest.background.service_worker]),
      ];
      for (const file of files) expect(existsSync(path.join(directory, file)), `${directory}: ${file}`).toBe(true);
    }
  });

  test("the store zip passes Mozilla's addons-linter: no errors, no warnings but the accepted ones", async () => {
    const result = await lint(path.join(packagesDir(), `consent-guard-firefox-${VERSION}.zip`));
    expect(summary(result.errors)).toEqual([]);
    expect(summary(result.warnings.filter((warning) => !(warning.code in ACCEPTED_WARNINGS)))).toEqual([]);
    expect(
      summary(result.warnings.filter((warning) => warning.file === 'manifest.json' && warning.code !== 'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION')),
    ).toEqual([]);
    // The accepted innerHTML warning stays about Preact's internals: our own code never sets HTML.
    const setsHtml = /dangerouslySetInnerHTML|\.(?:inner|outer)HTML\s*=(?!=)|insertAdjacentHTML/;
    const sources = (readdirSync(path.join(ROOT, 'src'), { recursive: true }) as string[]).filter(
      (file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file),
    );
    expect(sources.length).toBeGreaterThan(10);
    expect(sources.filter((file) => setsHtml.test(readFileSync(path.join(ROOT, 'src', file), 'utf8')))).toEqual([]);
  }, 120_000);

  test('the linter does fail a Firefox build that kept the Chromium background and has no add-on id', async () => {
    const broken = path.join(work, 'broken-firefox');
    cpSync(firefoxDir(), broken, { recursive: true });
    const manifest = readManifest(broken);
    manifest.background = { service_worker: manifest.background.scripts[0], type: 'module' };
    delete manifest.browser_specific_settings;
    writeFileSync(path.join(broken, 'manifest.json'), JSON.stringify(manifest));
    const result = await lint(broken, { scanScripts: false });
    expect(result.errors.map((error) => error.code)).toEqual(expect.arrayContaining(['ADDON_ID_REQUIRED', 'BACKGROUND_SERVICE_WORKER_NOFALLBACK']));
  }, 60_000);
});

describe('Chromium build and the documented minimum versions', () => {
  test('the Chromium build keeps its service worker and declares minimum_chrome_version', () => {
    const manifest = readManifest(chromiumDir());
    expect(typeof manifest.background.service_worker).toBe('string');
    expect(manifest.background.scripts).toBeUndefined();
    expect(manifest.browser_specific_settings).toBeUndefined();
    expect(manifest.minimum_chrome_version).toBe(String(MIN_CHROMIUM_VERSION));
  });

  test('the README states the minimum versions the manifests enforce', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`Chrome ${MIN_CHROMIUM_VERSION}`);
    expect(readme).toContain(`Edge ${MIN_CHROMIUM_VERSION}`);
    expect(readme).toContain(`Firefox ${MIN_FIREFOX_VERSION}`);
    expect(readme).toContain('npm run package');
    expect(readme).toContain('about:debugging');
  });
});

describe('store zips (npm run package)', () => {
  test('one per browser family, manifest.json at the root, entries in sorted order, byte-identical on a rerun', () => {
    const first = [`consent-guard-chromium-${VERSION}.zip`, `consent-guard-firefox-${VERSION}.zip`].map((name) => readFileSync(path.join(packagesDir(), name)));
    for (const zip of first) {
      const names = zipEntries(zip);
      expect(names).toContain('manifest.json');
      expect(names).toEqual([...names].sort());
      expect(names.some((name) => name.startsWith('/') || name.includes('\\') || name.endsWith('/'))).toBe(false);
    }
    expect(zipEntries(first[0]!)).toEqual(expect.arrayContaining(['service-worker-loader.js', 'src/popup/index.html', 'src/content/guard-main.js']));
    const again = path.join(work, 'packages-again');
    runPackager(again);
    expect(readFileSync(path.join(again, `consent-guard-chromium-${VERSION}.zip`)).equals(first[0]!)).toBe(true);
    expect(readFileSync(path.join(again, `consent-guard-firefox-${VERSION}.zip`)).equals(first[1]!)).toBe(true);
  });

  test('refuses a folder without a build', () => {
    let failure: { status: number; stderr: string } | null = null;
    try {
      execFileSync(
        process.execPath,
        [path.join(ROOT, 'scripts/package.mjs'), '--out', path.join(work, 'nothing'), '--chromium', path.join(work, 'missing'), '--firefox', firefoxDir()],
        { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' },
      );
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toContain('run `npm run build` first');
  });
});
