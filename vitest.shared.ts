import { defineConfig } from 'vitest/config';

// Vite's own default conditions with `source` first, less `module`: tests run in Node, so dependencies resolve to
// the builds Node loads (the AWS SDK's `module` builds have extensionless imports that only bundlers accept).
const conditions = ['source', 'node', 'development|production'];

/**
 * Shared vitest settings: workspace packages resolve to their TypeScript sources (the `source` export
 * condition), so tests never run against a stale build.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    environment: 'node',
    // Generous: these tests talk to real servers on a small, often busy machine. Nothing here asserts speed.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
