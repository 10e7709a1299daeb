/**
 * A member's role in an organization, as the access token's `org_role` claim carries it.
 *
 * @example
 * ```ts
 * const role: OrganizationRole = 'admin'
 * ```
 */
export type OrganizationRole = 'owner' | 'admin' | 'member'

// Higher ranks include the lower ones: an owner may do what an admin may, an admin what a member may.
const RANK: Record<OrganizationRole, number> = { member: 1, admin: 2, owner: 3 }

/** `role` when it is one of the contract's roles; `null` for anything else (a claim is untrusted data). */
export function organizationRole(role: unknown): OrganizationRole | null {
  return typeof role === 'string' && Object.hasOwn(RANK, role) ? (role as OrganizationRole) : null
}

/** True when `actual` is `required` or above it (owner > admin > member). */
export function roleAtLeast(actual: OrganizationRole | null, required: OrganizationRole): boolean {
  return actual !== null && RANK[actual] >= RANK[required]
}
