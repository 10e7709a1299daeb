import { Hono } from 'hono'
import type { HealthResponse } from '@plinto/contract'
import type { PlintoEnv } from '../env'

/**
 * `GET /health`, `/health/liveness`, `/health/readiness` (CONTRACT.md § Health). Mounted at the server root
 * and under the API base path. Readiness asks the store; a store that cannot write answers 503.
 */
export function healthRoutes(): Hono<PlintoEnv> {
  const health = new Hono<PlintoEnv>()
  health.get('/health', (c) => {
    const { config } = c.var.server
    return c.json<HealthResponse>({ status: 'healthy', version: config.version, environment: config.mode })
  })
  health.get('/health/liveness', (c) => c.json({ status: 'ok' as const }))
  health.get('/health/readiness', async (c) => {
    const { server } = c.var
    const database = await server.store.ping().catch(() => false)
    if (database) return c.json({ status: 'ok' as const, checks: { database } })
    // Still the contract error shape, plus the check results for operators.
    return c.json(
      {
        detail: 'Not ready: the store is unavailable',
        error_code: 'INTERNAL_ERROR',
        timestamp: new Date(server.clock.now()).toISOString(),
        path: c.req.path,
        status: 'unavailable',
        checks: { database },
      },
      503,
    )
  })
  return health
}
