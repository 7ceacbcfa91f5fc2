import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.config';
import { browserForMode, buildTarget, manifestFor } from './manifest.targets';

// `vite build`: the Chromium build (Chrome, Edge) in dist/. `vite build --mode firefox`: the Firefox build in
// dist-firefox/, its manifest derived from the same manifest.config.ts (manifest.targets.ts).
export default defineConfig(({ mode }) => ({
  plugins: [
    preact(),
    // standaloneFiles bundles each content script into one classic script: no loader that needs
    // web_accessible_resources, which would let any page detect the extension. guard-main.ts (declared on
    // the sign-in hosts) becomes src/content/guard-main.js, the file the background injects elsewhere.
    crx({ manifest: manifestFor(manifest, browserForMode(mode)), browser: browserForMode(mode), contentScripts: { standaloneFiles: ['src/content/index.ts', 'src/content/guard-main.ts'] } }),
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
