import type { MiddlewareHandler } from 'hono'
import { randomId } from '../crypto/random'
import type { ServerContext } from '../server-context'
import type { PlintoEnv } from '../env'

// A client-chosen request ID is kept (it ties client and server logs together) only if it is short and
// plain, so it cannot inject anything into logs or headers.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * First middleware of the app: assigns the request ID and client IP, and on the way out stamps
 * `X-Request-Id` and the `X-RateLimit-*` headers on every response, error responses included.
 */
export function requestContext(server: ServerContext): MiddlewareHandler<PlintoEnv> {
  return async (c, next) => {
    const incomingId = c.req.header('x-request-id')
    const requestId = incomingId && SAFE_REQUEST_ID.test(incomingId) ? incomingId : randomId('req')
    c.set('server', server)
    c.set('requestId', requestId)
    c.set('clientIp', clientIp(c.req.raw, c.env?.clientIp, server.config.trustProxy))
    c.set('rateLimit', undefined)
    await next()
    c.header('X-Request-Id', requestId)
    const limit = c.get('rateLimit')
    if (limit) {
      c.header('X-RateLimit-Limit', String(limit.limit))
      c.header('X-RateLimit-Remaining', String(limit.remaining))
      c.header('X-RateLimit-Reset', String(Math.ceil(limit.resetAt / 1000)))
    }
  }
}

/**
 * The client's IP: the socket peer, or with `trustProxy` the last `X-Forwarded-For` entry, the one our
 * own proxy appended (earlier entries are whatever the client claimed and cannot be trusted).
 */
function clientIp(request: Request, socketIp: string | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')
    const last = forwarded?.split(',').at(-1)?.trim()
    if (last) return last
  }
  return socketIp ?? 'unknown'
}
