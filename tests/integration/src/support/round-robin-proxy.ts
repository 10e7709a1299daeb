// A small load balancer for tests: forwards each request to the next live server in turn, over node:http, and
// appends the client's address to X-Forwarded-For as a real proxy would.
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, request, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A running {@link startRoundRobinProxy}. */
export interface RoundRobinProxy {
  /** `http://127.0.0.1:PORT` */
  readonly url: string
  close(): Promise<void>
}

/** Response header naming which target (its index in `targets()`' answer order) served a request. */
export const SERVED_BY = 'x-served-by'

/**
 * Listens on a free port of 127.0.0.1 and sends each request to the next of `targets()` — the base URLs of the
 * servers that are up, asked anew per request so a stopped server is skipped — by index. The client's socket
 * address is appended to `X-Forwarded-For` (servers behind it run with `trustProxy`), and the response names
 * the target in {@link SERVED_BY}. A target that cannot be reached answers 502.
 *
 * @example
 * ```ts
 * const proxy = await startRoundRobinProxy(() => [
 *   { index: 0, url: 'http://127.0.0.1:8001' },
 *   { index: 1, url: 'http://127.0.0.1:8002' },
 * ])
 * await fetch(`${proxy.url}/health`) // served by 8001, the next by 8002, …
 * await proxy.close()
 * ```
 */
export async function startRoundRobinProxy(
  targets: () => ReadonlyArray<{ index: number; url: string }>,
): Promise<RoundRobinProxy> {
  let next = 0
  const server = createServer((incoming, outgoing) => {
    const live = targets()
    const target = live[next++ % Math.max(1, live.length)]
    if (!target) return fail(outgoing, 'no server is up')
    forward(incoming, outgoing, target)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

function forward(incoming: IncomingMessage, outgoing: ServerResponse, target: { index: number; url: string }): void {
  const base = new URL(target.url)
  const forwardedFor = incoming.headers['x-forwarded-for']
  const client = incoming.socket.remoteAddress ?? 'unknown'
  const headers: OutgoingHttpHeaders = {
    ...incoming.headers,
    host: base.host,
    'x-forwarded-for': forwardedFor ? `${forwardedFor}, ${client}` : client,
  }
  const upstream = request(
    { hostname: base.hostname, port: base.port, method: incoming.method, path: incoming.url, headers },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, [SERVED_BY]: String(target.index) })
      answer.pipe(outgoing)
    },
  )
  upstream.on('error', (error) => fail(outgoing, `server ${target.index}: ${error.message}`))
  incoming.pipe(upstream)
}

function fail(outgoing: ServerResponse, why: string): void {
  if (outgoing.headersSent) {
    outgoing.destroy()
    return
  }
  outgoing.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy: ${why}`)
}
