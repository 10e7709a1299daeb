import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['@plinto/source'] },
  ssr: { resolve: { conditions: ['@plinto/source'] } },
  test: {
    name: 'nextjs',
    // Real HTTP to a reference server and real ES256 signatures on a loaded 2-core machine.
    testTimeout: 20_000,
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
  },
})
