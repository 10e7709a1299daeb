import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { createPlintoApp, type PlintoApp } from './app'
import type { PlintoAppOptions } from './context'

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
  /** Stops accepting connections, ends idle keep-alive ones, and resolves when the server is closed. */
  close(): Promise<void>
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
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    app,
    close: () =>
      new Promise<void>((resolve, reject) => {
        listening.close((error) => (error ? reject(error) : resolve()))
        // Idle keep-alive sockets would hold close() open until they time out.
        if ('closeIdleConnections' in listening) listening.closeIdleConnections()
      }),
  }
}

export type { PlintoAppOptions } from './context'
export { createFileStore, STATE_FILE } from './store/file-store'
