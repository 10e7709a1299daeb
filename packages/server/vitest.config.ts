import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['@plinto/source'] },
  ssr: { resolve: { conditions: ['@plinto/source'] } },
  test: {
    name: 'server',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // A real PostgreSQL for the store's concurrency tests (src/__tests__/postgres-cluster.ts).
    globalSetup: ['src/__tests__/postgres-cluster.ts'],
    // Every response the suite produces is checked against the OpenAPI document.
    setupFiles: ['src/__tests__/support/openapi-conformance.setup.ts'],
  },
})
