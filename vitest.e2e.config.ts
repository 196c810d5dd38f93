import { defineConfig } from 'vitest/config';

// The dashboard in a real browser (Debian's Chromium) against the real local platform: slower than
// `npm test`, so it has its own command, `npm run test:e2e`.
export default defineConfig({
  test: {
    include: ['test/dashboard/e2e/**/*.e2e.ts'],
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
