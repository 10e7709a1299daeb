import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { RateLimitClass } from '../rate-limit/rate-limit-rules'
import { ApiError } from '../errors'
import type { PlintoEnv } from '../env'
import type { RateLimitResult } from '../rate-limit/rate-limiter'

// Marks the middleware `rateLimit(cls)` returns, so the app-wide fallback can tell that a route declared
// its class: each request counts against exactly one class.
const DECLARED_CLASS = Symbol('rateLimitClass')

type ClassMiddleware = MiddlewareHandler<PlintoEnv> & { [DECLARED_CLASS]?: RateLimitClass }

/**
 * Declares a route's rate-limit class (CONTRACT.md § Rate limits) and counts the request against that
 * class's budget for the client IP; 429 `RATE_LIMITED` when it is spent. Put it first on the route, so
 * the request is counted before any work is done:
 * `auth.post('/signin', rateLimit('signin'), jsonBody(SignInRequestSchema), …)`.
 */
export function rateLimit(cls: Exclude<RateLimitClass, 'general'>): MiddlewareHandler<PlintoEnv> {
  const middleware: ClassMiddleware = async (c, next) => {
    countIp(c, cls)
    await next()
  }
  middleware[DECLARED_CLASS] = cls
  return middleware
}

/**
 * App-wide: counts every request whose route declares no class (or that matches no route) against the
 * `general` budget for the client IP.
 */
export function rateLimitGeneral(): MiddlewareHandler<PlintoEnv> {
  return async (c, next) => {
    const declared = matchedRoutes(c).some((route) => DECLARED_CLASS in route.handler)
    if (!declared) countIp(c, 'general')
    await next()
  }
}

/**
 * Counts the request against the per-account budget of its class (key: the normalised email or username).
 * Call it after validating the body and before doing any work for the account.
 */
export function limitAccount<E extends PlintoEnv>(c: Context<E>, account: string): void {
  const { server } = c.var
  const rules = server.config.rateLimit
  const cls = c.var.rateLimitClass
  if (!rules || !cls) return
  enforce(c, server.rateLimiter.hit(`${cls}:account:${account}`, rules[cls], server.clock.now()))
}

function countIp(c: Context<PlintoEnv>, cls: RateLimitClass): void {
  const { server } = c.var
  const rules = server.config.rateLimit
  if (!rules) return
  c.set('rateLimitClass', cls)
  enforce(c, server.rateLimiter.hit(`${cls}:ip:${c.var.clientIp}`, rules[cls], server.clock.now()))
}

function enforce<E extends PlintoEnv>(c: Context<E>, result: RateLimitResult): void {
  const previous = c.var.rateLimit
  // Report the tighter budget of the ones counted (IP, account) in the headers.
  if (!previous || result.remaining < previous.remaining || !result.allowed) c.set('rateLimit', result)
  if (result.allowed) return
  const retryAfter = Math.max(1, Math.ceil((result.resetAt - c.var.server.clock.now()) / 1000))
  throw new ApiError(429, 'RATE_LIMITED', `Rate limit exceeded. Try again in ${retryAfter} seconds.`, { retryAfter })
}
