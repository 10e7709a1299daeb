import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose'
import { REQUIRED_ACCESS_TOKEN_CLAIMS, type AccessTokenClaims, type OrganizationRole } from '@plinto/contract'
import { errors } from '../errors'
import { randomId } from './random'
import type { KeyRing } from './signing-keys'

export type { AccessTokenClaims }

const TYP = 'at+jwt'

/**
 * Signs an access token: ES256, header `kid` and `typ: "at+jwt"` (RFC 9068).
 */
export async function signAccessToken(
  ring: KeyRing,
  input: {
    issuer: string
    audience: string
    userId: string
    sessionId: string
    nowMs: number
    ttlSeconds: number
    /** When the session last proved who it is (`auth_time`), Unix milliseconds. */
    authTimeMs: number
    /** The session's active organization and the user's role in it (`org_id`, `org_role`); none when absent. */
    organization?: { id: string; role: OrganizationRole } | undefined
  },
): Promise<string> {
  const iat = Math.floor(input.nowMs / 1000)
  const organization = input.organization ? { org_id: input.organization.id, org_role: input.organization.role } : {}
  return new SignJWT({ sid: input.sessionId, auth_time: Math.floor(input.authTimeMs / 1000), ...organization })
    .setProtectedHeader({ alg: 'ES256', kid: ring.signingKid, typ: TYP })
    .setIssuer(input.issuer)
    .setAudience(input.audience)
    .setSubject(input.userId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + input.ttlSeconds)
    .setJti(randomId('at'))
    .sign(ring.signingKey)
}

/**
 * Verifies an access token: signature by a key of the ring (looked up by `kid`), algorithm pinned to ES256
 * (so `alg: none` and HS256-with-the-public-key tricks fail), `typ`, `iss`, `aud`, `exp` against the
 * injected clock. Throws `TOKEN_EXPIRED` when the token is otherwise valid but expired, `UNAUTHORIZED`
 * for anything else. With `allowExpired` an expired-but-genuine token is accepted (sign-out uses it, so
 * a user can always end their session).
 */
export async function verifyAccessToken(
  ring: KeyRing,
  token: string,
  options: { issuer: string; audience: string; nowMs: number; allowExpired?: boolean },
): Promise<AccessTokenClaims> {
  let payload: JWTPayload
  try {
    const result = await jwtVerify(
      token,
      (header) => {
        const key = header.kid === undefined ? undefined : ring.verificationKeys.get(header.kid)
        if (!key) throw new joseErrors.JWKSNoMatchingKey()
        return key
      },
      {
        algorithms: ['ES256'],
        typ: TYP,
        issuer: options.issuer,
        audience: options.audience,
        currentDate: new Date(options.nowMs),
        requiredClaims: [...REQUIRED_ACCESS_TOKEN_CLAIMS],
      },
    )
    payload = result.payload
  } catch (error) {
    // jose checks the signature first and `exp` last, so JWTExpired means "genuine, only expired".
    if (error instanceof joseErrors.JWTExpired) {
      if (!options.allowExpired) throw errors.tokenExpired()
      payload = error.payload
    } else {
      throw errors.unauthorized('Invalid access token')
    }
  }
  const { iss, aud, sub, sid, iat, exp, jti, auth_time, org_id, org_role } = payload
  if (
    typeof iss !== 'string' ||
    typeof aud !== 'string' ||
    typeof sub !== 'string' ||
    typeof sid !== 'string' ||
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    typeof jti !== 'string'
  ) {
    throw errors.unauthorized('Invalid access token')
  }
  // Only this server's signature gets here, so the optional claims are its own; still typed, not trusted blindly.
  const claims: AccessTokenClaims = { iss, aud, sub, sid, iat, exp, jti }
  if (typeof auth_time === 'number') claims.auth_time = auth_time
  if (typeof org_id === 'string' && typeof org_role === 'string') {
    claims.org_id = org_id
    claims.org_role = org_role as OrganizationRole
  }
  return claims
}
