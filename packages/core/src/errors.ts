import { SERVER_ERROR_CODES, type ServerErrorCode } from '@plinto/contract/error-codes'
import type { FieldError } from '@plinto/contract/errors'
import type { ReauthenticationMethod } from '@plinto/contract/reauthentication'

/**
 * Codes the SDK itself produces, for failures that never reached (or never came back from) the server.
 *
 * @example
 * ```ts
 * const clientSide = (CLIENT_ERROR_CODES as readonly string[]).includes(err.code)
 * ```
 */
export const CLIENT_ERROR_CODES = [
  'NETWORK_ERROR',
  'TIMEOUT',
  'INVALID_RESPONSE',
  'STORAGE_ERROR',
  'CONFIG_ERROR',
  'OAUTH_STATE_MISMATCH',
  /** No WebAuthn here (Node, an old browser, an insecure context): passkeys cannot be used. */
  'PASSKEY_NOT_SUPPORTED',
  /** The user dismissed the passkey prompt, or it timed out. */
  'PASSKEY_CANCELLED',
  /**
   * A call refused with `REAUTH_REQUIRED` was not retried: the `onReauthenticationRequired` handler rejected (the
   * person cancelled the re-authentication). `methods` is the refused call's.
   */
  'REAUTH_CANCELLED',
] as const

/**
 * A code the SDK produces on its own.
 *
 * @example
 * ```ts
 * const offline: ClientErrorCode[] = ['NETWORK_ERROR', 'TIMEOUT']
 * ```
 */
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number]

/**
 * Every code a {@link PlintoError} can carry: the server's `error_code`s and the SDK's own.
 *
 * @example
 * ```ts
 * const retryable: PlintoErrorCode[] = ['NETWORK_ERROR', 'TIMEOUT', 'RATE_LIMITED']
 * ```
 */
export type PlintoErrorCode = ServerErrorCode | ClientErrorCode

/**
 * The budget a rate-limited (or any) response reported in its `X-RateLimit-*` headers: how many requests the
 * window allows, how many are left, and when it starts over (Unix seconds).
 *
 * @example
 * ```ts
 * const info: RateLimitInfo = { limit: 5, remaining: 0, reset: 1_767_000_000 }
 * const at = new Date(info.reset * 1000) // when the person may try again
 * ```
 */
export interface RateLimitInfo {
  limit: number
  remaining: number
  /** When the window starts over, Unix seconds (`X-RateLimit-Reset`). */
  reset: number
}

/**
 * What a {@link PlintoError} is built from.
 *
 * @example
 * ```ts
 * new PlintoError('NETWORK_ERROR', 'Offline', { retryable: true } satisfies PlintoErrorOptions)
 * ```
 */
export interface PlintoErrorOptions {
  /** HTTP status of the response; `0` when there was no response. */
  status?: number
  retryable?: boolean
  /** Seconds the server asked us to wait (429 `retry_after` / `Retry-After`). */
  retryAfter?: number
  /** The `X-RateLimit-*` headers of the response, when it had all three. */
  rateLimit?: RateLimitInfo
  requestId?: string
  fields?: FieldError[]
  cause?: unknown
  mfaToken?: string
  methods?: string[]
}

// Symbol.for() is shared by every copy of the SDK in a page (two bundles, a CJS and an ESM copy), so the
// brand survives where `instanceof` does not.
const BRAND = Symbol.for('plinto.error')
// Built on the first check rather than at module level: a top-level `new Set([...])` is a side effect that no
// bundler drops, so every import of this module (say `PlintoError` alone, in the `./server` entry) would carry the
// whole list of codes, and each code the contract adds would grow it.
let knownCodes: ReadonlySet<string> | undefined

/** Whether `code` is one of the codes the SDK knows; anything else is mapped from the HTTP status. */
export function isKnownErrorCode(code: unknown): code is PlintoErrorCode {
  if (typeof code !== 'string') return false
  knownCodes ??= new Set([...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES])
  return knownCodes.has(code)
}

