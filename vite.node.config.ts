import { defineConfig } from 'vite';

// Node entry points (the CLI and the benchmarks) as single ESM files with their dependencies bundled,
// so `npm ci && npm run build` is all they need.
export default defineConfig(({ mode }) => {
  const entry =
    mode === 'bench'
      ? { input: 'bench/run.ts', outDir: 'dist-bench', file: 'bench.js' }
      : { input: 'src/cli/main.ts', outDir: 'dist-cli', file: 'consent-guard.js' };
  return {
    publicDir: false,
    build: {
      ssr: entry.input,
      outDir: entry.outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: { output: { entryFileNames: entry.file, banner: '#!/usr/bin/env node' } },
    },
    // Playwright stays a runtime dependency of the bench (it cannot be bundled); everything else is bundled.
    ssr: { noExternal: true, ...(mode === 'bench' ? { external: ['@playwright/test', 'playwright', 'playwright-core'] } : {}) },
  };
});
