// The contract's rate-limit classes and their budgets; `resolveConfig` applies a caller's overrides.

/**
 * The rate-limit classes of CONTRACT.md § Rate limits.
 *
 * @example
 * ```ts
 * const cls: RateLimitClass = 'signin'
 * ```
 */
export type RateLimitClass =
  | 'signup'
  | 'signin'
  | 'passwordReset'
  | 'emailVerification'
  | 'magicLink'
  | 'emailCode'
  | 'general'

/**
 * One class's budget: at most `limit` requests per `windowSeconds`, per client IP and per account.
 *
 * @example
 * ```ts
 * const rule: RateLimitRule = { limit: 5, windowSeconds: 60 }
 * ```
 */
export interface RateLimitRule {
  limit: number
  windowSeconds: number
}

/**
 * Rate limiting: `false` turns it off; an object overrides some classes and keeps the contract's others.
 *
 * @example
 * ```ts
 * const loose: RateLimitOption = { signin: { limit: 50 }, general: { limit: 1000 } }
 * ```
 */
export type RateLimitOption = false | Partial<Record<RateLimitClass, Partial<RateLimitRule>>>

/**
 * The limits of CONTRACT.md § Rate limits.
 *
 * @example
 * ```ts
 * DEFAULT_RATE_LIMITS.signin // { limit: 5, windowSeconds: 60 }
 * ```
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<RateLimitClass, RateLimitRule>> = {
  signup: { limit: 3, windowSeconds: 60 },
  signin: { limit: 5, windowSeconds: 60 },
  passwordReset: { limit: 3, windowSeconds: 3600 },
  emailVerification: { limit: 5, windowSeconds: 3600 },
  magicLink: { limit: 5, windowSeconds: 3600 },
  // Sends of one-time codes (`POST /auth/email-code/send`); checking a code counts as a sign-in.
  emailCode: { limit: 5, windowSeconds: 3600 },
  general: { limit: 100, windowSeconds: 60 },
}
