import { useAppFixture, type AppFixture } from './app-fixture'
import { buildNextExample, startNextApp, type NextApp } from './next-app'
import { startPlintoServer } from './plinto-server'
import { freePort } from './ports'

export interface NextFixtureOptions {
  /** `PLINTO_TOKEN_STORAGE` of the app (default `localStorage`). */
  tokenStorage?: 'localStorage' | 'cookie'
  /** Access token lifetime in seconds for this fixture's reference server. */
  accessTokenTtl?: number
}

export type NextFixture = AppFixture<NextApp>

// One `next build` per test file, shared by every fixture of the file.
let build: Promise<void> | undefined

/**
 * Everything a test file needs to drive examples/nextjs: its production build served by `next start` on
 * localhost and a reference server that allows the app's origin (see {@link useAppFixture} for the hooks;
 * a failing test also prints the Next.js server's output). Use it at the top of the file or of a describe.
 */
export function useNextExample({ tokenStorage, accessTokenTtl }: NextFixtureOptions = {}): NextFixture {
  return useAppFixture({
    label: 'next',
    // The first fixture of a file builds the app.
    startTimeout: 300_000,
    async start() {
      build ??= buildNextExample()
      await build
      const [appPort, apiPort] = [await freePort(), await freePort()]
      const origin = `http://localhost:${appPort}`
      const server = await startPlintoServer({
        port: apiPort,
        appOrigin: origin,
        ...(accessTokenTtl === undefined ? {} : { accessTokenTtl }),
      })
      // If the app does not start, the server must not outlive the file.
      const app = await startNextApp({
        port: appPort,
        apiUrl: server.url,
        ...(tokenStorage === undefined ? {} : { tokenStorage }),
      }).catch(async (error: unknown) => {
        await server.dispose()
        throw error
      })
      return { app, server }
    },
  })
}
