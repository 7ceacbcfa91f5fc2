// `import { analyzeUrl } from 'consent-guard'` as a team gets it: from the tarball `npm pack` makes, installed into
// a project of its own, imported from ESM and type-checked by TypeScript against the packed declarations.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DANGER = 'https://app-vssps-visualstudio.com/oauth2/authorize?response_type=Assertion&scope=vso.code';
const WRAPPED_DANGER = `https://nam02.safelinks.protection.outlook.com/?url=${encodeURIComponent(DANGER)}&data=05%7C01`;
const repo = process.cwd();

let temp = '';
let app = '';
let installed = '';
let packedFiles: string[] = [];

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under a folder, relative to it. */
function filesUnder(root: string, prefix = ''): string[] {
  return readdirSync(path.join(root, prefix)).flatMap((name) => {
    const relative = path.join(prefix, name);
    return statSync(path.join(root, relative)).isDirectory() ? filesUnder(root, relative) : [relative];
  });
}

beforeAll(() => {
  expect(existsSync('dist-cli/index.js') && existsSync('dist-cli/index.d.ts'), 'run `npm run build` first').toBe(true);
  temp = mkdtempSync(path.join(os.tmpdir(), 'consent-guard-pack-'));
  const packed = run('npm', ['pack', '--json', '--pack-destination', temp], repo);
  expect(packed.status, packed.stderr).toBe(0);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  packedFiles = (info?.files ?? []).map((file) => file.path);
  app = path.join(temp, 'app');
  installed = path.join(app, 'node_modules', 'consent-guard');
  mkdirSync(app, { recursive: true });
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'soc-playbook', private: true, type: 'module' }));
  // A real install of the tarball, offline: every package of ours is a bundled devDependency, so there is
  // nothing to fetch, and the team's project gets exactly one package.
  const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(temp, info?.filename ?? '')], app);
  expect(install.status, install.stderr).toBe(0);
  expect(readdirSync(path.join(app, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['consent-guard']);
}, 180_000);

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('the packed library', () => {
  it('holds the built CLI, the library and its declarations, and no sources', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'dist-cli/index.js', 'dist-cli/index.d.ts', 'dist-cli/consent-guard.js']));
    expect(packedFiles.filter((file) => file.startsWith('src/') || file.startsWith('test/') || file.startsWith('dist/'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
    expect(manifest.exports['.']).toEqual({ types: './dist-cli/index.d.ts', import: './dist-cli/index.js' });
    expect(existsSync(path.join(installed, manifest.bin['consent-guard']))).toBe(true);
    // Bundled: a runtime dependency would be installed into every team's project.
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('needs nothing installed beside it: its code imports only Node built-ins and its own files', () => {
    const imports = filesUnder(installed)
      .filter((file) => file.endsWith('.js'))
      .flatMap((file) =>
        [
          ...readFileSync(path.join(installed, file), 'utf8').matchAll(
            /^\s*(?:import|export)\b[^'"\n;]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm,
          ),
        ].map((match) => `${file}: ${match[1] ?? match[2] ?? match[3]}`),
      );
    expect(imports.length).toBeGreaterThan(3);
    expect(imports.filter((entry) => !/: (node:|\.\.?\/)/.test(entry))).toEqual([]);
  });

  it('answers from ESM with the same JSON as `consent-guard check --json`', () => {
    writeFileSync(
      path.join(app, 'playbook.mjs'),
      `import { analyzeUrl, VERDICT_ORDER } from 'consent-guard';
const urls = JSON.parse(process.argv[2]);
console.log(JSON.stringify({ results: urls.map((url) => analyzeUrl(url)), order: VERDICT_ORDER }));`,
    );
    const inputs = [DANGER, WRAPPED_DANGER, 'https://exa mple.com/'];
    const library = run(process.execPath, ['playbook.mjs', JSON.stringify(inputs)], app);
    expect(library.stderr).toBe('');
    const { results, order } = JSON.parse(library.stdout);
    expect(order).toEqual(['none', 'ok', 'warn', 'danger']);
    const [danger, wrapped, notUrl] = results;
    expect(danger.ok).toBe(true);
    expect(danger.report).toMatchObject({
      url: DANGER,
      verdict: 'danger',
      host: { name: 'app-vssps-visualstudio.com', imitates: 'app.vssps.visualstudio.com' },
    });
    expect(wrapped.report).toMatchObject({ verdict: 'danger', inner: DANGER, wrappers: ['microsoft-safe-links'] });
    expect(notUrl).toEqual({ ok: false, error: expect.stringMatching(/^not a URL/) });

    const command = run(process.execPath, [path.join(installed, 'dist-cli/consent-guard.js'), 'check', '--json', DANGER, WRAPPED_DANGER], app);
    expect(command.status).toBe(2);
    expect(
      command.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([danger.report, wrapped.report]);
  });

  it('type-checks a TypeScript consumer against the packed declarations, and rejects a wrong use', () => {
    const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
    writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: [], lib: ['es2022'] },
        files: ['playbook.ts'],
      }),
    );
    const consumer = (body: string) =>
      writeFileSync(
        path.join(app, 'playbook.ts'),
        `import { analyzeUrl, type UrlReport, type Verdict } from 'consent-guard';
const result = analyzeUrl('https://login.microsoftonline.com/common/oauth2/v2.0/authorize?scope=openid', { extraTrustedHosts: ['sso.example.com'] });
${body}
`,
      );
    consumer(`if (result.ok) {
  const report: UrlReport = result.report;
  const verdict: Verdict = report.verdict;
  const imitates: string | null = report.host.imitates;
  const ids: string[] = report.findings.map((finding) => finding.id);
  void [verdict, imitates, ids, report.wrappers?.length, report.inner?.length];
} else {
  const error: string = result.error;
  void error;
}`);
    const good = run(process.execPath, [tsc, '-p', 'tsconfig.json'], app);
    expect(good.stdout + good.stderr).toBe('');
    expect(good.status).toBe(0);

    // Typed, not `any`: a verdict outside the contract, a report read before checking `ok`, a wrong option.
    consumer(`const wrong: 'phishing' = result.ok ? result.report.verdict : 'phishing';
const unchecked = result.report;
analyzeUrl('https://example.com/', { trustedHosts: [] });
void [wrong, unchecked];`);
    const bad = run(process.execPath, [tsc, '-p', 'tsconfig.json'], app);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/playbook\.ts\(3,\d+\): error TS2322/);
    expect(bad.stdout).toMatch(/playbook\.ts\(4,\d+\): error TS2339: Property 'report' does not exist/);
    expect(bad.stdout).toMatch(/playbook\.ts\(5,\d+\): error TS2353/);
  }, 60_000);
});
