import type { MiddlewareHandler } from 'hono'
import { resolveProvider, type ProviderId } from '../domain/oauth/oauth'
import type { PlintoEnv } from '../env'

/** The environment of a route behind `knownProvider()`. */
export interface ProviderEnv {
  Bindings: PlintoEnv['Bindings']
  Variables: PlintoEnv['Variables'] & { provider: ProviderId }
}

/**
 * For `/oauth/:provider/…` routes: the provider must be one this server offers (404 otherwise), checked
 * before anything else of the request. Sets `c.var.provider`.
 */
export function knownProvider(): MiddlewareHandler<ProviderEnv> {
  return async (c, next) => {
    c.set('provider', resolveProvider(c.var.server, c.req.param('provider') ?? ''))
    await next()
  }
}
