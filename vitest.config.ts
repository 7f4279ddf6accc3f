import { defineConfig } from 'vitest/config';

// Two projects: everything without a browser, and the end-to-end tests, which alone need the client
// built (their global setup builds it once per run).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration and e2e tests each start their own server on port 0; files run in parallel.
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'core', include: ['tests/**/*.test.ts'], exclude: ['tests/e2e/**'], environment: 'node' },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', globalSetup: ['tests/e2e/globalSetup.ts'] },
      },
    ],
  },
});
