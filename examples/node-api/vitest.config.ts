import { defineProject } from 'vitest/config'

export default defineProject({
  // Use the workspace's sources of the SDK and the reference server (no build needed).
  resolve: { conditions: ['@plinto/source'] },
  ssr: { resolve: { conditions: ['@plinto/source'] } },
  test: {
    name: 'node-api',
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
})
