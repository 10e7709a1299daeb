import type { RateLimitResult } from './rate-limiter'
import type { PlintoContext } from './context'
import type { RateLimitClass } from './config'

/**
 * Hono environment of the Plinto app. `Bindings.clientIp` is how a runtime adapter passes the socket's
 * peer address in (`startServer` does); under MSW there is none and the IP reads as `unknown`.
 */
export interface PlintoEnv {
  Bindings: { clientIp?: string } | undefined
  Variables: {
    context: PlintoContext
    requestId: string
    clientIp: string
    /** The most restrictive budget counted for this request; drives the X-RateLimit-* headers. */
    rateLimit: RateLimitResult | undefined
    /** The rate-limit class of this request, when rate limiting is on. */
    rateLimitClass: RateLimitClass | undefined
  }
}
