#!/usr/bin/env node
/**
 * `npm run package`: store zips of the built extension, one per browser family:
 *   packages/consent-guard-chromium-<version>.zip   from dist/          (Chrome Web Store, Edge Add-ons)
 *   packages/consent-guard-firefox-<version>.zip    from dist-firefox/  (addons.mozilla.org)
 * Deterministic: entries in sorted path order, fixed timestamps and attributes, manifest.json at the root, so the
 * same build gives byte-identical zips.
 *
 * Usage: node scripts/package.mjs [--out DIR] [--chromium DIR] [--firefox DIR]   (package.json runs the build first)
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

const ROOT = path.resolve(import.meta.dirname, '..');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return path.resolve(ROOT, index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback);
}

/** Every file under `directory`, as forward-slash paths relative to it, in byte order of the path. */
function listFiles(directory, prefix = '') {
  const files = [];
  for (const name of readdirSync(path.join(directory, prefix))) {
    const relative = prefix ? `${prefix}/${name}` : name;
    if (statSync(path.join(directory, relative)).isDirectory()) files.push(...listFiles(directory, relative));
    else files.push(relative);
  }
  return files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

// 1980-01-01 00:00 local time (the earliest date a zip can hold): no build time leaks into the archive.
const FIXED_TIME = new Date(1980, 0, 1);

/** A zip of the files under `directory`: entries in sorted order, fixed timestamps (fflate's writer). */
export function zipDirectory(directory) {
  const entries = {};
  for (const name of listFiles(directory)) entries[name] = [readFileSync(path.join(directory, name)), { level: 9, mtime: FIXED_TIME }];
  return Buffer.from(zipSync(entries));
}

function main() {
  const out = option('out', 'packages');
  const builds = [
    { family: 'chromium', directory: option('chromium', 'dist') },
    { family: 'firefox', directory: option('firefox', 'dist-firefox') },
  ];
  const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  mkdirSync(out, { recursive: true });
  let failed = false;
  for (const { family, directory } of builds) {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(path.join(directory, 'manifest.json'), 'utf8'));
    } catch {
      console.error(`package: ${path.relative(ROOT, directory)}/manifest.json is missing or not JSON: run \`npm run build\` first`);
      failed = true;
      continue;
    }
    if (manifest.version !== version) {
      console.error(`package: ${path.relative(ROOT, directory)} is version ${manifest.version}, package.json says ${version}: rebuild`);
      failed = true;
      continue;
    }
    const file = path.join(out, `consent-guard-${family}-${version}.zip`);
    const zip = zipDirectory(directory);
    writeFileSync(file, zip);
    console.log(
      `${path.relative(ROOT, file)}  ${(zip.length / 1024).toFixed(1)} KiB  (${listFiles(directory).length} files from ${path.relative(ROOT, directory)}/)`,
    );
  }
  if (failed) process.exit(1);
}

main();
