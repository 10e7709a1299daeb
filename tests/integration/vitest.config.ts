import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['@plinto/source'] },
  ssr: { resolve: { conditions: ['@plinto/source'] } },
  test: {
    name: 'integration',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // A real PostgreSQL for the multi-instance tests: the server tests' throwaway cluster (or
    // PLINTO_TEST_DATABASE_URL), provided as `postgresUrl`.
    globalSetup: ['../../packages/server/src/__tests__/postgres-cluster.ts'],
  },
})
