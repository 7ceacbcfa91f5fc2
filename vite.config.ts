import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.config';

export default defineConfig({
  plugins: [
    preact(),
    // standaloneFiles bundles the content script into one classic script: no loader that needs
    // web_accessible_resources, which would let any page detect the extension.
    crx({ manifest, contentScripts: { standaloneFiles: ['src/content/index.ts'] } }),
  ],
  build: { outDir: 'dist', emptyOutDir: true, target: 'chrome120', sourcemap: false },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
});
