import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import rules keep each process inside its own boundary: the renderer
 * reaches nothing of Node, the terminal core nothing of Electron, and
 * shared code nothing of either.
 */
const nodeOnly = ['node:*', 'better-sqlite3', 'pg', 'fastify', 'pino', 'electron'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'out/**',
      'release/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'drizzle/**/meta/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeOnly, message: 'The renderer runs in a browser.' },
            {
              regex: String.raw`^(\.\./)+(main|server)/`,
              allowTypeImports: true,
              message: 'The renderer imports only types from main/ or server/.',
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
            { group: nodeOnly, message: 'shared/ runs in every process.' },
            {
              regex: String.raw`^(\.\./)+(main|renderer|server)/`,
              allowTypeImports: true,
              message: 'shared/ imports only types from the processes.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'The terminal core runs without Electron.' },
            {
              regex: String.raw`^(\.\./)+(renderer|server)/`,
              allowTypeImports: true,
              message: 'The core imports only types from renderer/ or server/.',
            },
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
        {
          patterns: [
            { group: ['electron', 'better-sqlite3'], message: 'The server runs without Electron.' },
            {
              regex: String.raw`^(\.\./)+(main|renderer)/`,
              allowTypeImports: true,
              message: 'The server imports only types from main/ or renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**', 'bench/**', '**/cli.ts', '**/cli/**'],
    rules: { 'no-console': 'off' },
  },
);
