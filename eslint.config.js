// Lint that encodes the project's rules: type-aware checks for promise and switch mistakes, and the
// layering of DESIGN.md (core is pure, only platform/ touches the browser API, contexts talk through messaging).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CONTEXTS = ['background', 'content', 'popup', 'options', 'blocked', 'linkcheck', 'cli'];

/** Each context may not import another context's modules: they talk only through src/messaging. */
const otherContexts = (self) =>
  CONTEXTS.filter((context) => context !== self).map((context) => ({
    group: [`**/${context}/*`, `!**/test/**`],
    message: `${self} talks to ${context} only through src/messaging (DESIGN.md).`,
  }));

const browserApi = {
  group: ['webextension-polyfill'],
  message: 'Only src/platform/ touches the browser API.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'reports/**', 'packages/**', 'demo-output/**', 'test-results/**', 'types/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      // A security tool matches control and bidi characters on purpose (terminal escapes, hidden text).
      'no-control-regex': 'off',
      'no-restricted-imports': ['error', { patterns: [browserApi] }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'src/core is pure: no Node API.' },
            { group: ['preact', 'preact/*', 'zod', 'webextension-polyfill'], message: 'src/core is pure: no UI, browser or validation framework.' },
            {
              group: [
                '**/background/*',
                '**/content/*',
                '**/popup/*',
                '**/options/*',
                '**/blocked/*',
                '**/cli/*',
                '**/platform/*',
                '**/messaging/*',
                '**/manager/*',
                '**/policy/*',
                '**/ui/*',
              ],
              message: 'src/core imports nothing of ours but data (src/catalog).',
            },
          ],
        },
      ],
    },
  },
  {
    // The extension API's globals, outside src/platform/: only the platform touches the browser.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/platform/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'Only src/platform/ touches the browser API.' },
        { name: 'browser', message: 'Only src/platform/ touches the browser API.' },
      ],
    },
  },
  { files: ['src/platform/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
  ...CONTEXTS.map((context) => ({
    files: [`src/${context}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns: [browserApi, ...otherContexts(context)] }] },
  })),
  {
    // The background reaches the browser only through the platform object index.ts is handed (main.ts hands it
    // the real one), so unit tests run the real wiring over the in-memory browser.
    files: ['src/background/**/*.ts'],
    ignores: ['src/background/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            browserApi,
            ...otherContexts('background'),
            {
              group: ['**/platform/*', '!**/platform/i18n'],
              allowTypeImports: true,
              message: 'The background takes the browser as a parameter (src/platform/background-platform.ts); import only its types.',
            },
          ],
        },
      ],
    },
  },
  {
    // The protocol is owned here: it imports shapes and the platform's transport, never a context or the manager.
    files: ['src/messaging/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            browserApi,
            {
              group: CONTEXTS.map((context) => `**/${context}/*`).concat(['**/manager/*', '**/manager/**']),
              message: 'src/messaging imports no context and no manager module (the manager imports messaging).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/policy/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            browserApi,
            { group: ['**/manager/*'], message: 'Policy does not depend on the manager: shared helpers live in src/ui or src/messaging.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs,js}'],
    // Playwright fixtures without dependencies are written `async ({}, use) => ...`.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-empty-pattern': 'off' },
  },
  { files: ['**/*.{js,mjs}'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.{js,mjs}'], languageOptions: { globals: globals.node } },
);
