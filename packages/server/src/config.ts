import { version } from '../package.json'
import {
  DEFAULT_RATE_LIMITS,
  type RateLimitClass,
  type RateLimitOption,
  type RateLimitRule,
} from './rate-limit/rate-limit-rules'

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
  /**
   * How often `startServer` sweeps the store (expired and ended sessions, rotated and expired refresh tokens,
   * expired email tokens and challenges), in seconds; default 60. See `ServerContext.sweep`.
   */
  sweepIntervalSeconds?: number
  /**
   * How recently a session must have proved who it is (signed in, or `POST /auth/reauthenticate`) for sensitive
   * operations (password change, MFA off, passkey deletion, ending other sessions, account deletion), in seconds;
   * default 600. Older sessions get 403 `REAUTH_REQUIRED`. See docs/contract.md § Re-authentication.
   */
  reauthenticationMaxAgeSeconds?: number
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
  /**
   * This server's own base URL as browsers and OAuth providers reach it (e.g. `https://auth.example.com`, or
   * `https://example.com/auth` under a path prefix). The OAuth callback URL registered at providers and the
   * dev consent page's URL are built from it. Default: the origin of each request, which behind a
   * TLS-terminating proxy is the proxy's plain-HTTP hop (`http://127.0.0.1:8000`), not the public address.
   */
  publicUrl?: string
  /** Reported by `GET /health`, default the package version. */
  version?: string
  /**
   * Offer emailed 6-digit one-time codes (`POST /auth/email-code/send` and `/verify`) for signing in and for
   * verifying the email address, beside the links. Default false: the endpoints answer 403 `EMAIL_CODES_DISABLED`.
   */
  emailCodes?: boolean
  /**
   * Exact URLs that OAuth `redirect_uri` and magic-link `redirect_url` may name (compared as whole URLs,
   * query included). Default: `{appUrl}/auth/callback`.
   */
  allowedRedirectUrls?: string[]
  /** Where events are posted, each signed with its own secret. Default none. */
  webhooks?: WebhookEndpoint[]
  /**
   * Delivery attempts per event and endpoint, and the first retry delay (doubling each time, with jitter: each
   * delay is drawn between half and all of it). Default 10 / 30 s in production (about 4 h of retries), 5 / 1000 ms
   * in development and test. A delivery whose attempts are spent is a
   * dead letter (`plinto-server dead-letters`).
   */
  webhookRetry?: { attempts?: number; baseDelayMs?: number }
  /**
   * How the webhook outbox is worked: how often each instance looks for due deliveries (`pollIntervalMs`,
   * default 1000), how long one attempt may take (`timeoutMs`, default 10 s) and how long a claimed delivery
   * is reserved for the instance trying it (`leaseMs`, default 60 s, more than `timeoutMs`): past it, an
   * instance that crashed mid-delivery is taken over.
   */
  webhookDelivery?: { pollIntervalMs?: number; timeoutMs?: number; leaseMs?: number }
  /** WebAuthn relying-party ID (a registrable domain), default the `appUrl` host name. */
  rpId?: string
  /** WebAuthn relying-party name shown by authenticators, default `Plinto`. */
  rpName?: string
  /** Origins WebAuthn responses may come from, default the `appUrl` origin. */
  origins?: string[]
  /** Issuer shown by authenticator apps for TOTP, default `rpName`. */
  totpIssuer?: string
  /**
   * Secret (32+ characters) that encrypts TOTP secrets at rest (AES-256-GCM). Without it they are stored
   * readable, and production mode warns at start-up. Changing it makes existing TOTP set-ups unusable.
   */
  secretKey?: string
  /** OAuth client credentials of the real providers; only configured providers are offered. */
  oauth?: OAuthProvidersConfig
}

/**
 * The real providers' registrations, by provider. Apple signs in with a key instead of a client secret.
 *
 * @example
 * ```ts
 * const oauth: OAuthProvidersConfig = {
 *   google: { clientId: '….apps.googleusercontent.com', clientSecret: '…' },
 *   apple: { clientId: 'com.example.web', teamId: 'ABCDE12345', keyId: 'XYZ987ABCD', privateKey: pemOfTheP8File },
 * }
 * ```
 */
export interface OAuthProvidersConfig {
  github?: OAuthClientCredentials
  google?: OAuthClientCredentials
  microsoft?: OAuthClientCredentials
  apple?: AppleClientCredentials
}

/**
 * A Sign in with Apple registration: the Services ID (`clientId`), the team, and the Sign in with Apple key
 * (its ID and the PKCS #8 PEM of the `.p8` file Apple lets you download once). The server signs a short-lived
 * ES256 client secret with the key for each code exchange.
 *
 * @example
 * ```ts
 * const apple: AppleClientCredentials = {
 *   clientId: 'com.example.web',
 *   teamId: 'ABCDE12345',
 *   keyId: 'XYZ987ABCD',
 *   privateKey: readFileSync('AuthKey_XYZ987ABCD.p8', 'utf8'),
 * }
 * ```
 */
