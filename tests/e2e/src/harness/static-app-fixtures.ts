import { inject } from 'vitest'
import { useAppFixture, type AppFixture } from './app-fixture'
import { serveBuild, type ServedApp, type TokenStorageMode } from './example-app'
import { startPlintoServer } from './plinto-server'

export interface StaticAppFixtureOptions {
  tokenStorage?: TokenStorageMode
  /** Access token lifetime in seconds for this file's server. */
  accessTokenTtl?: number
  /** How recently a session must have signed in or re-authenticated for sensitive actions, for this file's server. */
  reauthenticationMaxAgeSeconds?: number
}

/**
 * Serves a production build made in global setup (`vite preview` on localhost) and starts a reference
 * server on the API port the build points at, in `test` mode with the app's origin (CORS, email links,
 * WebAuthn origin; the default OAuth redirect allow-list `{app}/auth/callback`).
 */
function useStaticApp(
  label: string,
  buildDir: string,
  { accessTokenTtl, reauthenticationMaxAgeSeconds }: StaticAppFixtureOptions,
): AppFixture<ServedApp> {
  const { apiPort } = inject('e2e')
  return useAppFixture({
    label,
    async start() {
      const app = await serveBuild(buildDir)
      // If the server does not start (its port taken), the app must not outlive the file.
      const server = await startPlintoServer({
        port: apiPort,
        appOrigin: app.origin,
        ...(accessTokenTtl === undefined ? {} : { accessTokenTtl }),
        ...(reauthenticationMaxAgeSeconds === undefined ? {} : { reauthenticationMaxAgeSeconds }),
      }).catch(async (error: unknown) => {
        await app.close()
        throw error
      })
      return { app, server }
    },
  })
}

/** Everything a test file needs to drive examples/vanilla (see {@link useAppFixture} for the hooks). */
export function useVanilla(options: StaticAppFixtureOptions = {}): AppFixture<ServedApp> {
  return useStaticApp('vanilla', inject('e2e').builds[options.tokenStorage ?? 'localStorage'], options)
}

/** Everything a test file needs to drive examples/react-vite (see {@link useAppFixture} for the hooks). */
export function useReactApp(options: StaticAppFixtureOptions = {}): AppFixture<ServedApp> {
  return useStaticApp('react', inject('e2e').reactBuilds[options.tokenStorage ?? 'localStorage'], options)
}
