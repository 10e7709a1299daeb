import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['@plinto/source'] },
  ssr: { resolve: { conditions: ['@plinto/source'] } },
  test: {
    name: 'ui',
    // Real requests through the reference app, real password hashing and DOM rendering: a test can take a few
    // seconds on a loaded 2-core machine, so 5 s fails healthy tests. Nothing here waits on a timer.
    testTimeout: 20_000,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/__tests__/setup.ts'],
  },
})
