import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import { sha256 } from '../crypto/hash'
import type { PlintoEnv } from '../env'
import { ApiError } from '../errors'
import type { RateLimitClass, RateLimitRule } from '../rate-limit/rate-limit-rules'
import type { ServerContext } from '../server-context'

/** The outcome of counting one request against a budget; drives the `X-RateLimit-*` headers. */
export interface RateLimitResult {
  allowed: boolean
  limit: number
  remaining: number
  /** Unix ms when the window resets. */
  resetAt: number
}

// Marks the middleware `rateLimit(cls)` returns, so the app-wide fallback can tell that a route declared
// its class: each request counts against exactly one class.
const DECLARED_CLASS = Symbol('rateLimitClass')

type ClassMiddleware = MiddlewareHandler<PlintoEnv> & { [DECLARED_CLASS]?: RateLimitClass }

/** How often each app sweeps the windows that ended out of the store (never on a request's own time). */
const SWEEP_INTERVAL_MS = 60_000

/**
 * Declares a route's rate-limit class (CONTRACT.md § Rate limits) and counts the request against that
 * class's budget for the client IP; 429 `RATE_LIMITED` when it is spent. Put it first on the route, so
 * the request is counted before any work is done:
 * `auth.post('/signin', rateLimit('signin'), jsonBody(SignInRequestSchema), …)`.
 */
export function rateLimit(cls: Exclude<RateLimitClass, 'general'>): MiddlewareHandler<PlintoEnv> {
  const middleware: ClassMiddleware = async (c, next) => {
    await countIp(c, cls)
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
    if (!declared) await countIp(c, 'general')
    await next()
  }
}

/**
 * Counts the request against the per-account budget of its class (key: the normalised email or username).
 * Call it after validating the body and before doing any work for the account (or sending it any email).
 */
export async function limitAccount<E extends PlintoEnv>(c: Context<E>, account: string): Promise<void> {
  const rules = c.var.server.config.rateLimit
  const cls = c.var.rateLimitClass
  if (!rules || !cls) return
  enforce(c, await count(c.var.server, cls, 'account', account, rules[cls]))
}

async function countIp(c: Context<PlintoEnv>, cls: RateLimitClass): Promise<void> {
  const rules = c.var.server.config.rateLimit
  if (!rules) return
  c.set('rateLimitClass', cls)
  enforce(c, await count(c.var.server, cls, 'ip', c.var.clientIp, rules[cls]))
}

/**
 * Checks and counts one request in the store, in one atomic step: concurrent requests, and every server
 * process on the same database, count against one window.
 */
async function count(
  server: ServerContext,
  cls: RateLimitClass,
  scope: 'ip' | 'account',
  value: string,
  rule: RateLimitRule,
): Promise<RateLimitResult> {
  const now = server.clock.now()
  sweepNowAndThen(server, now)
  // The value is stored as a digest: the table never holds the emails people typed, and any string fits.
  const key = `${cls}:${scope}:${await sha256(value)}`
  const hit = await server.store.rateLimits.hit(key, rule.limit, rule.windowSeconds * 1000, now)
  return {
    allowed: hit.allowed,
    limit: rule.limit,
    remaining: Math.max(0, rule.limit - hit.count),
    resetAt: hit.reset_at,
  }
}

// Per app: when it next sweeps. The first sweep comes one interval after the first request.
const nextSweep = new WeakMap<ServerContext, number>()

/**
 * Deletes the windows that ended, at most once a minute per app, without the request waiting for it: the
 * table holds about the live windows only, and no request pays for the sweep.
 */
function sweepNowAndThen(server: ServerContext, now: number): void {
  const due = nextSweep.get(server)
  if (due === undefined || now >= due) nextSweep.set(server, now + SWEEP_INTERVAL_MS)
  if (due === undefined || now < due) return
  server.store.rateLimits.deleteExpired(now).catch((error: unknown) => {
    server.logger.warn('Rate-limit sweep failed', { error: error instanceof Error ? error.message : String(error) })
  })
}

function enforce<E extends PlintoEnv>(c: Context<E>, result: RateLimitResult): void {
  const previous = c.var.rateLimit
  // Report the tighter budget of the ones counted (IP, account) in the headers.
  if (!previous || result.remaining < previous.remaining || !result.allowed) c.set('rateLimit', result)
  if (result.allowed) return
  const retryAfter = Math.max(1, Math.ceil((result.resetAt - c.var.server.clock.now()) / 1000))
  throw new ApiError(429, 'RATE_LIMITED', `Rate limit exceeded. Try again in ${retryAfter} seconds.`, { retryAfter })
}
