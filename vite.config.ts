import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.config';
import { browserForMode, buildTarget, manifestFor } from './manifest.targets';

/**
 * crx lists a script imported with `?script` as web-accessible, for content scripts that load it themselves.
 * Ours is imported by the background only (registerContentScripts takes the file from the package), and a
 * web-accessible file would let any page detect the extension: the key is removed from the built manifest.
 */
function noWebAccessibleResources(): Plugin {
  return {
    name: 'consent-guard:no-web-accessible-resources',
    enforce: 'post',
    writeBundle(options) {
      const file = path.join(options.dir ?? 'dist', 'manifest.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      if (!('web_accessible_resources' in manifest)) return;
      delete manifest.web_accessible_resources;
      writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}

// `vite build`: the Chromium build (Chrome, Edge) in dist/. `vite build --mode firefox`: the Firefox build in
// dist-firefox/, its manifest derived from the same manifest.config.ts (manifest.targets.ts).
export default defineConfig(({ mode }) => ({
  plugins: [
    preact(),
    // standaloneFiles bundles each content script into one classic script: no loader that needs
    // web_accessible_resources, which would let any page detect the extension. guard-main.ts (declared on
    // the sign-in hosts) becomes src/content/guard-main.js, the file the background injects elsewhere;
    // page-scan.ts (imported with ?script&iife by src/platform/scripting.ts) is registered only in the thorough mode.
    crx({
      manifest: manifestFor(manifest, browserForMode(mode)),
      browser: browserForMode(mode),
      contentScripts: { standaloneFiles: ['src/content/guard-main.ts'] },
    }),
    noWebAccessibleResources(),
  ],
  build: {
    outDir: browserForMode(mode) === 'firefox' ? 'dist-firefox' : 'dist',
    emptyOutDir: true,
    target: buildTarget(browserForMode(mode)),
    sourcemap: false,
    // The block and link check pages are extension pages no manifest key names (the background opens them).
    rollupOptions: { input: { blocked: 'src/blocked/index.html', linkcheck: 'src/linkcheck/index.html' } },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
}));
