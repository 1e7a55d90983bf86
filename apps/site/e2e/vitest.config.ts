import { defineConfig } from 'vitest/config';

// Browser tests: they drive Debian's Chromium against the built site (dist/).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
