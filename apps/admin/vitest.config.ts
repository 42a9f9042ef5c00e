import { defineConfig } from 'vitest/config';

// The admin is tested as users meet it: the built app, served by Node, driven in Chromium.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
});
