import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'

// `pnpm test:visual` / `pnpm test:visual:update`: the Storybook suite alone (every story in both schemes and
// the narrow ones, with axe and the visual baseline), without the e2e global setup (which builds the
// example apps the other files need). `pnpm test:e2e` runs the same file with the rest.
export default defineProject({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { conditions: ['@plinto/source'] },
  ssr: { resolve: { conditions: ['@plinto/source'] } },
  test: {
    name: 'visual',
    environment: 'node',
    include: ['src/storybook.test.ts', 'src/visual-baseline.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
