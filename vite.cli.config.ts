import { defineConfig } from 'vite';

// The CLI is a single Node ESM file with its dependencies bundled, so `npm ci && npm run build` is all it needs.
export default defineConfig({
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: { output: { entryFileNames: 'consent-guard.js', banner: '#!/usr/bin/env node' } },
  },
  ssr: { noExternal: true },
});
