import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['barrier-lab-source'] },
  ssr: { resolve: { conditions: ['barrier-lab-source'] } },
  // A limit for a stuck test, not a speed check (vitest's 5 s default is tight on a loaded machine).
  test: { include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'], testTimeout: 60_000 },
});
