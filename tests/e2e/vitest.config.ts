import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'

// Not part of the root `vitest run` (see the root vitest.config.ts): run with `pnpm test:e2e`.
export default defineProject({
  // So `vitest run --config tests/e2e/vitest.config.ts` from the repository root finds the tests.
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { conditions: ['@plinto/source'] },
  ssr: { resolve: { conditions: ['@plinto/source'] } },
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/global-setup.ts'],
    // One file at a time: every file starts its server on the port the example was built against, and
    // timing-sensitive checks (refresh schedules) need the two cores to themselves.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
