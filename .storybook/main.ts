import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { StorybookConfig } from '@storybook/react-vite'

// Storybook and its builder are dev dependencies of @plinto/ui (the root package.json holds scripts
// only); pnpm does not hoist them to the root, so resolve them from there.
const uiPackage = fileURLToPath(new URL('../packages/ui/package.json', import.meta.url))
const require = createRequire(uiPackage)
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`))
const uiDir = dirname(uiPackage)

const config: StorybookConfig = {
  stories: ['../packages/ui/src/**/*.stories.tsx'],
  framework: { name: packageDir('@storybook/react-vite') as '@storybook/react-vite', options: {} },
  // mockServiceWorker.js, copied from the installed msw by run.mjs.
  staticDirs: ['./public'],
  core: { disableTelemetry: true },
  typescript: { reactDocgen: 'react-docgen' },
  async viteFinal(viteConfig) {
    const { defaultClientConditions } = (await import(require.resolve('vite'))) as typeof import('vite')
    const react = ((await import(require.resolve('@vitejs/plugin-react'))) as typeof import('@vitejs/plugin-react'))
      .default
    // Vite resolves bare imports of Storybook's virtual entry modules and of its dependency optimizer from
    // its root. The repository root has no React or Storybook (pnpm does not hoist them); @plinto/ui does.
    viteConfig.root = uiDir
    viteConfig.plugins = [...(viteConfig.plugins ?? []), react()]
    viteConfig.resolve ??= {}
    // Workspace packages (@plinto/testing → @plinto/server → @plinto/contract) are used from src/.
    viteConfig.resolve.conditions = ['@plinto/source', ...defaultClientConditions]
    return viteConfig
  },
}

export default config
