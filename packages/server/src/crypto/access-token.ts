import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose'
import { REQUIRED_ACCESS_TOKEN_CLAIMS, type AccessTokenClaims } from '@plinto/contract'
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
  input: { issuer: string; audience: string; userId: string; sessionId: string; nowMs: number; ttlSeconds: number },
): Promise<string> {
  const iat = Math.floor(input.nowMs / 1000)
  return new SignJWT({ sid: input.sessionId })
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
  const { iss, aud, sub, sid, iat, exp, jti } = payload
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
  return { iss, aud, sub, sid, iat, exp, jti }
}
