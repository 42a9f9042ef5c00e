import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings: workspace packages resolve to their TypeScript sources (the `source` export
 * condition), so tests never run against a stale build.
 */
export const sharedConfig = defineConfig({
  // Vite's own default conditions, with `source` first.
  resolve: { conditions: ['source', 'module', 'node', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    environment: 'node',
    // Generous: these tests talk to real servers on a small, often busy machine. Nothing here asserts speed.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
