import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { boundaryConfigs } from './tools/boundaries/rules.mjs';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.astro/**', '**/.nx/**', '**/bench-results/**', 'apps/site/public/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['apps/grader/**', 'tools/**', '**/*.test.ts', '**/bench/**', '**/e2e/**', '**/*.config.*', 'apps/site/scripts/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['apps/site/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...boundaryConfigs,
);
