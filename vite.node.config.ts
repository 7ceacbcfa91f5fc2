import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { defineConfig, type Plugin } from 'vite';

const LIBRARY_SOURCE = 'src/cli/library.ts';

/**
 * The library's `index.d.ts`, emitted by the TypeScript compiler from src/cli/library.ts (its public types are
 * declared there, so the file stands alone). The build fails when the declaration would reach into our sources:
 * an installed package has no src/ to resolve them from.
 */
function libraryDeclarations(outDir: string): Plugin {
  return {
    name: 'consent-guard-library-declarations',
    apply: 'build',
    closeBundle() {
      const config = ts.getParsedCommandLineOfConfigFile('tsconfig.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
      if (!config) throw new Error('tsconfig.json could not be read');
      const program = ts.createProgram([LIBRARY_SOURCE], { ...config.options, noEmit: false, declaration: true, emitDeclarationOnly: true });
      let declaration: string | null = null;
      const result = program.emit(
        program.getSourceFile(LIBRARY_SOURCE),
        (name, text) => {
          if (name.endsWith('library.d.ts')) declaration = text;
        },
        undefined,
        true,
      );
      // `tsc -p tsconfig.json` type-checks the sources; only the declaration's own problems are reported here.
      const problems = result.diagnostics;
      if (problems.length > 0)
        throw new Error(ts.formatDiagnostics(problems, { getCanonicalFileName: (name) => name, getCurrentDirectory: () => '.', getNewLine: () => '\n' }));
      if (declaration === null) throw new Error(`no declaration emitted for ${LIBRARY_SOURCE}`);
      if (/\bimport\b|\/\/\/\s*<reference/.test(declaration))
        throw new Error(`${LIBRARY_SOURCE}: its declaration imports other files; declare the public types in it`);
      mkdirSync(outDir, { recursive: true });
      writeFileSync(path.join(outDir, 'index.d.ts'), declaration);
    },
  };
}

// Node entry points as ESM with their dependencies bundled, so `npm ci && npm run build` is all they need:
// the CLI (also the scan worker) and the library (`import { analyzeUrl } from 'consent-guard'`), sharing one
// chunk of analyzer code; or the benchmarks.
export default defineConfig(({ mode }) => {
  const bench = mode === 'bench';
  const outDir = bench ? 'dist-bench' : 'dist-cli';
  const input: Record<string, string> = bench ? { bench: 'bench/run.ts' } : { 'consent-guard': 'src/cli/main.ts', index: LIBRARY_SOURCE };
  return {
    publicDir: false,
    plugins: bench ? [] : [libraryDeclarations(outDir)],
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input,
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name].js',
          banner: (chunk) => (chunk.isEntry && chunk.name !== 'index' ? '#!/usr/bin/env node' : ''),
        },
      },
    },
    // Playwright stays a runtime dependency of the bench (it cannot be bundled); everything else is bundled.
    ssr: { noExternal: true, ...(bench ? { external: ['@playwright/test', 'playwright', 'playwright-core'] } : {}) },
  };
});
