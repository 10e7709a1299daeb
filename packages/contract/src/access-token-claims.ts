import type { OrganizationRole } from './organizations'

/**
 * The claims of a Plinto access token (CONTRACT.md § Access tokens, RFC 9068), as the reference server
 * signs them and `verifyAccessToken` returns them. `org_id` and `org_role` come together, and only while the
 * session has an active organization (chosen through the server, which checks membership and re-checks it at
 * every refresh). Any further claims a server adds are kept, typed `unknown`.
 *
 * @example
 * ```ts
 * const claims: AccessTokenClaims = await verifyAccessToken(token, { apiUrl, issuer: 'plinto', audience: 'plinto' })
 * const userId = claims.sub // 'usr_…'
 * const sessionId = claims.sid // 'sess_…'
 * if (claims.org_id) console.log(`acting for ${claims.org_id} as ${claims.org_role}`)
 * ```
 */
export interface AccessTokenClaims {
  /** Issuer: the Plinto server that signed the token. */
  iss: string
  /** Audience the token was issued for. Plinto servers send one string; the JWT format also allows a list. */
  aud: string | string[]
  /** Subject: the user's ID (`usr_…`). */
  sub: string
  /** The session the token belongs to (`sess_…`), as in `GET /sessions`. */
  sid: string
  /** Issued at, Unix seconds. */
  iat: number
  /** Expires at, Unix seconds. */
  exp: number
  /** Unique token ID, for audit logs or a deny-list. */
  jti: string
  /**
   * When the session last proved who it is (sign-in or re-authentication), Unix seconds. Optional for
   * servers that do not send it.
   */
  auth_time?: number
  /** The session's active organization (`org_…`); absent when none is active. Comes with `org_role`. */
  org_id?: string
  /** The user's role in `org_id`, as of when the token was issued; absent when no organization is active. */
  org_role?: OrganizationRole
  readonly [claim: string]: unknown
}

/** The claims a verifier must find in every Plinto access token. */
export const REQUIRED_ACCESS_TOKEN_CLAIMS = ['sub', 'sid', 'iat', 'exp', 'jti'] as const
