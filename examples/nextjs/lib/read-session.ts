import 'server-only'
import type { User } from '@plinto/typescript-sdk'
import { isPlintoError, verifyAccessToken, type AccessTokenClaims } from '@plinto/typescript-sdk/server'
import { plintoEnv } from './plinto-env'

/** A verified session: the access token's claims and the user the Plinto API returned for it. */
export interface PlintoSession {
  claims: AccessTokenClaims
  user: User
}

/**
 * Checks an access token and returns its session, or `null` when the token is missing, forged, meant for
 * another app, expired, or its session has ended.
 *
 * Two steps: `verifyAccessToken` checks the signature (against the Plinto server's JWKS, cached in this
 * process: public keys, no user data), the issuer, the audience and the expiry; then `GET /auth/me` with the
 * token fetches the user and also refuses sessions that were signed out or revoked since the token was
 * issued (verification alone is stateless). `cache: 'no-store'`: one user's answer is never reused for
 * another request.
 *
 * Throws when the Plinto server cannot be reached: that is an outage (the error page), not a reason to
 * treat the user as signed out.
 */
export async function readSession(token: string): Promise<PlintoSession | null> {
  const { apiUrl, issuer, audience } = plintoEnv()
  let claims: AccessTokenClaims
  try {
    claims = await verifyAccessToken(token, { apiUrl, issuer, audience })
  } catch (error) {
    if (isPlintoError(error) && (error.code === 'UNAUTHORIZED' || error.code === 'TOKEN_EXPIRED')) return null
    throw error
  }
  const response = await fetch(`${apiUrl}/api/v1/auth/me`, {
    headers: { authorization: `Bearer ${token}` },
    cache: 'no-store',
  })
  if (response.status === 401) return null
  if (!response.ok) throw new Error(`The Plinto API answered GET /auth/me with ${response.status}`)
  return { claims, user: (await response.json()) as User }
}
