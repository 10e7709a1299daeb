import type { MiddlewareHandler } from 'hono'
import type { PlintoEnv } from '../env'

const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS'
const ALLOW_HEADERS = 'Authorization, Content-Type, X-Plinto-Token-Transport, X-Request-Id'
const EXPOSE_HEADERS = 'X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After'

/**
 * CORS with credentials for an exact list of origins (never `*`, which browsers refuse with credentials
 * anyway). Preflights from allowed origins get 204; other origins get no CORS headers, so the browser
 * blocks them. Headers are set after the route ran, so error responses carry them too.
 */
export function cors(allowedOrigins: readonly string[]): MiddlewareHandler<PlintoEnv> {
  const allowed = new Set(allowedOrigins)
  return async (c, next) => {
    const origin = c.req.header('origin')
    const isAllowed = origin !== undefined && allowed.has(origin)
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      c.header('Vary', 'Origin')
      if (!isAllowed) return c.body(null, 204)
      c.header('Access-Control-Allow-Origin', origin)
      c.header('Access-Control-Allow-Credentials', 'true')
      c.header('Access-Control-Allow-Methods', ALLOW_METHODS)
      c.header('Access-Control-Allow-Headers', ALLOW_HEADERS)
      c.header('Access-Control-Max-Age', '600')
      return c.body(null, 204)
    }
    await next()
    c.header('Vary', 'Origin', { append: true })
    if (isAllowed) {
      c.header('Access-Control-Allow-Origin', origin)
      c.header('Access-Control-Allow-Credentials', 'true')
      c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS)
    }
  }
}
