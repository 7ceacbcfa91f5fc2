/**
 * Bundle sizes of the built extension (raw and gzipped): the content scripts the manifest declares, the
 * background service worker with every module it imports statically, and the popup page with its
 * scripts, preloads and styles.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { round, type Measurement } from './report';

interface BuiltManifest {
  content_scripts?: { js?: string[] }[];
  background?: { service_worker?: string };
  action?: { default_popup?: string };
}

const IMPORT = /(?:\bimport|\bfrom)\s*\(?\s*["']([^"']+)["']/g;

/** `entry` and every module it imports (statically or dynamically), as paths relative to `dist`. */
function moduleGraph(dist: string, entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file) || !existsSync(path.join(dist, file))) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    for (const match of readFileSync(path.join(dist, file), 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] as string;
      if (!specifier.startsWith('.') && !specifier.startsWith('/')) continue;
      queue.push(specifier.startsWith('/') ? specifier.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)));
    }
  }
  return [...seen];
}

function sizes(dist: string, files: readonly string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(dist, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

export function benchBundles(dist: string, command: string): Measurement[] {
  const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as BuiltManifest;
  const kb = (bytes: number) => round(bytes / 1024, 1);
  const row = (name: string, files: string[], budget?: number): Measurement => {
    const { raw, gzip } = sizes(dist, files);
    return {
      name,
      value: kb(gzip),
      unit: 'KB gzip',
      ...(budget ? { budget: { max: budget } } : {}),
      note: `${kb(raw)} KB raw; ${files.length} file${files.length === 1 ? '' : 's'}`,
      command,
    };
  };
  const contentFiles = [...new Set((manifest.content_scripts ?? []).flatMap((script) => script.js ?? []))];
  const results = contentFiles.map((file) => row(`bundle: content script ${file}`, [file]));
  results.push(row('bundle: content scripts, all', contentFiles, 40));
  if (manifest.background?.service_worker) results.push(row('bundle: background', moduleGraph(dist, [manifest.background.service_worker])));
  if (manifest.action?.default_popup) {
    const html = readFileSync(path.join(dist, manifest.action.default_popup), 'utf8');
    const linked = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string).filter((link) => !/^[a-z]+:/i.test(link));
    const resolved = linked.map((link) => (link.startsWith('/') ? link.slice(1) : path.posix.join(path.posix.dirname(manifest.action!.default_popup!), link)));
    results.push(row('bundle: popup', [manifest.action.default_popup, ...moduleGraph(dist, resolved)]));
  }
  return results;
}