/**
 * The one error type the SDK throws. Every method either resolves with a validated result or rejects with
 * a `PlintoError`; `code` is a literal union, so a `switch` narrows it.
 *
 * @example
 * ```ts
 * try {
 *   await plinto.auth.signIn({ email, password })
 * } catch (err) {
 *   if (!isPlintoError(err)) throw err
 *   switch (err.code) {
 *     case 'MFA_REQUIRED': return askForCode(err.mfaToken, err.methods)
 *     case 'INVALID_CREDENTIALS': return show('Wrong email or password')
 *     case 'RATE_LIMITED': return show(`Try again in ${err.retryAfter} s`)
 *     default: return show(err.message)
 *   }
 * }
 * ```
 */
export class PlintoError extends Error {
  override readonly name = 'PlintoError'
  declare readonly code: PlintoErrorCode
  /** HTTP status; `0` when no response was received (network, timeout, config, storage). */
  declare readonly status: number
  /** Whether the same call may succeed if repeated later (network, timeout, 5xx, 429). */
  declare readonly retryable: boolean
  /** Seconds to wait before retrying, when the server said so. */
  declare readonly retryAfter: number | undefined
  /** With `RATE_LIMITED` (and any response that sent them): the `X-RateLimit-*` limit, remaining and reset. */
  declare readonly rateLimit: RateLimitInfo | undefined
  /** The server's `X-Request-Id`, to quote in support requests and logs. */
  declare readonly requestId: string | undefined
  /** Per-field validation messages (400/422). */
  declare readonly fields: FieldError[]
  /** With `MFA_REQUIRED`: the token to pass to `auth.verifyMfaChallenge`. */
  declare readonly mfaToken: string | undefined
  /**
   * With `MFA_REQUIRED`: the second factors the account can answer with. With `REAUTH_REQUIRED` (and
   * `REAUTH_CANCELLED`): the ways it can re-authenticate ({@link isReauthenticationRequired} types them).
   */
  declare readonly methods: string[] | undefined
  declare readonly [BRAND]: true

  constructor(code: PlintoErrorCode, message: string, options: PlintoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    Object.defineProperty(this, BRAND, { value: true })
    // One statement instead of eight assignments (plus the field list ES2022 classes would repeat them in).
    Object.assign(this, {
      code,
      status: options.status ?? 0,
      retryable: options.retryable ?? false,
      retryAfter: options.retryAfter,
      rateLimit: options.rateLimit,
      requestId: options.requestId,
      fields: options.fields ?? [],
      mfaToken: options.mfaToken,
      methods: options.methods,
    })
  }

  get detail(): string {
    return this.message
  }
}

/** A 401 `UNAUTHORIZED` raised by the client itself (not signed in, the session changed meanwhile…). */
export const unauthorized = (message: string) => new PlintoError('UNAUTHORIZED', message, { status: 401 })

/**
 * Whether `value` is a {@link PlintoError}, also when it was thrown by another copy of the SDK.
 *
 * @example
 * ```ts
 * catch (err) { if (isPlintoError(err) && err.code === 'NETWORK_ERROR') showOfflineBanner() }
 * ```
 */
export function isPlintoError(value: unknown): value is PlintoError {
  return (
    typeof value === 'object' &&
    value !== null &&
    ((value as { [BRAND]?: unknown })[BRAND] === true || value instanceof PlintoError) &&
    (value as Error).name === 'PlintoError'
  )
}

/**
 * Whether `value` is a `REAUTH_REQUIRED` {@link PlintoError}: the server refused a sensitive operation because the
 * session did not prove who it is recently. `methods` are then the ways this account can re-authenticate (empty:
 * none, sign in again); re-authenticate with `plinto.auth.reauthenticate()` and repeat the call.
 *
 * @example
 * ```ts
 * try { await plinto.sessions.revokeAllSessions() }
 * catch (err) {
 *   if (!isReauthenticationRequired(err)) throw err
 *   if (err.methods.includes('password')) await plinto.auth.reauthenticate({ password: await askPassword() })
 *   await plinto.sessions.revokeAllSessions()
 * }
 * ```
 */
export function isReauthenticationRequired(
  value: unknown,
): value is PlintoError & { code: 'REAUTH_REQUIRED'; methods: ReauthenticationMethod[] } {
  return isPlintoError(value) && value.code === 'REAUTH_REQUIRED'
}
