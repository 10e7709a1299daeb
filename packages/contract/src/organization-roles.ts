import type { OrganizationRole } from './organizations'

// The role order of CONTRACT.md § Organizations: owner > admin > member. A rank per role rather than a list
// search keeps an unknown role (a newer server's) at rank 0, below every known one: it satisfies nothing.
const RANK: Readonly<Record<OrganizationRole, number>> = { member: 1, admin: 2, owner: 3 }

/**
 * What {@link Has} checks: the least role the caller must hold in the active organization.
 *
 * @example
 * ```ts
 * const adminsOnly: AuthorizationCheck = { role: 'admin' } // admins and owners pass
 * ```
 */
export interface AuthorizationCheck {
  role: OrganizationRole
}

/**
 * Answers whether the holder of a role passes an {@link AuthorizationCheck}; made by {@link createHas}.
 *
 * @example
 * ```ts
 * const has: Has = createHas(claims.org_role)
 * if (!has({ role: 'admin' })) return new Response(null, { status: 403 })
 * ```
 */
export type Has = (check: AuthorizationCheck) => boolean

/**
 * True when `role` is `required` or above it in the order owner > admin > member; false for no role (no
 * active organization) and for a role this version does not know.
 *
 * @example
 * ```ts
 * roleAtLeast('owner', 'admin') // true
 * roleAtLeast('member', 'admin') // false
 * roleAtLeast(undefined, 'member') // false: no active organization
 * ```
 */
export function roleAtLeast(role: OrganizationRole | null | undefined, required: OrganizationRole): boolean {
  // An unknown `required` (a typo from JavaScript) must not turn into "anyone passes": it needs rank 4.
  return rank(role) >= (rank(required) || 4)
}

// Own keys only, so `'constructor'` or `'toString'` from untyped input is no role either.
const rank = (role: string | null | undefined): number =>
  role && Object.hasOwn(RANK, role) ? RANK[role as OrganizationRole] : 0

/**
 * Binds {@link roleAtLeast} to one role: the `has({ role })` of a request (the access token's `org_role`, from
 * `verifyAccessToken`) or of a client (the snapshot's `organizationRole`).
 *
 * @example
 * ```ts
 * const claims = await verifyAccessToken(token, { apiUrl, issuer: 'plinto', audience: 'plinto' })
 * const has = createHas(claims.org_role)
 * has({ role: 'member' }) // any member of the active organization
 * has({ role: 'admin' }) // admins and owners
 * ```
 */
export function createHas(role: OrganizationRole | null | undefined): Has {
  return (check) => roleAtLeast(role, check.role)
}
