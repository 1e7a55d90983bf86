import { defineCollection, z } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({
      extend: z.object({
        /**
         * The kernel names this page teaches (`smp_wmb()`): search ranks the
         * page higher for them (components/site/PageTitleWithTeaches.astro),
         * so it comes before a later chapter that only uses them more often.
         */
        teaches: z.array(z.string().min(1)).optional(),
      }),
    }),
  }),
};
