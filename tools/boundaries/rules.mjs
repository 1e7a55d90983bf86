// The architecture's boundaries, as ESLint rules (see docs/architecture.md).
// Apps may use packages; packages never use apps; the engine uses nothing of
// ours and nothing of the host (no node:*, no DOM), so it runs in a Worker.
import { builtinModules } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Node built-ins, bare and `node:`-prefixed, that the engine may not import. */
export const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);

/** Host globals the engine may not touch: Node's and the browser's. */
export const hostGlobals = [
  'process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global',
  'setImmediate', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage',
  'location', 'history', 'self', 'fetch', 'XMLHttpRequest', 'Worker', 'postMessage',
];

/** The subpaths packages declare in their `exports` maps (`@barrier-lab/engine/explain`): public entries too. */
export const publicSubpaths = ['packages', 'apps'].flatMap((folder) => {
  const dir = fileURLToPath(new URL(`../../${folder}/`, import.meta.url));
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(`${dir}${d.name}/package.json`, 'utf8'));
    } catch {
      return [];
    }
    return Object.keys(manifest.exports ?? {}).filter((key) => key !== '.').map((key) => `${manifest.name}${key.slice(1)}`);
  });
});

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const noDeepImports = {
  regex: `^(?!(?:${publicSubpaths.map(escape).join('|')})$)@barrier-lab/[^/]+/`,
  message: 'Import a package through its public entries (its exports map: src/index.ts, and subpaths such as @barrier-lab/engine/explain), never a deep path.',
};

const noApps = {
  group: ['@barrier-lab/grader', '@barrier-lab/site', '@barrier-lab/grader/*', '@barrier-lab/site/*'],
  message: 'Packages never depend on apps.',
};

/**
 * The engine's layers, in the order the data flows through them (see
 * docs/architecture.md): each may import only from those before it. The
 * public entries (src/index.ts, explain.ts, step.ts) sit above them all.
 */
export const engineLayers = ['budget', 'syntax', 'hash', 'program', 'execution', 'models', 'explore', 'verdict', 'run', 'explain', 'step'];

/** One flat-config block per layer: no relative import of a later layer or of an entry. */
const layerConfigs = engineLayers.map((layer, i) => {
  const later = engineLayers.slice(i + 1);
  return {
    files: [`packages/engine/src/${layer}/**/*.ts`],
    ignores: ['packages/engine/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'The engine is platform-neutral: host capabilities come in as small interfaces.' })),
        patterns: [
          noDeepImports,
          noApps,
          { group: ['@barrier-lab/*'], message: 'The engine depends on nothing of ours.' },
          { group: ['node:*'], message: 'The engine is platform-neutral: no node:* modules.' },
          ...(later.length > 0 ? [{
            regex: `^(\\.\\./)+(${later.join('|')})/`,
            message: `${layer}/ comes before ${later.join(', ')} in the engine's layers: it may import only from ${engineLayers.slice(0, i).join(', ') || 'nothing of the engine'}.`,
          }] : []),
          { regex: '^(\\.\\./)+(index|explain|step)\\.ts$', message: 'The public entries are for callers outside the engine; inside, import the module itself.' },
        ],
      }],
    },
  };
});

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
  ...layerConfigs,
];
