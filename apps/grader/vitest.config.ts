import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['barrier-lab-source'] },
  ssr: { resolve: { conditions: ['barrier-lab-source'] } },
  test: {
    include: ['src/**/*.test.ts', '*.test.ts', 'boundaries/**/*.test.ts'],
    // `barrier-lab litmus` tests start worker processes that load the engine from source.
    testTimeout: 60_000,
  },
});
