import { jwtVerify, type JWTPayload } from 'jose'
import { PlintoError, isPlintoError } from '../errors'
import { remoteJwks } from './remote-jwks'
import { REQUIRED_ACCESS_TOKEN_CLAIMS, type AccessTokenClaims } from '@plinto/contract/access-token-claims'

// The claims type is contract knowledge, shared with the reference server that signs them.
export type { AccessTokenClaims }

/**
 * Options of {@link verifyAccessToken}: where the public keys are (`jwksUrl`, or `apiUrl` for a Plinto
 * server's standard location), and what the token must have been issued by and for.
 *
 * @example
 * ```ts
 * const options: VerifyAccessTokenOptions = {
 *   apiUrl: 'https://auth.example.com', // keys at https://auth.example.com/.well-known/jwks.json
 *   issuer: 'https://auth.example.com',
 *   audience: 'my-app',
 *   clockTolerance: 5,
 * }
 * ```
 */
export type VerifyAccessTokenOptions = VerifyAccessTokenCommonOptions &
  (
    | {
        /** Full URL of the JSON Web Key Set, e.g. `https://auth.example.com/.well-known/jwks.json`. */
        jwksUrl: string | URL
        apiUrl?: never
      }
    | {
        /**
         * Root URL of the Plinto server (the client's `apiUrl`, without `/api/v1`); keys are read from
         * `{apiUrl}/.well-known/jwks.json`.
         */
        apiUrl: string | URL
        jwksUrl?: never
      }
  )

/**
 * The part of {@link VerifyAccessTokenOptions} shared by both ways of locating the keys.
 *
 * @example
 * ```ts
 * const common: VerifyAccessTokenCommonOptions = { issuer: 'plinto', audience: 'plinto' }
 * await verifyAccessToken(token, { ...common, apiUrl: process.env.PLINTO_API_URL! })
 * ```
 */
export interface VerifyAccessTokenCommonOptions {
  /**
   * The `iss` the token must carry: the Plinto server's configured issuer (the reference server's default
   * is `'plinto'`). A list accepts any of its values. Required: a verifier that accepts any issuer would
   * accept tokens of another deployment that shares the keys.
   */
  issuer: string | string[]
  /**
   * The `aud` the token must carry: the audience your Plinto server issues tokens for (the reference
   * server's default is `'plinto'`). A list accepts any of its values. Required, so that a token issued for
   * another app of the same Plinto server is refused by yours.
   */
  audience: string | string[]
  /**
   * Seconds of clock skew allowed between this machine and the issuer when checking `exp` (and `nbf`).
   * Default 0; a few seconds is plenty for NTP-synchronised servers.
   */
  clockTolerance?: number
  /**
   * The `fetch` the JWKS is downloaded with (a proxy-aware agent, instrumentation, a test double).
   * Default: the global `fetch`, looked up on every download. Keys are cached per URL and per `fetch`, so
   * pass the same function on every call (not a new closure each time) to keep the cache.
   */
  fetch?: typeof fetch
}

const TYP = 'at+jwt'

/**
 * Verifies a Plinto access token in your backend and returns its claims. The signature is checked against
 * the server's public keys (downloaded once from its JWKS and cached per URL in this process, with jose's
 * refetch on an unknown `kid`, so key rotation needs no restart), with the algorithm pinned to ES256 and
 * the header `typ` to `at+jwt`; then `iss`, `aud` and `exp` (within `clockTolerance`), and the presence of
 * `sub`, `sid`, `iat`, `exp`, `jti`. The claims come back typed ({@link AccessTokenClaims}): also `auth_time`
 * and, while the session has an active organization, `org_id` and `org_role` (checked: a known role, both or
 * neither). Authorize with `createHas(claims.org_role)({ role: 'admin' })` (owner > admin > member).
 *
 * Verification is stateless: a token stays valid until `exp` even after its session is signed out. Keep
 * access tokens short-lived, or ask the server (`GET /api/v1/auth/me` with the token) where a revoked
 * session must be refused at once.
 *
 * Rejects with a {@link PlintoError}:
 * - `TOKEN_EXPIRED`: genuine and meant for you, only expired (the client should refresh; answer 401).
 * - `UNAUTHORIZED`: anything else wrong with the token (malformed, bad signature, other algorithm or
 *   `typ`, unknown `kid`, wrong issuer or audience, missing claim); `message` says which check failed and
 *   never contains the token.
 * - `NETWORK_ERROR` / `TIMEOUT`: the JWKS could not be fetched (`status` is the JWKS response's, 0 when
 *   there was none; `retryable` for connection failures, timeouts, 5xx, 408 and 429); `INVALID_RESPONSE`:
 *   the JWKS URL answered something that is not a key set. These are your outage, not the caller's fault
 *   (answer 503).
 * - `CONFIG_ERROR`: the options are unusable (no issuer, no audience, both or neither URL, …).
 *
 * @example
 * ```ts
 * import { createHas, isPlintoError, verifyAccessToken } from '@plinto/typescript-sdk/server'
 *
 * export async function GET(request: Request) {
 *   const token = request.headers.get('authorization')?.replace(/^Bearer /i, '') ?? ''
 *   try {
 *     const claims = await verifyAccessToken(token, {
 *       apiUrl: process.env.PLINTO_API_URL!,
 *       issuer: 'plinto',
 *       audience: 'plinto',
 *     })
 *     if (!createHas(claims.org_role)({ role: 'admin' })) return new Response(null, { status: 403 })
 *     return Response.json({ userId: claims.sub, orgId: claims.org_id })
 *   } catch (err) {
 *     if (isPlintoError(err) && (err.code === 'UNAUTHORIZED' || err.code === 'TOKEN_EXPIRED'))
 *       return new Response(null, { status: 401 })
 *     throw err // JWKS unreachable or options wrong: a 5xx, not the caller's fault
 *   }
 * }
 * ```
 */
