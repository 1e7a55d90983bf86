// Builds the <barrier-lab-exercise> web component into dist/embed/: one
// standalone entry script (barrier-lab-exercise.js, a few kilobytes) and the
// chunks it loads on demand (the workbench, Monaco, the check worker, their
// CSS and fonts) in dist/embed/chunks/. Every URL between them is relative
// to the script (`import.meta.url`), so the files work from whatever origin
// serves them; the server must answer their requests with CORS headers
// (static-server.ts does for /embed/). Run by the site's build (an Astro
// integration in astro.config.mjs), after Astro has written dist/.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

/** The entry's file name, in dist/embed/. */
export const webComponentScript = 'barrier-lab-exercise.js';

/** The stylesheet's file name, in dist/embed/ (the entry links it). */
export const webComponentStyles = 'barrier-lab-exercise.css';

/** Builds the component into `outDir` (dist/embed). */
export async function buildWebComponent(outDir: string): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    // Relative: chunks, CSS and fonts are found from the script's own URL.
    base: './',
    resolve: { conditions: ['barrier-lab-source'] },
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      copyPublicDir: false,
      // One stylesheet (the workbench's and Monaco's), which the element links itself when it
      // first connects.
      cssCodeSplit: false,
      modulePreload: false,
      rollupOptions: {
        // Two entries: the element (the one script a page includes, with no static import) and
        // what it loads when an element connects, by a fixed name it imports relative to itself.
        input: {
          [webComponentScript.replace(/\.js$/, '')]: fileURLToPath(new URL('../src/embed/barrier-lab-exercise.ts', import.meta.url)),
          'component-mount': fileURLToPath(new URL('../src/embed/component-mount.ts', import.meta.url)),
        },
        preserveEntrySignatures: 'exports-only',
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          assetFileNames: (asset) => (asset.names.some((n) => n.endsWith('.css')) ? webComponentStyles : 'chunks/[name]-[hash][extname]'),
          // No manual chunks: grouping Monaco by hand would pull the bundler's small preload
          // helper into Monaco's chunk, and the entry would then load Monaco up front.
        },
      },
    },
  });
}