export interface AppleClientCredentials {
  clientId: string
  teamId: string
  keyId: string
  /** `-----BEGIN PRIVATE KEY-----…` (PKCS #8, P-256). */
  privateKey: string
  /**
   * Other endpoints than Apple's (`https://appleid.apple.com/auth/authorize`, `/auth/token`, `/auth/keys`), for a
   * fake Apple in tests. The ID token's issuer must be `https://appleid.apple.com` whatever the endpoints.
   */
  endpoints?: { authorization?: string; token?: string; jwks?: string }
}

/**
 * One webhook receiver.
 *
 * @example
 * ```ts
 * const endpoint: WebhookEndpoint = { url: 'https://api.example.com/plinto-events', secret: process.env.WEBHOOK_SECRET! }
 * ```
 */
export interface WebhookEndpoint {
  url: string
  /** Key of the `X-Plinto-Signature` HMAC-SHA256. */
  secret: string
}

/**
 * The real OAuth providers the server can be configured with.
 *
 * @example
 * ```ts
 * const provider: OAuthProviderId = 'github'
 * ```
 */
export type OAuthProviderId = 'github' | 'google' | 'microsoft' | 'apple'

/**
 * An OAuth app registration at a provider.
 *
 * @example
 * ```ts
 * createPlintoApp({ config: { oauth: { github: { clientId: 'Iv1.…', clientSecret: '…' } } } })
 * ```
 */
