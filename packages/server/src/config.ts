import { version } from '../package.json'

/**
 * The three ways the server runs. `test` lowers hashing cost and turns rate limits off by default;
 * `production` removes the dev outbox.
 *
 * @example
 * ```ts
 * const mode: PlintoMode = process.env.NODE_ENV === 'production' ? 'production' : 'development'
 * ```
 */
export type PlintoMode = 'development' | 'test' | 'production'

/**
 * The rate-limit classes of CONTRACT.md § Rate limits.
 *
 * @example
 * ```ts
 * const cls: RateLimitClass = 'signin'
 * ```
 */
export type RateLimitClass = 'signup' | 'signin' | 'passwordReset' | 'emailVerification' | 'magicLink' | 'general'

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
 * Settings a caller may override. Every field is optional; {@link resolveConfig} fills in the defaults.
 *
 * @example
 * ```ts
 * createPlintoApp({ config: { accessTokenTtl: 60, rateLimit: { signin: { limit: 50 } } } })
 * ```
 */
export interface PlintoConfigOverrides {
  /** Where the API lives, default `/api/v1`. */
  apiBasePath?: string
  /** JWT `iss`, default `plinto`. */
  issuer?: string
  /** JWT `aud`, default `plinto`. */
  audience?: string
  /** Access token lifetime in seconds, default 3600. */
  accessTokenTtl?: number
  /** Refresh token (and session) lifetime in seconds, default 30 days. */
  refreshTokenTtl?: number
  /** How long an already-rotated refresh token still answers with its successor pair, default 10 s. */
  refreshGraceSeconds?: number
  /** `false`, or per-class overrides. Default: on, with the contract's limits; off in `test` mode. */
  rateLimit?: RateLimitOption
  /** Origins allowed to call the API with credentials (CORS). Default: the `appUrl` origin. */
  allowedOrigins?: string[]
  /** PBKDF2-SHA256 iterations for new password hashes. Default 600 000 (OWASP 2023); 1 000 in `test` mode. */
  passwordHashIterations?: number
  /** Largest accepted request body, default 100 KiB. */
  bodyLimitBytes?: number
  /** Base URL of the app that email links point at, default `http://localhost:5173`. */
  appUrl?: string
  /** Read the client IP from the last `X-Forwarded-For` entry (one trusted proxy in front). Default false. */
  trustProxy?: boolean
  /** Reported by `GET /health`, default the package version. */
  version?: string
}

/**
 * The resolved configuration the app runs with (`app.plinto.config`).
 *
 * @example
 * ```ts
 * const { apiBasePath, accessTokenTtl } = createPlintoApp().plinto.config // '/api/v1', 3600
 * ```
 */
export interface PlintoConfig {
  mode: PlintoMode
  apiBasePath: string
  issuer: string
  audience: string
  accessTokenTtl: number
  refreshTokenTtl: number
  refreshGraceSeconds: number
  rateLimit: false | Record<RateLimitClass, RateLimitRule>
  allowedOrigins: string[]
  passwordHashIterations: number
  bodyLimitBytes: number
  appUrl: string
  trustProxy: boolean
  version: string
  /** Lifetimes of single-use email tokens, seconds. */
  emailTokenTtl: { verifyEmail: number; resetPassword: number; magicLink: number }
}

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
  general: { limit: 100, windowSeconds: 60 },
}

/**
 * OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 100 ms per hash on one core of the CI machines.
 *
 * @example
 * ```ts
 * createPlintoApp({ config: { passwordHashIterations: PRODUCTION_PASSWORD_ITERATIONS * 2 } })
 * ```
 */
export const PRODUCTION_PASSWORD_ITERATIONS = 600_000
const TEST_PASSWORD_ITERATIONS = 1_000

/** Package version reported by `GET /health`, read from package.json at build time so it cannot drift. */
export const SERVER_VERSION: string = version

/**
 * Fills in defaults and checks the values, so a typo fails at start-up rather than at the first request.
 *
 * @example
 * ```ts
 * const config = resolveConfig('test', { accessTokenTtl: 60 })
 * config.rateLimit // false: test mode
 * ```
 */
export function resolveConfig(mode: PlintoMode, overrides: PlintoConfigOverrides = {}): PlintoConfig {
  const appUrl = (overrides.appUrl ?? 'http://localhost:5173').replace(/\/+$/, '')
  const apiBasePath = normaliseBasePath(overrides.apiBasePath ?? '/api/v1')
  const config: PlintoConfig = {
    mode,
    apiBasePath,
    issuer: overrides.issuer ?? 'plinto',
    audience: overrides.audience ?? 'plinto',
    accessTokenTtl: overrides.accessTokenTtl ?? 3600,
    refreshTokenTtl: overrides.refreshTokenTtl ?? 30 * 24 * 3600,
    refreshGraceSeconds: overrides.refreshGraceSeconds ?? 10,
    rateLimit: resolveRateLimit(mode, overrides.rateLimit),
    allowedOrigins: overrides.allowedOrigins ?? [new URL(appUrl).origin],
    passwordHashIterations:
      overrides.passwordHashIterations ?? (mode === 'test' ? TEST_PASSWORD_ITERATIONS : PRODUCTION_PASSWORD_ITERATIONS),
    bodyLimitBytes: overrides.bodyLimitBytes ?? 100 * 1024,
    appUrl,
    trustProxy: overrides.trustProxy ?? false,
    version: overrides.version ?? SERVER_VERSION,
    emailTokenTtl: { verifyEmail: 24 * 3600, resetPassword: 15 * 60, magicLink: 15 * 60 },
  }
  assertPositiveInteger('accessTokenTtl', config.accessTokenTtl)
  assertPositiveInteger('refreshTokenTtl', config.refreshTokenTtl)
  assertPositiveInteger('passwordHashIterations', config.passwordHashIterations)
  assertPositiveInteger('bodyLimitBytes', config.bodyLimitBytes)
  if (!Number.isInteger(config.refreshGraceSeconds) || config.refreshGraceSeconds < 0) {
    throw new TypeError(`refreshGraceSeconds must be a non-negative integer, got ${String(config.refreshGraceSeconds)}`)
  }
  for (const origin of config.allowedOrigins) {
    if (origin !== new URL(origin).origin) throw new TypeError(`allowedOrigins entries must be bare origins, got ${origin}`)
  }
  return config
}

function resolveRateLimit(mode: PlintoMode, option: RateLimitOption | undefined): PlintoConfig['rateLimit'] {
  if (option === false || (option === undefined && mode === 'test')) return false
  const rules = { ...DEFAULT_RATE_LIMITS }
  for (const [name, rule] of Object.entries(option ?? {}) as [RateLimitClass, Partial<RateLimitRule>][]) {
    if (!(name in rules)) throw new TypeError(`Unknown rate-limit class ${name}`)
    const merged = { ...rules[name], ...rule }
    assertPositiveInteger(`rateLimit.${name}.limit`, merged.limit)
    assertPositiveInteger(`rateLimit.${name}.windowSeconds`, merged.windowSeconds)
    rules[name] = merged
  }
  return rules
}

function normaliseBasePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  if (trimmed === '') return ''
  if (!trimmed.startsWith('/')) throw new TypeError(`apiBasePath must start with "/", got ${path}`)
  return trimmed
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) throw new TypeError(`${name} must be a positive integer, got ${String(value)}`)
}
