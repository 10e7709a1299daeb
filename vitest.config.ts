import { defineConfig } from 'vitest/config'

// One vitest run for the whole workspace; each package holds its own project config.
export default defineConfig({
  test: {
    projects: ['packages/*', 'tests/*'],
    // CI machines have 2 cores.
    maxWorkers: 2,
  },
})
