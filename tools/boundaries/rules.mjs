// The architecture's boundaries, as ESLint rules (see docs/architecture.md).
// Apps may use packages; packages never use apps; the engine uses nothing of
// ours and nothing of the host (no node:*, no DOM), so it runs in a Worker.
import { builtinModules } from 'node:module';

/** Node built-ins, bare and `node:`-prefixed, that the engine may not import. */
export const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);

/** Host globals the engine may not touch: Node's and the browser's. */
export const hostGlobals = [
  'process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global',
  'setImmediate', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage',
  'location', 'history', 'self', 'fetch', 'XMLHttpRequest', 'Worker', 'postMessage',
];

const noDeepImports = {
  group: ['@barrier-lab/*/*'],
  message: 'Import a package through its public entry (src/index.ts), never a deep path.',
};
const noApps = {
  group: ['@barrier-lab/grader', '@barrier-lab/site', '@barrier-lab/grader/*', '@barrier-lab/site/*'],
  message: 'Packages never depend on apps.',
};

/** Flat-config blocks that enforce the boundaries. */
export const boundaryConfigs = [
  {
    files: ['**/*.{ts,mts,mjs,js}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noDeepImports] }] },
  },
  {
    files: ['packages/**/*.{ts,mts,mjs,js}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noDeepImports, noApps] }] },
  },
  {
    files: ['packages/engine/src/**/*.ts'],
    ignores: ['packages/engine/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({
          name,
          message: 'The engine is platform-neutral: host capabilities come in as small interfaces.',
        })),
        patterns: [
          noDeepImports,
          noApps,
          { group: ['@barrier-lab/*'], message: 'The engine depends on nothing of ours.' },
          { group: ['node:*'], message: 'The engine is platform-neutral: no node:* modules.' },
        ],
      }],
      'no-restricted-globals': ['error', ...hostGlobals.map((name) => ({
        name,
        message: `The engine is platform-neutral: no '${name}' (pass host capabilities in).`,
      }))],
    },
  },
  {
    // check()/grade() run in the site's Web Worker too: platform-neutral like the engine.
    files: ['packages/exercises/src/**/*.ts'],
    ignores: ['packages/exercises/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({
          name,
          message: 'check() and grade() run in a Web Worker: no Node built-ins outside tests and scripts.',
        })),
        patterns: [noDeepImports, noApps, { group: ['node:*'], message: 'check() and grade() run in a Web Worker: no node:* modules.' }],
      }],
      'no-restricted-globals': ['error', ...hostGlobals.map((name) => ({
        name,
        message: `check() and grade() are platform-neutral: no '${name}'.`,
      }))],
    },
  },
];
