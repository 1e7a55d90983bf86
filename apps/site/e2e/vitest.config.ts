import { defineConfig } from 'vitest/config';

// Browser tests: they drive Debian's Chromium against the built site (dist/).
// One file at a time: the machine is small and each file starts a browser.
export default defineConfig({
  resolve: { conditions: ['barrier-lab-source'] },
  ssr: { resolve: { conditions: ['barrier-lab-source'] } },
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
