import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { NEXT_EXAMPLE } from './paths'

/** The `next` CLI of examples/nextjs (its own dependency, not one of this package). */
function nextBin(): string {
  const require = createRequire(join(NEXT_EXAMPLE, 'package.json'))
  return join(dirname(require.resolve('next/package.json')), 'dist', 'bin', 'next')
}

/**
 * Environment of a `next` process: production mode (vitest sets `NODE_ENV=test`, a non-standard value for
 * `next build` and `next start`), no telemetry (CI machines have no network), and no `PLINTO_*` variables
 * from the developer's shell: the app gets exactly what the test passes.
 */
function nextEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' }
  for (const name of Object.keys(env)) if (name.startsWith('PLINTO_')) delete env[name]
  return { ...env, ...extra }
}

/** Collects a child's output, printed only when something goes wrong. */
function captureOutput(child: ChildProcess): () => string {
  let output = ''
  const append = (chunk: Buffer) => {
    output += chunk.toString()
    if (output.length > 200_000) output = output.slice(-100_000)
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  return () => output
}

/**
 * `next build` of examples/nextjs into its `.next/` folder, as an integrator builds it. The build holds no
 * Plinto settings (the app reads `PLINTO_API_URL` at request time), so one build serves every test.
 * About a minute on two cores.
 */
export async function buildNextExample(): Promise<void> {
  const child = spawn(process.execPath, [nextBin(), 'build'], {
    cwd: NEXT_EXAMPLE,
    env: nextEnv({}),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = captureOutput(child)
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  if (code !== 0) throw new Error(`next build of examples/nextjs failed with exit ${code}:\n${output()}`)
}

export interface NextAppOptions {
  /** The port to serve on (from `freePort()`). */
  port: number
  /** `PLINTO_API_URL` of the app: the reference server's root URL. */
  apiUrl: string
  /** `PLINTO_TOKEN_STORAGE` of the app (default `localStorage`). */
  tokenStorage?: 'localStorage' | 'cookie'
}

export interface NextApp {
  /** `http://localhost:PORT`: the origin pages use (same site as the API on localhost, and WebAuthn's RP ID). */
  readonly origin: string
  /** What the server printed so far, for failure reports. */
  output(): string
  /** Stops the server and every process it started. */
  close(): Promise<void>
}

/**
 * Serves the production build with `next start` and resolves once it answers HTTP. The server runs in
 * its own process group, killed as a whole by `close()`, and also when this test process exits without
 * calling it (a crashed worker must not leave a server behind).
 */
export async function startNextApp({ port, apiUrl, tokenStorage = 'localStorage' }: NextAppOptions): Promise<NextApp> {
  const child = spawn(process.execPath, [nextBin(), 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: NEXT_EXAMPLE,
    env: nextEnv({ PLINTO_API_URL: apiUrl, PLINTO_TOKEN_STORAGE: tokenStorage }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const output = captureOutput(child)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal)
    } catch {
      // Already gone.
    }
  }
  const killOnExit = () => killGroup('SIGKILL')
  process.once('exit', killOnExit)

  const close = async () => {
    process.off('exit', killOnExit)
    if (child.exitCode !== null || child.signalCode !== null) return
    killGroup('SIGTERM')
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, 5_000, 'timeout').unref())
    if ((await Promise.race([exited, timeout])) === 'timeout') killGroup('SIGKILL')
    await exited
  }

  const origin = `http://localhost:${port}`
  try {
    await waitUntilServing(`http://127.0.0.1:${port}/api/me`, exited)
  } catch (error) {
    await close()
    throw new Error(`next start did not come up: ${(error as Error).message}\n${output()}`)
  }
  return { origin, output, close }
}

/** Polls `url` until the server answers (any status), the process exits, or 60 s pass. */
async function waitUntilServing(url: string, exited: Promise<void>): Promise<void> {
  let gone = false
  void exited.then(() => (gone = true))
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (gone) throw new Error('the process exited')
    try {
      await fetch(url, { signal: AbortSignal.timeout(5_000) })
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  throw new Error('no answer within 60 s')
}
