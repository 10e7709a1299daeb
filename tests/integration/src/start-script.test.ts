import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { connect, createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PlintoClient } from '@plinto/typescript-sdk'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'

// `pnpm start` for real: scripts/start.mjs with the built reference server (CI runs `pnpm build` first)
// and examples/react-vite's Vite dev server, on free ports and a temporary data directory.
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const START_SCRIPT = join(REPO_ROOT, 'scripts/start.mjs')

interface StartRun {
  readonly process: ChildProcess
  /** Everything it printed so far, stdout and stderr. */
  output(): string
  /** Resolves once the output matches `pattern`; rejects if the script exits first. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>
  /** Resolves with the exit code once the script has exited. */
  readonly exited: Promise<number | null>
}

const runs: StartRun[] = []

function start(env: Record<string, string>): StartRun {
  // A developer's own settings must not leak in.
  const inherited = { ...process.env }
  for (const name of ['PLINTO_PORT', 'PLINTO_APP_PORT', 'PLINTO_DATA_DIR', 'VITE_PLINTO_TOKEN_STORAGE'])
    delete inherited[name]
  const child = spawn(process.execPath, [START_SCRIPT], {
    cwd: REPO_ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let text = ''
  const listeners = new Set<() => void>()
  const append = (chunk: Buffer) => {
    text += chunk.toString()
    for (const listener of listeners) listener()
  }
  child.stdout.on('data', append)
  child.stderr.on('data', append)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const run: StartRun = {
    process: child,
    output: () => text,
    exited,
    waitForOutput(pattern, timeoutMs = 45_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(text)) return
          cleanup()
          resolve()
        }
        const timer = setTimeout(() => {
          cleanup()
          reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${text}`))
        }, timeoutMs)
        const cleanup = () => {
          clearTimeout(timer)
          listeners.delete(check)
        }
        listeners.add(check)
        void exited.then(() => {
          if (!listeners.has(check)) return
          cleanup()
          reject(new Error(`the script exited before printing ${pattern}; output:\n${text}`))
        })
        check()
      })
    },
  }
  runs.push(run)
  return run
}

/** A port that is free right now on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      if (address === null || typeof address === 'string') return reject(new Error('no port assigned'))
      server.close(() => resolve(address.port))
    })
  })
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** Every process below `pid` (children, grandchildren, …), from `ps` (Linux and macOS). */
function descendants(pid: number): number[] {
  const table = spawnSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' }).stdout
  const children = new Map<number, number[]>()
  for (const line of table.trim().split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number)
    children.set(parent!, [...(children.get(parent!) ?? []), child!])
  }
  const found: number[] = []
  const queue = [pid]
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child)
      queue.push(child)
    }
  }
  return found
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The reference server among the script's children: the one running packages/server/dist/bin.js. */
function serverPid(children: number[]): number {
  for (const pid of children) {
    const command = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout
    if (command.includes('packages/server/dist/bin.js')) return pid
  }
  throw new Error(`no reference server among ${children.join(', ')}`)
}

let apiPort: number
let appPort: number
let dataDir: string
let env: Record<string, string>
const email = 'start-script@example.com'
const password = 'a long enough passphrase'

beforeAll(async () => {
  apiPort = await freePort()
  do appPort = await freePort()
  while (appPort === apiPort)
  dataDir = await mkdtemp(join(tmpdir(), 'plinto-start-data-'))
  env = { PLINTO_PORT: String(apiPort), PLINTO_APP_PORT: String(appPort), PLINTO_DATA_DIR: dataDir }
})

afterEach(() => {
  // A failed test must not leave servers behind.
  for (const run of runs.splice(0)) {
    if (run.process.pid === undefined) continue
    for (const pid of descendants(run.process.pid)) process.kill(pid, 'SIGKILL')
    run.process.kill('SIGKILL')
  }
})

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('pnpm start (scripts/start.mjs)', () => {
  test('starts the API and the app, prints where they are, and Ctrl-C stops both', { timeout: 60_000 }, async () => {
    const run = start(env)
    await run.waitForOutput(/Ctrl-C to stop/)
    const appUrl = `http://localhost:${appPort}`
    expect(run.output()).toContain(`App        ${appUrl}\n`)
    expect(run.output()).toContain(`Dev inbox  ${appUrl}/dev/inbox `)
    expect(run.output()).toContain(`API        http://localhost:${apiPort} `)
    expect(run.output()).toContain(`http://localhost:${apiPort}/__dev/outbox?to=ADDRESS`)
    expect(run.output()).toContain(`Data       ${dataDir} `)

    const page = await fetch(`http://127.0.0.1:${appPort}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    expect(await page.text()).toMatch(/<!doctype html>/i)
    // The app's client points at this API: Vite serves the module that reads VITE_PLINTO_API_URL with it.
    const clientModule = await (await fetch(`http://127.0.0.1:${appPort}/src/plinto.ts`)).text()
    expect(clientModule).toContain(`"VITE_PLINTO_API_URL": "http://localhost:${apiPort}"`)

    // CORS with credentials for the app by both names and for the Next.js example's dev server.
    for (const origin of [appUrl, `http://127.0.0.1:${appPort}`, 'http://localhost:3000']) {
      const jwks = await fetch(`http://127.0.0.1:${apiPort}/.well-known/jwks.json`, { headers: { origin } })
      expect(jwks.status).toBe(200)
      expect(jwks.headers.get('access-control-allow-origin')).toBe(origin)
      expect(jwks.headers.get('access-control-allow-credentials')).toBe('true')
    }
    const stranger = await fetch(`http://127.0.0.1:${apiPort}/.well-known/jwks.json`, {
      headers: { origin: 'http://localhost:1' },
    })
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull()

    const plinto = new PlintoClient({ apiUrl: `http://127.0.0.1:${apiPort}`, tokenStorage: { type: 'memory' } })
    const { user } = await plinto.auth.signUp({ email, password, first_name: 'Ada' })
    expect(user.email).toBe(email)
    plinto.dispose()
    // Development mode keeps the outbox, and its links open the app.
    const outbox = (await (
      await fetch(`http://127.0.0.1:${apiPort}/__dev/outbox?${new URLSearchParams({ to: email })}`)
    ).json()) as { messages: Array<{ link: string | null }> }
    expect(outbox.messages[0]?.link).toMatch(new RegExp(`^${appUrl}/verify-email\\?token=`))

    const children = descendants(run.process.pid!)
    expect(children.length).toBeGreaterThanOrEqual(2)
    run.process.kill('SIGINT')
    expect(await run.exited).toBe(0)
    expect(await isListening(apiPort)).toBe(false)
    expect(await isListening(appPort)).toBe(false)
    expect(children.filter(isAlive)).toEqual([])
  })

  test('a second start keeps the data; SIGTERM stops it too', { timeout: 60_000 }, async () => {
    const run = start(env)
    await run.waitForOutput(/Ctrl-C to stop/)
    const plinto = new PlintoClient({ apiUrl: `http://127.0.0.1:${apiPort}`, tokenStorage: { type: 'memory' } })
    const { user } = await plinto.auth.signIn({ email, password })
    expect(user).toMatchObject({ email, first_name: 'Ada' })
    plinto.dispose()

    const children = descendants(run.process.pid!)
    run.process.kill('SIGTERM')
    expect(await run.exited).toBe(0)
    expect(children.filter(isAlive)).toEqual([])
  })

  test('when one side exits on its own, the other is stopped and the script fails', { timeout: 60_000 }, async () => {
    const run = start(env)
    await run.waitForOutput(/Ctrl-C to stop/)
    const children = descendants(run.process.pid!)
    process.kill(serverPid(children), 'SIGKILL')
    expect(await run.exited).toBe(1)
    expect(run.output()).toMatch(/The reference server was killed by SIGKILL\. Stopping the other one\./)
    expect(await isListening(appPort)).toBe(false)
    expect(children.filter(isAlive)).toEqual([])
  })

  test('a taken port stops it before anything starts, naming the port and the variable', {
    timeout: 30_000,
  }, async () => {
    const blocker: Server = createServer()
    await new Promise<void>((resolve) => blocker.listen(appPort, '127.0.0.1', resolve))
    try {
      const run = start(env)
      expect(await run.exited).toBe(1)
      expect(run.output()).toContain(`Port ${appPort} for the example app is already in use on 127.0.0.1`)
      expect(run.output()).toContain(`PLINTO_APP_PORT=${appPort + 1} pnpm start`)
      expect(await isListening(apiPort)).toBe(false)
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })
})
