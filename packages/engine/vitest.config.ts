import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['barrier-lab-source'] },
  ssr: { resolve: { conditions: ['barrier-lab-source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test-support/**/*.test.ts', '*.test.ts', 'boundaries/**/*.test.ts'],
    // A limit for a stuck test, not a speed check (speed is `npm run bench`): vitest's 5 s
    // default failed a parsing test once on a loaded machine.
    testTimeout: 60_000,
  },
});
