import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['barrier-lab-source'] },
  ssr: { resolve: { conditions: ['barrier-lab-source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test-support/**/*.test.ts', '*.test.ts', 'boundaries/**/*.test.ts'],
  },
});
