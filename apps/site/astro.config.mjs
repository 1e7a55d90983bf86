// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { importFromSource } from './scripts/import-from-source.ts';
import { buildWebComponent } from './scripts/build-web-component.ts';
import { addContentSecurityPolicy } from './scripts/content-security-policy.ts';

// The sidebar is built from the course outline's source, as the pages are
// (a plain import here would read the exercises package's last build).
/** @type {typeof import('./src/lib/course-sidebar.ts')} */
const { courseSidebar } = await importFromSource('./src/lib/course-sidebar.ts');

/** The course, then the tools around it (pages outside the content collection). */
export const sidebar = [...courseSidebar(), { label: 'Practice', items: [{ label: 'Playground', link: '/playground/' }, { label: 'Your progress', link: '/progress/' }] }];

/**
 * After the site is written: the <barrier-lab-exercise> web component into
 * dist/embed/ (scripts/build-web-component.ts), then every page's
 * Content-Security-Policy with the hashes of its inline scripts
 * (scripts/content-security-policy.ts).
 */
/** @type {import('astro').AstroIntegration} */
const afterBuild = {
  name: 'barrier-lab-after-build',
  hooks: {
    'astro:build:done': async ({ dir, logger }) => {
      await buildWebComponent(new URL('embed/', dir).pathname);
      logger.info('built the <barrier-lab-exercise> web component into embed/');
      const pages = await addContentSecurityPolicy(dir.pathname);
      logger.info(`added the Content-Security-Policy to ${pages} pages`);
    },
  },
};

export default defineConfig({
  site: 'https://barrier-lab.example',
  // Every chapter lives under /course/, so a learner may cut an address back to it:
  // the landing page's list of chapters is that folder's contents.
  redirects: { '/course': '/#the-chapters' },
  integrations: [
    starlight({
      title: 'Barrier Lab',
      description: 'Memory ordering in the Linux kernel, learned by placing barriers and checked exhaustively.',
      favicon: '/favicon.svg',
      components: {
        // The sidebar marks each chapter with the exercises the learner solved.
        Sidebar: './src/components/progress/SidebarWithProgress.astro',
        Search: './src/components/site/SearchLabelledAsShown.astro',
        PageTitle: './src/components/site/PageTitleWithTeaches.astro',
      },
      sidebar,
      // Kernel code is read, not scrolled: long lines wrap (their continuation
      // indented past the line's own indentation) instead of hiding their ends
      // off a phone's screen.
      expressiveCode: { defaultProps: { wrap: true, preserveIndent: true, hangingIndent: 4 } },
      customCss: ['./src/styles/course.css'],
    }),
    mdx(),
    afterBuild,
  ],
  vite: {
    resolve: { conditions: ['barrier-lab-source'] },
    build: {
      rollupOptions: {
        output: {
          // Monaco as one lazy chunk (named so the bench can tell the editor from the page). The
          // bundler's preload helper gets a chunk of its own: left alone it lands in Monaco's
          // chunk, and every page that imports anything lazily (the search) then loads Monaco.
          manualChunks: (id) => (id.includes('/node_modules/monaco-editor/') ? 'monaco-editor' : id.includes('vite/preload-helper') ? 'preload-helper' : undefined),
        },
      },
    },
    ssr: { resolve: { conditions: ['barrier-lab-source'] } },
  },
});
