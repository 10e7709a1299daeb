import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['@plinto/source'] },
  ssr: { resolve: { conditions: ['@plinto/source'] } },
  test: {
    name: 'server',
    // Real requests through the reference app, real password hashing and DOM rendering: a test can take a few
    // seconds on a loaded 2-core machine, so 5 s fails healthy tests. Nothing here waits on a timer.
    testTimeout: 20_000,
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // A real PostgreSQL for the store's concurrency tests (src/__tests__/postgres-cluster.ts).
    globalSetup: ['src/__tests__/postgres-cluster.ts'],
    // Every response the suite produces is checked against the OpenAPI document.
    setupFiles: ['src/__tests__/support/openapi-conformance.setup.ts'],
  },
})