export interface OAuthClientCredentials {
  clientId: string
  clientSecret: string
  /** Microsoft only: the Entra tenant, default `common`. */
  tenant?: string
  /**
   * Other endpoints than the provider's public ones (GitHub Enterprise Server, a corporate proxy, or a
   * fake provider in tests). Each one given replaces the default.
   */
  endpoints?: { authorization?: string; token?: string; userinfo?: string; emails?: string }
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
  sweepIntervalSeconds: number
  reauthenticationMaxAgeSeconds: number
  rateLimit: false | Record<RateLimitClass, RateLimitRule>
  allowedOrigins: string[]
  passwordHashIterations: number
  bodyLimitBytes: number
  appUrl: string
  trustProxy: boolean
  /** Without a trailing slash; undefined: the origin of each request. */
  publicUrl: string | undefined
  version: string
  /** Whether emailed one-time codes are offered (`POST /auth/email-code/*`). */
  emailCodes: boolean
  /** Lifetimes of single-use email tokens, seconds. */
  emailTokenTtl: { verifyEmail: number; resetPassword: number; magicLink: number }
  allowedRedirectUrls: string[]
  webhooks: WebhookEndpoint[]
  webhookRetry: { attempts: number; baseDelayMs: number }
  webhookDelivery: { pollIntervalMs: number; timeoutMs: number; leaseMs: number }
  rpId: string
  rpName: string
  origins: string[]
  totpIssuer: string
  secretKey: string | undefined
  oauth: OAuthProvidersConfig
  /** Invitation lifetime, seconds (7 days). */
  invitationTtl: number
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
    sweepIntervalSeconds: overrides.sweepIntervalSeconds ?? 60,
    reauthenticationMaxAgeSeconds: overrides.reauthenticationMaxAgeSeconds ?? 600,
    rateLimit: resolveRateLimit(mode, overrides.rateLimit),
    allowedOrigins: overrides.allowedOrigins ?? [new URL(appUrl).origin],
    passwordHashIterations:
      overrides.passwordHashIterations ?? (mode === 'test' ? TEST_PASSWORD_ITERATIONS : PRODUCTION_PASSWORD_ITERATIONS),
    bodyLimitBytes: overrides.bodyLimitBytes ?? 100 * 1024,
    appUrl,
    trustProxy: overrides.trustProxy ?? false,
    publicUrl: overrides.publicUrl === undefined ? undefined : publicBaseUrl(overrides.publicUrl),
    version: overrides.version ?? SERVER_VERSION,
    emailCodes: overrides.emailCodes ?? false,
    emailTokenTtl: { verifyEmail: 24 * 3600, resetPassword: 15 * 60, magicLink: 15 * 60 },
    allowedRedirectUrls: overrides.allowedRedirectUrls ?? [`${appUrl}/auth/callback`],
    webhooks: overrides.webhooks ?? [],
    webhookRetry: {
      // Production rides out a receiver's outage of hours (30 s, 1 min, … ~2 h apart: about 4 h in all) before a
      // delivery is a dead letter; development and tests retry within seconds so a failure shows at once.
      attempts: overrides.webhookRetry?.attempts ?? (mode === 'production' ? 10 : 5),
      baseDelayMs: overrides.webhookRetry?.baseDelayMs ?? (mode === 'production' ? 30_000 : 1000),
    },
    webhookDelivery: {
      pollIntervalMs: overrides.webhookDelivery?.pollIntervalMs ?? 1000,
      timeoutMs: overrides.webhookDelivery?.timeoutMs ?? 10_000,
      leaseMs: overrides.webhookDelivery?.leaseMs ?? 60_000,
    },
    rpId: overrides.rpId ?? new URL(appUrl).hostname,
    rpName: overrides.rpName ?? 'Plinto',
    origins: overrides.origins ?? [new URL(appUrl).origin],
    totpIssuer: overrides.totpIssuer ?? overrides.rpName ?? 'Plinto',
    secretKey: overrides.secretKey,
    oauth: overrides.oauth ?? {},
    invitationTtl: 7 * 24 * 3600,
  }
  assertPositiveInteger('accessTokenTtl', config.accessTokenTtl)
  assertPositiveInteger('refreshTokenTtl', config.refreshTokenTtl)
  assertPositiveInteger('passwordHashIterations', config.passwordHashIterations)
  assertPositiveInteger('bodyLimitBytes', config.bodyLimitBytes)
  assertPositiveInteger('sweepIntervalSeconds', config.sweepIntervalSeconds)
  assertPositiveInteger('reauthenticationMaxAgeSeconds', config.reauthenticationMaxAgeSeconds)
  if (!Number.isInteger(config.refreshGraceSeconds) || config.refreshGraceSeconds < 0) {
    throw new TypeError(`refreshGraceSeconds must be a non-negative integer, got ${String(config.refreshGraceSeconds)}`)
  }
  for (const origin of config.allowedOrigins) {
    if (origin !== new URL(origin).origin)
      throw new TypeError(`allowedOrigins entries must be bare origins, got ${origin}`)
  }
  for (const origin of config.origins) {
    if (origin !== new URL(origin).origin) throw new TypeError(`origins entries must be bare origins, got ${origin}`)
  }
  for (const url of config.allowedRedirectUrls) assertHttpUrl('allowedRedirectUrls', url)
  for (const endpoint of config.webhooks) {
    assertHttpUrl('webhooks[].url', endpoint.url)
    if (!endpoint.secret) throw new TypeError(`webhooks[].secret is required for ${endpoint.url}`)
  }
  assertPositiveInteger('webhookRetry.attempts', config.webhookRetry.attempts)
  if (!Number.isInteger(config.webhookRetry.baseDelayMs) || config.webhookRetry.baseDelayMs < 0) {
    throw new TypeError(
      `webhookRetry.baseDelayMs must be a non-negative integer, got ${String(config.webhookRetry.baseDelayMs)}`,
    )
  }
  assertPositiveInteger('webhookDelivery.pollIntervalMs', config.webhookDelivery.pollIntervalMs)
  assertPositiveInteger('webhookDelivery.timeoutMs', config.webhookDelivery.timeoutMs)
  assertPositiveInteger('webhookDelivery.leaseMs', config.webhookDelivery.leaseMs)
  // A lease that ran out while its attempt is still running would let a second instance send it at once.
  if (config.webhookDelivery.leaseMs <= config.webhookDelivery.timeoutMs) {
    throw new TypeError(
      `webhookDelivery.leaseMs (${config.webhookDelivery.leaseMs}) must be more than webhookDelivery.timeoutMs (${config.webhookDelivery.timeoutMs})`,
    )
  }
  if (config.secretKey !== undefined && config.secretKey.length < 32)
    throw new TypeError('secretKey must be at least 32 characters')
  for (const [provider, credentials] of Object.entries(config.oauth) as [string, Record<string, unknown>][]) {
    if (!['github', 'google', 'microsoft', 'apple'].includes(provider))
      throw new TypeError(`Unknown OAuth provider ${provider}`)
    const required = provider === 'apple' ? ['clientId', 'teamId', 'keyId', 'privateKey'] : ['clientId', 'clientSecret']
    if (required.some((field) => !credentials?.[field]))
      throw new TypeError(`oauth.${provider} needs ${required.join(', ')}`)
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

function assertHttpUrl(name: string, text: string): void {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new TypeError(`${name} entries must be absolute URLs, got ${text}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`${name} entries must be http(s) URLs, got ${text}`)
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0)
    throw new TypeError(`${name} must be a positive integer, got ${String(value)}`)
}

// An http(s) URL without query, fragment or trailing slash: paths are appended to it.
function publicBaseUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new TypeError(`publicUrl must be an http(s) URL, got "${text}"`)
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username)
    throw new TypeError(`publicUrl must be an http(s) URL without query, fragment or credentials, got "${text}"`)
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}
