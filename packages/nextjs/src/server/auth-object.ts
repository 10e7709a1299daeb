import type { OrganizationRole } from '@plinto/typescript-sdk'
import { type AccessTokenClaims, type AuthorizationCheck, createHas } from '@plinto/typescript-sdk/server'
import { notFound, redirect } from 'next/navigation'
import { signInLocation } from './return-path'

/**
 * Who is asking, from the request's verified session cookie: what `auth()` returns. Every field is `null` when
 * the request is signed out (no cookie, or a token that is forged, expired or meant for another app).
 *
 * @example
 * ```tsx
 * const { userId, orgRole, has } = await auth()
 * if (!userId) return <p>Signed out</p>
 * return <p>{has({ role: 'admin' }) ? 'You administer this organization' : `Your role: ${orgRole}`}</p>
 * ```
 */
export interface PlintoAuth {
  /** The user's ID (`sub`), or `null` when signed out. */
  userId: string | null
  /** The session's ID (`sid`). */
  sessionId: string | null
  /** The active organization (`org_id`), `null` when none is active. */
  orgId: string | null
  /** The user's role in the active organization (`org_role`). */
  orgRole: OrganizationRole | null
  /** Every verified claim of the access token. */
  claims: AccessTokenClaims | null
  /** True when signed in with at least `check.role` in the active organization (owner > admin > member). */
  has(check: AuthorizationCheck): boolean
  /**
   * The verified access token of this request, to call your own APIs or the Plinto API on the user's behalf;
   * `null` when signed out.
   */
  getToken(): Promise<string | null>
  /**
   * Ends the render unless the request is signed in (and has `check.role`, when given): a signed-out visitor
   * is redirected to the sign-in page with the path they asked for as `redirect_url`; a signed-in one without
   * the role gets `notFound()` (nothing about the page is revealed), or a redirect to `unauthorizedUrl`.
   * Returns the auth of a signed-in user. For pages, layouts and server actions; in route handlers prefer
   * answering 401/403 yourself (or let the gate answer API routes).
   */
  protect(check?: Partial<AuthorizationCheck> & { unauthorizedUrl?: string }): SignedInAuth
}

/**
 * {@link PlintoAuth} once `protect()` has passed: the user and session are known.
 *
 * @example
 * ```ts
 * const { userId }: SignedInAuth = (await auth()).protect()
 * ```
 */
export type SignedInAuth = PlintoAuth & { userId: string; sessionId: string; claims: AccessTokenClaims }

interface AuthContext {
  signInUrl: string
  /** The path the gate saw for this request (`RETURN_PATH_HEADER`), if the gate ran. */
  returnPath: string | null
}

/** The auth object of a request whose token (if any) was already verified into `claims`. */
export function authObject(token: string | null, claims: AccessTokenClaims | null, context: AuthContext): PlintoAuth {
  // `verifyAccessToken` refused any token whose org_id and org_role are not a pair, or whose role is unknown.
  const orgId = claims?.org_id ?? null
  const orgRole = claims?.org_role ?? null
  // The SDK's role order (owner > admin > member), the same `has` as the client's.
  const hasRole = createHas(orgRole)
  const auth: PlintoAuth = {
    userId: claims?.sub ?? null,
    sessionId: claims?.sid ?? null,
    orgId,
    orgRole,
    claims,
    has: (check) => claims !== null && hasRole(check),
    getToken: async () => (claims ? token : null),
    protect(check = {}) {
      if (!claims) redirect(signInLocation(context.signInUrl, context.returnPath))
      if (check.role && !hasRole({ role: check.role })) {
        if (check.unauthorizedUrl) redirect(check.unauthorizedUrl)
        notFound()
      }
      return auth as SignedInAuth
    },
  }
  return auth
}
