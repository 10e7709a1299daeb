import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { CHROMIUM_PATH } from './harness/browser'
import { buildExample, buildVanilla, type TokenStorageMode } from './harness/example-app'
import { REACT_EXAMPLE } from './harness/paths'
import { freePort } from './harness/ports'

export interface E2EContext {
  /** The port every test file starts its reference server on (files run one after the other). */
  apiPort: number
  /** Production builds of examples/vanilla against `http://localhost:{apiPort}`, per token storage mode. */
  builds: Record<TokenStorageMode, string>
  /** Production builds of examples/react-vite against the same API, per token storage mode. */
  reactBuilds: Record<TokenStorageMode, string>
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2EContext
  }
}

/** Once per run: check the browser, pick the API port, build the examples in both storage modes. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}. Run \`node tests/e2e/scripts/ensure-chromium.mjs\` (pnpm test:e2e does).`,
    )
  }
  const apiPort = await freePort()
  const root = await mkdtemp(join(tmpdir(), 'plinto-e2e-builds-'))
  const builds: Record<TokenStorageMode, string> = {
    localStorage: join(root, 'local-storage'),
    cookie: join(root, 'cookie'),
  }
  const apiUrl = `http://localhost:${apiPort}`
  // One at a time: two cores, and each build already uses both.
  await buildVanilla(builds.localStorage, { apiUrl, tokenStorage: 'localStorage' })
  await buildVanilla(builds.cookie, { apiUrl, tokenStorage: 'cookie' })
  const reactBuilds: Record<TokenStorageMode, string> = {
    localStorage: join(root, 'react-local-storage'),
    cookie: join(root, 'react-cookie'),
  }
  await buildExample(REACT_EXAMPLE, reactBuilds.localStorage, { apiUrl, tokenStorage: 'localStorage' })
  await buildExample(REACT_EXAMPLE, reactBuilds.cookie, { apiUrl, tokenStorage: 'cookie' })
  project.provide('e2e', { apiPort, builds, reactBuilds })
  return () => rm(root, { recursive: true, force: true })
}
