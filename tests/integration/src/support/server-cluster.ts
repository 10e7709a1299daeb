// Several real `plinto-server` processes (the package's built bin) on one PostgreSQL database behind a
// round-robin proxy: the deployment of issue 10 § Many instances on one database, for tests. Any instance can be
// killed (SIGKILL included) and restarted on the same port and database, with extra flags and environment.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { type RoundRobinProxy, startRoundRobinProxy } from './round-robin-proxy'

/** Options of {@link startServerCluster}. */
export interface ServerClusterOptions {
  /** The database every instance uses (`--database-url`); see `createTestDatabase`. */
  databaseUrl: string
  /** How many processes. Default 3. */
  instances?: number
  /** `--mode`. Default `test` (fast password hashing; rate limits off unless `--rate-limit on`). */
  mode?: 'development' | 'test' | 'production'
  /** More flags for every instance, e.g. `['--rate-limit', 'on', '--webhook-url', url, '--webhook-secret', s]`. */
  args?: readonly string[]
  /** More environment for every instance (the test process's DATABASE_URL and PLINTO_* never leak in). */
  env?: Readonly<Record<string, string>>
  /** createPlintoApp config options, written to a JSON file passed as `--config` (e.g. `{ trustProxy: true }`). */
  config?: Readonly<Record<string, unknown>>
  /** How long one instance may take to print its startup line. Default 60 s (a busy 2-core machine). */
  startTimeoutMs?: number
}

/** One `plinto-server` process of a {@link ServerCluster}. */
export interface ServerInstance {
  /** Its place in `cluster.instances` (and the value of the proxy's `x-served-by` for it). */
  readonly index: number
  /** The port it listens on; the same after a restart. */
  readonly port: number
  /** `http://127.0.0.1:PORT`: call this instance directly, past the proxy. */
  readonly url: string
  /** False between a kill/stop and the next start. */
  readonly running: boolean
  /** The current process. */
  readonly process: ChildProcess
  /** Everything this instance printed (stdout and stderr), every run so far. */
  output(): string
  /** Sends `signal` (default SIGKILL: no shutdown code runs) and resolves once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>
  /** Starts it again (killing it first if it runs) on the same port, database, flags and environment. */
  restart(): Promise<void>
}

/** Instances on one database behind a round-robin proxy. */
export interface ServerCluster {
  readonly instances: readonly ServerInstance[]
  /** The proxy's base URL: each request goes to the next running instance. */
  readonly url: string
  /** Stops the proxy and every instance (SIGTERM, then SIGKILL after 5 s). */
  close(): Promise<void>
}

/**
 * Starts `instances` plinto-server processes at once on `databaseUrl` (so concurrent starts are part of every
 * run) and a round-robin proxy in front of them. Needs the built package (`pnpm build`).
 *
 * @example
 * ```ts
 * const database = await createTestDatabase(inject('postgresUrl')!)
 * const cluster = await startServerCluster({ databaseUrl: database.url, args: ['--rate-limit', 'on'] })
 * await fetch(`${cluster.url}/health`)
 * await cluster.instances[1]!.kill() // SIGKILL
 * await cluster.instances[1]!.restart()
 * await cluster.close()
 * ```
 */
export async function startServerCluster(options: ServerClusterOptions): Promise<ServerCluster> {
  const configDir = await mkdtemp(join(tmpdir(), 'plinto-cluster-'))
  const args = [...(options.args ?? [])]
  if (options.config) {
    const file = join(configDir, 'config.json')
    await writeFile(file, JSON.stringify(options.config))
    args.push('--config', file)
  }
  const instances = Array.from(
    { length: options.instances ?? 3 },
    (_, index) => new Instance(index, options, args, options.startTimeoutMs ?? 60_000),
  )
  let proxy: RoundRobinProxy | undefined
  const close = async () => {
    await proxy?.close()
    await Promise.all(instances.map((instance) => instance.stop()))
    await rm(configDir, { recursive: true, force: true })
  }
  try {
    await Promise.all(instances.map((instance) => instance.start()))
    proxy = await startRoundRobinProxy(() =>
      instances
        .filter((instance) => instance.running)
        .map((instance) => ({ index: instance.index, url: instance.url })),
    )
  } catch (error) {
    await close()
    throw error
  }
  return { instances, url: proxy.url, close }
}

