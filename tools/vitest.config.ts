import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['barrier-lab-source'] },
  ssr: { resolve: { conditions: ['barrier-lab-source'] } },
  test: {
    include: ['src/**/*.test.ts', '*.test.ts', 'boundaries/**/*.test.ts', 'docs/**/*.test.ts'],
    // A limit for a stuck test, not a speed check: the first ESLint run of a
    // boundary test took over vitest's 5 s default on a loaded machine.
    testTimeout: 60_000,
  },
});
