import type { Context, MiddlewareHandler } from 'hono'
import type { RateLimitClass } from '../config'
import { ApiError } from '../errors'
import type { PlintoEnv } from '../env'
import type { RateLimitResult } from '../rate-limiter'

/** Which contract class an API route belongs to; everything not listed is `general`. */
const ROUTE_CLASSES: Record<string, RateLimitClass> = {
  'POST /auth/signup': 'signup',
  'POST /auth/signin': 'signin',
  'POST /auth/password/forgot': 'passwordReset',
  'POST /auth/password/reset': 'passwordReset',
  'POST /auth/email/verify': 'emailVerification',
  'POST /auth/email/resend': 'emailVerification',
  'POST /auth/magic-link': 'magicLink',
  'POST /auth/magic-link/verify': 'magicLink',
  // The other ways to finish a sign-in count as sign-in attempts (the mfa_token also allows 5 wrong codes).
  'POST /mfa/challenge': 'signin',
  'POST /mfa/challenge/send': 'signin',
  'POST /passkeys/authenticate/verify': 'signin',
}

/**
 * Counts every request against its class's budget for the client IP and answers 429 `RATE_LIMITED` when
 * it is spent. Account budgets are counted by the routes, which know the email ({@link limitAccount}).
 */
export function rateLimit(): MiddlewareHandler<PlintoEnv> {
  return async (c, next) => {
    const context = c.get('context')
    const rules = context.config.rateLimit
    if (!rules) return next()
    const cls = classify(c.req.method, c.req.path, context.config.apiBasePath)
    c.set('rateLimitClass', cls)
    enforce(c, context.rateLimiter.hit(`${cls}:ip:${c.get('clientIp')}`, rules[cls], context.clock.now()))
    return next()
  }
}

/**
 * Counts the request against the per-account budget of its class (key: the normalised email or username).
 * Call it after validating the body and before doing any work for the account.
 *
 * @example
 * ```ts
 * limitAccount(c, normalizeEmail(body.email))
 * ```
 */
export function limitAccount(c: Context<PlintoEnv>, account: string): void {
  const context = c.get('context')
  const rules = context.config.rateLimit
  const cls = c.get('rateLimitClass')
  if (!rules || !cls) return
  enforce(c, context.rateLimiter.hit(`${cls}:account:${account}`, rules[cls], context.clock.now()))
}

function enforce(c: Context<PlintoEnv>, result: RateLimitResult): void {
  const previous = c.get('rateLimit')
  // Report the tighter budget of the ones counted (IP, account) in the headers.
  if (!previous || result.remaining < previous.remaining || !result.allowed) c.set('rateLimit', result)
  if (result.allowed) return
  const retryAfter = Math.max(1, Math.ceil((result.resetAt - c.get('context').clock.now()) / 1000))
  throw new ApiError(429, 'RATE_LIMITED', `Rate limit exceeded. Try again in ${retryAfter} seconds.`, { retryAfter })
}

function classify(method: string, path: string, basePath: string): RateLimitClass {
  if (!path.startsWith(`${basePath}/`)) return 'general'
  return ROUTE_CLASSES[`${method} ${path.slice(basePath.length)}`] ?? 'general'
}
