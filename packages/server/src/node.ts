import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { createPlintoApp, type PlintoApp } from './app'
import type { PlintoAppOptions } from './server-context'

/**
 * Options of {@link startServer}: where to listen, plus everything {@link createPlintoApp} takes.
 *
 * @example
 * ```ts
 * const options: StartServerOptions = { port: 0, host: '127.0.0.1', mode: 'test' }
 * ```
 */
export interface StartServerOptions extends PlintoAppOptions {
  /** Default 8000; 0 picks a free port. */
  port?: number
  /** Default `127.0.0.1` (local only); `0.0.0.0` to listen on every interface. */
  host?: string
}

/**
 * A listening server.
 *
 * @example
 * ```ts
 * const server: RunningServer = await startServer({ port: 0 })
 * console.log(server.url) // http://127.0.0.1:54321
 * await server.close()
 * ```
 */
export interface RunningServer {
  /** `http://host:port`, ready for `fetch` or an SDK's `apiUrl`. */
  url: string
  port: number
  /** The app being served (its context is `app.plinto`). */
  app: PlintoApp
  /**
   * Stops accepting connections and resolves when every connection is gone: idle keep-alive ones are
   * closed at once, busy ones as soon as their response is sent, and whatever is still open after
   * `timeout` ms (default 5000; 0 cuts everything now) is cut, so a slow request or a browser's
   * pre-opened socket cannot hold a shutdown for a minute. Then the webhook worker stops claiming and the
   * attempts it has in flight finish (each within its timeout); what is still pending stays in the store.
   */
  close(options?: CloseOptions): Promise<void>
}

/**
 * Options of {@link RunningServer.close}.
 *
 * @example
 * ```ts
 * await server.close({ timeout: 0 }) // cut every connection now, e.g. to simulate an outage in a test
 * ```
 */
export interface CloseOptions {
  /** Milliseconds that requests in flight get to finish before their connections are cut. Default 5000. */
  timeout?: number
}

/**
 * Serves the reference server app over HTTP on Node, with the client IP taken from the socket (and from
 * `X-Forwarded-For` only when `config.trustProxy` is on).
 *
 * @example
 * ```ts
 * import { startServer } from '@plinto/server/node'
 * const server = await startServer({ port: 0, mode: 'test' })
 * const res = await fetch(`${server.url}/health`)
 * await server.close()
 * ```
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const { port = 8000, host = '127.0.0.1', ...appOptions } = options
  const app = createPlintoApp(appOptions)
  // The signing key is loaded (or created, atomically, once for all instances on one store) before listening:
  // a store that cannot be read fails the start rather than the first sign-in.
  await app.plinto.keys()
  let server: ServerType | undefined
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve(
      {
        fetch: (request, env) => app.fetch(request, { clientIp: env.incoming.socket.remoteAddress }),
        port,
        hostname: host,
      },
      (info) => resolve(info),
    )
    server.once('error', reject)
  })
  const listening = server as ServerType
  // The store's sweep, off the request path. Unref'd, so it never keeps a process alive; one at a time; a
  // failed sweep (database away) is logged and tried again at the next tick; close() waits for a running one,
  // so the caller may close the store right after.
  let sweeping: Promise<void> | undefined
  const sweeper = setInterval(() => {
    sweeping ??= app.plinto
      .sweep()
      .then(
        () => undefined,
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error)
          app.plinto.logger.error('Store sweep failed', { error: message })
        },
      )
      .finally(() => {
        sweeping = undefined
      })
  }, app.plinto.config.sweepIntervalSeconds * 1000)
  sweeper.unref()
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    app,
    close: ({ timeout = 5_000 } = {}) =>
      new Promise<void>((resolve, reject) => {
        clearInterval(sweeper)
        // `serve()` gives a Node http.Server here (no TLS or HTTP/2 options are passed).
        const http = listening as Server
        // Keep-alive sockets would hold close() open until they time out: the idle ones now, the busy ones
        // as soon as they turn idle (swept every 50 ms), and anything left, such as a socket the browser
        // opened ahead of a request that never came, after `timeout`.
        const sweep = setInterval(() => http.closeIdleConnections(), 50)
        const cut = setTimeout(() => http.closeAllConnections(), timeout)
        http.close((error) => {
          clearInterval(sweep)
          clearTimeout(cut)
          // Then the webhook worker, once a running sweep is done: it stops claiming and lets the attempts in
          // flight finish, so the store can be closed after this resolves.
          void (sweeping ?? Promise.resolve())
            .then(() => app.plinto.webhooks.close())
            .then(() => (error ? reject(error) : resolve()), reject)
        })
        http.closeIdleConnections()
      }),
  }
}

export type { PlintoAppOptions } from './server-context'
export {
  createEmbeddedStore,
  EMBEDDED_DATABASE_DIR,
  type EmbeddedStoreOptions,
} from './store/embedded/embedded-store'
export { DataDirInUseError } from './store/embedded/data-dir-lock'
export {
  createPostgresStore,
  type PostgresStoreOptions,
  type PostgresConnectionOptions,
  type PostgresClientOptions,
  type PostgresCommonOptions,
} from './store/postgres/postgres-store'
export {
  MissingDependencyError,
  pgPoolClient,
  type PgPoolLike,
  type PgPoolConnectionLike,
  type PostgresPoolOptions,
} from './store/postgres/pg-client'
export { pgliteClient, type PgliteLike } from './store/postgres/pglite-client'
export type { SqlClient, SqlQueryable, SqlResult } from './store/postgres/sql-client'
