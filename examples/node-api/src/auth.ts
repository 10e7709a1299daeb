import type { IncomingMessage } from 'node:http'
import {
  isPlintoError,
  verifyAccessToken,
  type AccessTokenClaims,
  type VerifyAccessTokenOptions,
} from '@plinto/typescript-sdk/server'

/** Why a request is not authenticated, and how to answer it. */
export type AuthFailure =
  /** No token, or one that is malformed, tampered, for another issuer/audience: 401. */
  | { status: 401; errorCode: 'UNAUTHORIZED'; detail: string }
  /** A genuine token that expired: 401, and the client should refresh and retry. */
  | { status: 401; errorCode: 'TOKEN_EXPIRED'; detail: string }
  /** The Plinto server's keys could not be fetched: our problem, not the caller's. */
  | { status: 503; errorCode: 'AUTH_UNAVAILABLE'; detail: string }

/** The bearer token of `Authorization: Bearer <token>`, or `null`. */
export function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer +(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  return match?.[1] ?? null
}

/**
 * Verifies the request's access token against the Plinto server's JWKS (fetched once, cached and
 * refreshed on key rotation by the SDK) and returns its claims, or the failure to answer with.
 * Verification is stateless: a token stays valid until it expires, even if its session was signed out.
 */
export async function authenticate(
  req: IncomingMessage,
  options: VerifyAccessTokenOptions,
): Promise<{ claims: AccessTokenClaims } | { failure: AuthFailure }> {
  const token = bearerToken(req)
  if (!token)
    return {
      failure: {
        status: 401,
        errorCode: 'UNAUTHORIZED',
        detail: 'Send an access token: Authorization: Bearer <token>',
      },
    }
  try {
    return { claims: await verifyAccessToken(token, options) }
  } catch (error) {
    if (!isPlintoError(error)) throw error
    switch (error.code) {
      case 'TOKEN_EXPIRED':
        return { failure: { status: 401, errorCode: 'TOKEN_EXPIRED', detail: 'The access token has expired' } }
      case 'UNAUTHORIZED':
        return { failure: { status: 401, errorCode: 'UNAUTHORIZED', detail: 'The access token is not valid' } }
      case 'NETWORK_ERROR':
      case 'TIMEOUT':
      case 'INVALID_RESPONSE':
        return {
          failure: { status: 503, errorCode: 'AUTH_UNAVAILABLE', detail: 'Cannot check access tokens right now' },
        }
      default:
        throw error // CONFIG_ERROR: a bug in this app's configuration, a 500
    }
  }
}
