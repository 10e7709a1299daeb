import type { MiddlewareHandler } from 'hono'
import { loadMembership, requireRole } from '../domain/organizations/organization-roles'
import type { SignedInEnv } from '../env'
import type { MembershipRecord, OrganizationRecord, OrganizationRoleName } from '../store/types'

/** The environment of a route behind `requireMembership()`: the organization of `:id` and the caller's membership. */
export interface MemberEnv {
  Bindings: SignedInEnv['Bindings']
  Variables: SignedInEnv['Variables'] & { organization: OrganizationRecord; membership: MembershipRecord }
}

/**
 * For `/organizations/:id…` routes, after `requireSession()`: loads the organization, which the caller
 * must be a member of (404 otherwise, as if it did not exist), with at least the role `minimum` (403
 * `FORBIDDEN` otherwise). Sets `c.var.organization` and `c.var.membership`.
 */
export function requireMembership(minimum: OrganizationRoleName = 'member'): MiddlewareHandler<MemberEnv> {
  return async (c, next) => {
    const { organization, membership } = await loadMembership(c.var.server, c.req.param('id') ?? '', c.var.user.id)
    requireRole(membership, minimum)
    c.set('organization', organization)
    c.set('membership', membership)
    await next()
  }
}
