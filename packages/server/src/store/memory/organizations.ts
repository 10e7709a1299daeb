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
import type { MemoryContext } from './state'

const memberKey = (organizationId: string, userId: string) => `${organizationId}:${userId}`

export function memoryOrganizations({ state, copy, mutate }: MemoryContext): OrganizationRepository {
  const assertSlugUnique = (organization: OrganizationRecord) => {
    for (const other of Object.values(state.organizations)) {
      if (other.id !== organization.id && other.slug === organization.slug) throw new UniqueConstraintError('slug')
    }
  }

  const deleteOrganization = (id: string) => {
    delete state.organizations[id]
    for (const [key, membership] of Object.entries(state.memberships)) {
      if (membership.organization_id === id) delete state.memberships[key]
    }
    for (const [key, invitation] of Object.entries(state.invitations)) {
      if (invitation.organization_id === id) delete state.invitations[key]
    }
  }

  return {
    create: (organization, owner) =>
      mutate(() => {
        assertSlugUnique(organization)
        state.organizations[organization.id] = copy(organization)
        state.memberships[memberKey(organization.id, owner.user_id)] = copy(owner)
      }),
    get: async (id) => copy(state.organizations[id]),
    getBySlug: async (slug) => copy(Object.values(state.organizations).find((o) => o.slug === slug)),
    update: (id, patch) =>
      mutate(() => {
        const current = state.organizations[id]
        if (!current) return undefined
        const next = { ...current, ...copy(patch), id }
        assertSlugUnique(next)
        state.organizations[id] = next
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

export function memoryMemberships({ state, copy, mutate }: MemoryContext): MembershipRepository {
  const owners = (organizationId: string) =>
    Object.values(state.memberships).filter((m) => m.organization_id === organizationId && m.role === 'owner').length

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
    if (next === null) delete state.memberships[key]
    else current.role = next
    return 'ok'
  }

  return {
    add: (membership) =>
      mutate(() => {
        const key = memberKey(membership.organization_id, membership.user_id)
        if (state.memberships[key] || !state.organizations[membership.organization_id]) return false
        state.memberships[key] = copy(membership)
        return true
      }),
    get: async (organizationId, userId) => copy(state.memberships[memberKey(organizationId, userId)]),
    listByOrganization: async (organizationId) =>
      copy(Object.values(state.memberships).filter((m) => m.organization_id === organizationId)),
    listByUser: async (userId) => copy(Object.values(state.memberships).filter((m) => m.user_id === userId)),
    setRole: (organizationId, userId, role) => mutate(() => changeMembership(organizationId, userId, role)),
    remove: (organizationId, userId) => mutate(() => changeMembership(organizationId, userId, null)),
  }
}

export function memoryInvitations({ state, copy, mutate }: MemoryContext): InvitationRepository {
  return {
    create: (invitation) =>
      mutate(() => {
        for (const other of Object.values(state.invitations)) {
          if (
            other.organization_id === invitation.organization_id &&
            other.email_normalized === invitation.email_normalized &&
            other.status === 'pending'
          ) {
            other.status = 'revoked'
            other.decided_at = invitation.created_at
          }
        }
        state.invitations[invitation.id] = copy(invitation)
      }),
    get: async (id) => copy(state.invitations[id]),
    getByTokenHash: async (hash) => copy(Object.values(state.invitations).find((i) => i.token_hash === hash)),
    listByOrganization: async (organizationId) =>
      copy(Object.values(state.invitations).filter((i) => i.organization_id === organizationId)),
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
