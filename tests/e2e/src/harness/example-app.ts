import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { preview } from 'vite'
import { VANILLA_EXAMPLE } from './paths'
import { runNodeScript } from './run-node'

export type TokenStorageMode = 'localStorage' | 'cookie'

/** The build-time configuration of an example (its `VITE_PLINTO_*` variables). */
export interface ExampleBuildEnv {
  apiUrl: string
  tokenStorage: TokenStorageMode
}

/** A production build of examples/vanilla (see {@link buildExample}). */
export function buildVanilla(outDir: string, env: ExampleBuildEnv): Promise<void> {
  return buildExample(VANILLA_EXAMPLE, outDir, env)
}

/**
 * A production build of the Vite example in `exampleDir`, made the way an integrator would: `vite build`
 * with the `VITE_PLINTO_*` variables in its environment (set here explicitly, so a developer's shell cannot leak in).
 */
export async function buildExample(exampleDir: string, outDir: string, env: ExampleBuildEnv): Promise<void> {
  const require = createRequire(join(exampleDir, 'package.json'))
  const viteBin = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js')
  await runNodeScript(
    `vite build of ${exampleDir} (${env.tokenStorage})`,
    viteBin,
    ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: exampleDir,
      env: { ...process.env, VITE_PLINTO_API_URL: env.apiUrl, VITE_PLINTO_TOKEN_STORAGE: env.tokenStorage },
    },
  )
}

export interface ServedApp {
  /** `http://localhost:PORT`: `localhost`, so WebAuthn's RP ID `localhost` works and cookies are same-site with the API. */
  origin: string
  close(): Promise<void>
}

/** Serves a build with `vite preview` (static files, SPA fallback for `/verify-email` and friends) on a free port. */
export async function serveBuild(outDir: string): Promise<ServedApp> {
  const server = await preview({
    root: VANILLA_EXAMPLE,
    configFile: false,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: 'localhost', port: 0, strictPort: false, open: false },
  })
  const address = server.httpServer.address()
  if (address === null || typeof address === 'string') throw new Error('vite preview did not report a port')
  return {
    origin: `http://localhost:${address.port}`,
    close: () => server.close(),
  }
}
