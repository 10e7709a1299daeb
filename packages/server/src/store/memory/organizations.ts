// In-memory repositories of organizations: organizations, memberships and invitations.
import {
  UniqueConstraintError,
  type InvitationRepository,
  type MembershipChange,
  type MembershipRecord,
  type MembershipRepository,
  type OrganizationRecord,
  type OrganizationRepository,
} from '../types'
import {
  indexInvitation,
  indexMembership,
  indexOrganization,
  indexed,
  members,
  unindexInvitation,
  unindexMembership,
  unindexOrganization,
} from './indexes'
import type { MemoryContext } from './state'

const memberKey = (organizationId: string, userId: string) => `${organizationId}:${userId}`

export function memoryOrganizations({ state, indexes, copy, mutate }: MemoryContext): OrganizationRepository {
  const assertSlugUnique = (organization: OrganizationRecord) => {
    const other = indexes.organizationBySlug.get(organization.slug)
    if (other !== undefined && other !== organization.id) throw new UniqueConstraintError('slug')
  }

  // Replaces (or adds) an organization and its index entry; called only after assertSlugUnique passed.
  const store = (organization: OrganizationRecord) => {
    const previous = state.organizations[organization.id]
    if (previous) unindexOrganization(indexes, previous)
    state.organizations[organization.id] = organization
    indexOrganization(indexes, organization)
  }

  const deleteOrganization = (id: string) => {
    unindexOrganization(indexes, indexed(state.organizations, id))
    delete state.organizations[id]
    for (const key of members(indexes.membershipsByOrganization, id)) {
      unindexMembership(indexes, key, indexed(state.memberships, key))
      delete state.memberships[key]
    }
    for (const invitationId of members(indexes.invitationsByOrganization, id)) {
      unindexInvitation(indexes, indexed(state.invitations, invitationId))
      delete state.invitations[invitationId]
    }
  }

  const putMembership = (membership: MembershipRecord) => {
    const key = memberKey(membership.organization_id, membership.user_id)
    const previous = state.memberships[key]
    if (previous) unindexMembership(indexes, key, previous)
    state.memberships[key] = copy(membership)
    indexMembership(indexes, key, membership)
  }

  return {
    create: (organization, owner) =>
      mutate(() => {
        assertSlugUnique(organization)
        store(copy(organization))
        putMembership(owner)
      }),
    get: async (id) => copy(state.organizations[id]),
    getBySlug: async (slug) => {
      const id = indexes.organizationBySlug.get(slug)
      return id === undefined ? undefined : copy(state.organizations[id])
    },
    update: (id, patch) =>
      mutate(() => {
        const current = state.organizations[id]
        if (!current) return undefined
        const next = { ...current, ...copy(patch), id }
        assertSlugUnique(next)
        store(next)
        return copy(next)
      }),
    delete: (id) =>
      mutate(() => {
        if (!state.organizations[id]) return false
        deleteOrganization(id)
        return true
      }),
  }
}

export function memoryMemberships({ state, indexes, copy, mutate }: MemoryContext): MembershipRepository {
  const membershipsOf = (index: Map<string, Set<string>>, id: string) =>
    members(index, id).map((key) => indexed(state.memberships, key))
  const owners = (organizationId: string) =>
    membershipsOf(indexes.membershipsByOrganization, organizationId).filter((m) => m.role === 'owner').length

  // A change that would leave an organization without an owner is refused in the same step that makes it.
  const changeMembership = (
    organizationId: string,
    userId: string,
    next: MembershipRecord['role'] | null,
  ): MembershipChange => {
    const key = memberKey(organizationId, userId)
    const current = state.memberships[key]
    if (!current) return 'not_found'
    if (current.role === 'owner' && next !== 'owner' && owners(organizationId) === 1) return 'last_owner'
    if (next === null) {
      unindexMembership(indexes, key, current)
      delete state.memberships[key]
    } else current.role = next
    return 'ok'
  }

  return {
    add: (membership) =>
      mutate(() => {
        const key = memberKey(membership.organization_id, membership.user_id)
        if (state.memberships[key] || !state.organizations[membership.organization_id]) return false
        state.memberships[key] = copy(membership)
        indexMembership(indexes, key, membership)
        return true
      }),
    get: async (organizationId, userId) => copy(state.memberships[memberKey(organizationId, userId)]),
    listByOrganization: async (organizationId) =>
      copy(membershipsOf(indexes.membershipsByOrganization, organizationId)),
    listByUser: async (userId) => copy(membershipsOf(indexes.membershipsByUser, userId)),
    setRole: (organizationId, userId, role) => mutate(() => changeMembership(organizationId, userId, role)),
    remove: (organizationId, userId) => mutate(() => changeMembership(organizationId, userId, null)),
  }
}

export function memoryInvitations({ state, indexes, copy, mutate }: MemoryContext): InvitationRepository {
  const invitationsOf = (organizationId: string) =>
    members(indexes.invitationsByOrganization, organizationId).map((id) => indexed(state.invitations, id))

  return {
    create: (invitation) =>
      mutate(() => {
        for (const other of invitationsOf(invitation.organization_id)) {
          if (other.email_normalized === invitation.email_normalized && other.status === 'pending') {
            other.status = 'revoked'
            other.decided_at = invitation.created_at
          }
        }
        const previous = state.invitations[invitation.id]
        if (previous) unindexInvitation(indexes, previous)
        state.invitations[invitation.id] = copy(invitation)
        indexInvitation(indexes, invitation)
      }),
    get: async (id) => copy(state.invitations[id]),
    getByTokenHash: async (hash) => {
      const id = indexes.invitationByTokenHash.get(hash)
      return id === undefined ? undefined : copy(state.invitations[id])
    },
    listByOrganization: async (organizationId) => copy(invitationsOf(organizationId)),
    decide: (id, status, nowMs) =>
      mutate(() => {
        const invitation = state.invitations[id]
        if (invitation?.status !== 'pending' || invitation.expires_at <= nowMs) return false
        invitation.status = status
        invitation.decided_at = nowMs
        return true
      }),
  }
}
