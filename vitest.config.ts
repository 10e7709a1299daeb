import { defineConfig } from 'vitest/config'

// One vitest run for the whole workspace; each package holds its own project config. The end-to-end
// suite (tests/e2e, a real browser) is not part of it: it runs on its own with `pnpm test:e2e`. Neither is
// tests/support (@plinto/test-support): it holds no tests, only the helpers the packages' tests import.
// Examples join when they have a vitest.config.ts (their vite.config.ts alone would make Vite apps projects).
export default defineConfig({
  test: {
    projects: ['packages/*', 'tests/*', '!tests/e2e', '!tests/support', 'examples/*/vitest.config.ts'],
    // CI machines have 2 cores.
    maxWorkers: 2,
  },
})
