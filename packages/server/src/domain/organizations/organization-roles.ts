import { roleAtLeast } from '@plinto/contract'
import type { ServerContext } from '../../server-context'
import { ApiError, errors } from '../../errors'
import type { MembershipChange, MembershipRecord, OrganizationRecord, OrganizationRoleName } from '../../store/types'

/**
 * Loads an organization for a caller who must be a member. Anyone else gets 404, as if it did not exist:
 * non-members learn nothing about which organizations exist.
 */
export async function loadMembership(
  context: ServerContext,
  organizationId: string,
  userId: string,
): Promise<{ organization: OrganizationRecord; membership: MembershipRecord }> {
  const membership = await context.store.memberships.get(organizationId, userId)
  const organization = membership && (await context.store.organizations.get(organizationId))
  if (!membership || !organization) throw errors.notFound('Organization not found')
  return { organization, membership }
}

/** 403 `FORBIDDEN` unless the caller's role is at least `minimum`. */
export function requireRole(membership: MembershipRecord, minimum: OrganizationRoleName): void {
  // The contract's role order (owner > admin > member), the one tokens' `has({ role })` checks too.
  if (!roleAtLeast(membership.role, minimum)) {
    throw new ApiError(403, 'FORBIDDEN', `This needs the ${minimum} role in the organization`)
  }
}

/**
 * Who may give `target` the role `next` (or remove them, `next` null), per CONTRACT.md § Organizations:
 * members manage nothing; nobody raises their own role; only owners grant the owner role or change or
 * remove an owner. Leaving (removing oneself) is always allowed here; the last-owner rule is the store's.
 */
export function assertMayChange(
  actor: MembershipRecord,
  target: MembershipRecord,
  next: OrganizationRoleName | null,
): void {
  const self = actor.user_id === target.user_id
  if (self && next === null) return
  if (self && next !== null && !roleAtLeast(actor.role, next))
    throw new ApiError(403, 'FORBIDDEN', 'You cannot raise your own role')
  if (!self) requireRole(actor, 'admin')
  if (actor.role !== 'owner' && (target.role === 'owner' || next === 'owner')) {
    throw new ApiError(403, 'FORBIDDEN', 'Only an owner can grant, change or remove the owner role')
  }
}

/** Turns the store's verdict on a membership change into the contract's answer. */
export function assertChanged(result: MembershipChange): void {
  if (result === 'not_found') throw errors.notFound('Member not found')
  if (result === 'last_owner') {
    throw new ApiError(403, 'FORBIDDEN', 'An organization needs an owner: make another member an owner first')
  }
}