export async function verifyAccessToken(token: string, options: VerifyAccessTokenOptions): Promise<AccessTokenClaims> {
  // Options first: a misconfiguration must surface on the first request, whatever the token.
  const { jwksUrl, issuer, audience, clockTolerance } = resolveOptions(options)
  if (typeof token !== 'string' || token === '') throw invalid('no token was given')
  // A JWT never contains a space; this is the one mistake worth naming precisely.
  if (/^bearer\s/i.test(token)) throw invalid('pass the token without its "Bearer " prefix')

  let payload: JWTPayload
  try {
    const verified = await jwtVerify(token, remoteJwks(jwksUrl, options.fetch), {
      algorithms: ['ES256'],
      typ: TYP,
      issuer,
      audience,
      clockTolerance,
      requiredClaims: [...REQUIRED_ACCESS_TOKEN_CLAIMS],
    })
    payload = verified.payload
  } catch (error) {
    throw rejection(error)
  }
  return claimsOf(payload)
}

interface ResolvedOptions {
  jwksUrl: URL
  issuer: string | string[]
  audience: string | string[]
  clockTolerance: number
}

function resolveOptions(options: VerifyAccessTokenOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw configError('verifyAccessToken needs options: { apiUrl or jwksUrl, issuer, audience }')
  }
  const {
    jwksUrl,
    apiUrl,
    issuer,
    audience,
    clockTolerance = 0,
    fetch: fetchImpl,
  } = options as Partial<VerifyAccessTokenCommonOptions> & {
    jwksUrl?: unknown
    apiUrl?: unknown
  }
  if (jwksUrl !== undefined && apiUrl !== undefined)
    throw configError('verifyAccessToken takes either jwksUrl or apiUrl, not both')
  if (jwksUrl === undefined && apiUrl === undefined) {
    throw configError('verifyAccessToken needs apiUrl (the Plinto server root) or jwksUrl (its /.well-known/jwks.json)')
  }
  let url: URL
  if (jwksUrl !== undefined) {
    url = parseUrl('jwksUrl', jwksUrl)
  } else {
    url = parseUrl('apiUrl', apiUrl)
    // The JWKS lives at the server root, not under the API base path (CONTRACT.md § Access tokens).
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/.well-known/jwks.json`
    url.search = ''
    url.hash = ''
  }
  if (!isNameList(issuer)) {
    throw configError(
      "verifyAccessToken needs issuer: the `iss` your Plinto server signs tokens with (the reference server's default is 'plinto')",
    )
  }
  if (!isNameList(audience)) {
    throw configError(
      "verifyAccessToken needs audience: the `aud` your Plinto server issues tokens for (the reference server's default is 'plinto')",
    )
  }
  if (typeof clockTolerance !== 'number' || !Number.isFinite(clockTolerance) || clockTolerance < 0) {
    throw configError('verifyAccessToken: clockTolerance must be a number of seconds, 0 or more')
  }
  if (fetchImpl !== undefined && typeof fetchImpl !== 'function')
    throw configError('verifyAccessToken: fetch must be a function')
  return { jwksUrl: url, issuer, audience, clockTolerance }
}

function parseUrl(name: string, value: unknown): URL {
  let url: URL | undefined
  if (value instanceof URL || typeof value === 'string') {
    try {
      // A copy: the apiUrl path is rewritten below, and a caller's URL object must not change.
      url = new URL(value)
    } catch {
      url = undefined
    }
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw configError(`verifyAccessToken: ${name} must be an absolute http(s) URL`)
  }
  return url
}

function isNameList(value: unknown): value is string | string[] {
  if (typeof value === 'string') return value !== ''
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item !== '')
}

/** Translates a jose (or JWKS fetch) failure; the token itself never goes into a message. */
function rejection(error: unknown): PlintoError {
  // The JWKS fetch already speaks PlintoError (NETWORK_ERROR, TIMEOUT, INVALID_RESPONSE); jose passes it through.
  if (isPlintoError(error)) return error
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  // jose's errors are matched by their stable `code`, which also holds across two copies of jose.
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      // jose checks the signature, typ, iss and aud before exp: this token is genuine and meant for us.
      return new PlintoError('TOKEN_EXPIRED', 'Access token has expired')
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return invalid(claimFailure(error as { claim?: unknown; reason?: unknown }))
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return invalid('algorithm not allowed (only ES256 is accepted)')
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return invalid('signature verification failed')
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return invalid('malformed token (not a signed JWT)')
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return invalid("no key in the issuer's JWKS matches the token's kid")
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return invalid("several keys in the issuer's JWKS match the token's kid")
    case 'ERR_JWKS_INVALID':
      return new PlintoError('INVALID_RESPONSE', 'The JWKS URL answered JSON that is not a JSON Web Key Set', {
        status: 200,
      })
    case 'ERR_JWK_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return invalid("the matching key in the issuer's JWKS cannot verify ES256 signatures")
    default:
      // Fail closed: whatever else went wrong, the token is not accepted. The cause helps debugging and
      // holds no token (jose's errors carry claims at most, and those are not attached above either).
      return invalid('the token could not be verified', error)
  }
}

function claimFailure({ claim, reason }: { claim?: unknown; reason?: unknown }): string {
  if (claim === 'typ') return `wrong token type (header typ is not "${TYP}")`
  if (reason === 'missing') return `required claim "${String(claim)}" is missing`
  if (claim === 'iss') return 'issuer mismatch (iss claim check failed)'
  if (claim === 'aud') return 'audience mismatch (aud claim check failed)'
  if (claim === 'nbf') return 'token is not valid yet (nbf claim check failed)'
  return `"${String(claim)}" claim check failed`
}

/** jose checks presence and the timestamps' type; these are the remaining shape checks of the contract. */
function claimsOf(payload: JWTPayload): AccessTokenClaims {
  const { iss, aud, sub, sid, iat, exp, jti } = payload
  const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== ''
  if (!nonEmpty(sub)) throw invalid('claim "sub" must be a non-empty string')
  if (!nonEmpty(sid)) throw invalid('claim "sid" must be a non-empty string')
  if (!nonEmpty(jti)) throw invalid('claim "jti" must be a non-empty string')
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw invalid('claim "iat" must be a number')
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw invalid('claim "exp" must be a number')
  // The optional claims are typed in AccessTokenClaims, so a wrong type is refused rather than passed on as
  // the type says: authorization code reads `org_role` and must not meet anything but a known role.
  const { auth_time, org_id, org_role } = payload
  if (auth_time !== undefined && (typeof auth_time !== 'number' || !Number.isFinite(auth_time)))
    throw invalid('claim "auth_time" must be a number')
  if ((org_id === undefined) !== (org_role === undefined))
    throw invalid('claims "org_id" and "org_role" come together or not at all')
  if (org_id !== undefined && !nonEmpty(org_id)) throw invalid('claim "org_id" must be a non-empty string')
  if (org_role !== undefined && org_role !== 'owner' && org_role !== 'admin' && org_role !== 'member')
    throw invalid('claim "org_role" must be "owner", "admin" or "member"')
  // jose has already matched iss and aud against the options, so they are present and of the right type.
  return { ...payload, iss: iss as string, aud: aud as string | string[], sub, sid, iat, exp, jti }
}

function invalid(reason: string, cause?: unknown): PlintoError {
  return new PlintoError('UNAUTHORIZED', `Invalid access token: ${reason}`, cause === undefined ? {} : { cause })
}

function configError(message: string): PlintoError {
  return new PlintoError('CONFIG_ERROR', message)
}
