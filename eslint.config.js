// Lint gate: zero warnings. The layers of docs/ARCHITECTURE.md's map are enforced here: shared/ stays
// pure (no IO, no frameworks, no ambient time or randomness, nothing of client/ or server/); client/ and
// server/ never import each other; no module imports itself round a circle.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-server/**',
      'node_modules/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      '.bench-data/**',
      'tests/tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    // A circle of imports hides which module is the lower layer; import-x follows .ts and .vue files.
    files: ['client/**/*.{ts,vue}', 'server/**/*.ts', 'shared/**/*.ts'],
    plugins: { 'import-x': importX },
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
    settings: {
      'import-x/parsers': { 'vue-eslint-parser': ['.vue'], '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      'import-x/extensions': ['.ts', '.vue', '.js'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['client/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], message: 'client/ talks to server/ over HTTP only.' }] },
      ],
    },
  },
  {
    // The client's lower layers (the API call, the device database, sync, the service worker)
    // never reach up into stores or screens; stores never reach into screens.
    files: ['client/api/**/*.ts', 'client/db/**/*.ts', 'client/sync/**/*.ts', 'client/pwa/**/*.ts'],
    ignores: ['client/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**'], message: 'client/ talks to server/ over HTTP only.' },
            {
              group: ['**/stores/**', '**/views/**', '**/components/**'],
              message: 'A lower client layer must not import stores or screens (docs/ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/stores/**/*.ts'],
    ignores: ['client/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**'], message: 'client/ talks to server/ over HTTP only.' },
            { group: ['**/views/**', '**/components/**'], message: 'Stores must not import screens.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/client/**'], message: 'server/ must not depend on client/.' }] },
      ],
    },
  },
  {
    // The demo organisation seeds through the stores; nothing but start-up (and tests) reaches it.
    files: ['server/**/*.ts'],
    // organisation-routes lists the demo accounts on the demo's sign-in page.
    ignores: [
      'server/demo/**',
      'server/main.ts',
      'server/**/*.test.ts',
      'server/organisation/organisation-routes.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/client/**'], message: 'server/ must not depend on client/.' },
            {
              group: ['**/demo/**'],
              message: 'Only start-up seeds the demo: keep demo code in server/demo/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'vue',
                'pinia',
                'dexie',
                'hono',
                'hono/*',
                '@hono/*',
                'pg',
                '@electric-sql/*',
                'node:*',
                'fs',
                'path',
              ],
              message: 'shared/ is pure: no IO or framework imports.',
            },
            {
              group: ['**/client/**', '**/server/**'],
              message: 'shared/ must not depend on client/ or server/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'fetch', 'localStorage', 'indexedDB', 'window', 'document'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass `now` in as a parameter.' },
        { object: 'Math', property: 'random', message: 'Pass a seed or random source in as a parameter.' },
      ],
    },
  },
);
