import type { MiddlewareHandler } from 'hono'

/**
 * For routes whose answer carries tokens, secrets or backup codes (CONTRACT.md: the operations whose success
 * response declares `Cache-Control: no-store`): no browser, proxy or CDN may keep a copy. Set on the way out,
 * so error answers of these routes carry it too.
 */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  }
}
