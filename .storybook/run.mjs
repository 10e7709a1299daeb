#!/usr/bin/env node
// `pnpm storybook` / `pnpm build-storybook`: runs Storybook (a dev dependency of @plinto/ui) from the
// repository root with the root .storybook config, telemetry off (with it on, builds wait on the
// network), after copying msw's service worker into the static dir. Extra arguments pass through
// (`pnpm build-storybook -o storybook-static`).
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const [mode, ...args] = process.argv.slice(2)
if (mode !== 'dev' && mode !== 'build') {
  console.error('usage: node .storybook/run.mjs dev|build [storybook options]')
  process.exit(2)
}
const require = createRequire(new URL('../packages/ui/package.json', import.meta.url))
const root = fileURLToPath(new URL('..', import.meta.url))

const publicDir = fileURLToPath(new URL('./public/', import.meta.url))
mkdirSync(publicDir, { recursive: true })
copyFileSync(require.resolve('msw/mockServiceWorker.js'), `${publicDir}mockServiceWorker.js`)

// The CLI as its package.json declares it (the bin file is not in the package's exports map).
const storybookManifest = require.resolve('storybook/package.json')
const { bin } = JSON.parse(readFileSync(storybookManifest, 'utf8'))
const storybook = join(dirname(storybookManifest), typeof bin === 'string' ? bin : bin.storybook)
const defaults = mode === 'dev' ? ['dev', '-p', '6006', '--no-open', '--ci'] : ['build']
const run = spawnSync(process.execPath, [storybook, ...defaults, '-c', '.storybook', ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
})
process.exit(run.status ?? 1)
