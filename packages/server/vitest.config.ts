import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['@plinto/source'] },
  ssr: { resolve: { conditions: ['@plinto/source'] } },
  test: {
    name: 'server',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
})
