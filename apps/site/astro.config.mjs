// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { courseSidebar } from './src/lib/course-sidebar.ts';

export default defineConfig({
  site: 'https://barrier-lab.example',
  integrations: [
    starlight({
      title: 'Barrier Lab',
      description: 'Memory ordering in the Linux kernel, learned by placing barriers and checked exhaustively.',
      favicon: '/favicon.svg',
      components: {
        // The sidebar marks each chapter with the exercises the learner solved.
        Sidebar: './src/components/progress/SidebarWithProgress.astro',
        Search: './src/components/site/SearchLabelledAsShown.astro',
      },
      // The course, then the tools around it (pages outside the content collection).
      sidebar: [...courseSidebar(), { label: 'Practice', items: [{ label: 'Playground', link: '/playground/' }, { label: 'Your progress', link: '/progress/' }] }],
      // Kernel code is read, not scrolled: long lines wrap (their continuation
      // indented past the line's own indentation) instead of hiding their ends
      // off a phone's screen.
      expressiveCode: { defaultProps: { wrap: true, preserveIndent: true, hangingIndent: 4 } },
      customCss: ['./src/styles/course.css'],
    }),
    mdx(),
  ],
  vite: {
    resolve: { conditions: ['barrier-lab-source'] },
    build: {
      rollupOptions: {
        output: {
          // Monaco as one lazy chunk (named so the bench can tell the editor from the page).
          manualChunks: (id) => (id.includes('/node_modules/monaco-editor/') ? 'monaco-editor' : undefined),
        },
      },
    },
    ssr: { resolve: { conditions: ['barrier-lab-source'] } },
  },
});
