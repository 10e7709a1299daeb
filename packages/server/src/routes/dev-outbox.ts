import { Hono } from 'hono'
import type { PlintoEnv } from '../env'

/**
 * `GET /__dev/outbox?to=ADDRESS` (CONTRACT.md § Development outbox): what the server "sent". Registered
 * only in development and test mode; in production the path is an ordinary 404.
 */
export function devOutboxRoutes(): Hono<PlintoEnv> {
  const dev = new Hono<PlintoEnv>()
  dev.get('/__dev/outbox', (c) => {
    const outbox = c.var.server.outbox
    const to = c.req.query('to')
    return c.json({ messages: outbox ? outbox.messages(to || undefined) : [] })
  })
  return dev
}
