#!/usr/bin/env node
/**
 * `npm run package`: store zips of the built extension, one per browser family:
 *   packages/consent-guard-chromium-<version>.zip   from dist/          (Chrome Web Store, Edge Add-ons)
 *   packages/consent-guard-firefox-<version>.zip    from dist-firefox/  (addons.mozilla.org)
 * Deterministic: entries in sorted path order, fixed timestamps and attributes, manifest.json at the root, so the
 * same build gives byte-identical zips. No zip tool needed (a small writer on node:zlib below).
 *
 * Usage: node scripts/package.mjs [--out DIR] [--chromium DIR] [--firefox DIR]   (package.json runs the build first)
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return path.resolve(ROOT, index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Every file under `directory`, as forward-slash paths relative to it, in byte order of the path. */
function listFiles(directory, prefix = '') {
  const files = [];
  for (const name of readdirSync(path.join(directory, prefix))) {
    const relative = prefix ? `${prefix}/${name}` : name;
    if (statSync(path.join(directory, relative)).isDirectory()) files.push(...listFiles(directory, relative));
    else files.push(relative);
  }
  return files.sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
}

// 1980-01-01 00:00 (the earliest DOS date): no build time leaks into the archive.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** A zip of the files under `directory` (deflate, or store when deflate does not help). */
export function zipDirectory(directory) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const name of listFiles(directory)) {
    const data = readFileSync(path.join(directory, name));
    const deflated = deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? 8 : 0;
    const body = method === 8 ? deflated : data;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const utf8Flag = /[^\x20-\x7e]/.test(name) ? 0x0800 : 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(utf8Flag, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(utf8Flag, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // extra, comment, disk number, internal attributes: 0
    central.writeUInt32LE(((0o100644 << 16) >>> 0), 38); // a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);

    offset += local.length + nameBytes.length + body.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
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
    console.log(`${path.relative(ROOT, file)}  ${(zip.length / 1024).toFixed(1)} KiB  (${listFiles(directory).length} files from ${path.relative(ROOT, directory)}/)`);
  }
  if (failed) process.exit(1);
}

main();
