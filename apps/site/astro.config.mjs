// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';

export default defineConfig({
  site: 'https://barrier-lab.example',
  integrations: [
    starlight({
      title: 'Barrier Lab',
      description: 'Memory ordering in the Linux kernel, learned by placing barriers and checked exhaustively.',
      sidebar: [
        { label: 'Start here', items: [{ label: 'Chapter 0: how to use this course', slug: 'course/how-to-use' }] },
      ],
    }),
    mdx(),
  ],
  vite: {
    resolve: { conditions: ['barrier-lab-source'] },
    ssr: { resolve: { conditions: ['barrier-lab-source'] } },
  },
});
