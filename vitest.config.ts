import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration and e2e tests each start their own server on port 0; files run in parallel.
    pool: 'forks',
    globalSetup: ['tests/e2e/globalSetup.ts'],
  },
});
