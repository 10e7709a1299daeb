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
  },
})
