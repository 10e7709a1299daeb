import type { Member } from '@plinto/contract'
import type { ServerContext } from '../../server-context'
import { errors } from '../../errors'
import type { MembershipRecord, OrganizationRecord, OrganizationRoleName } from '../../store/types'
import { assertChanged, assertMayChange } from './organization-roles'
import { toWireMember } from './organization-wire'

/** The members of an organization, longest-standing first. */
export async function listMembers(context: ServerContext, organization: OrganizationRecord): Promise<Member[]> {
  const members = []
  for (const membership of await context.store.memberships.listByOrganization(organization.id)) {
    const user = await context.store.users.get(membership.user_id)
    if (user) members.push(toWireMember(membership, user))
  }
  return members.sort((a, b) => a.joined_at.localeCompare(b.joined_at))
}

/** Gives a member another role, if `actor` may (see `assertMayChange`); 404 for someone who is no member. */
export async function changeMemberRole(
  context: ServerContext,
  organization: OrganizationRecord,
  actor: MembershipRecord,
  userId: string,
  role: OrganizationRoleName,
): Promise<Member> {
  const target = await context.store.memberships.get(organization.id, userId)
  if (!target) throw errors.notFound('Member not found')
  assertMayChange(actor, target, role)
  assertChanged(await context.store.memberships.setRole(organization.id, target.user_id, role))
  const user = await context.store.users.get(target.user_id)
  if (!user) throw errors.notFound('Member not found')
  return toWireMember({ ...target, role }, user)
}

/** Removes a member (or lets `actor` leave), if `actor` may; the last owner cannot go. */
export async function removeMember(
  context: ServerContext,
  organization: OrganizationRecord,
  actor: MembershipRecord,
  userId: string,
): Promise<void> {
  const target = await context.store.memberships.get(organization.id, userId)
  if (!target) throw errors.notFound('Member not found')
  assertMayChange(actor, target, null)
  assertChanged(await context.store.memberships.remove(organization.id, target.user_id))
}
