#!/usr/bin/env node
// `pnpm test:visual [--update]`: builds Storybook afresh (so the screenshots are of the current stories,
// never of a stale storybook-static/), then runs tests/e2e/src/storybook.test.ts alone. With `--update`
// (`pnpm test:visual:update`) the run rewrites the baselines in tests/e2e/visual-baselines/ that changed,
// adds the missing ones and deletes those of stories that are gone; never on CI, where a missing or
// different baseline must fail.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const update = process.argv.includes('--update')
if (update && (process.env.CI === 'true' || process.env.CI === '1')) {
  console.error('visual: refusing to refresh the baselines on CI (CI is set): run it on a developer machine')
  process.exit(2)
}
const root = fileURLToPath(new URL('../../../', import.meta.url))
const run = (label, args, env = {}) => {
  const started = Date.now()
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  console.log(`visual: ${label} took ${Math.round((Date.now() - started) / 1000)} s`)
  if (result.status !== 0) process.exit(result.status ?? 1)
}

run('the Storybook build', ['.storybook/run.mjs', 'build', '--quiet', '-o', 'storybook-static'])
run(
  update ? 'refreshing the baselines' : 'the visual test',
  ['scripts/run-vitest.mjs', 'visual', '--config', 'tests/e2e/vitest.visual.config.ts'],
  update ? { PLINTO_VISUAL_UPDATE: '1' } : {},
)
