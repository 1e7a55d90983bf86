// Builds the <barrier-lab-exercise> web component into dist/embed/: one
// standalone entry script (barrier-lab-exercise.js, a few kilobytes) and the
// chunks it loads on demand (the workbench, Monaco, the check worker, their
// fonts) in dist/embed/chunks/, with two stylesheets: the one each element
// links in its shadow root, and the few rules the page itself must hold
// (component-styles.ts). Monaco is built to measure text inside a shadow
// root too (src/embed/measuring-box.ts). Every URL between them is relative
// to the script (`import.meta.url`), so the files work from whatever origin
// serves them; the server must answer their requests with CORS headers
// (static-server.ts does for /embed/). Run by the site's build (an Astro
// integration in astro.config.mjs), after Astro has written dist/.
import { build, type Plugin } from 'vite';
import { componentStyles } from './component-styles.ts';
import { fileURLToPath } from 'node:url';

/** The entry's file name, in dist/embed/. */
export const webComponentScript = 'barrier-lab-exercise.js';

/** The stylesheet's file name, in dist/embed/ (each element links it in its shadow root). */
export const webComponentStyles = 'barrier-lab-exercise.css';

/** The page's stylesheet (font faces, Monaco's announcement box), in dist/embed/ (the entry links it in the page once). */
export const webComponentDocumentStyles = 'barrier-lab-exercise-document.css';

/** The Monaco modules that add measuring elements to the page's <body>, and the statement that adds them. */
const measuringInTheBody: Readonly<Record<string, string>> = {
  '/vs/editor/browser/config/charWidthReader.js': 'targetWindow.document.body.appendChild(this._container);',
  '/vs/editor/browser/view/domLineBreaksComputer.js': 'targetWindow.document.body.appendChild(containerDomNode);',
};

/**
 * Makes Monaco measure text in a box the host page's CSS cannot reach
 * (src/embed/measuring-box.ts) rather than in the page's <body>. A Monaco
 * whose modules no longer read as expected fails the build, rather than
 * measuring in the host's type again.
 */
function measureInTheShadow(): Plugin {
  const box = fileURLToPath(new URL('../src/embed/measuring-box.ts', import.meta.url));
  const patched = new Set<string>();
  return {
    name: 'barrier-lab-measure-in-the-shadow',
    transform(code, id) {
      const module = Object.keys(measuringInTheBody).find((end) => id.split('?')[0]!.endsWith(`/monaco-editor/esm${end}`));
      if (!module) return undefined;
      const statement = measuringInTheBody[module]!;
      if (code.split(statement).length !== 2) throw new Error(`monaco-editor${module} no longer has \`${statement}\` once: see src/embed/measuring-box.ts`);
      patched.add(module);
      const appended = statement.replace('targetWindow.document.body.appendChild', 'measuringBox(targetWindow).appendChild');
      return { code: `import { measuringBox } from ${JSON.stringify(box)};\n${code.replace(statement, appended)}`, map: null };
    },
    buildEnd() {
      const missed = Object.keys(measuringInTheBody).filter((m) => !patched.has(m));
      if (missed.length > 0) throw new Error(`the web component's build did not meet ${missed.join(', ')}: see src/embed/measuring-box.ts`);
    },
  };
}

/** Splits the built stylesheet into the shadow root's and the page's (component-styles.ts). */
function splitStyles(): Plugin {
  return {
    name: 'barrier-lab-component-styles',
    // After Vite's own CSS plugin has put the stylesheet in the bundle.
    enforce: 'post',
    generateBundle(_options, bundle) {
      const built = bundle[webComponentStyles];
      if (built?.type !== 'asset') throw new Error(`the web component's build wrote no ${webComponentStyles}`);
      const styles = componentStyles(String(built.source));
      built.source = styles.shadow;
      this.emitFile({ type: 'asset', fileName: webComponentDocumentStyles, source: styles.document });
    },
  };
}

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
    plugins: [measureInTheShadow(), splitStyles()],
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      copyPublicDir: false,
      // One stylesheet (the workbench's and Monaco's), which each element links in its shadow
      // root (splitStyles takes out what the page must hold).
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
