import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['@plinto/source'] },
  ssr: { resolve: { conditions: ['@plinto/source'] } },
  test: {
    name: 'server',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // A real PostgreSQL for the store's concurrency tests (test/postgres-cluster.ts).
    globalSetup: ['test/postgres-cluster.ts'],
  },
})
