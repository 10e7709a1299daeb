import { Hono } from 'hono'
import type { PlintoEnv } from '../env'

/** `GET /.well-known/jwks.json`: the public keys access tokens are signed with (server root). */
export function jwksRoutes(): Hono<PlintoEnv> {
  const jwks = new Hono<PlintoEnv>()
  jwks.get('/.well-known/jwks.json', async (c) => {
    const ring = await c.var.server.keys()
    // Short caching: verifiers pick up a new key within minutes, and refetch on an unknown `kid` anyway.
    c.header('Cache-Control', 'public, max-age=300')
    return c.json(ring.jwks)
  })
  return jwks
}
