import type { RateLimitClass } from './rate-limit/rate-limit-rules'
import type { RateLimitResult } from './middleware/rate-limit'
import type { ServerContext } from './server-context'
import type { SessionRecord, UserRecord } from './store/types'

/**
 * Hono environment of the Plinto app. `Bindings.clientIp` is how a runtime adapter passes the socket's
 * peer address in (`startServer` does); under MSW there is none and the IP reads as `unknown`.
 */
export interface PlintoEnv {
  Bindings: { clientIp?: string } | undefined
  Variables: {
    /** What the app runs on: configuration, store, clock, mail, keys (`app.plinto` outside requests). */
    server: ServerContext
    requestId: string
    clientIp: string
    /** The most restrictive budget counted for this request; drives the X-RateLimit-* headers. */
    rateLimit: RateLimitResult | undefined
    /** The rate-limit class of this request, when rate limiting is on. */
    rateLimitClass: RateLimitClass | undefined
  }
}

/** The environment of a route behind `requireSession()`: the signed-in user and their session. */
export interface SignedInEnv {
  Bindings: PlintoEnv['Bindings']
  Variables: PlintoEnv['Variables'] & { user: UserRecord; session: SessionRecord }
}
