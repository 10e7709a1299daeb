import { isPlintoError, verifyAccessToken, type AccessTokenClaims } from '@plinto/typescript-sdk/server'
import type { ResolvedConfig } from './config'

/**
 * The claims of `token` when it is a genuine, unexpired access token for this app; `null` when it is missing,
 * forged, meant for another app or expired. Local: the signature is checked against the Plinto server's JWKS,
 * which `verifyAccessToken` fetches once per process (or edge isolate) and caches, refetching on an unknown
 * `kid` (key rotation). Throws when the JWKS cannot be had: an outage is not a reason to treat anyone as
 * signed out.
 */
export async function verifySessionToken(
  token: string | undefined,
  config: ResolvedConfig,
): Promise<AccessTokenClaims | null> {
  if (!token) return null
  try {
    return await verifyAccessToken(token, {
      apiUrl: config.apiUrl,
      issuer: config.issuer,
      audience: config.audience,
      // A few seconds of skew between this server and the issuer must not sign anyone out.
      clockTolerance: 5,
      ...(config.fetch ? { fetch: config.fetch } : {}),
    })
  } catch (error) {
    if (isPlintoError(error) && (error.code === 'UNAUTHORIZED' || error.code === 'TOKEN_EXPIRED')) return null
    throw error
  }
}