/** The bin the package declares, from its built `dist`. */
function serverBin(): string {
  const require = createRequire(import.meta.url)
  const manifest = require.resolve('@plinto/server/package.json')
  const { bin } = require(manifest) as { bin: Record<string, string> }
  const path = bin['plinto-server']
  if (!path) throw new Error('@plinto/server declares no plinto-server bin')
  return join(dirname(manifest), path)
}

class Instance implements ServerInstance {
  port = 0
  running = false
  process!: ChildProcess
  private text = ''
  private exited: Promise<void> = Promise.resolve()

  constructor(
    readonly index: number,
    private readonly options: ServerClusterOptions,
    private readonly args: readonly string[],
    private readonly startTimeoutMs: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  output(): string {
    return this.text
  }

  /** Spawns the process (port 0 the first time, the same port after) and waits for its startup line. */
  async start(): Promise<void> {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL' && !name.startsWith('PLINTO_')),
    )
    const argv = [
      serverBin(),
      '--database-url',
      this.options.databaseUrl,
      '--host',
      '127.0.0.1',
      '--port',
      String(this.port),
      '--mode',
      this.options.mode ?? 'test',
      ...this.args,
    ]
    const child = spawn(process.execPath, argv, {
      env: { ...inherited, ...this.options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.process = child
    this.text += `--- instance ${this.index} started (pid ${child.pid})\n`
    const listening = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`instance ${this.index}: no startup line in ${this.startTimeoutMs} ms:\n${this.text}`)),
        this.startTimeoutMs,
      )
      const onData = (chunk: Buffer) => {
        this.text += chunk.toString()
        const match = /listening on http:\/\/[^:\s]+:(\d+)/.exec(this.text.slice(this.text.lastIndexOf('--- instance')))
        if (match) {
          clearTimeout(timer)
          resolve(Number(match[1]))
        }
      }
      child.stdout.on('data', onData)
      child.stderr.on('data', onData)
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`instance ${this.index} exited (${signal ?? code}) before listening:\n${this.text}`))
      })
    })
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        this.running = false
        resolve()
      }),
    )
    this.port = await listening
    this.running = true
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return
    // Out of the proxy's rotation at once, as a load balancer's failed health check would take it.
    this.running = false
    this.process.kill(signal)
    await this.exited
  }

  async restart(): Promise<void> {
    await this.kill()
    await this.start()
  }

  /** SIGTERM (a clean shutdown), SIGKILL if it is not gone within 5 s. */
  async stop(): Promise<void> {
    if (!this.process || this.process.exitCode !== null || this.process.signalCode !== null) return
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5_000)
    await this.kill('SIGTERM')
    clearTimeout(timer)
  }
}

/** A parsed JSON response (body `null` when empty), with the instance that served it when it went through the proxy. */
export interface ClusterReply {
  status: number
  headers: Record<string, string | string[] | undefined>
  // biome-ignore lint/suspicious/noExplicitAny: tests read any JSON body without declaring its type
  body: any
}

/**
 * One HTTP request with JSON in and out, sent from the local address `from` (any 127.x.y.z: on Linux the whole
 * 127/8 block is the loopback), so that a proxy that appends the peer address to X-Forwarded-For makes each test's
 * traffic come from a client IP of its own — distinct budgets for the per-IP rate limits, as distinct clients get.
 *
 * @example
 * ```ts
 * const reply = await requestFrom('127.0.0.7', 'POST', `${cluster.url}/api/v1/auth/signin`, { body: { email, password } })
 * ```
 */
export function requestFrom(
  from: string,
  method: string,
  url: string,
  options: { body?: unknown; token?: string } = {},
): Promise<ClusterReply> {
  const target = new URL(url)
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body)
  const headers: Record<string, string> = {}
  if (payload !== undefined) headers['content-type'] = 'application/json'
  if (options.token) headers.authorization = `Bearer ${options.token}`
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method,
        headers,
        localAddress: from,
        agent: false,
      },
      (incoming) => {
        let text = ''
        incoming.setEncoding('utf8')
        incoming.on('data', (chunk: string) => (text += chunk))
        incoming.on('end', () => {
          try {
            resolve({
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              body: text ? JSON.parse(text) : null,
            })
          } catch {
            reject(new Error(`${method} ${url} answered ${incoming.statusCode} with non-JSON: ${text.slice(0, 200)}`))
          }
        })
        incoming.on('error', reject)
      },
    )
    outgoing.on('error', reject)
    outgoing.end(payload)
  })
}
