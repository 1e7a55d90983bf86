// Astro loads astro.config.mjs with a Vite server of its own, without the
// site's settings: there `@barrier-lab/exercises` resolves to its last build
// (dist/), not to its source as every page does, so a chapter added to the
// outline would be missing from the sidebar until the package was rebuilt.
// The config imports what needs the packages through this instead: a Vite
// server with the source condition, closed once the module is loaded.
import { fileURLToPath } from 'node:url';
import { createServer, type InlineConfig } from 'vite';

const siteRoot = fileURLToPath(new URL('..', import.meta.url));

/** Loads `path` (relative to the site's folder) with the packages read from source. */
export function importFromSource<T>(path: string): Promise<T> {
  return loadWithVite<T>(path, {
    resolve: { conditions: ['barrier-lab-source'] },
    ssr: { resolve: { conditions: ['barrier-lab-source'], externalConditions: ['barrier-lab-source'] } },
  });
}

/**
 * Loads `path` with a Vite server of its own (no config file, no watching, no
 * dependency scan) and `settings` on top, closed once the module is loaded.
 */
export async function loadWithVite<T>(path: string, settings: InlineConfig): Promise<T> {
  const server = await createServer({
    configFile: false,
    root: siteRoot,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { noDiscovery: true },
    ...settings,
  });
  try {
    return (await server.ssrLoadModule(path)) as T;
  } finally {
    await server.close();
  }
}
